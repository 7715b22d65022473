import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { hashPassword } from "../../app/auth/password.server";
import { getSessionStorage } from "../../app/auth/session.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { autoCloseResolved, changeTeam, mergeTickets } from "../../app/tickets/ticket-actions.server";
import { addStaffReply } from "../../app/tickets/replies.server";
import { searchTicketIds } from "../../app/tickets/search.server";
import { getAttachmentStore } from "../../app/storage/attachment-store.server";
import { getConfig } from "../../app/config.server";
import { countsPerView, listQueue, parseQueueQuery, PRIORITIES, QUEUE_VIEWS, type QueueRow } from "../../app/tickets/queue.server";
import type { StaffUser } from "../../app/auth/guards.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

let app: RunningMinidesk;
const db = () => getDb();
const PASSWORD = "technician-pass-123";
let teams: Record<string, string>;
let itTech: { id: string };
let itTech2: { id: string };
let webTech: { id: string };

async function signIn(email: string, password = PASSWORD) {
  const b = new TestBrowser(app.url, "en");
  await b.get("/login");
  const res = await b.post("/login", { email, password });
  expect(res.status).toBe(302);
  return b;
}

async function ticket(subject: string, body: string, categorySlug = "crm", extra: Partial<Parameters<typeof openTicket>[1]> = {}) {
  return openTicket(db(), { channel: "WEB", requester: { email: "jana@example.com", name: "Jana Novak", company: "Podjetje d.o.o.", locale: "sl" }, subject, body, categorySlug, ...extra });
}

async function audits(ticketId: string, action: string) {
  return db().auditEvent.findMany({ where: { ticketId, action } });
}

beforeAll(async () => {
  app = await startTestApp();
  teams = Object.fromEntries((await db().team.findMany()).map((t) => [t.slug, t.id]));
  const hash = await hashPassword(PASSWORD);
  const mk = (email: string, name: string, team: string) =>
    db().user.create({ data: { email, name, role: "TECHNICIAN", passwordHash: hash, teams: { create: [{ teamId: teams[team]! }] } } });
  itTech = await mk("it@firma.si", "Ivan IT", "it");
  itTech2 = await mk("it2@firma.si", "Iva IT", "it");
  webTech = await mk("web@firma.si", "Wanda Web", "web");
});
afterAll(async () => {
  await app?.stop();
});

describe("who may use the queue", () => {
  it("sends visitors without a session to sign-in and refuses a client session on every technician route", async () => {
    const t = await ticket("Printer", "It does not print");
    const routes = ["/queue", `/queue/${t.id}`, `/queue/${t.id}/attachments/x`, "/queue?q=printer"];
    const anon = new TestBrowser(app.url);
    for (const r of routes) {
      const res = await anon.get(r);
      expect(res.status, r).toBe(302);
      expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    const client = await db().user.create({ data: { email: "client@example.com", name: "Client", role: "CLIENT" } });
    const storage = getSessionStorage();
    const session = await storage.getSession();
    session.set("userId", client.id);
    const cookie = (await storage.commitSession(session)).split(";")[0]!;
    const b = new TestBrowser(app.url);
    b.cookies.set("md_session", cookie.slice("md_session=".length));
    for (const r of routes) expect((await b.get(r)).status, r).toBe(403);
    await b.get("/login");
    expect((await b.post(`/queue/${t.id}`, { intent: "assign", assigneeId: "me" })).status).toBe(403);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: t.id } })).assigneeId).toBeNull();
  });

  it("keeps a technician out of admin pages", async () => {
    const b = await signIn("it@firma.si");
    for (const r of ["/admin", "/admin/canned-replies", "/admin/categories", "/admin/redaction", "/admin/policies", "/admin/mail", "/admin/teams"]) {
      expect((await b.get(r)).status, r).toBe(403);
    }
    const admin = await signIn("admin@firma.si", "admin-password-123");
    expect((await admin.get("/admin/mail")).text).toContain("Outbox folder");
  });

  it("hides another team's ticket by URL, by search and by attachment link", async () => {
    const webTicket = await ticket("Spletna stran počasna", "Stran se nalaga zelo počasi, unikatnabeseda", "web");
    const key = await getAttachmentStore().put(Buffer.from([0x89, 0x50, 0x4e, 0x47]), "png");
    const att = await db().attachment.create({
      data: { ticketId: webTicket.id, storageKey: key, fileName: "shot.png", mediaType: "image/png", size: 4, status: "STORED" },
    });
    const it = await signIn("it@firma.si");
    expect((await it.get(`/queue/${webTicket.id}`)).status).toBe(404);
    expect((await it.get(`/queue/${webTicket.id}/attachments/${att.id}`)).status).toBe(404);
    const search = await it.get("/queue?view=all&q=unikatnabeseda");
    expect(search.status).toBe(200);
    expect(search.text).not.toContain(`>${webTicket.reference}<`);
    const byReference = await it.get(`/queue?view=all&q=${webTicket.reference}`);
    expect(byReference.text).toContain("No tickets here");
    expect(byReference.text).not.toContain(`>${webTicket.reference}<`);
    await it.get("/queue");
    expect((await it.post(`/queue/${webTicket.id}`, { intent: "assign", assigneeId: "me" })).status).toBe(404);
    // The web team sees all three.
    const web = await signIn("web@firma.si");
    expect((await web.get(`/queue/${webTicket.id}`)).status).toBe(200);
    const file = await web.get(`/queue/${webTicket.id}/attachments/${att.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("image/png");
    expect((await web.get("/queue?view=all&q=unikatnabeseda")).text).toContain(`>${webTicket.reference}<`);
    expect((await web.get(`/queue?view=all&q=${webTicket.reference}`)).text).toContain(`>${webTicket.reference}<`);
  });
});

describe("views, counts and search", () => {
  it("shows each view's tickets and the counts on the tabs", async () => {
    // A fresh team keeps this test's numbers its own.
    const team = await db().team.create({ data: { slug: "views", name: "Views team" } });
    await db().category.create({ data: { slug: "views", nameEn: "Views", nameSl: "Pogledi", teamId: team.id } });
    const hash = await hashPassword(PASSWORD);
    const me = await db().user.create({ data: { email: "views@firma.si", name: "Vera", role: "TECHNICIAN", passwordHash: hash, teams: { create: [{ teamId: team.id }] } } });
    const a = await ticket("Alpha unassigned", "a", "views");
    const b = await ticket("Bravo mine", "b", "views");
    const c = await ticket("Charlie pending", "c", "views");
    const d = await ticket("Delta closed", "d", "views");
    await db().ticket.update({ where: { id: b.id }, data: { assigneeId: me.id, status: "OPEN" } });
    await db().ticket.update({ where: { id: c.id }, data: { status: "PENDING", assigneeId: me.id } });
    await db().ticket.update({ where: { id: d.id }, data: { status: "CLOSED", closedAt: new Date() } });
    await db().followUp.create({ data: { ticketId: b.id, description: "Deployed fix", target: "WEB", deployedAt: new Date(Date.now() - 5 * 864e5), dueAt: new Date(Date.now() - 864e5) } });

    const br = await signIn("views@firma.si");
    const page = await br.get("/queue");
    const count = (view: string) => Number(new RegExp(`data-view-count="${view}">(\\d+)<`).exec(page.text)?.[1]);
    expect({ unassigned: count("unassigned"), mine: count("mine"), pending: count("pending"), followups: count("followups"), open: count("open") })
      .toEqual({ unassigned: 1, mine: 2, pending: 1, followups: 1, open: 3 });
    const refs = async (view: string) => {
      const text = (await br.get(`/queue?view=${view}`)).text;
      return [a, b, c, d].filter((t) => text.includes(t.reference)).map((t) => t.reference);
    };
    expect(await refs("unassigned")).toEqual([a.reference]);
    expect(await refs("mine")).toEqual([b.reference, c.reference]);
    expect(await refs("pending")).toEqual([c.reference]);
    expect(await refs("followups")).toEqual([b.reference]);
    expect(await refs("open")).toEqual([a.reference, b.reference, c.reference]);
    expect(await refs("closed")).toEqual([d.reference]);
    expect(await refs("all")).toEqual([a.reference, b.reference, c.reference, d.reference]);
    // Filters in the URL, newest activity first, then oldest first when asked.
    const filtered = (await br.get(`/queue?view=all&status=CLOSED`)).text;
    expect(filtered).toContain(d.reference);
    expect(filtered).not.toContain(a.reference);
    const asc = (await br.get(`/queue?view=open&sort=created&dir=asc`)).text;
    expect(asc.indexOf(a.reference)).toBeLessThan(asc.indexOf(c.reference));
    const desc = (await br.get(`/queue?view=open&sort=created&dir=desc`)).text;
    expect(desc.indexOf(c.reference)).toBeLessThan(desc.indexOf(a.reference));
  });

  it("pages with a cursor without repeating or skipping tickets", async () => {
    const team = await db().team.create({ data: { slug: "paging", name: "Paging team" } });
    await db().category.create({ data: { slug: "paging", nameEn: "Paging", nameSl: "Strani", teamId: team.id } });
    await db().user.create({ data: { email: "pager@firma.si", name: "Pia", role: "TECHNICIAN", passwordHash: await hashPassword(PASSWORD), teams: { create: [{ teamId: team.id }] } } });
    const made: string[] = [];
    for (let i = 0; i < 55; i++) made.push((await ticket(`Paged ${i}`, "x", "paging")).reference);
    const br = await signIn("pager@firma.si");
    const first = await br.get("/queue?view=open");
    const next = /href="([^"]*cursor=[^"]+)"/.exec(first.text)![1]!.replace(/&amp;/g, "&");
    const second = await br.get(next);
    const seen = (text: string) => made.filter((r) => new RegExp(`>${r}<`).test(text));
    expect(seen(first.text)).toHaveLength(50);
    expect(seen(second.text)).toHaveLength(5);
    expect(new Set([...seen(first.text), ...seen(second.text)]).size).toBe(55);
  });

  it("finds redacted text, folds diacritics, and never finds a removed value", async () => {
    const t = await ticket("Težava s časom prijave", "Pokličite me na 041 123 456, čakam že dolgo na poročilo");
    const b = await signIn("it@firma.si");
    expect((await b.get("/queue?view=all&q=cas")).text).toContain(t.reference);
    expect((await b.get("/queue?view=all&q=POROCILO cakam")).text).toContain(t.reference);
    expect((await b.get("/queue?view=all&q=tezav")).text).toContain(t.reference);
    expect((await b.get("/queue?view=all&q=041")).text).not.toContain(t.reference);
    // Operators and quotes are plain words, not syntax errors.
    const odd = await b.get(`/queue?view=all&q=${encodeURIComponent('"NEAR( -x OR ^*:')}`);
    expect(odd.status).toBe(200);
    expect(odd.text).toContain("No tickets here");
  });
});

/**
 * The queue's hand-written SQL (app/tickets/queue-sql.server.ts) checked against a plain
 * reading of the rules over every ticket, page by page, on whichever database the project
 * runs: every view, sort and direction, some filters, for a technician in two teams (one
 * ordered walk per team or per status and team, merged) and for an admin.
 */
describe("the queue's pages follow its rules", () => {
  type Ticket = { id: string; status: string; priority: string; channel: string; categorySlug: string; teamId: string; assigneeId: string | null; createdAt: Date; updatedAt: Date };
  const ACTIVE = ["NEW", "OPEN", "PENDING"];

  function expected(all: Ticket[], dueIds: Set<string>, user: StaffUser, params: Record<string, string>): string[] {
    const q = parseQueueQuery(new URLSearchParams(params));
    const rows = all.filter((t) => {
      if (user.role !== "ADMIN" && !user.teamIds.includes(t.teamId)) return false;
      const active = ACTIVE.includes(t.status);
      const inView = {
        unassigned: t.assigneeId === null && active, mine: t.assigneeId === user.id && active, pending: t.status === "PENDING",
        followups: dueIds.has(t.id), open: active, closed: !active, all: true,
      }[q.view];
      return inView && (!q.status || t.status === q.status) && (!q.priority || t.priority === q.priority) && (!q.channel || t.channel === q.channel)
        && (!q.category || t.categorySlug === q.category) && (!q.assigneeId || t.assigneeId === (q.assigneeId === "none" ? null : q.assigneeId));
    });
    const byKey = (field: "createdAt" | "updatedAt", sign: number) => (a: Ticket, b: Ticket) =>
      sign * (a[field].getTime() - b[field].getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (q.sort === "priority") {
      const order = q.dir === "desc" ? [...PRIORITIES] : [...PRIORITIES].reverse();
      return order.flatMap((p) => rows.filter((t) => t.priority === p).sort(byKey("updatedAt", -1))).map((t) => t.id);
    }
    return rows.sort(byKey(q.sort === "created" ? "createdAt" : "updatedAt", q.dir === "desc" ? -1 : 1)).map((t) => t.id);
  }

  async function pages(user: StaffUser, params: Record<string, string>, pageSize: number) {
    const ids: string[] = [];
    const capped = new Set<boolean>();
    let cursor: string | undefined;
    for (let n = 0; n < 100; n++) {
      const page = await listQueue(db(), user, parseQueueQuery(new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) })), new Date(), pageSize);
      ids.push(...page.rows.map((r: QueueRow) => r.id));
      capped.add(page.searchCapped);
      if (!page.nextCursor) return { ids, first: page.rows[0], capped: [...capped] };
      expect(page.rows).toHaveLength(pageSize);
      cursor = page.nextCursor;
    }
    throw new Error("more than 100 pages");
  }

  /** A team with a category routed to it (the slug serves both); its id. */
  const mkTeam = async (slug: string) => {
    const team = await db().team.create({ data: { slug, name: `Team ${slug}` } });
    await db().category.create({ data: { slug, nameEn: slug, nameSl: slug, teamId: team.id } });
    return team.id;
  };

  it("lists every view, sort and filter as the rules say, page after page, on this database", async () => {
    const [a, b, c] = [await mkTeam("rules-a"), await mkTeam("rules-b"), await mkTeam("rules-c")];
    const hash = await hashPassword(PASSWORD);
    const me = await db().user.create({ data: { email: "rules@firma.si", name: "Rula", role: "TECHNICIAN", passwordHash: hash, teams: { create: [{ teamId: a }, { teamId: b }] } } });
    const other = await db().user.create({ data: { email: "rules2@firma.si", name: "Rok", role: "TECHNICIAN", passwordHash: hash, teams: { create: [{ teamId: a }] } } });
    const requester = await db().requester.create({ data: { email: "rules-client@example.com", company: "Rules d.o.o." } });
    const statuses = ["NEW", "OPEN", "PENDING", "RESOLVED", "CLOSED", "CLOSED", "CLOSED"];
    const base = Date.UTC(2026, 0, 10, 12);
    const data = Array.from({ length: 150 }, (_, i) => {
      const teamId = [a, a, b, c][i % 4]!;
      // Every fifth ticket shares its times with the one before: the id breaks the tie.
      const t = base - (i % 5 === 0 && i > 0 ? i - 1 : i) * 60_000;
      return {
        reference: `MD-2026-9${String(i).padStart(5, "0")}`, subject: `Rules ${i}`, status: statuses[(i * 3) % statuses.length]!,
        priority: PRIORITIES[(i * 7) % 4]!, channel: i % 3 ? "WEB" : "EMAIL", categorySlug: teamId === a ? "rules-a" : teamId === b ? "rules-b" : "rules-c",
        teamId, assigneeId: [me.id, other.id, null][i % 3]!, requesterId: i % 2 ? requester.id : null,
        createdAt: new Date(t - ((i * 37) % 11) * 3_600_000), updatedAt: new Date(t),
      };
    });
    await db().ticket.createMany({ data });
    const mine = await db().ticket.findMany({ where: { teamId: { in: [a, b, c] } }, orderBy: { reference: "asc" } });
    const now = new Date();
    await db().followUp.createMany({ data: mine.slice(0, 12).map((t, i) => ({
      ticketId: t.id, description: "x", target: "WEB", deployedAt: now,
      status: ["DUE", "SCHEDULED", "DONE"][i % 3]!, dueAt: new Date(now.getTime() + (i % 2 ? -864e5 : 864e5)),
    })) });
    const follow = await db().followUp.findMany({ where: { ticketId: { in: mine.map((t) => t.id) } } });
    const dueIds = new Set(follow.filter((f) => f.status === "DUE" || (f.status === "SCHEDULED" && f.dueAt <= now)).map((f) => f.ticketId));

    const tech: StaffUser = { id: me.id, email: "rules@firma.si", name: "Rula", role: "TECHNICIAN", teamIds: [a, b] };
    const admin: StaffUser = { id: "admin-not-assigned", email: "admin@firma.si", name: "Admin", role: "ADMIN", teamIds: [] };
    for (const user of [tech, admin]) {
      // The admin sees every ticket of this file; only this test's are compared.
      const all = (await db().ticket.findMany()) as Ticket[];
      const ours = new Set(mine.map((t) => t.id));
      const compare = async (params: Record<string, string>, pageSize = 9) => {
        const want = expected(all, dueIds, user, params).filter((id) => ours.has(id) || user.role !== "ADMIN");
        const got = (await pages(user, params, pageSize)).ids.filter((id) => ours.has(id) || user.role !== "ADMIN");
        expect(got, `${user.role} ${new URLSearchParams(params)}`).toEqual(want);
      };
      for (const view of QUEUE_VIEWS) {
        for (const sort of ["updated", "created", "priority"]) {
          for (const dir of ["desc", "asc"]) {
            // Admin pages run over every ticket of the file: bigger pages keep it quick.
            await compare({ view, sort, dir }, user.role === "ADMIN" ? 40 : 9);
          }
        }
      }
      if (user.role === "ADMIN") continue;
      await compare({ view: "all", status: "OPEN" });
      await compare({ view: "open", status: "PENDING", sort: "created", dir: "asc" });
      await compare({ view: "all", priority: "HIGH", channel: "EMAIL" });
      await compare({ view: "closed", category: "rules-b", sort: "priority" });
      await compare({ view: "all", assigneeId: "none" });
      await compare({ view: "open", assigneeId: other.id, sort: "priority", dir: "asc" });
    }

    // A row carries what the page shows, with the same types on both databases.
    const { first } = await pages(tech, { view: "all", sort: "created", dir: "asc" }, 200);
    const source = data.find((d) => d.reference === first!.reference)!;
    expect(first).toMatchObject({ subject: source.subject, team: { name: source.teamId === a ? "Team rules-a" : "Team rules-b" } });
    expect(first!.createdAt).toBeInstanceOf(Date);
    expect(first!.createdAt.getTime()).toBe(source.createdAt.getTime());
    expect(first!.requester).toEqual(source.requesterId ? { company: "Rules d.o.o." } : null);
    expect(first!.assignee).toEqual(source.assigneeId === me.id ? { id: me.id, name: "Rula" } : source.assigneeId === other.id ? { id: other.id, name: "Rok" } : null);

    // The tab counts agree with the lists.
    const counts = await countsPerView(db(), tech, now);
    const all = (await db().ticket.findMany()) as Ticket[];
    for (const view of ["unassigned", "mine", "pending", "followups", "open"] as const) {
      expect(counts[view], view).toBe(expected(all, dueIds, tech, { view }).length);
    }
    // Outside their teams a technician sees nothing of these tickets, whatever the view.
    const stranger: StaffUser = { id: "x", email: "x@firma.si", name: "X", role: "TECHNICIAN", teamIds: [] };
    expect((await listQueue(db(), stranger, parseQueueQuery(new URLSearchParams("view=all")))).rows).toEqual([]);
    expect((await countsPerView(db(), stranger)).open).toBe(0);
  });

  it("pages through a search as the rules say over its matches, capped inside the statement, on this database", async () => {
    const [a, b, c] = [await mkTeam("search-a"), await mkTeam("search-b"), await mkTeam("search-c")];
    const me = await db().user.create({ data: { email: "searcher@firma.si", name: "Sara", role: "TECHNICIAN", teams: { create: [{ teamId: a }, { teamId: b }] } } });
    // 700 tickets share a word: more than MAX_SEARCH_MATCHES (500) for a technician in two of the
    // three teams (525) and for an admin, so the page must be taken from the capped matches, not
    // from every match. Every seventh also has a rarer word (100 tickets, under the cap).
    const statuses = ["NEW", "OPEN", "PENDING", "RESOLVED", "CLOSED", "CLOSED", "CLOSED"];
    const base = Date.UTC(2026, 1, 10, 12);
    await db().ticket.createMany({ data: Array.from({ length: 700 }, (_, i) => {
      const teamId = [a, a, b, c][i % 4]!;
      const t = base - ((i * 389) % 700) * 60_000 - (i % 5 === 0 ? 60_000 : 0); // shuffled, with ties
      return {
        reference: `MD-2026-8${String(i).padStart(5, "0")}`, subject: `Iskalnavrsta ${i % 7 ? "" : "redkobesedje "}${i}`,
        status: statuses[(i * 3) % statuses.length]!, priority: PRIORITIES[(i * 7) % 4]!, channel: i % 3 ? "WEB" : "EMAIL",
        categorySlug: teamId === a ? "search-a" : teamId === b ? "search-b" : "search-c", teamId, assigneeId: [me.id, null][i % 2]!,
        createdAt: new Date(t - ((i * 37) % 11) * 3_600_000), updatedAt: new Date(t),
      };
    }) });
    const rows = await db().ticket.findMany({ where: { teamId: { in: [a, b, c] } } });
    const all = rows as Ticket[];
    const subjects = new Map(rows.map((t) => [t.id, t.subject]));
    const tech: StaffUser = { id: me.id, email: "searcher@firma.si", name: "Sara", role: "TECHNICIAN", teamIds: [a, b] };
    const admin: StaffUser = { id: "admin-not-assigned", email: "admin@firma.si", name: "Admin", role: "ADMIN", teamIds: [] };
    for (const user of [tech, admin]) {
      for (const [q, capped] of [["iskalnavrsta", true], ["redkobesedje", false]] as const) {
        // The search alone (the newest MAX_SEARCH_MATCHES matches, within the person's teams) ...
        const matched = new Set(await searchTicketIds(db(), user, q));
        const visible = all.filter((t) => user.role === "ADMIN" || user.teamIds.includes(t.teamId));
        const withWord = visible.filter((t) => subjects.get(t.id)!.toLowerCase().includes(q));
        expect(withWord.length > 500).toBe(capped);
        expect(matched.size).toBe(Math.min(500, withWord.length));
        expect([...matched].every((id) => withWord.some((t) => t.id === id))).toBe(true);
        // ... and the queue's pages of it, in one statement each, as the rules say over those matches.
        const compare = async (params: Record<string, string>, pageSize = user.role === "ADMIN" ? 60 : 25) => {
          const want = expected(all.filter((t) => matched.has(t.id)), new Set(), user, params);
          const got = await pages(user, { ...params, q }, pageSize);
          expect(got.ids, `${user.role} ${new URLSearchParams({ ...params, q })}`).toEqual(want);
          expect(got.capped, `capped: ${user.role} ${new URLSearchParams({ ...params, q })}`).toEqual([capped]);
        };
        for (const view of ["all", "open", "closed", "unassigned", "mine", "pending"]) await compare({ view });
        await compare({ view: "all", sort: "created", dir: "asc" });
        await compare({ view: "all", sort: "priority" });
        await compare({ view: "all", status: "CLOSED" });
        await compare({ view: "all", priority: "HIGH", channel: "EMAIL", sort: "created" });
        // An empty page still says whether the search was cut off.
        await compare({ view: "all", category: "nothing-here" });
      }
    }
  });
});

describe("working a ticket", () => {
  it("assigns, changes priority and status, replies, adds a note, each with an audit event", async () => {
    const t = await ticket("CRM ne dela", "CRM se ne odpre");
    const b = await signIn("it@firma.si");
    await b.get(`/queue/${t.id}`);
    expect((await b.post(`/queue/${t.id}`, { intent: "assign", assigneeId: "me" })).status).toBe(302);
    let row = await db().ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.assigneeId).toBe(itTech.id);
    expect(row.status).toBe("OPEN");
    // Someone outside the ticket's team cannot be given it.
    const wrong = await b.post(`/queue/${t.id}`, { intent: "assign", assigneeId: webTech.id });
    expect(wrong.status).toBe(400);
    expect((await b.post(`/queue/${t.id}`, { intent: "assign", assigneeId: itTech2.id })).status).toBe(302);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: t.id } })).assigneeId).toBe(itTech2.id);
    expect(await audits(t.id, "ticket.assigned")).toHaveLength(2);

    await b.post(`/queue/${t.id}`, { intent: "priority", priority: "URGENT" });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: t.id } })).priority).toBe("URGENT");
    expect(await audits(t.id, "ticket.priority_changed")).toHaveLength(1);

    await b.post(`/queue/${t.id}`, { intent: "reply", body: "Poskusite znova. Moja številka je 031 555 444.", note: "0", then: "PENDING" });
    await b.post(`/queue/${t.id}`, { intent: "reply", body: "Interno: stranka ima staro licenco", note: "1", then: "keep" });
    row = await db().ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.status).toBe("PENDING");
    expect(await audits(t.id, "ticket.replied")).toHaveLength(1);
    expect(await audits(t.id, "ticket.note_added")).toHaveLength(1);
    const mail = await db().outboxMail.findMany({ where: { ticketId: t.id, NOT: { mailMessageId: { startsWith: "<md.notify." } } } });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.textBody).not.toContain("031 555 444");
    expect(mail[0]!.textBody).not.toContain("staro licenco");
    const page = (await b.get(`/queue/${t.id}`)).text;
    expect(page).toContain('data-direction="OUT"');
    expect(page).toContain('data-direction="INTERNAL"');
    expect(page).toMatch(/data-redaction-type="PHONE">phone numbers × 1</);
    expect(page).toContain('data-audit-action="ticket.priority_changed"');

    // The workflow refuses a jump it does not allow, and resolving destroys access details.
    await db().ticket.update({ where: { id: t.id }, data: { accessCipher: "v1.x.y.z", accessExpiresAt: new Date(Date.now() + 864e5) } });
    await b.post(`/queue/${t.id}`, { intent: "status", status: "RESOLVED" });
    row = await db().ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.status).toBe("RESOLVED");
    expect(row.resolvedAt).not.toBeNull();
    expect(row.accessCipher).toBeNull();
    expect((await b.post(`/queue/${t.id}`, { intent: "status", status: "PENDING" })).status).toBe(400);
    await b.post(`/queue/${t.id}`, { intent: "status", status: "CLOSED" });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: t.id } })).closedAt).not.toBeNull();
    await b.post(`/queue/${t.id}`, { intent: "status", status: "OPEN" });
    row = await db().ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect([row.status, row.closedAt, row.resolvedAt]).toEqual(["OPEN", null, null]);
    expect((await audits(t.id, "ticket.status_changed")).length).toBe(4);
  });

  it("moves a ticket to another team by category, and the technician loses sight of it", async () => {
    const t = await ticket("Domena", "Domena ne deluje");
    const b = await signIn("it2@firma.si");
    await b.get(`/queue/${t.id}`);
    const res = await b.post(`/queue/${t.id}`, { intent: "category", category: "web" });
    expect(res.location).toBe("/queue?moved=1");
    const row = await db().ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect([row.categorySlug, row.teamId]).toEqual(["web", teams.web]);
    expect((await b.get(`/queue/${t.id}`)).status).toBe(404);
    expect(await audits(t.id, "ticket.category_changed")).toHaveLength(1);
  });

  it("keeps a search inside the person's teams when a ticket or its messages move to another team", async () => {
    // On PostgreSQL the index rows carry the ticket's team, kept by triggers: the search SQL
    // itself (not only the page) must follow a move, a reply after it and a merge.
    const t = await ticket("Selitevnaslov tiskalnika", "Tiskalnik selitevtelo ne tiska");
    const target = await ticket("Spletni obrazec", "Obrazec ne pošlje", "web");
    const dup = await ticket("Obrazec spet", "Še vedno selitevdvojnik", "crm");
    const itUser: StaffUser = { id: itTech.id, email: "it@firma.si", name: "Ivan IT", role: "TECHNICIAN", teamIds: [teams.it!] };
    const webUser: StaffUser = { id: webTech.id, email: "web@firma.si", name: "Wanda Web", role: "TECHNICIAN", teamIds: [teams.web!] };
    const adminRow = await db().user.findUniqueOrThrow({ where: { email: "admin@firma.si" } });
    const admin: StaffUser = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: "ADMIN", teamIds: [] };
    const found = (user: StaffUser, q: string) => searchTicketIds(db(), user, q);
    expect(await found(itUser, "selitevnaslov")).toEqual([t.id]);
    expect(await found(itUser, "selitevtelo")).toEqual([t.id]);
    expect(await found(webUser, "selitevtelo")).toEqual([]);

    await changeTeam(db(), admin, t.id, teams.web!);
    for (const word of ["selitevnaslov", "selitevtelo"]) {
      expect(await found(itUser, word)).toEqual([]);
      expect(await found(webUser, word)).toEqual([t.id]);
      expect(await found(admin, word)).toEqual([t.id]);
    }
    await addStaffReply(db(), t.id, webTech, { body: "Zamenjali smo selitevodgovor.", note: false });
    expect(await found(itUser, "selitevodgovor")).toEqual([]);
    expect(await found(webUser, "selitevodgovor")).toEqual([t.id]);

    // A merge moves the duplicate's messages to the target's team.
    await mergeTickets(db(), admin, dup.id, target.reference);
    expect(await found(itUser, "selitevdvojnik")).toEqual([]);
    expect(await found(webUser, "selitevdvojnik")).toEqual([target.id]);
  });

  it("merges a duplicate into another ticket", async () => {
    const target = await ticket("Pošta ne dela", "Ne morem pošiljati pošte");
    const dup = await ticket("Pošta spet", "Še vedno ne gre, podvojenabeseda");
    const b = await signIn("it@firma.si");
    await b.get(`/queue/${dup.id}`);
    const res = await b.post(`/queue/${dup.id}`, { intent: "merge", target: target.reference.toLowerCase() });
    expect(res.location).toBe(`/queue/${target.id}`);
    const d = await db().ticket.findUniqueOrThrow({ where: { id: dup.id }, include: { messages: true } });
    expect(d.status).toBe("CLOSED");
    expect(d.mergedIntoId).toBe(target.id);
    expect(d.messages.map((m) => m.kind)).toEqual(["SYSTEM"]);
    const tgt = await db().ticket.findUniqueOrThrow({ where: { id: target.id }, include: { messages: true } });
    expect(tgt.messages.some((m) => m.body.includes("podvojenabeseda"))).toBe(true);
    expect(tgt.messages.some((m) => m.kind === "SYSTEM" && m.body.includes(dup.reference))).toBe(true);
    expect(await audits(dup.id, "ticket.merged")).toHaveLength(1);
    expect(await audits(target.id, "ticket.merged_from")).toHaveLength(1);
    // The search index followed the moved message.
    const found = (await b.get("/queue?view=all&q=podvojenabeseda")).text;
    expect(found).toContain(`>${target.reference}<`);
    expect(found).not.toContain(`>${dup.reference}<`);
    // Merging into itself is refused with a message.
    const self = await b.post(`/queue/${target.id}`, { intent: "merge", target: target.reference });
    expect(self.status).toBe(400);
  });

  it("bulk assigns and closes only tickets in the person's teams", async () => {
    const x = await ticket("Bulk one", "1");
    const y = await ticket("Bulk two", "2");
    const other = await ticket("Bulk web", "3", "web");
    const b = await signIn("it@firma.si");
    await b.get("/queue");
    const res = await b.post("/queue?index", { intent: "bulk-assign", assigneeId: "me", ids: [x.id, y.id, other.id] });
    expect(res.status).toBe(302);
    expect(res.location).toContain("done=2");
    expect(res.location).toContain("skipped=1");
    expect((await db().ticket.findUniqueOrThrow({ where: { id: other.id } })).assigneeId).toBeNull();
    expect((await db().ticket.findMany({ where: { id: { in: [x.id, y.id] } } })).every((t) => t.assigneeId === itTech.id)).toBe(true);
    await b.post("/queue?index", { intent: "bulk-close", ids: [x.id, y.id, other.id] });
    expect((await db().ticket.findMany({ where: { id: { in: [x.id, y.id] } } })).map((t) => t.status)).toEqual(["CLOSED", "CLOSED"]);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("NEW");
    expect(await audits(x.id, "ticket.assigned")).toHaveLength(1);
    expect(await audits(y.id, "ticket.status_changed")).toHaveLength(1);
    expect(await audits(other.id, "ticket.status_changed")).toHaveLength(0);
  });

  it("shows access details only to the ticket's team, recording every view", async () => {
    const t = await ticket("FTP dostop", "Prosim za pomoč", "crm", { accessDetails: "ftp uporabnik jana / geslo Zelo-Tajno-99" });
    const b = await signIn("it@firma.si");
    const page = await b.get(`/queue/${t.id}`);
    expect(page.text).toContain("Show access details");
    expect(page.text).not.toContain("Zelo-Tajno-99");
    const first = await b.post(`/queue/${t.id}`, { intent: "access-details" });
    expect(first.text).toContain("Zelo-Tajno-99");
    await b.post(`/queue/${t.id}`, { intent: "access-details" });
    const views = await audits(t.id, "access_details.viewed");
    expect(views).toHaveLength(2);
    expect(views.every((v) => v.actorUserId === itTech.id && !v.details.includes("Zelo"))).toBe(true);
    const web = await signIn("web@firma.si");
    await web.get("/queue");
    expect((await web.post(`/queue/${t.id}`, { intent: "access-details" })).status).toBe(404);
    expect(await audits(t.id, "access_details.viewed")).toHaveLength(2);
  });
});

describe("automatic closing", () => {
  it("closes tickets resolved longer ago than AUTO_CLOSE_RESOLVED_DAYS, and only those", async () => {
    const days = getConfig().AUTO_CLOSE_RESOLVED_DAYS;
    const now = new Date();
    const old = await ticket("Old resolved", "x");
    const fresh = await ticket("Fresh resolved", "y");
    await db().ticket.update({ where: { id: old.id }, data: { status: "RESOLVED", resolvedAt: new Date(now.getTime() - (days + 1) * 864e5), lastClientAt: new Date(now.getTime() - (days + 2) * 864e5) } });
    await db().ticket.update({ where: { id: fresh.id }, data: { status: "RESOLVED", resolvedAt: new Date(now.getTime() - (days - 1) * 864e5) } });
    const result = await autoCloseResolved(db(), now);
    expect(result.closed).toBeGreaterThanOrEqual(1);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("CLOSED");
    expect((await db().ticket.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("RESOLVED");
    const events = await audits(old.id, "ticket.auto_closed");
    expect(events).toHaveLength(1);
    expect(events[0]!.actorKind).toBe("SYSTEM");
  });
});

describe("admin settings", () => {
  it("saves canned replies, the redaction policy and follow-up delays", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    await admin.get("/admin/canned-replies");
    expect((await admin.post("/admin/canned-replies", { intent: "create", title: "Ponovni zagon", body: "Prosimo, znova zaženite računalnik.", locale: "sl" })).status).toBe(200);
    const t = await ticket("Canned", "z");
    const reply = (await admin.get(`/queue/${t.id}?canned=${(await db().cannedReply.findFirstOrThrow()).id}`)).text;
    expect(reply).toContain("Prosimo, znova zaženite računalnik.</textarea>");

    await admin.get("/admin/redaction");
    const { ENTITY_TYPES } = await import("../../app/redaction");
    const form = Object.fromEntries(ENTITY_TYPES.map((ty) => [ty, ty === "PHONE" ? "keep" : "remove"]));
    expect((await admin.post("/admin/redaction", form)).status).toBe(200);
    // The app applied it at once; this test process holds its own copy of the policy cache.
    const { forgetCachedRedactionPolicy } = await import("../../app/tickets/redact-for-storage.server");
    forgetCachedRedactionPolicy();
    const kept = await ticket("Phone kept", "Pokličite 041 987 654");
    const msg = await db().message.findFirstOrThrow({ where: { ticketId: kept.id } });
    expect(msg.body).toContain("041 987 654");

    await admin.get("/admin/policies");
    await admin.post("/admin/policies", { intent: "followups", businessDays: "3", secondReminderDays: "2", linkDays: "10" });
    const { getFollowUpPolicy } = await import("../../app/settings/followup-policy.server");
    expect(await getFollowUpPolicy(db())).toEqual({ businessDays: 3, secondReminderDays: 2, linkDays: 10 });
    expect(await db().auditEvent.count({ where: { action: { in: ["canned_reply.created", "settings.redaction_changed", "settings.followups_changed"] } } })).toBe(3);
  });
});
