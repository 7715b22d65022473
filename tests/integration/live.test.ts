import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { databaseKind, getDb } from "../../app/db.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { hashPassword } from "../../app/auth/password.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addClientReply } from "../../app/tickets/replies.server";
import { queueChangedAt } from "../../app/live/changes.server";
import { othersOnTicket, pruneExpiredPresence, recordPresence } from "../../app/live/presence.server";

/**
 * The live queue's change check and the ticket page's heartbeat (app/live/), through the real
 * server: who may ask, what they learn, and what one check costs the database.
 */
let app: RunningMinidesk;
const as = {} as Record<"ana" | "bor" | "other" | "admin" | "none", TestBrowser>;
let webTeam = "";
let itTeam = "";

type QueueLive = { changedAt: number | null; interval: number; countsMaxAgeMs: number };
type TicketLive = { changedAt: number; interval: number; others: { name: string; typing: boolean }[] };

beforeAll(async () => {
  app = await startTestApp();
  const db = getDb();
  await ensureDefaults(db);
  webTeam = (await db.team.findUniqueOrThrow({ where: { slug: "web" } })).id;
  itTeam = (await db.team.findUniqueOrThrow({ where: { slug: "it" } })).id;
  const password = "live-test-password-1";
  const passwordHash = await hashPassword(password);
  const people = {
    ana: { name: "Ana Tehnik", role: "TECHNICIAN", team: webTeam },
    bor: { name: "Bor Tehnik", role: "TECHNICIAN", team: webTeam },
    other: { name: "Cene Drugi", role: "TECHNICIAN", team: itTeam },
    admin: { name: "Skrbnik", role: "ADMIN", team: undefined },
    none: { name: "Brez Ekipe", role: "TECHNICIAN", team: undefined },
  } as const;
  for (const [key, p] of Object.entries(people)) {
    const email = `${key}@firma.si`;
    await db.user.create({ data: { email, name: p.name, role: p.role, passwordHash, ...(p.team ? { teams: { create: { teamId: p.team } } } : {}) } });
    const br = new TestBrowser(app.url);
    await br.get("/login");
    expect((await br.post("/login", { email, password })).status).toBe(302);
    as[key as keyof typeof as] = br;
  }
});
afterAll(async () => app?.stop());

async function queueLive(br: TestBrowser): Promise<QueueLive> {
  const res = await br.get("/live/queue");
  expect(res.status).toBe(200);
  expect(res.headers.get("Cache-Control")).toContain("no-store");
  return JSON.parse(res.text) as QueueLive;
}

async function heartbeat(br: TestBrowser, ticketId: string, state: string) {
  await br.get(`/queue/${ticketId}`); // a page first: the CSRF token
  return br.post(`/live/tickets/${ticketId}`, { state });
}

const web = (subject: string, categorySlug = "web") =>
  openTicket(getDb(), { channel: "WEB", requester: { email: "stranka@example.com", locale: "sl" }, subject, body: "Ne dela.", categorySlug });

describe("the queue's change check", () => {
  it("moves when a ticket arrives in the person's team or a client answers, not for another team's ticket", async () => {
    const first = await web("Prva stran");
    const before = await queueLive(as.ana);
    expect(before.changedAt).not.toBeNull();
    expect(before.interval).toBe(5000);
    const otherBefore = await queueLive(as.other);

    await new Promise((r) => setTimeout(r, 5));
    await web("Druga stran");
    const afterArrival = await queueLive(as.ana);
    expect(afterArrival.changedAt!).toBeGreaterThan(before.changedAt!);
    expect((await queueLive(as.other)).changedAt).toBe(otherBefore.changedAt);
    // The admin sees every team.
    expect((await queueLive(as.admin)).changedAt).toBe(afterArrival.changedAt);

    await new Promise((r) => setTimeout(r, 5));
    await addClientReply(getDb(), first.id, { body: "Še vedno ne dela.", via: "WEB" });
    expect((await queueLive(as.ana)).changedAt!).toBeGreaterThan(afterArrival.changedAt!);
  });

  it("tells a technician in no team nothing, and sends the signed-out to sign in", async () => {
    expect((await queueLive(as.none)).changedAt).toBeNull();
    const anon = await new TestBrowser(app.url).get("/live/queue");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toMatch(/^\/login/);
  });

  it("costs one index probe per team, whatever the number of tickets", async () => {
    if (databaseKind() !== "sqlite") return; // PostgreSQL's planner reads a table this small whole
    const db = getDb();
    const plan = await db.$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT MAX("at") AS "at" FROM (SELECT MAX("updatedAt") AS "at" FROM "Ticket" WHERE "teamId" = ? UNION ALL SELECT MAX("updatedAt") AS "at" FROM "Ticket" WHERE "teamId" = ?) AS "m"`,
      webTeam, itTeam,
    );
    const steps = plan.map((p) => p.detail);
    expect(steps.filter((d) => /Ticket/.test(d)).length).toBe(2);
    for (const d of steps.filter((d) => /Ticket/.test(d))) expect(d).toMatch(/^SEARCH Ticket USING COVERING INDEX Ticket_teamId_updatedAt_idx/);
    const admin = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN SELECT MAX("updatedAt") AS "at" FROM "Ticket"`);
    expect(admin.map((p) => p.detail).join(" ")).toMatch(/SEARCH Ticket USING COVERING INDEX Ticket_updatedAt_idx/);
    // And the function asks exactly that.
    const user = { id: "x", email: "x", name: "x", role: "TECHNICIAN" as const, teamIds: [webTeam, itTeam] };
    const newest = await db.ticket.findFirstOrThrow({ where: { teamId: { in: [webTeam, itTeam] } }, orderBy: { updatedAt: "desc" } });
    expect((await queueChangedAt(db, user))?.getTime()).toBe(newest.updatedAt.getTime());
  });
});

describe("a ticket page's heartbeat", () => {
  it("shows each technician the other viewing, then writing a reply, and nobody after they leave", async () => {
    const t = await web("Obrazec ne pošlje");
    const ana = await heartbeat(as.ana, t.id, "viewing");
    expect(ana.status).toBe(200);
    expect((JSON.parse(ana.text) as TicketLive).others).toEqual([]);
    const bor = JSON.parse((await heartbeat(as.bor, t.id, "typing")).text) as TicketLive;
    expect(bor.others).toEqual([{ name: "Ana Tehnik", typing: false }]);
    const anaAgain = JSON.parse((await as.ana.post(`/live/tickets/${t.id}`, { state: "viewing" })).text) as TicketLive;
    expect(anaAgain.others).toEqual([{ name: "Bor Tehnik", typing: true }]);
    expect(anaAgain.changedAt).toBe((await getDb().ticket.findUniqueOrThrow({ where: { id: t.id } })).updatedAt.getTime());
    // The admin reads without being counted (GET).
    const read = JSON.parse((await as.admin.get(`/live/tickets/${t.id}`)).text) as TicketLive;
    expect(read.others.map((o) => o.name)).toEqual(["Ana Tehnik", "Bor Tehnik"]);

    await as.bor.post(`/live/tickets/${t.id}`, { state: "viewing" });
    expect((JSON.parse((await as.ana.post(`/live/tickets/${t.id}`, { state: "viewing" })).text) as TicketLive).others).toEqual([{ name: "Bor Tehnik", typing: false }]);
    await as.bor.post(`/live/tickets/${t.id}`, { state: "left" });
    expect((JSON.parse((await as.ana.post(`/live/tickets/${t.id}`, { state: "viewing" })).text) as TicketLive).others).toEqual([]);
  });

  it("answers another team's technician 404 and writes nothing; refuses a heartbeat without the CSRF token", async () => {
    const t = await web("Skrivnost druge ekipe");
    expect((await as.other.get(`/live/tickets/${t.id}`)).status).toBe(404);
    await as.other.get("/queue");
    expect((await as.other.post(`/live/tickets/${t.id}`, { state: "viewing" })).status).toBe(404);
    await as.ana.get(`/queue/${t.id}`);
    expect((await as.ana.post(`/live/tickets/${t.id}`, { state: "viewing" }, { csrf: false })).status).toBe(403);
    expect((await as.ana.post(`/live/tickets/${t.id}`, { state: "sleeping" })).status).toBe(400);
    expect(await getDb().ticketPresence.count({ where: { ticketId: t.id } })).toBe(0);
    expect((await new TestBrowser(app.url).get(`/live/tickets/${t.id}`)).status).toBe(302);
  });

  it("forgets a heartbeat that was not renewed", async () => {
    const db = getDb();
    const t = await web("Star obisk");
    const ana = await db.user.findUniqueOrThrow({ where: { email: "ana@firma.si" } });
    const bor = await db.user.findUniqueOrThrow({ where: { email: "bor@firma.si" } });
    const then = new Date(Date.now() - 60_000);
    await recordPresence(db, t.id, ana.id, "typing", 5000, then);
    expect(await othersOnTicket(db, t.id, bor.id, new Date(then.getTime() + 9_000))).toEqual([{ name: "Ana Tehnik", typing: true }]);
    expect(await othersOnTicket(db, t.id, bor.id, new Date(then.getTime() + 11_000))).toEqual([{ name: "Ana Tehnik", typing: false }]);
    expect(await othersOnTicket(db, t.id, bor.id)).toEqual([]);
    await pruneExpiredPresence(db, new Date(), true);
    expect(await db.ticketPresence.count({ where: { ticketId: t.id } })).toBe(0);
  });
});
