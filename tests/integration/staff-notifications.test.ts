import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { startTestApp, TestBrowser } from "../setup/app";
import { answerOf, fixture, OWN_DOMAIN, recipientsOf, sendRaw, startMailCatcher, SUPPORT, useMailIntakeEnv } from "../setup/mail";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { resetConfigForTests } from "../../app/config.server";
import { hashPassword } from "../../app/auth/password.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addClientReply } from "../../app/tickets/replies.server";
import { deliverOutbox } from "../../app/mail/outbound/outbox.server";
import { startSmtpListener, type SmtpListener } from "../../app/mail/inbound/smtp-listener.server";
import { sendDailyDigests } from "../../app/notifications/digest-job.server";
import { recordDeployedChange } from "../../app/followups/schedule-follow-up.server";
import { handleFollowUpDue } from "../../app/followups/follow-up-jobs.server";

useMailIntakeEnv();
process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

const SL_TECH = "jana@firma.si";
const EN_TECH = "mark@firma.si";
const CLIENT_TEXT = "Geslo za strežnik je SkrivnoGeslo99";

let app: RunningMinidesk;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let listener: SmtpListener;
let jana: TestBrowser;
let mark: TestBrowser;
let admin: TestBrowser;
let janaId = "";
let markId = "";
const db = getDb();

async function signIn(email: string, password: string) {
  const b = new TestBrowser(app.url);
  await b.get("/login");
  expect((await b.post("/login", { email, password })).status).toBe(302);
  return b;
}

/** Delivers the outbox to the catcher and returns what arrived since the last call. */
let seen = 0;
async function newMail(): Promise<ParsedMail[]> {
  await deliverOutbox(db, new Date(Date.now() + 1000));
  const fresh = catcher.received.slice(seen);
  seen = catcher.received.length;
  return fresh;
}
const to = (mails: ParsedMail[], address: string) => mails.filter((m) => recipientsOf(m).includes(address));

async function newTicket(subject = "Tiskalnik ne dela") {
  return openTicket(db, { channel: "WEB", requester: { email: "stranka@example.com", locale: "sl" }, subject, body: CLIENT_TEXT });
}

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_URL = catcher.url;
  resetConfigForTests();
  app = await startTestApp();
  listener = await startSmtpListener({ port: 0 });
  // openTicket routes to the "other" category's team: both technicians are in it.
  const other = await db.category.findUniqueOrThrow({ where: { slug: "other" } });
  const passwordHash = await hashPassword("tech-password-123");
  for (const [email, locale] of [[SL_TECH, "sl"], [EN_TECH, "en"]] as const) {
    const u = await db.user.create({ data: { email, name: email.split("@")[0]!, role: "TECHNICIAN", locale, passwordHash, teams: { create: { teamId: other.teamId } } } });
    if (email === SL_TECH) janaId = u.id;
    else markId = u.id;
  }
  jana = await signIn(SL_TECH, "tech-password-123");
  mark = await signIn(EN_TECH, "tech-password-123");
  admin = await signIn("admin@firma.si", "admin-password-123");
  await newMail();
});
afterAll(async () => {
  await listener?.stop();
  await app?.stop();
  await catcher?.close();
});

describe("staff notifications", () => {
  it("a new unassigned ticket: every team member is told in their language, with reference, redacted subject and link only", async () => {
    const t = await newTicket("Tiskalnik, pokličite 041 123 456");
    const mails = await newMail();
    const [sl] = to(mails, SL_TECH);
    const [en] = to(mails, EN_TECH);
    expect(sl?.subject).toBe(`Nov zahtevek v vaši ekipi: ${t.reference}`);
    expect(en?.subject).toBe(`New ticket in your team: ${t.reference}`);
    expect(en!.text).toContain(`/queue/${t.id}`);
    expect(en!.text).not.toContain("041 123 456");
    expect(en!.text).not.toContain("SkrivnoGeslo99");
    expect(en!.headers.get("auto-submitted")).toBe("auto-generated");
    expect(en!.headers.get("x-minidesk-notification")).toBe("staff");
    expect(en!.messageId).toMatch(new RegExp(`^<md\\.notify\\.[0-9a-f]+@${OWN_DOMAIN.replace(/\./g, "\\.")}>$`));
  });

  it("assigned by someone else: the assignee is told; taking it yourself sends nothing", async () => {
    const t = await newTicket();
    await newMail();
    await admin.get(`/queue/${t.id}`);
    expect((await admin.post(`/queue/${t.id}`, { intent: "assign", assigneeId: markId })).status).toBe(302);
    const mails = await newMail();
    expect(to(mails, EN_TECH).map((m) => m.subject)).toEqual([`Assigned to you: ${t.reference}`]);

    const u = await newTicket();
    await newMail();
    await jana.get(`/queue/${u.id}`);
    expect((await jana.post(`/queue/${u.id}`, { intent: "assign", assigneeId: "me" })).status).toBe(302);
    expect(await newMail()).toHaveLength(0);
  });

  it("a client reply on an assigned ticket: the assignee is told, without the client's text", async () => {
    const t = await newTicket();
    await db.ticket.update({ where: { id: t.id }, data: { assigneeId: markId } });
    await newMail();
    await addClientReply(db, t.id, { body: `Še vedno ne dela. ${CLIENT_TEXT}`, via: "EMAIL" });
    const mails = await newMail();
    expect(mails.map((m) => m.subject)).toEqual([`Client replied: ${t.reference}`]);
    expect(mails[0]!.text).not.toContain("SkrivnoGeslo99");
  });

  it("a follow-up due: the assignee is told, unless they switched it off", async () => {
    const t = await newTicket();
    await db.ticket.update({ where: { id: t.id }, data: { assigneeId: markId } });
    await newMail();
    const due = async () => {
      const f = await recordDeployedChange(db, { ticketId: t.id, actorUserId: markId, description: "New form", target: "WEB", dueAt: new Date() }, new Date());
      await handleFollowUpDue({ followUpId: f.id }, { db, jobId: "j", attempt: 1, now: new Date() } as Parameters<typeof handleFollowUpDue>[1]);
      return to(await newMail(), EN_TECH);
    };
    const told = await due();
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(t.reference);
    expect(told[0]!.text).toContain(`/queue/${t.id}`);
    expect(told[0]!.text).toContain("Tiskalnik ne dela");
    expect(told[0]!.text).not.toContain("New form");
    expect(told[0]!.messageId).toMatch(/^<md\.notify\./);

    await mark.get("/profile");
    await mark.post("/profile", { intent: "notifications", newInTeam: "on", clientReply: "on", assigned: "on" });
    expect(await due()).toHaveLength(0);
    await mark.post("/profile", { intent: "notifications", newInTeam: "on", clientReply: "on", assigned: "on", followUpDue: "on" });
  });

  it("a ticket moved to another team with nobody on it: that team is told, as of a new ticket", async () => {
    const team = await db.team.create({ data: { slug: "omrezje", name: "Omrežje" } });
    await db.category.create({ data: { slug: "omrezje", nameEn: "Network", nameSl: "Omrežje", teamId: team.id } });
    const nina = "nina@firma.si";
    await db.user.create({ data: { email: nina, name: "Nina", role: "TECHNICIAN", locale: "en", teams: { create: { teamId: team.id } } } });
    const t = await newTicket();
    await db.ticket.update({ where: { id: t.id }, data: { assigneeId: markId } });
    await newMail();
    await admin.get(`/queue/${t.id}`);
    // Mark is not in the new team, so the ticket arrives there unassigned.
    expect((await admin.post(`/queue/${t.id}`, { intent: "category", category: "omrezje" })).status).toBe(302);
    const mails = await newMail();
    expect(to(mails, nina).map((m) => m.subject)).toEqual([`New ticket in your team: ${t.reference}`]);
    expect(to(mails, EN_TECH)).toHaveLength(0);
  });

  it("an event switched off on /profile sends nothing to that person only", async () => {
    const page = await jana.get("/profile");
    expect(page.text).toContain("Moja obvestila");
    expect((await jana.post("/profile", { intent: "notifications", clientReply: "on", assigned: "on", followUpDue: "on" })).status).toBe(200);
    const t = await newTicket();
    const mails = await newMail();
    expect(to(mails, SL_TECH)).toHaveLength(0);
    expect(to(mails, EN_TECH).map((m) => m.subject)).toEqual([`New ticket in your team: ${t.reference}`]);
  });

  it("the daily digest: nothing at once, then one mail listing the references; a second run sends nothing", async () => {
    await mark.get("/profile");
    await mark.post("/profile", { intent: "notifications", newInTeam: "on", clientReply: "on", assigned: "on", followUpDue: "on", dailyDigest: "on" });
    const a = await newTicket();
    const b = await newTicket();
    await db.ticket.update({ where: { id: b.id }, data: { assigneeId: markId } });
    await addClientReply(db, b.id, { body: "Hvala", via: "WEB" });
    expect(to(await newMail(), EN_TECH)).toHaveLength(0);

    expect(await sendDailyDigests(db, new Date())).toBe(1);
    const digest = to(await newMail(), EN_TECH);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toContain("2 ticket(s)");
    expect(digest[0]!.text).toContain(a.reference);
    expect(digest[0]!.text).toContain(b.reference);
    expect(digest[0]!.text).toContain(`/queue/${b.id}`);
    expect(digest[0]!.text).not.toContain("Hvala");
    expect(await sendDailyDigests(db, new Date())).toBe(0);
    await mark.post("/profile", { intent: "notifications", newInTeam: "on", clientReply: "on", assigned: "on", followUpDue: "on" });
  });

  /** A mail as a person's mail program writes it, through the real SMTP listener. */
  const sendMail = async (headers: Record<string, string | undefined>, body: string) => {
    const raw = [
      ...Object.entries({ To: SUPPORT, "Message-ID": `<m.${Date.now()}.${Math.random().toString(36).slice(2)}@firma.si>`, Date: "Tue, 01 Dec 2026 10:00:00 +0100", ...headers })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}: ${v}`),
      "Content-Type: text/plain; charset=utf-8",
      "",
      body,
      "",
    ].join("\r\n");
    const info = await sendRaw(listener.port, Buffer.from(raw), { from: headers.From?.replace(/^.*<|>.*$/g, "") });
    return answerOf(info.response);
  };

  it("a reply to a notification never opens or joins a ticket (real SMTP), whether or not the mail program kept its headers", async () => {
    const t = await newTicket();
    const [note] = to(await newMail(), EN_TECH);
    expect(note).toBeTruthy();
    const tickets = await db.ticket.count();
    const messages = await db.message.count();

    // "Reply": In-Reply-To and References name the notification.
    const reply = await sendMail(
      { From: `Mark <${EN_TECH}>`, Subject: `Re: ${note!.subject}`, "In-Reply-To": note!.messageId, References: note!.messageId },
      `I'll take it. [${t.reference}]\n\n> ${note!.text?.split("\n")[0]}`,
    );
    expect(reply.outcome).toBe("ignored-automated");
    // A mail program that drops both headers: a staff address answering with the notification's subject.
    const bare = await sendMail({ From: `Mark <${EN_TECH}>`, Subject: `RE: ${note!.subject}` }, "On it.");
    expect(bare.outcome).toBe("ignored-automated");
    // And the digest's subject, in Slovenian, forwarded.
    const digest = await sendMail({ From: `Jana <${SL_TECH}>`, Subject: "Fwd: Minidesk, dnevni povzetek: 3 zahtevkov" }, "Poglej.");
    expect(digest.outcome).toBe("ignored-automated");
    expect(await db.ticket.count()).toBe(tickets);
    expect(await db.message.count()).toBe(messages);
    // No answer went back either: no confirmation, no new notification.
    expect(await newMail()).toHaveLength(0);

    // The same subject from someone who is not staff is an ordinary mail: it opens a ticket.
    const stranger = await sendMail({ From: `Nekdo <nekdo@example.com>`, Subject: `Re: ${note!.subject}` }, "Kaj je to?");
    expect(stranger.outcome).toBe("ticket-opened");
  });

  it("a bounce of a notification notes nothing on the ticket (it was no mail to the client)", async () => {
    const t = await newTicket();
    const note = to(await newMail(), EN_TECH).find((m) => m.text?.includes(`/queue/${t.id}`));
    const row = await db.outboxMail.findFirstOrThrow({ where: { mailMessageId: note!.messageId! } });
    expect(row.ticketId).toBe(t.id);
    const dsn = fixture("bounce-dsn.eml")
      .toString("latin1")
      .replace("<md.2026-000130.1@minidesk.example.si>", note!.messageId!)
      .replace("X-Minidesk-Id: MD-2026-000130", `X-Minidesk-Id: ${row.id}`);
    const info = await sendRaw(listener.port, Buffer.from(dsn, "latin1"), { from: "" });
    expect(answerOf(info.response).outcome).toBe("ignored-automated");
    expect(await db.message.count({ where: { ticketId: t.id, kind: "SYSTEM" } })).toBe(0);
  });
});

describe("unseen client messages in the queue", () => {
  const rowOf = (html: string, id: string) => {
    const start = html.indexOf(`href="/queue/${id}"`);
    expect(start).toBeGreaterThan(-1);
    return html.slice(start, html.indexOf("</tr>", start));
  };

  it("is marked until the technician opens the ticket, and again after a new client message", async () => {
    const t = await newTicket();
    expect(rowOf((await jana.get("/queue?view=all")).text, t.id)).toContain("data-unseen");
    await jana.get(`/queue/${t.id}`);
    expect(rowOf((await jana.get("/queue?view=all")).text, t.id)).not.toContain("data-unseen");
    // Another person's visit does not count for this one.
    expect(rowOf((await mark.get("/queue?view=all")).text, t.id)).toContain("data-unseen");
    await new Promise((r) => setTimeout(r, 5));
    await addClientReply(db, t.id, { body: "Še nekaj", via: "WEB" });
    expect(rowOf((await jana.get("/queue?view=all")).text, t.id)).toContain("data-unseen");
  });
});
