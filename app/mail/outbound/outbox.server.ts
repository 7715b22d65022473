import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { newRowId, prismaSql, type Db } from "../../db.server";
import { getConfig } from "../../config.server";
import { log, errorCode } from "../../logging/logger.server";
import { renderSendTimeLinks, type LinkSpec, type RenderedLinks } from "./send-time-links.server";

/**
 * Every outgoing email goes through the OutboxMail table first (docs/decisions/005-outbox.md):
 * a send that fails is retried with backoff and never lost, and a job that runs twice
 * cannot send twice, because the same dedupeKey always yields the same Message-ID,
 * which is unique in the table.
 */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  ticketId?: string;
  /** Same key, same mail: enqueueing again is a no-op. */
  dedupeKey?: string;
  inReplyTo?: string;
  references?: string[];
  /** A Message-ID chosen beforehand (so the ticket message can record it); else derived. */
  messageId?: string;
  /** The links whose placeholders the text holds, made at send time (send-time-links.server.ts). */
  links?: LinkSpec[];
};

export const OUTBOX_HEADER = "X-Minidesk-Id";

export function mailDomain(): string {
  const from = getConfig().MAIL_FROM;
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return (m?.[1] ?? "minidesk.localhost").toLowerCase();
}

/**
 * Staff notifications' Message-IDs start with this (`<md.notify.…@domain>`): an answer to one
 * carries it in In-Reply-To/References, and the intake drops it (docs/decisions/019).
 */
export const NOTIFICATION_ID_PREFIX = "md.notify.";
export const NOTIFICATION_HEADER = "X-Minidesk-Notification";

/** A Message-ID for a mail we send; deterministic when a dedupe key is given. */
export function newMessageId(dedupeKey?: string): string {
  const local = dedupeKey
    ? crypto.createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32)
    : crypto.randomBytes(16).toString("hex");
  return `<md.${local}@${mailDomain()}>`;
}

/**
 * Takes the client or a transaction: mail enqueued inside a transaction commits with it.
 * ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) makes a second enqueue of the same
 * Message-ID a no-op even when two processes race: catching the unique-key error instead would,
 * on PostgreSQL, abort the caller's transaction.
 */
export async function enqueueMail(db: Pick<Db, "outboxMail" | "$executeRaw">, mail: OutgoingMail) {
  const mailMessageId = mail.messageId ?? newMessageId(mail.dedupeKey);
  const now = new Date();
  await db.$executeRaw(prismaSql().sql`
    INSERT INTO "OutboxMail" ("id", "ticketId", "toAddress", "subject", "textBody", "htmlBody", "mailMessageId",
      "inReplyTo", "references", "links", "nextAttemptAt", "createdAt")
    VALUES (${newRowId()}, ${mail.ticketId ?? null}, ${mail.to}, ${mail.subject.replace(/[\r\n]+/g, " ").slice(0, 300)},
      ${mail.text}, ${mail.html ?? null}, ${mailMessageId}, ${mail.inReplyTo ?? null}, ${mail.references?.join(" ") ?? null},
      ${mail.links?.length ? JSON.stringify(mail.links) : null}, ${now}, ${now})
    ON CONFLICT ("mailMessageId") DO NOTHING`);
  return db.outboxMail.findUniqueOrThrow({ where: { mailMessageId } });
}

let transport: Transporter | undefined;
let transportUrl: string | undefined;

function getTransport(): Transporter | undefined {
  const url = getConfig().SMTP_URL;
  if (!url) return undefined;
  if (!transport || transportUrl !== url) {
    transport = nodemailer.createTransport(url);
    transportUrl = url;
  }
  return transport;
}

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 12;

function backoffMs(attempts: number) {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/**
 * The sends this process has claimed and not yet finished (rendered, handed to SMTP or written
 * to the outbox folder, and marked), whoever started them: a kickOutbox run, the worker loop, a
 * script. A claimed mail is invisible to every other deliverOutbox call until its lease runs out,
 * so without this a call could return while a mail that was due when it started was still
 * half-sent by a sibling in the same process (docs/decisions/019-deployment-events.md).
 */
const inFlight = new Map<string, Promise<unknown>>();

/** Resolves when every send this process had claimed when it was called has ended. */
export async function outboxSendsSettled(): Promise<void> {
  await Promise.allSettled([...inFlight.values()]);
}

/**
 * Sends (or writes to the outbox folder) every due mail. Safe to run in several processes.
 * When it returns, every mail that was due is delivered, failed this attempt, or leased by
 * another process: a send in this process that another caller had claimed is waited for.
 */
export async function deliverOutbox(db: Db, now = new Date(), limit = 50): Promise<{ sent: number; failed: number }> {
  const counts = await deliverDue(db, now, limit);
  await outboxSendsSettled();
  return counts;
}

async function deliverDue(db: Db, now: Date, limit: number): Promise<{ sent: number; failed: number }> {
  const due = await db.outboxMail.findMany({
    where: { status: { in: ["QUEUED", "SENDING"] }, nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  let sent = 0;
  let failed = 0;
  for (const mail of due) {
    // Claim with a lease: only the process whose update matched sends it.
    const claimed = await db.outboxMail.updateMany({
      where: { id: mail.id, status: mail.status, nextAttemptAt: mail.nextAttemptAt },
      data: { status: "SENDING", nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    const attempt = sendClaimed(db, mail, now);
    inFlight.set(mail.id, attempt);
    try {
      if (await attempt) sent++;
      else failed++;
    } finally {
      inFlight.delete(mail.id);
    }
  }
  return { sent, failed };
}

type OutboxRow = Awaited<ReturnType<Db["outboxMail"]["findFirstOrThrow"]>>;

/** One claimed mail: true when it went out, false when this attempt failed (and is rescheduled). */
async function sendClaimed(db: Db, mail: OutboxRow, now: Date): Promise<boolean> {
  let rendered: RenderedLinks | undefined;
  try {
    rendered = await renderSendTimeLinks(db, mail);
    await sendOne(mail, rendered);
    await db.outboxMail.update({ where: { id: mail.id }, data: { status: "SENT", sentAt: new Date(), lastError: null } });
    return true;
  } catch (err) {
    // Nobody received this attempt's links: they must not open anything later.
    if (rendered?.tokenHashes.length) await db.accessToken.deleteMany({ where: { tokenHash: { in: rendered.tokenHashes } } }).catch(() => {});
    const attempts = mail.attempts + 1;
    await db.outboxMail.update({
      where: { id: mail.id },
      data: {
        status: attempts >= MAX_ATTEMPTS ? "FAILED" : "QUEUED",
        nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        lastError: errorCode(err),
      },
    });
    log.warn("mail.send_failed", { code: errorCode(err), count: attempts });
    return false;
  }
}

function toNodemailer(mail: OutboxRow, rendered: RenderedLinks) {
  return {
    from: getConfig().MAIL_FROM,
    to: mail.toAddress,
    subject: mail.subject,
    text: rendered.text,
    html: rendered.html ?? undefined,
    messageId: mail.mailMessageId,
    inReplyTo: mail.inReplyTo ?? undefined,
    references: mail.references ?? undefined,
    headers: {
      [OUTBOX_HEADER]: mail.id,
      // Told apart from mail to clients by filters and by people: a note to staff, not a conversation.
      ...(mail.mailMessageId.startsWith(`<${NOTIFICATION_ID_PREFIX}`) ? { [NOTIFICATION_HEADER]: "staff" } : {}),
      // RFC 3834: tells well-behaved autoresponders not to answer notifications.
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "All",
      // RFC 2369 and RFC 8058: mail clients offer "unsubscribe", and may do it in one POST.
      ...(rendered.listUnsubscribe
        ? { "List-Unsubscribe": `<${rendered.listUnsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
        : {}),
    },
  };
}

async function sendOne(mail: OutboxRow, rendered: RenderedLinks) {
  const t = getTransport();
  if (t) {
    await t.sendMail(toNodemailer(mail, rendered));
    return;
  }
  // No SMTP configured: write the message as a file so a new install shows everything working.
  // The file is the delivery, so it holds the working links, as a delivered mail would; the
  // OutboxMail row still holds only placeholders. Installations with real clients set SMTP_URL.
  const dir = getConfig().OUTBOX_DIR;
  fs.mkdirSync(dir, { recursive: true });
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = await stream.sendMail(toNodemailer(mail, rendered));
  const file = path.join(dir, `${mail.createdAt.toISOString().replace(/[:.]/g, "-")}-${mail.id}.eml`);
  fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
}

/** Starts delivery soon, without making the caller wait for SMTP. */
export function kickOutbox(db: Db) {
  // Coalesced: a burst of inbound mail kicks hundreds of times a second, and parallel runs
  // would only race for the same rows. One run at a time, plus one more if kicked meanwhile.
  if (kick.running) {
    kick.again = true;
    return;
  }
  kick.running = new Promise<void>((resolve) => {
    setImmediate(async () => {
      try {
        do {
          kick.again = false;
          await deliverOutbox(db);
        } while (kick.again);
      } catch (err) {
        log.error("mail.deliver_failed", { code: errorCode(err) });
      } finally {
        kick.running = null;
        resolve();
      }
    });
  });
}
const kick: { running: Promise<void> | null; again: boolean } = { running: null, again: false };

/** Resolves when a delivery started by kickOutbox has ended: shutdown waits for it before closing the database. */
export async function outboxKickSettled(): Promise<void> {
  while (kick.running) await kick.running;
}
