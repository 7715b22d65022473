/**
 * npm run bench:purge [-- --tickets 100000 --gap-ms 20 --idle-s 20]
 * A fresh temporary database with N closed tickets past retention (2 messages, 1 audit
 * event and 1 small attachment file each, seeded with raw batched SQL), then the real
 * purge in the web app's own process while the web app is asked, one request every GAP_MS
 * after the previous answer, for a bare page (GET /login, no session) and a database page
 * (GET /queue, signed in). The same requests for IDLE_S seconds before the purge are the
 * yardstick. Prints the purge time and rate, worst and p99 latency idle and during the purge,
 * the event loop's longest stall, and the database's size before and after. Figures only.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
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
const anonymous = new TestBrowser(app.url);

type Target = { name: string; run: () => Promise<{ status: number }> };
const targets: Target[] = [
  { name: "bare GET /login", run: () => anonymous.get("/login") },
  { name: "GET /queue     ", run: () => browser.get("/queue") },
];
/** From when the request was due (not when a late timer let it go) to the answer. */
async function timeOne(t: Target, due = performance.now()): Promise<number> {
  const t0 = due;
  const res = await t.run();
  if (res.status !== 200) throw new Error(`${t.name.trim()} answered ${res.status}`);
  return performance.now() - t0;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

// A busy office, not a load test: one request every GAP_MS after the previous answer, taking
// turns between the two pages. (Back-to-back requests in this same process would starve the purge.)
// A request's latency counts from when it was due: a timer that fires late because the event
// loop was held is exactly the wait a real visitor's request would see.
const GAP_MS = arg("gap-ms", 20);
function poll(): { stop: () => Promise<number[][]> } {
  const times = targets.map(() => [] as number[]);
  let on = true;
  const loop = (async () => {
    let due = performance.now();
    for (let i = 0; on; i++) {
      const k = i % targets.length;
      times[k]!.push(await timeOne(targets[k]!, due));
      due = performance.now() + GAP_MS;
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
  })();
  return { stop: async () => ((on = false), await loop, times) };
}
const sizeOf = () => [dbFile, `${dbFile}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

for (let i = 0; i < 20; i++) for (const t of targets) await timeOne(t); // warm up
const idleLoop = monitorEventLoopDelay({ resolution: 10 });
idleLoop.enable();
const idlePoll = poll();
await new Promise((r) => setTimeout(r, arg("idle-s", 20) * 1000));
const idle = await idlePoll.stop();
idleLoop.disable();

const sizeBefore = sizeOf();
const purgeLoop = monitorEventLoopDelay({ resolution: 10 });
purgeLoop.enable();
const purgePoll = poll();
const t0 = performance.now();
const report = await runRetention(getDb(), now);
const purgeS = (performance.now() - t0) / 1000;
const during = await purgePoll.stop();
purgeLoop.disable();
const sizeAfter = sizeOf();
const free = new Database(dbFile, { readonly: true });
const freePages = Number(free.pragma("freelist_count", { simple: true }));
const pageSize = Number(free.pragma("page_size", { simple: true }));
free.close();

const left = fs.readdirSync(storage).reduce((n, d) => n + fs.readdirSync(path.join(storage, d)).length, 0);
const row = (xs: number[]) => `worst ${Math.max(...xs).toFixed(1).padStart(7)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(6)} ms  p50 ${pct(xs, 50).toFixed(1).padStart(5)} ms  (n=${xs.length})`;
console.log(`seeded tickets         ${TICKETS} (${seedS.toFixed(1)} s, 2 messages + 1 file + 1 audit event each)`);
console.log(`purged tickets         ${report.counts.tickets}, files ${report.counts.ticketFiles}, files left ${left}; deleted bytes cleared: ${report.bytesCleared}`);
console.log(`purge time             ${purgeS.toFixed(1)} s`);
console.log(`throughput             ${Math.round(report.counts.tickets / purgeS)} tickets/s`);
console.log(`requests               one every ${GAP_MS} ms after the previous answer, the two pages in turn`);
targets.forEach((t, k) => {
  console.log(`${t.name} idle   ${row(idle[k]!)}`);
  console.log(`${t.name} purge  ${row(during[k]!)}`);
});
console.log(`event loop stall       idle max ${(idleLoop.max / 1e6).toFixed(1)} ms, during the purge max ${(purgeLoop.max / 1e6).toFixed(1)} ms  p99 ${(purgeLoop.percentile(99) / 1e6).toFixed(1)} ms`);
console.log(`database + WAL         before ${mb(sizeBefore)}, after ${mb(sizeAfter)} (free pages after: ${freePages}, ${mb(freePages * pageSize)}, zeroed; VACUUM would return them)`);

await app.stop();
fs.rmSync(dir, { recursive: true, force: true });
