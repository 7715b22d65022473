/**
 * IMAP ingest throughput beside the SMTP path, in one run on one fresh database: N text mails
 * put into a real Dovecot mailbox on 127.0.0.1 (Debian's dovecot-imapd), then read by the
 * mailbox poller (fetch → ingest → move to Processed → record the UID), against the same N
 * mails sent to the SMTP listener over one connection.
 * Run: npm run bench:imap [-- --messages 300]. Prints figures only; nothing is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";

const i = process.argv.indexOf("--messages");
const MESSAGES = i >= 0 && Number(process.argv[i + 1]) > 0 ? Number(process.argv[i + 1]) : 300;
const SUPPORT = "podpora@bench.minidesk.localhost";
const PASSWORD = "bench-imap-password";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-bench-imap-"));
Object.assign(process.env, {
  DATA_DIR: dir,
  DATABASE_URL: `file:${path.join(dir, "minidesk.db")}`,
  SUPPORT_ADDRESSES: SUPPORT,
  MAIL_FROM: `Minidesk <${SUPPORT}>`,
  SMTP_LISTEN_HOST: "127.0.0.1",
  SMTP_LISTEN_PORT: "0",
  WORKER: "false",
  IMAP_POLL: "false",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
  ENCRYPTION_KEY: "0".repeat(63) + "1",
  TICKETS_PER_HOUR: "100000",
});

const { getDb, disconnectDb } = await import("../app/db.server");
const { migrateDatabase } = await import("../app/db-migrate.server");
const { ensureDefaults } = await import("../app/setup/bootstrap.server");
const { startSmtpListener } = await import("../app/mail/inbound/smtp-listener.server");
const { saveMailbox } = await import("../app/mail/imap/mailboxes.server");
const { startMailboxPollers } = await import("../app/mail/imap/mailbox-pollers.server");
const { outboxKickSettled } = await import("../app/mail/outbound/outbox.server");
const { startDovecot, removeDovecot } = await import("../tests/setup/dovecot");

await migrateDatabase(process.env.DATABASE_URL!);
const db = getDb();
await ensureDefaults(db);

const mail = (via: string, n: number) =>
  [
    `From: Stranka ${n} <stranka.${via}.${n}@example.com>`,
    `To: ${SUPPORT}`,
    `Subject: ${via} bench ${n}: spletna stran se ne odpre`,
    `Message-ID: <${via}.${n}.${Date.now()}@bench.example.com>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Pozdravljeni, od jutra se stran ne odpre. Tel. 041 123 456. Lp, Mateja",
    "",
  ].join("\r\n");

const waitForTickets = async (prefix: string, count: number) => {
  while ((await db.ticket.count({ where: { subject: { startsWith: prefix } } })) < count) await new Promise((r) => setTimeout(r, 20));
};

// SMTP: one connection, one mail after the other, each answered only once stored.
const smtp = await startSmtpListener({ port: 0 });
const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 });
let started = performance.now();
for (let n = 0; n < MESSAGES; n++) await transport.sendMail({ envelope: { from: `stranka@example.com`, to: [SUPPORT] }, raw: mail("smtp", n) });
const smtpSeconds = (performance.now() - started) / 1000;
transport.close();
await smtp.stop();

// IMAP: the mails wait in the mailbox; the poller takes them all.
const dovecot = await startDovecot({ [SUPPORT]: PASSWORD });
const client = await dovecot.connect(SUPPORT, PASSWORD);
for (let n = 0; n < MESSAGES; n++) await client.append("INBOX", Buffer.from(mail("imap", n)));
await client.logout();
await saveMailbox(db, null, {
  name: "bench", host: "127.0.0.1", port: dovecot.port, tls: false, username: SUPPORT, authMethod: "PASSWORD",
  secret: PASSWORD, folder: "INBOX", afterIngest: "MOVE", processedFolder: "Processed", enabled: true,
});
started = performance.now();
const pollers = await startMailboxPollers(db);
await waitForTickets("imap bench", MESSAGES);
const imapSeconds = (performance.now() - started) / 1000;
await pollers.stop();
await outboxKickSettled();
await removeDovecot(dovecot);
await disconnectDb();
fs.rmSync(dir, { recursive: true, force: true });

console.log(`smtp: ${(MESSAGES / smtpSeconds).toFixed(1)} messages/s (${MESSAGES} mails, one connection, ${smtpSeconds.toFixed(1)} s)`);
console.log(`imap: ${(MESSAGES / imapSeconds).toFixed(1)} messages/s (${MESSAGES} mails read from Dovecot and moved to Processed, ${imapSeconds.toFixed(1)} s)`);
