/**
 * /reports on a large database: 100 000 live tickets and 1 000 000 TicketStat rows (years of
 * purged tickets), seeded with batched SQL, then timed through the running app as a signed-in
 * admin. Target: p95 under 300 ms. Run: npm run bench:reports
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const STATS = Number(process.env.BENCH_STATS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
// BENCH_KEEP=1 keeps the seeded database and prints its path (for EXPLAIN QUERY PLAN).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-bench-reports-"));
const dbFile = path.join(dir, "minidesk.db");
Object.assign(process.env, {
  DATA_DIR: dir, DATABASE_URL: `file:${dbFile}`, LOG_LEVEL: "silent", WORKER: "false", SMTP_LISTEN: "false",
  ADMIN_EMAIL: "bench@minidesk.localhost", ADMIN_PASSWORD: "bench-password-123",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789", ENCRYPTION_KEY: "0".repeat(63) + "1",
});

const { migrateDatabase } = await import("../app/db-migrate.server");
const { startMinidesk } = await import("../app/server/services.server");
const { buildIfNeeded } = await import("../app/server/build-if-needed.server");
buildIfNeeded(() => {}); // time the code as it is, not a stale build/

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00"); // the Prisma adapter's format
const month = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const DAY = 86_400_000;
const CHANNELS = ["WEB", "EMAIL"];
const CATEGORIES = ["web", "crm", "hosting", "other"];
const TEAMS = ["it", "web", "projects"];

function seedDatabase() {
  const t0 = performance.now();
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = Date.now();
  const teamIds = TEAMS.map((slug) => {
    const id = crypto.randomUUID();
    db.prepare(`INSERT INTO Team (id, slug, name, createdAt) VALUES (?, ?, ?, ?)`).run(id, slug, slug, iso(now));
    return id;
  });
  const insertTicket = db.prepare(`INSERT INTO Ticket (id, reference, subject, status, priority, channel, categorySlug, teamId,
    createdAt, updatedAt, firstResponseAt, resolvedAt, closedAt) VALUES (?, ?, ?, ?, 'NORMAL', ?, ?, ?, ?, ?, ?, ?, ?)`);
  const tickets = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const created = now - Math.floor(rand() * 365 * DAY); // live tickets: the last year
      const first = rand() < 0.9 ? created + Math.floor(rand() * 48 * 3_600_000) : null;
      const resolved = first && rand() < 0.8 ? first + Math.floor(rand() * 10 * DAY) : null;
      const closed = resolved && resolved + 7 * DAY < now ? resolved + 7 * DAY : null;
      insertTicket.run(
        crypto.randomUUID(), `MD-B-${i}`, "Bench ticket", closed ? "CLOSED" : resolved ? "RESOLVED" : "OPEN",
        pick(CHANNELS), pick(CATEGORIES), pick(teamIds), iso(created), iso(created),
        first && iso(first), resolved && iso(resolved), closed && iso(closed),
      );
    }
  });
  for (let i = 0; i < TICKETS; i += 10_000) tickets(i, Math.min(TICKETS, i + 10_000));
  const t1 = performance.now();

  // 1 000 rows per statement, 100 000 per transaction.
  const ROWS = 1_000;
  const insertStats = db.prepare(`INSERT INTO TicketStat (id, category, channel, teamSlug, openedMonth, closedMonth, purgedMonth, messageCount, attachmentCount) VALUES ${Array(ROWS).fill("(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`);
  const stats = db.transaction((batches: number) => {
    for (let b = 0; b < batches; b++) {
      const args: unknown[] = [];
      for (let r = 0; r < ROWS; r++) {
        const opened = now - (395 + Math.floor(rand() * 4 * 365)) * DAY; // purged: opened 13 months to 5 years ago
        const closed = rand() < 0.02 ? null : opened + Math.floor(rand() * 30 * DAY);
        const purged = closed === null ? opened + Math.floor(rand() * 60 * DAY) : closed + 365 * DAY;
        args.push(crypto.randomUUID(), pick(CATEGORIES), pick(CHANNELS), pick(TEAMS), month(opened), closed === null ? null : month(closed), month(Math.min(purged, now)), 3, 1);
      }
      insertStats.run(...args);
    }
  });
  for (let i = 0; i < STATS; i += 100 * ROWS) stats(Math.min(100, (STATS - i) / ROWS));
  db.exec("ANALYZE");
  db.close();
  const t2 = performance.now();
  console.log(`seeded ${TICKETS} tickets in ${((t1 - t0) / 1000).toFixed(1)} s, ${STATS} TicketStat rows in ${((t2 - t1) / 1000).toFixed(1)} s`);
}

async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookies = page.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: "POST", redirect: "manual",
    headers: { Cookie: cookies.join("; "), Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: process.env.ADMIN_EMAIL!, password: process.env.ADMIN_PASSWORD!, csrf }),
  });
  if (res.status !== 302) throw new Error(`sign-in failed: ${res.status}`);
  return [...cookies, ...res.headers.getSetCookie().map((c) => c.split(";")[0]!)].join("; ");
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A page must carry its tables and chart placeholders (charts are drawn in the browser: app/ui/report-chart.tsx). */
async function time(base: string, cookie: string, url: string, label: string, mustContain = 'class="report-chart-pending"') {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    const res = await fetch(base + url, { headers: { Cookie: cookie } });
    const body = await res.text();
    if (res.status !== 200 || !body.includes(mustContain)) throw new Error(`${url}: ${res.status}`);
    if (i >= 2) ms.push(performance.now() - t); // two warm-up runs
    bytes = Buffer.byteLength(body);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} p50 ${percentile(ms, 50).toFixed(0).padStart(4)} ms   p95 ${percentile(ms, 95).toFixed(0).padStart(4)} ms   (${RUNS} runs, ${(bytes / 1024).toFixed(0)} KB)`);
}

/**
 * Where the page's time goes: each report query run on its own (in-process, the app's own
 * database client), and buildReport as a whole; the rest of a request is rendering and HTTP.
 */
async function profileQueries(search: string, label: string) {
  const q = await import("../app/reports/report-queries.server");
  const { buildReport, buildReportChart } = await import("../app/reports/build-report.server");
  const { parseReportParams } = await import("../app/reports/report-params");
  const { getDb } = await import("../app/db.server");
  const db = getDb();
  const now = new Date();
  const p = parseReportParams(new URLSearchParams(search), now).params;
  const parts: [string, () => Promise<unknown>][] = [
    ["liveTicketFlow", () => q.liveTicketFlow(db, p)],
    ["purgedTicketFlow", () => q.purgedTicketFlow(db, p)],
    ["hours firstResponseAt", () => q.hoursPercentiles(db, p, "firstResponseAt", p.interval)],
    ["hours resolvedAt", () => q.hoursPercentiles(db, p, "resolvedAt", p.interval)],
    ["followUpOutcomes", () => q.followUpOutcomes(db, p)],
    ["the other five", () => Promise.all([q.redactionCounts(db, p), q.withheldPerMonth(db, p), q.auditPerMonth(db, p, "access_details.viewed"), q.dataSubjectRequests(db, p, 500), q.reportOptions(db)])],
    ["buildReport", () => buildReport(db, p, now)],
    ["buildReportChart backlog (the CSV)", () => buildReportChart(db, p, now, "backlog")],
  ];
  const out: string[] = [];
  for (const [name, run] of parts) {
    const ms: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const t = performance.now();
      await run();
      if (i >= 2) ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    out.push(`${name} ${percentile(ms, 50).toFixed(0)}`);
  }
  console.log(`  ${label}: ${out.join(", ")} ms (p50)`);
}

await migrateDatabase(process.env.DATABASE_URL!);
seedDatabase();
const app = await startMinidesk({ port: 0, background: false });
try {
  const cookie = await signIn(app.url);
  const today = new Date().toISOString().slice(0, 10);
  const fiveYears = new Date(Date.now() - 5 * 365 * DAY).toISOString().slice(0, 10);
  await time(app.url, cookie, "/reports", "GET /reports (default: 26 weeks)");
  await time(app.url, cookie, `/reports?from=${fiveYears}&to=${today}&interval=month`, "GET /reports (5 years by month, all rows)");
  await time(app.url, cookie, `/reports?from=${fiveYears}&to=${today}&interval=month&by=team&channel=EMAIL`, "GET /reports (5 years, by team, EMAIL only)");
  await time(app.url, cookie, `/reports/csv/backlog?from=${fiveYears}&to=${today}&interval=month`, "GET /reports/csv/backlog (5 years)", "Open tickets");
  console.log("queries alone, in-process:");
  await profileQueries("", "default");
  await profileQueries(`from=${fiveYears}&to=${today}&interval=month`, "5 years");
  await profileQueries(`from=${fiveYears}&to=${today}&interval=month&by=team&channel=EMAIL`, "5 years, by team, EMAIL");
} finally {
  await app.stop();
  if (process.env.BENCH_KEEP) console.log(`kept ${dbFile}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
