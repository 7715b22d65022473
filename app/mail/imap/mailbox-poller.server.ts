import os from "node:os";
import crypto from "node:crypto";
import { ImapFlow } from "imapflow";
import type { Mailbox } from "@prisma/client";
import type { Db } from "../../db.server";
import { getConfig, type Config } from "../../config.server";
import { errorCode, log } from "../../logging/logger.server";
import { credentialsFor } from "./mailboxes.server";
import { forgetAccessToken } from "./oauth/oauth-client.server";
import { releaseMailboxLease, takeMailboxLease } from "./mailbox-lease.server";
import { retryDelayMs } from "./retry-delay";
import { takeNewMail } from "./take-new-mail.server";

/**
 * Reads one mailbox for as long as this instance holds its lease: connect, take what is new,
 * then wait in IDLE (ImapFlow idles by itself between commands) for the server to announce new
 * mail, with a poll every IMAP_POLL_MS as the fallback for servers without IDLE and as a safety
 * net. Any failure (server down, wrong password, a mail that could not be stored) is recorded
 * as a status code on the row, and the next try waits with back-off; the mail stays on the
 * server until it is stored, so nothing is lost.
 */
export class LeaseLostError extends Error {
  code = "LEASE_LOST";
}

export type PollerHooks = {
  /** Called after each message is recorded; tests use it to stop a process mid-batch. */
  onMessage?: () => Promise<void>;
};

export class MailboxPoller {
  private readonly stopController = new AbortController();
  private running: Promise<void> | undefined;
  /** The loop has ended (mailbox disabled or deleted): a new poller must be made to read it again. */
  finished = false;

  constructor(
    private readonly db: Db,
    readonly mailboxId: string,
    private readonly owner: string,
    private readonly hooks: PollerHooks = {},
  ) {}

  start(): void {
    this.running ??= this.loop()
      .catch((err) => log.error("imap.poller_crashed", { code: errorCode(err) }))
      .finally(() => {
        this.finished = true;
      });
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.running;
  }

  private get stopped() {
    return this.stopController.signal.aborted;
  }

  private async loop(): Promise<void> {
    const config = getConfig();
    try {
      while (!this.stopped) {
        const mailbox = await this.db.mailbox.findUnique({ where: { id: this.mailboxId } });
        if (!mailbox || !mailbox.enabled) return;
        const now = new Date();
        const waitMs = mailbox.nextAttemptAt ? mailbox.nextAttemptAt.getTime() - now.getTime() : 0;
        if (waitMs > 0) {
          await this.sleep(Math.min(waitMs, config.IMAP_LEASE_MS / 2));
          continue;
        }
        if (!(await takeMailboxLease(this.db, mailbox.id, this.owner, now, config.IMAP_LEASE_MS))) {
          await this.sleep(config.IMAP_LEASE_MS / 2);
          continue;
        }
        try {
          await this.serve(mailbox, config);
        } catch (err) {
          if (this.stopped || err instanceof LeaseLostError) continue;
          await this.recordFailure(mailbox, err, config);
        }
      }
    } finally {
      await releaseMailboxLease(this.db, this.mailboxId, this.owner).catch(() => {});
    }
  }

  /** One connection, served until it fails, the settings change, the lease is lost or we stop. */
  private async serve(mailbox: Mailbox, config: Config): Promise<void> {
    const { auth, validUntil } = await credentialsFor(this.db, mailbox, config);
    const client = new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.tls,
      auth,
      logger: false,
      connectionTimeout: 15_000,
      greetingTimeout: 10_000,
      // IDLE as soon as a pass is done, and restarted now and then: some servers drop an IDLE
      // left alone for 30 minutes.
      autoIdleDelay: 100,
      maxIdleTime: 25 * 60_000,
    });
    // Errors also surface through the command in progress; without a listener one would crash us.
    client.on("error", () => {});
    // New mail may be announced while a pass is still fetching (the folder is locked, so no IDLE):
    // the announcement is remembered from the moment we connect, so that the wait after the pass
    // ends at once instead of sleeping through it until the next poll.
    const announced = { since: 0, at: 0 };
    client.on("exists", () => {
      announced.at = Date.now();
    });
    const settings = settingsKey(mailbox);
    try {
      await client.connect();
    } catch (err) {
      // A token refused before its time (revoked, or the clock disagrees): the next try gets a new one.
      if (mailbox.authMethod === "OAUTH2") forgetAccessToken(mailbox.id);
      throw err;
    }
    try {
      while (!this.stopped) {
        // The folder is locked only while we work in it: ImapFlow goes into IDLE only when no
        // lock is held, and IDLE is what tells us of new mail at once.
        const lock = await client.getMailboxLock(mailbox.folder);
        announced.since = Date.now();
        let result: Awaited<ReturnType<typeof takeNewMail>>;
        try {
          result = await takeNewMail(client, this.db, mailbox, {
            maxBytes: config.MAX_MAIL_BYTES,
            onMessage: async () => {
              await this.renewLease(config);
              await this.hooks.onMessage?.();
            },
          });
        } finally {
          lock.release();
        }
        await this.db.mailbox.update({
          where: { id: mailbox.id },
          data: { status: "OK", failures: 0, lastErrorCode: null, nextAttemptAt: null, lastCheckedAt: new Date() },
        });
        mailbox.failures = 0;
        if (result.ingested + result.skipped > 0) log.info("imap.batch", { code: "IMAP", count: result.ingested + result.skipped });
        if (!result.more && announced.at < announced.since) await this.waitForMail(client, config);
        await this.renewLease(config);
        const current = await this.db.mailbox.findUnique({ where: { id: mailbox.id } });
        // Disabled, deleted or edited on the admin page: stop, or reconnect with the new settings.
        if (!current || !current.enabled || settingsKey(current) !== settings) return;
        if (!client.usable) throw Object.assign(new Error("Connection closed"), { code: "CONNECTION_CLOSED" });
        // The session outlives its access token on most servers, but not on all: sign in again
        // with a new one before it runs out.
        if (validUntil !== undefined && Date.now() > validUntil - TOKEN_MARGIN_MS) return;
      }
    } finally {
      // LOGOUT politely, but a server that does not answer must not hold up a stop.
      const loggedOut = client.logout().then(() => true, () => false);
      if (!(await Promise.race([loggedOut, new Promise<boolean>((r) => setTimeout(() => r(false), 3_000).unref())]))) client.close();
    }
  }

  private async renewLease(config: Config): Promise<void> {
    if (!(await takeMailboxLease(this.db, this.mailboxId, this.owner, new Date(), config.IMAP_LEASE_MS))) throw new LeaseLostError();
  }

  private async recordFailure(mailbox: Mailbox, err: unknown, config: Config): Promise<void> {
    const code = failureCode(err);
    const failures = mailbox.failures + 1;
    const delay = retryDelayMs(failures, config.IMAP_RETRY_MS, config.IMAP_RETRY_MAX_MS);
    log.warn("imap.failed", { code, count: failures });
    // Only while we hold the lease: a stale instance must not overwrite a newer outcome.
    await this.db.mailbox.updateMany({
      where: { id: mailbox.id, leaseOwner: this.owner },
      data: {
        status: AUTH_CODES.has(code) ? "AUTH_FAILED" : "RETRYING",
        lastErrorCode: code,
        failures,
        lastCheckedAt: new Date(),
        nextAttemptAt: new Date(Date.now() + delay),
      },
    });
  }

  /**
   * Resolves when the server announces new mail, the connection closes, the poll time passes or
   * we stop; renews the lease meanwhile and rejects with LeaseLostError if another instance has it.
   */
  private waitForMail(client: ImapFlow, config: Config): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (err?: Error) => {
        clearTimeout(timer);
        clearInterval(renewal);
        client.off("exists", done);
        client.off("close", done);
        this.stopController.signal.removeEventListener("abort", done);
        if (err) reject(err);
        else resolve();
      };
      const done = () => finish();
      const timer = setTimeout(done, config.IMAP_POLL_MS);
      const renewal = setInterval(() => this.renewLease(config).catch((err: Error) => finish(err)), config.IMAP_LEASE_MS / 3);
      client.on("exists", done);
      client.on("close", done);
      this.stopController.signal.addEventListener("abort", done);
      if (this.stopped || !client.usable) done();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.stopController.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
      if (signal.aborted) done();
    });
  }
}

function settingsKey(m: Mailbox): string {
  return JSON.stringify([m.host, m.port, m.tls, m.username, m.authMethod, m.secretSealed, m.folder, m.afterIngest, m.processedFolder]);
}

/** A code for the admin page and the log: never the server's text, which may quote an address. */
/** Failures that only a person can fix (a password, a revoked consent): shown as "sign-in refused". */
const AUTH_CODES = new Set(["AUTH_FAILED", "OAUTH_RECONNECT", "OAUTH_NOT_CONNECTED"]);
const TOKEN_MARGIN_MS = 30_000;

export function failureCode(err: unknown): string {
  if (err && typeof err === "object") {
    if ("code" in err && typeof err.code === "string" && err.code.startsWith("OAUTH_")) return err.code;
    if ("authenticationFailed" in err && err.authenticationFailed) return "AUTH_FAILED";
    if ("serverResponseCode" in err && typeof err.serverResponseCode === "string") return `IMAP_${err.serverResponseCode}`;
  }
  return errorCode(err);
}

export function pollerOwnerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
}
