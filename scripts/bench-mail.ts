/**
 * Inbound mail throughput, end to end: nodemailer → SMTP listener on 127.0.0.1 → parse,
 * loop guard, threading, redaction → SQLite (a fresh temporary database) → 250.
 * Run: npm run bench:mail [-- --messages 300 --connections 4 --screenshots 5]
 * Target: ≥ 50 text messages/s. Prints figures only; nothing is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import nodemailer, { type SendMailOptions } from "nodemailer";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
const MESSAGES = flag("messages", 300);
const CONNECTIONS = flag("connections", 4);
const SCREENSHOTS = flag("screenshots", 5);
const SUPPORT = "podpora@bench.minidesk.localhost";

// A throw-away installation: its own data folder and database, nothing of var/ touched.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-bench-mail-"));
Object.assign(process.env, {
  DATA_DIR: dir,
  DATABASE_URL: `file:${path.join(dir, "minidesk.db")}`,
  SUPPORT_ADDRESSES: SUPPORT,
  MAIL_FROM: `Minidesk <${SUPPORT}>`,
  SMTP_LISTEN_HOST: "127.0.0.1",
  SMTP_LISTEN_PORT: "0",
  WORKER: "false",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
  ENCRYPTION_KEY: "0".repeat(63) + "1",
});

const { getConfig } = await import("../app/config.server");
const { getDb } = await import("../app/db.server");
const { migrateDatabase } = await import("../app/db-migrate.server");
const { ensureDefaults } = await import("../app/setup/bootstrap.server");
const { startSmtpListener } = await import("../app/mail/inbound/smtp-listener.server");
const { closeSharedResources } = await import("../app/server/shutdown.server");

async function screenshot(): Promise<Buffer> {
  const lines = ["Login failed for user jana.novak@example.com", "Call support at 041 123 456", "Error code 0x80070005"];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="200"><rect width="100%" height="100%" fill="#fff"/>${lines
    .map((t, i) => `<text x="24" y="${60 + i * 48}" font-family="DejaVu Sans" font-size="26" fill="#1f2328">${t}</text>`)
    .join("")}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Sends `count` mails over `CONNECTIONS` pooled SMTP connections; returns messages/second. */
async function run(port: number, count: number, make: (i: number) => SendMailOptions) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });
  const outcomes = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS * 2 }, async () => {
      while (next < count) {
        const info = await transport.sendMail(make(next++));
        const outcome = /^250\s+(?:2\.0\.0\s+)?(\S+)/.exec(info.response)?.[1] ?? "other";
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { seconds, perSecond: count / seconds, outcomes: Object.fromEntries(outcomes) };
}

async function main() {
  await migrateDatabase(getConfig().DATABASE_URL);
  const db = getDb();
  await db.$executeRawUnsafe("PRAGMA journal_mode = WAL");
  await ensureDefaults(db);
  const listener = await startSmtpListener();
  console.log(`Inbound mail bench: ${MESSAGES} text mails over ${CONNECTIONS} SMTP connections, then ${SCREENSHOTS} with a screenshot`);
  try {
    // Distinct senders, as in real traffic (one sender this fast would be throttled as a flood).
    const text = await run(listener.port, MESSAGES, (i) => ({
      from: `Client ${i} <client${i}@example${i % 17}.si>`,
      to: SUPPORT,
      subject: i % 2 ? `Tiskalnik ne deluje (${i})` : `Laptop does not start (${i})`,
      text: `Pozdravljeni,\n\nod jutra tiskalnik ne tiska. Pokličite me na 041 123 ${String(i).padStart(3, "0")}.\nIBAN SI56 1910 0000 0123 438\n\nLep pozdrav`,
    }));
    console.log(`text:       ${text.perSecond.toFixed(1)} messages/s (${MESSAGES} in ${text.seconds.toFixed(2)} s) ${JSON.stringify(text.outcomes)}`);

    const png = await screenshot();
    const shots = await run(listener.port, SCREENSHOTS, (i) => ({
      from: `Client ${i} <shot${i}@example.si>`,
      to: SUPPORT,
      subject: `Screenshot of the error (${i})`,
      text: "The error is in the attached screenshot.",
      attachments: [{ filename: "error.png", content: png, contentType: "image/png" }],
    }));
    console.log(
      `screenshot: ${shots.perSecond.toFixed(2)} messages/s, ${((shots.seconds / SCREENSHOTS) * 1000).toFixed(0)} ms per mail with OCR (${SCREENSHOTS} in ${shots.seconds.toFixed(2)} s) ${JSON.stringify(shots.outcomes)}`,
    );
    const stored = await db.attachment.count({ where: { status: "STORED" } });
    console.log(`tickets: ${await db.ticket.count()}, stored redacted screenshots: ${stored}`);
  } finally {
    // Intake first, then the confirmations still leaving the outbox, the OCR workers, the database.
    await listener.stop();
    await closeSharedResources();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
