import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { getConfig } from "../../config.server";
import { getDb } from "../../db.server";
import { errorCode, log } from "../../logging/logger.server";
import { ingestMail } from "./ingest-mail.server";

// The built-in inbound listener: mail for the support addresses, straight into ingestMail.
// It is a final destination (like an MX), not a relay: it has no AUTH, refuses every other
// recipient at RCPT, and says 250 only once the mail is committed. Any failure after DATA is
// a 451, so the sending server keeps the mail and retries (RFC 5321 4.2.5).

// SQLite takes one writer at a time; more parallel ingestions only queue on its lock, and each
// holds a parsed message in memory. Connections beyond this wait for a slot, not fail.
const MAX_PARALLEL_INGESTIONS = 8;
const MAX_CONNECTIONS = 50;

export type SmtpListener = { port: number; stop: () => Promise<void> };

class SmtpReplyError extends Error {
  constructor(
    public readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startSmtpListener(
  opts: { host?: string; port?: number } = {},
): Promise<SmtpListener> {
  const config = getConfig();
  const tls = config.SMTP_TLS_KEY && config.SMTP_TLS_CERT
    ? { key: fs.readFileSync(config.SMTP_TLS_KEY), cert: fs.readFileSync(config.SMTP_TLS_CERT) }
    : null;
  const slots = semaphore(MAX_PARALLEL_INGESTIONS);

  const server = new SMTPServer({
    name: new URL(config.PUBLIC_URL).hostname,
    banner: "Minidesk",
    size: config.MAX_MAIL_BYTES,
    authOptional: true,
    // No accounts to log in to: this listener only accepts mail addressed to us.
    disabledCommands: tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(tls ?? {}),
    maxClients: MAX_CONNECTIONS,
    logger: false,
    // Client IPs and HELO names are not stored or logged (data minimisation).
    disableReverseLookup: true,

    onRcptTo(address, _session, callback) {
      const to = address.address.trim().toLowerCase();
      if (getConfig().supportAddresses.includes(to)) return callback();
      callback(new SmtpReplyError(550, "5.1.1 No such mailbox here"));
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let answered = false;
      const answer: typeof callback = (err, message) => {
        if (answered) return;
        answered = true;
        callback(err, message);
      };
      stream.on("data", (chunk: Buffer) => {
        // Past the limit we only drain: the answer will be 552 and nothing is kept.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("error", () => answer(new SmtpReplyError(451, "4.3.0 Temporary failure, please retry")));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          answer(new SmtpReplyError(552, `5.3.4 Message exceeds the maximum size of ${config.MAX_MAIL_BYTES} bytes`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        slots
          .run(() => ingestMail(getDb(), raw, { receivedVia: "SMTP", envelopeTo }))
          .then((result) => answer(null, `2.0.0 ${result.outcome}${result.reference ? ` ${result.reference}` : ""}`))
          .catch((err: unknown) => {
            log.error("smtp.ingest_failed", { code: errorCode(err) });
            answer(new SmtpReplyError(451, "4.3.0 Temporary failure, please retry"));
          });
      });
    },
  });
  server.on("error", (err) => log.error("smtp.error", { code: errorCode(err) }));

  const host = opts.host ?? config.SMTP_LISTEN_HOST;
  const port = opts.port ?? config.SMTP_LISTEN_PORT;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once("error", onError);
    server.listen(port, host, () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const bound = (server.server.address() as AddressInfo).port;
  log.info("smtp.listening", { port: bound });
  return {
    port: bound,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function semaphore(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      // A finishing task hands its slot straight to the next waiter, so none can jump the queue.
      if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}
