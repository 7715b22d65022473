/**
 * npm run bench:purge [-- --tickets 100000]
 * A fresh temporary database with N closed tickets past retention (2 messages, 1 audit
 * event and 1 small attachment file each, seeded with raw batched SQL), then the real
 * purge while the running web app is asked for a page over and over. Prints the purge's
 * throughput and the page latency before and during the purge. Figures only.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TICKETS = arg("tickets", 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-bench-purge-"));
const dbFile = path.join(dir, "minidesk.db");
Object.assign(process.env, {
  DATA_DIR: dir, DATABASE_URL: `file:${dbFile}`, LOG_LEVEL: process.env.BENCH_LOG ?? "silent", WORKER: "false", SMTP_LISTEN: "false",
  ADMIN_EMAIL: "bench-admin@minidesk.localhost", ADMIN_PASSWORD: "bench-password-123",
  SESSION_SECRET: crypto.randomBytes(32).toString("hex"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"),
});

const { buildIfNeeded } = await import("../app/server/build-if-needed.server");
const { startMinidesk } = await import("../app/server/services.server");
const { getDb } = await import("../app/db.server");
const { runRetention } = await import("../app/retention/purge.server");
const { TestBrowser } = await import("../tests/setup/app");

buildIfNeeded(() => {});
const app = await startMinidesk({ port: 0, background: false });

// --- seed ------------------------------------------------------------------------------
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const id = () => `c${crypto.randomBytes(12).toString("hex")}`;
const raw = new Database(dbFile);
raw.pragma("journal_mode = WAL");
raw.pragma("busy_timeout = 10000");
const team = raw.prepare(`SELECT id FROM "Team" WHERE slug = 'it'`).get() as { id: string };
const requesters: string[] = [];
const insReq = raw.prepare(`INSERT INTO "Requester"(id, email, locale, followUpOptOut, createdAt) VALUES (?, ?, 'sl', 0, ?)`);
const insTicket = raw.prepare(`INSERT INTO "Ticket"(id, reference, subject, status, priority, channel, categorySlug, teamId, requesterId, createdAt, updatedAt, resolvedAt, closedAt)
  VALUES (?, ?, ?, 'CLOSED', 'NORMAL', 'WEB', 'other', ?, ?, ?, ?, ?, ?)`);
const insMsg = raw.prepare(`INSERT INTO "Message"(id, ticketId, kind, direction, body, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
const insAtt = raw.prepare(`INSERT INTO "Attachment"(id, ticketId, messageId, storageKey, fileName, mediaType, size, status, createdAt)
  VALUES (?, ?, ?, ?, 'log.txt', 'text/plain; charset=utf-8', 24, 'STORED', ?)`);
const insAudit = raw.prepare(`INSERT INTO "AuditEvent"(id, ticketId, actorKind, action, details, createdAt) VALUES (?, ?, 'CLIENT', 'ticket.opened', '{}', ?)`);
const storage = path.join(dir, "storage");
const seedStart = Date.now();
const now = new Date();
const opened = iso(new Date(now.getTime() - 500 * 864e5));
const closed = iso(new Date(now.getTime() - 400 * 864e5));
raw.transaction(() => {
  for (let i = 0; i < 1000; i++) {
    const r = id();
    insReq.run(r, `bench-${i}@example.com`, opened);
    requesters.push(r);
  }
})();
const BATCH = 2000;
for (let start = 0; start < TICKETS; start += BATCH) {
  const files: [string, string][] = [];
  raw.transaction(() => {
    for (let i = start; i < Math.min(TICKETS, start + BATCH); i++) {
      const t = id();
      insTicket.run(t, `MD-2025-${String(i + 1).padStart(6, "0")}`, `Printer ${i} prints blank pages`, team.id, requesters[i % 1000], opened, closed, closed, closed);
      const m = id();
      insMsg.run(m, t, "REPLY", "IN", `The printer on floor ${i % 7} prints blank pages since the update.`, opened);
      insMsg.run(id(), t, "REPLY", "OUT", "We replaced the toner; please try again.", opened);
      const hex = crypto.randomBytes(16).toString("hex");
      const key = `${hex.slice(0, 2)}/${hex}.txt`;
      insAtt.run(id(), t, m, key, opened);
      insAudit.run(id(), t, opened);
      files.push([key, `error log of ticket ${i}\n`]);
    }
  })();
  for (const [key, text] of files) {
    const file = path.join(storage, key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
raw.pragma("wal_checkpoint(TRUNCATE)");
raw.close();
const seedS = (Date.now() - seedStart) / 1000;

// --- measure ---------------------------------------------------------------------------
const browser = new TestBrowser(app.url);
await browser.get("/login");
const signedIn = await browser.post("/login", { email: "bench-admin@minidesk.localhost", password: "bench-password-123" });
if (signedIn.status !== 302) throw new Error(`sign-in answered ${signedIn.status}`);
const page = (await browser.get("/queue")).status === 200 ? "/queue" : "/admin/users";

async function timeOne(): Promise<number> {
  const t0 = performance.now();
  const res = await browser.get(page);
  if (res.status !== 200) throw new Error(`GET ${page} answered ${res.status}`);
  return performance.now() - t0;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const idle: number[] = [];
for (let i = 0; i < 100; i++) idle.push(await timeOne());

// A busy office, not a load test: one request every GAP_MS after the previous answer.
// (Back-to-back requests in this same process would simply starve the purge.)
const GAP_MS = arg("gap-ms", 50);
const during: number[] = [];
let purging = true;
const poller = (async () => {
  while (purging) {
    during.push(await timeOne());
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
})();
const t0 = performance.now();
const report = await runRetention(getDb(), now);
const purgeS = (performance.now() - t0) / 1000;
purging = false;
await poller;

const left = fs.readdirSync(storage).reduce((n, d) => n + fs.readdirSync(path.join(storage, d)).length, 0);
console.log(`seeded tickets         ${TICKETS} (${seedS.toFixed(1)} s, 2 messages + 1 file each)`);
console.log(`purged tickets         ${report.counts.tickets}, files ${report.counts.ticketFiles}, files left ${left}`);
console.log(`purge time             ${purgeS.toFixed(1)} s`);
console.log(`throughput             ${Math.round(report.counts.tickets / purgeS)} tickets/s`);
console.log(`GET ${page} idle        p50 ${pct(idle, 50).toFixed(1)} ms  p95 ${pct(idle, 95).toFixed(1)} ms  (n=${idle.length})`);
console.log(`GET ${page} in purge    (one request every ${GAP_MS} ms after the previous answer)`);
console.log(`GET ${page} in purge    p50 ${pct(during, 50).toFixed(1)} ms  p95 ${pct(during, 95).toFixed(1)} ms  max ${Math.max(...during).toFixed(1)} ms  (n=${during.length})`);

await app.stop();
fs.rmSync(dir, { recursive: true, force: true });
