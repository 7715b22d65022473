/**
 * The queue under load: a fresh database with 100 000 tickets (and their messages, so
 * search has text), the real app, a signed-in technician, autocannon with 20 connections
 * (in a separate process) against the default queue page, a search and a ticket page the
 * technician may see (the newest in their teams). Run: npm run bench:queue
 * Options: --tickets=N --connections=N --seconds=N
 *   --web-processes=N  serve as `WEB_PROCESSES=N npm start` does (node:cluster, N processes on one
 *     port) instead of from this process; server CPU then sums the primary and its web processes.
 *   --database=postgresql://user:pass@host:5432/postgres  run on PostgreSQL instead of a SQLite
 *     file: a fresh database minidesk_bench_queue_<random> is made on that server (the role needs
 *     CREATEDB), migrated, seeded, measured and dropped.
 *   --listeners=N  open queue tabs to simulate (default 50): each asks /live/queue every
 *     LIVE_INTERVAL_MS (the real interval, default 5 s), from another process. The queue page is
 *     measured without them, with them, and without them again; the change check's latency (alone
 *     and under the queue load) and the database statements per second the listeners cost
 *     (counted in this process's Prisma client: in-process runs only) are printed on a `live:` line.
 */
import fs from "node:fs";
import { execFile, execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { createDatabaseOn, dropDatabaseOn, uniqueDatabaseName } from "../app/postgres-databases.server";
import { spawnMinidesk } from "./spawn-minidesk";

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const arg = (name: string, fallback: number) => Number(option(name) ?? fallback);
const TICKETS = arg("tickets", 100_000);
const CONNECTIONS = arg("connections", 20);
const SECONDS = arg("seconds", 10);
const WEB_PROCESSES = arg("web-processes", 1);
const LISTENERS = arg("listeners", 50);
const POSTGRES_SERVER = option("database");
if (POSTGRES_SERVER && !/^postgres(ql)?:\/\//.test(POSTGRES_SERVER)) throw new Error("--database takes a postgresql:// URL (the default is a fresh SQLite file)");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-bench-queue-"));
const dbFile = path.join(dir, "minidesk.db");
const benchDatabase = POSTGRES_SERVER ? uniqueDatabaseName("minidesk_bench_queue") : null;
const databaseUrl = POSTGRES_SERVER ? await createDatabaseOn(POSTGRES_SERVER, benchDatabase!) : `file:${dbFile}`;
Object.assign(process.env, {
  DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent", WORKER: "false", SMTP_LISTEN: "false",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123", ENCRYPTION_KEY: "1".repeat(64),
  NODE_ENV: "production", ADMIN_EMAIL: "admin@bench.localhost", ADMIN_PASSWORD: "bench-admin-password",
});
/** Whatever happens, the bench's database goes (and the data folder with the SQLite file). */
async function cleanUp() {
  fs.rmSync(dir, { recursive: true, force: true });
  if (benchDatabase) await dropDatabaseOn(POSTGRES_SERVER!, benchDatabase);
}

try {
  const { migrateDatabase } = await import("../app/db-migrate.server");
  const { disconnectDb, getDb } = await import("../app/db.server");
  const { ensureDefaults } = await import("../app/setup/bootstrap.server");
  const { hashPassword } = await import("../app/auth/password.server");
  const { seedTickets, seedTicketsPostgres } = await import("./seed-queue-tickets");
  const { startMinidesk } = await import("../app/server/services.server");

  await migrateDatabase(databaseUrl);
  await ensureDefaults(getDb());
  const teams = await getDb().team.findMany();
  const it = teams.find((t) => t.slug === "it")!;
  const web = teams.find((t) => t.slug === "web")!;
  const PASSWORD = "bench-technician-password";
  // A technician in two teams: the queue merges one ordered walk per team.
  const tech = await getDb().user.create({
    data: { email: "tech@bench.localhost", name: "Bench Tech", role: "TECHNICIAN", passwordHash: await hashPassword(PASSWORD), teams: { create: [{ teamId: it.id }, { teamId: web.id }] } },
  });
  const others = await Promise.all([1, 2, 3].map((i) => getDb().user.create({ data: { email: `t${i}@bench.localhost`, name: `Tech ${i}`, role: "TECHNICIAN" } })));
  await getDb().$disconnect();

  let started = Date.now();
  const seedOptions = { technicianIds: [tech.id, ...others.map((o) => o.id)] };
  let count: number;
  if (POSTGRES_SERVER) {
    await seedTicketsPostgres(databaseUrl, TICKETS, seedOptions);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    count = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Ticket"`)).rows[0]!.n);
    await client.end();
  } else {
    seedTickets(dbFile, TICKETS, seedOptions);
    const seeded = new Database(dbFile, { readonly: true });
    count = (seeded.prepare(`SELECT count(*) AS n FROM "Ticket"`).get() as { n: number }).n;
    seeded.close();
  }
  console.log(`seeded ${count} tickets on ${POSTGRES_SERVER ? "PostgreSQL" : "SQLite"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Measure what `npm start` serves: a production build (a test run may have left a development one).
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  const app = WEB_PROCESSES > 1 ? await startCluster(WEB_PROCESSES) : await startInProcess(startMinidesk);
  const login = await fetch(`${app.url}/login`);
  const csrfCookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const loginHtml = await login.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(loginHtml)?.[1];
  if (!csrf) throw new Error(`no sign-in form: ${login.status} ${loginHtml.slice(0, 300)}`);
  const signIn = await fetch(`${app.url}/login`, {
    method: "POST", redirect: "manual",
    headers: { Cookie: csrfCookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf, email: "tech@bench.localhost", password: PASSWORD }),
  });
  if (signIn.status !== 302) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = [csrfCookie, ...signIn.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");

  /**
   * The load comes from another process, as it would from the technicians' browsers: run
   * inside this one, autocannon's own work (20 connections reading 60 KB pages) would queue
   * on the server's event loop and count as server latency.
   */
  function autocannonElsewhere(opts: autocannon.Options): Promise<autocannon.Result> {
    const program = `const { default: autocannon } = await import("autocannon");
      const result = await autocannon(JSON.parse(process.argv[1]));
      process.stdout.write(JSON.stringify(result));`;
    return new Promise((resolve, reject) => {
      execFile(process.execPath, ["--input-type=module", "-e", program, JSON.stringify(opts)], { maxBuffer: 64 << 20 }, (err, stdout) =>
        err ? reject(err) : resolve(JSON.parse(stdout) as autocannon.Result),
      );
    });
  }

  async function load(url: string) {
    const check = await fetch(app.url + url, { headers: { Cookie: cookie } });
    if (check.status !== 200) throw new Error(`${url}: ${check.status}`);
    await check.text();
    const cpuBefore = app.cpuMs();
    const result = await autocannonElsewhere({ url: app.url + url, connections: CONNECTIONS, duration: SECONDS, headers: { Cookie: cookie } });
    const cpuUsed = app.cpuMs() - cpuBefore;
    if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    // Server CPU per request (the server's processes only serve): what latency at N connections is made of.
    const cpuMs = cpuUsed / Math.max(1, result.requests.total);
    console.log(`${url}: ${result.requests.average} req/s, p50=${result.latency.p50} ms p97.5=${result.latency.p97_5} ms p99=${result.latency.p99} ms, server cpu ${cpuMs.toFixed(1)} ms/request`);
    return result;
  }

  /**
   * LISTENERS open queue tabs, simulated in another process (as browsers would be): each asks
   * /live/queue, then again after the interval the answer names, starting spread over one
   * interval. Phases: one interval to attach them all, ten seconds alone (latency, checks
   * and database statements per second, server CPU), then the queue page under autocannon with
   * them attached, then the queue page again without them (the same run's yardstick).
   */
  async function measureListeners() {
    const first = await fetch(`${app.url}/live/queue`, { headers: { Cookie: cookie } });
    if (first.status !== 200) throw new Error(`/live/queue: ${first.status}`);
    const interval = ((await first.json()) as { interval: number }).interval;
    const QUIET_MS = 10_000;
    const program = `const [url, cookie, n, runMs, interval] = JSON.parse(process.argv[1]);
      const samples = []; const end = Date.now() + runMs; let failures = 0;
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      async function tab(i) {
        let wait = 0;
        await sleep(Math.round((i / n) * interval));
        while (Date.now() < end) {
          const t0 = performance.now(); const at = Date.now();
          try {
            const res = await fetch(url, { headers: { Cookie: cookie, Accept: "application/json" } });
            const body = await res.json();
            if (!res.ok) failures++;
            samples.push([at, performance.now() - t0]);
            wait = body.interval;
          } catch { failures++; wait = 1000; }
          await sleep(Math.max(0, wait - (performance.now() - t0)));
        }
      }
      await Promise.all(Array.from({ length: n }, (_, i) => tab(i)));
      process.stdout.write(JSON.stringify({ samples, failures }));`;
    // Runs past the loads below; its samples are split by time afterwards.
    const runMs = interval + QUIET_MS + (SECONDS + 4) * 1000;
    const listeners = new Promise<{ samples: [number, number][]; failures: number }>((resolve, reject) => {
      execFile(process.execPath, ["--input-type=module", "-e", program, JSON.stringify([`${app.url}/live/queue`, cookie, LISTENERS, runMs, interval])], { maxBuffer: 64 << 20 }, (err, stdout) =>
        err ? reject(err) : resolve(JSON.parse(stdout)),
      );
    });
    await new Promise((r) => setTimeout(r, interval + 500));
    const statements = countStatements();
    const quietFrom = Date.now();
    const cpuBefore = app.cpuMs();
    const counted = statements?.count() ?? 0;
    await new Promise((r) => setTimeout(r, QUIET_MS));
    const quietTo = Date.now();
    const cpuMsPerSecond = (app.cpuMs() - cpuBefore) / (QUIET_MS / 1000);
    const statementsInQuiet = statements ? statements.count() - counted : null;
    statements?.stop();
    const loadFrom = Date.now();
    const queueWith = await load("/queue");
    const loadTo = Date.now();
    const { samples, failures } = await listeners;
    if (failures) throw new Error(`/live/queue: ${failures} failed checks`);
    const queueAfter = await load("/queue");
    const within = (from: number, to: number) => samples.filter(([at]) => at >= from && at < to).map(([, ms]) => ms).sort((a, b) => a - b);
    const pct = (xs: number[], p: number) => (xs.length ? Math.round(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! * 10) / 10 : NaN);
    const quiet = within(quietFrom, quietTo);
    const loaded = within(loadFrom, loadTo);
    const checksPerSecond = quiet.length / ((quietTo - quietFrom) / 1000);
    return {
      interval, queueWith, queueAfter, cpuMsPerSecond, checksPerSecond,
      quiet: { p50: pct(quiet, 0.5), p95: pct(quiet, 0.95) },
      loaded: { p50: pct(loaded, 0.5), p95: pct(loaded, 0.95) },
      statementsPerSecond: statementsInQuiet === null ? null : statementsInQuiet / ((quietTo - quietFrom) / 1000),
      statementsPerCheck: statementsInQuiet === null ? null : statementsInQuiet / Math.max(1, quiet.length),
    };
  }

  /**
   * Counts the SQL statements the server sends, in-process runs only: the server's Prisma client
   * is the one in globalThis (app/db.server.ts), and the live path only runs raw statements.
   */
  function countStatements(): { count: () => number; stop: () => void } | null {
    if (WEB_PROCESSES > 1) return null;
    const db = (globalThis as unknown as { __minideskDb?: Record<string, unknown> }).__minideskDb;
    if (!db) return null;
    let n = 0;
    const names = ["$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe"] as const;
    const originals = names.map((name) => db[name] as (...a: unknown[]) => unknown);
    names.forEach((name, i) => {
      const original = originals[i]!.bind(db);
      db[name] = (...a: unknown[]) => { n++; return original(...a); };
    });
    return { count: () => n, stop: () => names.forEach((name, i) => { db[name] = originals[i]; }) };
  }

  started = Date.now();
  const queue = await load("/queue");
  const search = await load("/queue?view=all&q=" + encodeURIComponent("strežnik cas"));
  // Technicians open tickets all day (issue #7): the newest ticket of the technician's teams.
  const opened = await getDb().ticket.findFirstOrThrow({ where: { teamId: { in: [it.id, web.id] } }, orderBy: { updatedAt: "desc" }, select: { id: true } });
  const ticket = await load(`/queue/${opened.id}`);

  // Open queue tabs (issue 22): LISTENERS simulated tabs asking /live/queue at the real interval.
  const live = LISTENERS > 0 ? await measureListeners() : null;
  await app.stop();
  await disconnectDb(); // the query above opened this process's own client when the app runs elsewhere (--web-processes)

  // autocannon reports p50, p90, p97.5, p99; p95 lies between p90 and p97.5: the higher is reported.
  const p95 = (r: autocannon.Result) => r.latency.p97_5;
  if (WEB_PROCESSES > 1) console.log(`served by ${WEB_PROCESSES} web processes (WEB_PROCESSES=${WEB_PROCESSES})`);
  console.log(`ticket: p50=${ticket.latency.p50} p95=${p95(ticket)}`);
  if (live) {
    const { quiet, loaded, queueWith, queueAfter, checksPerSecond, statementsPerSecond, statementsPerCheck, cpuMsPerSecond, interval } = live;
    const stmts = statementsPerSecond === null ? "statements not counted (--web-processes)" : `${statementsPerSecond.toFixed(1)} DB statements/s (${statementsPerCheck!.toFixed(2)} per check)`;
    console.log(`live: ${LISTENERS} listeners every ${interval} ms: change check p50=${quiet.p50} p95=${quiet.p95} ms alone, p50=${loaded.p50} p95=${loaded.p95} ms during the queue load; ${checksPerSecond.toFixed(1)} checks/s, ${stmts}, server cpu ${cpuMsPerSecond.toFixed(1)} ms/s`);
    console.log(`queue with ${LISTENERS} listeners: p50=${queueWith.latency.p50} p95=${p95(queueWith)} ${queueWith.requests.average} req/s · without: p50=${queue.latency.p50} p95=${p95(queue)} ${queue.requests.average} req/s before, p50=${queueAfter.latency.p50} p95=${p95(queueAfter)} ${queueAfter.requests.average} req/s after`);
  }
  console.log(`queue: p50=${queue.latency.p50} p95=${p95(queue)} search_p95=${p95(search)} tickets=${count} concurrency=${CONNECTIONS}`);
} finally {
  await cleanUp();
}

type BenchServer = { url: string; stop: () => Promise<void>; cpuMs: () => number };

async function startInProcess(start: typeof import("../app/server/services.server").startMinidesk): Promise<BenchServer> {
  const app = await start({ port: 0, background: false });
  return { url: app.url, stop: app.stop, cpuMs: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } };
}

/** `WEB_PROCESSES=n npm start` (scripts/start.ts) on the bench's database, without the worker and SMTP listener. */
async function startCluster(n: number): Promise<BenchServer> {
  const { child, url: listening } = spawnMinidesk({ WEB_PROCESSES: String(n) });
  const url = await listening;
  const ticksPerMs = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) / 1000;
  // utime + stime of the primary and its web processes, from /proc.
  const cpuMs = () => {
    const children = execFileSync("ps", ["--ppid", String(child.pid), "-o", "pid="], { encoding: "utf8" }).split("\n").map((p) => p.trim()).filter(Boolean);
    return [String(child.pid), ...children].reduce((sum, pid) => {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return sum + (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
    }, 0);
  };
  const stop = () => new Promise<void>((resolve) => { child.once("exit", () => resolve()); child.kill("SIGTERM"); });
  return { url, stop, cpuMs };
}
