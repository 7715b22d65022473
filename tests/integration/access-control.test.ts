import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { hashPassword } from "../../app/auth/password.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { issueTicketLink } from "../../app/tickets/ticket-links.server";

/**
 * Who may open what: every route file in app/routes × five kinds of visitor. The table must
 * name every route file (a new route without a row fails the first test), so a page cannot
 * ship without someone deciding who sees it.
 *
 *   anon      nobody signed in
 *   client    a client holding the private link of ANOTHER ticket (B), trying ticket A
 *   techOther a technician of another team than ticket A's
 *   techTeam  a technician of ticket A's team
 *   admin     an administrator
 */
type Persona = "anon" | "client" | "techOther" | "techTeam" | "admin";
const PERSONAS: Persona[] = ["anon", "client", "techOther", "techTeam", "admin"];
type Ctx = {
  ticketA: string; ticketB: string; tokenA: string; tokenB: string; attachmentA: string; dsrId: string;
};
type Row = { url: (ctx: Ctx, p: Persona) => string; expect: Record<Persona, number> };

const all = (status: number): Record<Persona, number> => ({ anon: status, client: status, techOther: status, techTeam: status, admin: status });
const staffOnly = { anon: 302, client: 302, techOther: 200, techTeam: 200, admin: 200 };
const adminOnly = { anon: 302, client: 302, techOther: 403, techTeam: 403, admin: 200 };
const fake = () => crypto.randomBytes(24).toString("base64url");

/** Keyed by the route file name (without extension). */
const TABLE: Record<string, Row> = {
  _index: { url: () => "/", expect: all(200) },
  "admin._index": { url: () => "/admin", expect: adminOnly },
  "admin.audit": { url: () => "/admin/audit", expect: adminOnly },
  "admin.canned-replies": { url: () => "/admin/canned-replies", expect: adminOnly },
  "admin.deployments": { url: () => "/admin/deployments", expect: adminOnly },
  "admin.categories": { url: () => "/admin/categories", expect: adminOnly },
  "admin.mail": { url: () => "/admin/mail", expect: adminOnly },
  "admin.mailboxes": { url: () => "/admin/mailboxes", expect: adminOnly },
  // The OAuth2 provider's redirect back: an admin is sent on to the mailbox page (no sign-in pending).
  "admin.mailboxes_.oauth-callback": { url: () => "/admin/mailboxes/oauth-callback?code=x&state=y", expect: { ...adminOnly, admin: 302 } },
  "admin.policies": { url: () => "/admin/policies", expect: adminOnly },
  "admin.privacy": { url: () => "/admin/privacy", expect: adminOnly },
  "admin.privacy_.$id.export": { url: (c) => `/admin/privacy/${c.dsrId}/export`, expect: adminOnly },
  "admin.redaction": { url: () => "/admin/redaction", expect: adminOnly },
  "admin.teams": { url: () => "/admin/teams", expect: adminOnly },
  "admin.users": { url: () => "/admin/users", expect: adminOnly },
  // Machine to machine, POST only; GET is 405 for everyone.
  "api.inbound-mail": { url: () => "/api/inbound-mail", expect: all(405) },
  "api.deployments": { url: () => "/api/deployments", expect: all(405) },
  // An unknown follow-up / confirmation / unsubscribe token opens nothing, for anyone.
  "followup.$token": { url: () => `/followup/${fake()}`, expect: all(404) },
  // Asking for a password reset is open to all (the answer never says whether an account exists).
  "forgot-password": { url: () => "/forgot-password", expect: all(200) },
  // The second sign-in step needs the first step's cookie; without it, back to /login.
  "login_.code": { url: () => "/login/code", expect: all(302) },
  "account.two-factor": { url: () => "/account/two-factor", expect: staffOnly },
  lang: { url: () => "/lang?lng=en", expect: all(302) },
  // The live queue's change check and a ticket page's heartbeat (app/live/): staff only, and
  // another team's ticket does not exist here either.
  "live.queue": { url: () => "/live/queue", expect: staffOnly },
  "live.tickets.$id": { url: (c) => `/live/tickets/${c.ticketA}`, expect: { anon: 302, client: 302, techOther: 404, techTeam: 200, admin: 200 } },
  // Staff already signed in are sent on to the queue.
  login: { url: () => "/login", expect: { anon: 200, client: 200, techOther: 302, techTeam: 302, admin: 302 } },
  logout: { url: () => "/logout", expect: all(302) },
  "my-links": { url: () => "/my-links", expect: all(200) },
  new: { url: () => "/new", expect: all(200) },
  "new_.done": { url: () => "/new/done", expect: all(200) },
  // Each staff member's own notification settings.
  profile: { url: () => "/profile", expect: staffOnly },
  "privacy._index": { url: () => "/privacy", expect: all(200) },
  "privacy.confirm.$token": { url: () => `/privacy/confirm/${fake()}`, expect: all(404) },
  // Another team's ticket does not exist for a technician (404, not 403: nothing to learn).
  "queue.$id": { url: (c) => `/queue/${c.ticketA}`, expect: { anon: 302, client: 302, techOther: 404, techTeam: 200, admin: 200 } },
  "queue.$id_.attachments.$attachmentId": {
    url: (c) => `/queue/${c.ticketA}/attachments/${c.attachmentA}`,
    expect: { anon: 302, client: 302, techOther: 404, techTeam: 200, admin: 200 },
  },
  "queue._index": { url: () => "/queue", expect: staffOnly },
  "reset-password.$token": { url: () => `/reset-password/${fake()}`, expect: all(404) },
  "reports._index": { url: () => "/reports", expect: adminOnly },
  "reports.access": { url: () => "/reports/access", expect: adminOnly },
  "reports.csv.$chart": { url: () => "/reports/csv/opened", expect: adminOnly },
  "reports.summary": { url: () => "/reports/summary", expect: adminOnly },
  // An unknown setup token shows the "link not valid" page, with no form.
  setup: { url: () => `/setup?token=${fake()}`, expect: all(200) },
  // The link is the key: ticket A's page opens for whoever holds A's link; the client
  // holding B's link cannot reach A (a guessed token is 404).
  "t.$token": { url: (c, p) => (p === "client" ? `/t/${fake()}` : `/t/${c.tokenA}`), expect: all(200) },
  // ...and B's link does not open A's attachment.
  "t.$token_.attachments.$id": {
    url: (c, p) => (p === "client" ? `/t/${c.tokenB}/attachments/${c.attachmentA}` : `/t/${c.tokenA}/attachments/${c.attachmentA}`),
    expect: { anon: 200, client: 404, techOther: 200, techTeam: 200, admin: 200 },
  },
  "unsubscribe.$token": { url: () => `/unsubscribe/${fake()}`, expect: all(404) },
};
TABLE["t.$token"]!.expect = { anon: 200, client: 404, techOther: 200, techTeam: 200, admin: 200 };

let app: RunningMinidesk;
const browsers = {} as Record<Persona, TestBrowser>;
const ctx = {} as Ctx;

beforeAll(async () => {
  app = await startTestApp();
  const db = getDb();
  await ensureDefaults(db);
  const web = await db.team.findUniqueOrThrow({ where: { slug: "web" } });
  const it = await db.team.findUniqueOrThrow({ where: { slug: "it" } });
  const password = "access-control-password-1";
  const passwordHash = await hashPassword(password);
  const users: Record<Exclude<Persona, "anon" | "client">, { email: string; role: string; team?: string }> = {
    techOther: { email: "drugi.tehnik@firma.si", role: "TECHNICIAN", team: it.id },
    techTeam: { email: "spletni.tehnik@firma.si", role: "TECHNICIAN", team: web.id },
    admin: { email: "skrbnik@firma.si", role: "ADMIN" },
  };
  for (const [p, u] of Object.entries(users)) {
    await db.user.create({
      data: { email: u.email, name: p, role: u.role, passwordHash, ...(u.team ? { teams: { create: { teamId: u.team } } } : {}) },
    });
  }
  const a = await openTicket(db, {
    channel: "WEB", requester: { email: "stranka.a@example.com", locale: "sl" }, subject: "Spletna stran", body: "Ne dela.", categorySlug: "web",
    files: [{ fileName: "log.txt", declaredType: "text/plain", bytes: Buffer.from("error 500 at checkout\n") }],
  });
  const b = await openTicket(db, { channel: "WEB", requester: { email: "stranka.b@example.com", locale: "sl" }, subject: "CRM", body: "Ne dela.", categorySlug: "crm" });
  ctx.ticketA = a.id;
  ctx.ticketB = b.id;
  ctx.tokenA = await issueTicketLink(db, a.id);
  ctx.tokenB = await issueTicketLink(db, b.id);
  ctx.attachmentA = (await db.attachment.findFirstOrThrow({ where: { ticketId: a.id } })).id;
  ctx.dsrId = (await db.dataSubjectRequest.create({
    data: { kind: "EXPORT", emailHash: crypto.createHash("sha256").update("stranka.a@example.com").digest("hex"), status: "OPEN", source: "ADMIN" },
  })).id;

  for (const p of PERSONAS) {
    const br = new TestBrowser(app.url);
    browsers[p] = br;
    if (p === "anon" || p === "client") continue;
    await br.get("/login");
    const res = await br.post("/login", { email: users[p].email, password });
    expect(res.status, `${p} signs in`).toBe(302);
  }
});
afterAll(async () => app?.stop());

describe("access control", () => {
  it("has a row for every route file, and no row without a file", () => {
    const files = fs.readdirSync(path.resolve("app/routes")).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)).map((f) => f.replace(/\.tsx?$/, ""));
    expect(Object.keys(TABLE).sort()).toEqual(files.sort());
  });

  it("answers every route × visitor with the expected status", async () => {
    const actual: Record<string, Record<Persona, number>> = {};
    for (const [route, row] of Object.entries(TABLE)) {
      actual[route] = {} as Record<Persona, number>;
      for (const p of PERSONAS) actual[route][p] = (await browsers[p].get(row.url(ctx, p))).status;
    }
    const expected = Object.fromEntries(Object.entries(TABLE).map(([r, row]) => [r, row.expect]));
    expect(actual).toEqual(expected);
  });

  it("refuses writes the same way: another team's technician cannot reply to ticket A, a client link cannot post to another ticket", async () => {
    await browsers.techOther.get("/queue");
    const reply = await browsers.techOther.post(`/queue/${ctx.ticketA}`, { intent: "reply", body: "Hello", note: "1" });
    expect(reply.status).toBe(404);
    const anon = await browsers.anon.post(`/queue/${ctx.ticketA}`, { intent: "reply", body: "Hello", note: "1" });
    expect(anon.status).toBe(302);
    await browsers.techTeam.get("/queue");
    const admin = await browsers.techTeam.post("/admin/users", { intent: "create", name: "X", email: "x@firma.si", role: "ADMIN", password: "x-password-123456" });
    expect(admin.status).toBe(403);
    // The profile page saves only the signed-in staff member's own settings.
    for (const p of ["anon", "client"] as const) {
      await browsers[p].get("/profile");
      const saved = await browsers[p].post("/profile", { intent: "notifications", dailyDigest: "on" });
      expect(saved.status, p).toBe(302);
      expect(saved.location, p).toMatch(/^\/login/);
    }
    expect(await getDb().staffNotificationPrefs.count()).toBe(0);
    // Deployment reports take an integration token, never a session: an admin's cookie is not one.
    for (const p of PERSONAS) {
      const res = await browsers[p].post("/api/deployments", { references: "MD-2026-000001", environment: "p" }, { csrf: false });
      expect(res.status, p).toBe(401);
      expect(JSON.parse(res.text).error, p).toBe("unauthorized");
    }
    await browsers.techTeam.get("/queue");
    const create = await browsers.techTeam.post("/admin/deployments", { intent: "create", name: "Sneaky CI" });
    expect(create.status).toBe(403);
    expect(await getDb().deploymentIntegration.count()).toBe(0);
    expect(await getDb().message.count({ where: { ticketId: ctx.ticketA, body: "Hello" } })).toBe(0);
    expect(await getDb().user.count({ where: { email: "x@firma.si" } })).toBe(0);
  });
});
