import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../setup/app";
import { disconnectDb, getDb } from "../../app/db.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { hashPassword } from "../../app/auth/password.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { settleDelay } from "../../app/live/live-poll";
import { spawnMinidesk } from "../../scripts/spawn-minidesk";

/**
 * The live queue and presence across two web processes on one database (`npm start`'s entry
 * point twice, as behind a load balancer): a change made through process A reaches a tab whose
 * checks and reloads process B answers, tab counts included, and presence sent to A shows on B.
 */
const PASSWORD = "live-processes-password-1";
const children: ChildProcess[] = [];
let a = "";
let b = "";
let ticketId = "";

beforeAll(async () => {
  const db = getDb();
  await ensureDefaults(db);
  const it = await db.team.findUniqueOrThrow({ where: { slug: "it" } });
  for (const [email, name] of [["tina@firma.si", "Tina"], ["marko@firma.si", "Marko"]] as const) {
    await db.user.create({ data: { email, name, role: "TECHNICIAN", passwordHash: await hashPassword(PASSWORD), teams: { create: [{ teamId: it.id }] } } });
  }
  for (const subject of ["Prvi", "Drugi"]) {
    const t = await openTicket(db, { channel: "WEB", requester: { email: "stranka@example.com", locale: "sl" }, subject, body: "Ne dela.", categorySlug: "hosting" });
    ticketId ||= t.id;
  }
  await disconnectDb();
  const start = () => {
    const { child, url } = spawnMinidesk({ WORKER: "false", SMTP_LISTEN: "false", LOG_LEVEL: "silent" });
    children.push(child);
    return url;
  };
  [a, b] = await Promise.all([start(), start()]);
});

afterAll(async () => {
  await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((resolve) => { c.once("exit", resolve); c.kill("SIGTERM"); }))));
});

function browserOn(url: string) {
  const browser = new TestBrowser(url);
  return Object.assign(browser, { at: (u: string) => ((browser.baseUrl = u), browser) });
}

async function signIn(email: string) {
  const br = browserOn(a);
  await br.get("/login");
  expect((await br.post("/login", { email, password: PASSWORD })).status).toBe(302);
  return br;
}

/** What the queue page shows and the times its data carries (loadedAt, countsAt). */
async function queuePage(br: TestBrowser) {
  const page = await br.get("/queue?view=unassigned");
  expect(page.status).toBe(200);
  const num = (re: RegExp) => Number(re.exec(page.text)?.[1] ?? NaN);
  return { unassigned: num(/data-view-count="unassigned">(\d+)</), loadedAt: num(/"loadedAt":(\d+)/), countsAt: num(/"countsAt":(\d+)/) };
}

const check = async (br: TestBrowser) => JSON.parse((await br.get("/live/queue")).text) as { changedAt: number; countsMaxAgeMs: number };

describe("the live queue on two web processes", () => {
  it("sees a change made through the other process, and its counts say when they predate it", async () => {
    const tina = await signIn("tina@firma.si");
    const marko = await signIn("marko@firma.si");
    const before = await queuePage(tina.at(b)); // process B now keeps these counts for a few seconds
    expect(before.unassigned).toBe(2);
    const c0 = await check(tina.at(b));

    // Marko takes a ticket through process A.
    await marko.at(a).get(`/queue/${ticketId}`);
    expect((await marko.at(a).post(`/queue/${ticketId}`, { intent: "assign", assigneeId: "me" })).status).toBe(302);

    // Tina's check happens to reach A, her reload B: B may still show its counts from before the
    // change, but then the page's data says so, and they are current once they have expired.
    const c1 = await check(tina.at(a));
    expect(c1.changedAt).toBeGreaterThan(c0.changedAt);
    const reload = await queuePage(tina.at(b));
    const delay = settleDelay(c1.changedAt, reload.countsAt, reload.loadedAt, c1.countsMaxAgeMs);
    if (reload.unassigned === 2) expect(delay).not.toBeNull();
    if (delay !== null) await new Promise((r) => setTimeout(r, delay));
    expect((await queuePage(tina.at(b))).unassigned).toBe(1);
  });

  it("a check answered by a process forgets that process's older counts at once", async () => {
    const tina = await signIn("tina@firma.si");
    const marko = await signIn("marko@firma.si");
    const before = await queuePage(tina.at(b));
    const other = (await getDb().ticket.findFirstOrThrow({ where: { assigneeId: null } })).id;
    await marko.at(a).get(`/queue/${other}`);
    expect((await marko.at(a).post(`/queue/${other}`, { intent: "assign", assigneeId: "me" })).status).toBe(302);
    await check(tina.at(b));
    const after = await queuePage(tina.at(b));
    expect(after.unassigned).toBe(before.unassigned - 1);
    expect(after.countsAt).toBeGreaterThanOrEqual(after.loadedAt - 1000);
  });

  it("shows on process B who is on the ticket through process A", async () => {
    const tina = await signIn("tina@firma.si");
    const marko = await signIn("marko@firma.si");
    await marko.at(a).get(`/queue/${ticketId}`);
    expect((await marko.at(a).post(`/live/tickets/${ticketId}`, { state: "typing" })).status).toBe(200);
    await tina.at(b).get(`/queue/${ticketId}`);
    const seen = JSON.parse((await tina.at(b).post(`/live/tickets/${ticketId}`, { state: "viewing" })).text) as { others: unknown[] };
    expect(seen.others).toEqual([{ name: "Marko", typing: true }]);
  });
});
