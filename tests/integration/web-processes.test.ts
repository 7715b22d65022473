import { execFileSync, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../setup/app";
import { getDb, disconnectDb } from "../../app/db.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { hashPassword } from "../../app/auth/password.server";
import { spawnMinidesk } from "../../scripts/spawn-minidesk";

/**
 * Two web processes on one database (SQLite here, PostgreSQL in "integration-postgres"),
 * as behind a load balancer: each is `npm start`'s own entry point (scripts/start.ts) with
 * the worker and SMTP listener off. Sessions, the CSRF check and rate limits live in the
 * database or in signed cookies, so a visitor may land on either process at every request.
 */
const PASSWORD = "tina-password-123";
const children: ChildProcess[] = [];
let a = "";
let b = "";

/** Starts scripts/start.ts on a free port and resolves with the URL it prints. */
function startWebProcess(env: Record<string, string> = {}): Promise<string> {
  const { child, url } = spawnMinidesk({ WORKER: "false", SMTP_LISTEN: "false", SIGNIN_ATTEMPTS_PER_15MIN: "3", LOG_LEVEL: "silent", ...env });
  children.push(child);
  return url;
}

beforeAll(async () => {
  const db = getDb();
  await ensureDefaults(db);
  const team = await db.team.findFirstOrThrow();
  for (const [email, name] of [["tina@firma.si", "Tina"], ["marko@firma.si", "Marko"]] as const) {
    await db.user.create({
      data: { email, name, role: "TECHNICIAN", passwordHash: await hashPassword(PASSWORD), teams: { create: [{ teamId: team.id }] } },
    });
  }
  await disconnectDb();
  [a, b] = await Promise.all([startWebProcess(), startWebProcess()]);
});

afterAll(async () => {
  await Promise.all(
    children.map((c) => (c.exitCode !== null ? undefined : new Promise((resolve) => { c.once("exit", resolve); c.kill("SIGTERM"); }))),
  );
});

/** A browser whose requests go to either process: `at` picks the one for the next request. */
function browserOn(url: string) {
  const browser = new TestBrowser(url);
  return Object.assign(browser, { at: (u: string) => ((browser.baseUrl = u), browser) });
}

describe("two web processes on one database", () => {
  it("a session started on one process is valid on the other, and a sign-out on either ends it on both", async () => {
    const user = browserOn(a);
    await user.get("/login"); // the form, with its CSRF token, from process A
    const signIn = await user.at(b).post("/login", { email: "tina@firma.si", password: PASSWORD }); // posted to B
    expect(signIn.status).toBe(302);
    expect(signIn.location).toBe("/queue");

    const onA = await user.at(a).get("/queue");
    expect(onA.status).toBe(200);
    expect(onA.text).toContain("Tina");
    const onB = await user.at(b).get("/queue");
    expect(onB.status).toBe(200);

    const session = user.cookies.get("md_session")!;
    expect((await user.at(a).post("/logout", {})).status).toBe(302);
    for (const url of [a, b]) {
      const replay = await fetch(url + "/queue", { headers: { Cookie: `md_session=${session}` }, redirect: "manual" });
      expect(replay.status).toBe(302);
      expect(replay.headers.get("Location")).toMatch(/^\/login/);
    }
  });

  it("counts sign-in attempts across both processes: the fourth guess is refused wherever it lands", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const guess = browserOn(i % 2 ? b : a);
      await guess.get("/login");
      statuses.push((await guess.post("/login", { email: "marko@firma.si", password: `wrong-guess-${i}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);

    // Even the right password waits now, on either process.
    for (const url of [a, b]) {
      const user = browserOn(url);
      await user.get("/login");
      expect((await user.post("/login", { email: "marko@firma.si", password: PASSWORD })).status).toBe(429);
    }
  });

  it("npm start with WEB_PROCESSES=2 serves one port from two processes and stops them all", async () => {
    const url = await startWebProcess({ WEB_PROCESSES: "2" });
    const primary = children.at(-1)!;
    // Node children only: on a cold start tsx also runs an esbuild service under the primary.
    const webProcesses = () =>
      execFileSync("ps", ["--ppid", String(primary.pid), "-o", "pid=,comm="], { encoding: "utf8" })
        .split("\n").map((l) => l.trim().split(/\s+/)).filter(([pid, comm]) => pid && comm === "node").map(([pid]) => pid!);
    expect(webProcesses()).toHaveLength(2);

    const user = browserOn(url);
    await user.get("/login");
    expect((await user.post("/login", { email: "tina@firma.si", password: PASSWORD })).status).toBe(302);
    const pages = await Promise.all(Array.from({ length: 10 }, () => user.get("/queue")));
    expect(pages.map((p) => p.status)).toEqual(Array(10).fill(200));

    const forked = webProcesses();
    await new Promise((resolve) => { primary.once("exit", resolve); primary.kill("SIGTERM"); });
    const alive = forked.filter((pid) => { try { process.kill(Number(pid), 0); return true; } catch { return false; } });
    expect(alive).toEqual([]);
  });
});
