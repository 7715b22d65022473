import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { deliveredText } from "../setup/outbox";
import { getDb, disconnectDb } from "../../app/db.server";
import { hashToken } from "../../app/auth/tokens.server";
import { createWorker } from "../../app/jobs/worker.server";
import { recordDeployedChange } from "../../app/followups/schedule-follow-up.server";
import { followUpJobHandlers, handleFollowUpDue } from "../../app/followups/follow-up-jobs.server";
import { answerFollowUpLink, inspectFollowUpLink, recordTechnicianOutcome } from "../../app/followups/follow-up-answers.server";

const db = getDb();
let now = new Date(0);
const clock = () => now;
const at = (iso: string) => (now = new Date(iso));
const worker = createWorker({ db, handlers: followUpJobHandlers, clock, workerId: "test-worker", leaseMs: 60_000 });

// Thursday 2 April 2026, 14:30 in Ljubljana; Easter Monday (6 April) lies ahead.
const DEPLOYED = "2026-04-02T12:30:00.000Z";
const DUE = "2026-04-07T12:30:00.000Z"; // Tuesday 14:30 CEST: Fri, (weekend), (Easter Monday), Tue
const REMINDER = "2026-04-09T12:30:00.000Z"; // + 2 business days
const MISSED = "2026-04-13T12:30:00.000Z"; // + 2 business days over the weekend
const DESCRIPTION = "Popravljen obrazec za naročilo v spletni trgovini.";

let ticketId = "";
let techId = "";

beforeEach(async () => {
  for (const table of ["auditEvent", "accessToken", "outboxMail", "job", "followUp", "message", "ticket", "requester", "user", "team"] as const) {
    await (db[table] as unknown as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
  const team = await db.team.create({ data: { slug: "web", name: "Web" } });
  const tech = await db.user.create({ data: { email: "tech@minidesk.test", name: "Tech", locale: "en" } });
  techId = tech.id;
  const requester = await db.requester.create({ data: { email: "stranka@example.test", locale: "sl" } });
  const ticket = await db.ticket.create({
    data: { reference: "MD-2026-000042", subject: "Obrazec ne deluje", channel: "EMAIL", teamId: team.id, requesterId: requester.id, assigneeId: tech.id, status: "RESOLVED" },
  });
  ticketId = ticket.id;
  at(DEPLOYED);
});
afterAll(() => disconnectDb());

async function schedule() {
  return recordDeployedChange(db, { ticketId, actorUserId: techId, description: DESCRIPTION, target: "WEB", url: "https://shop.example.test/narocilo" }, now);
}

async function clientMails() {
  return db.outboxMail.findMany({ where: { toAddress: "stranka@example.test" }, orderBy: { createdAt: "asc" } });
}

function linkFrom(text: string, label: "Deluje" | "Ne deluje"): string {
  const m = new RegExp(`^${label}: \\S+/followup/(\\S+)$`, "m").exec(text);
  if (!m) throw new Error(`no ${label} link`);
  return m[1]!;
}

async function dueAndGetLinks() {
  await schedule();
  at(DUE);
  await worker.runDueOnce();
  const [mail] = await clientMails();
  const text = await deliveredText(db, mail!.id);
  return { works: linkFrom(text, "Deluje"), broken: linkFrom(text, "Ne deluje") };
}

describe("follow-ups", () => {
  it("schedules the follow-up two business days later at the same local time, skipping Easter Monday", async () => {
    const f = await schedule();
    expect(f.dueAt.toISOString()).toBe(DUE);
    const job = await db.job.findFirstOrThrow({ where: { kind: "followup.due" } });
    expect(job.runAt.toISOString()).toBe(DUE);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "followup.scheduled" } });
    expect(audit.details).not.toContain("obrazec");
    expect(JSON.parse(audit.details)).toMatchObject({ followUpId: f.id, target: "WEB" });
  });

  it("uses the technician's own due date when given", async () => {
    const f = await recordDeployedChange(
      db,
      { ticketId, actorUserId: techId, description: DESCRIPTION, target: "CRM", dueAt: new Date("2026-04-10T08:00:00Z") },
      now,
    );
    expect(f.dueAt.toISOString()).toBe("2026-04-10T08:00:00.000Z");
  });

  it("at the due time sends one Slovenian client email with two links and one technician reminder", async () => {
    await schedule();
    at("2026-04-07T12:29:00.000Z");
    await worker.runDueOnce();
    expect(await db.outboxMail.count()).toBe(0);

    at(DUE);
    await worker.runDueOnce();
    const client = await clientMails();
    expect(client).toHaveLength(1);
    expect(client[0]!.subject).toBe("[MD-2026-000042] Ali sprememba deluje?");
    expect(client[0]!.textBody).toContain(DESCRIPTION);
    const tech = await db.outboxMail.findMany({ where: { toAddress: "tech@minidesk.test" } });
    expect(tech).toHaveLength(1);
    expect(tech[0]!.subject).toBe("[MD-2026-000042] Check the deployed change");
    expect(tech[0]!.textBody).not.toContain("stranka@example.test");

    // No token before the mail is sent; then only hashes are stored, and they match the links in the email.
    expect(await db.accessToken.count()).toBe(0);
    const delivered = await deliveredText(db, client[0]!.id);
    const tokens = await db.accessToken.findMany({ where: { purpose: { startsWith: "FOLLOWUP" } }, orderBy: { purpose: "asc" } });
    expect(tokens.map((t) => t.purpose)).toEqual(["FOLLOWUP_BROKEN", "FOLLOWUP_WORKS"]);
    expect(tokens[1]!.tokenHash).toBe(hashToken(linkFrom(delivered, "Deluje")));
    expect(tokens[0]!.tokenHash).toBe(hashToken(linkFrom(delivered, "Ne deluje")));
    expect(tokens[1]!.expiresAt.toISOString()).toBe("2026-04-21T12:30:00.000Z");
    expect((await db.followUp.findFirstOrThrow()).status).toBe("DUE");
  });

  it("does not send twice when the due job runs again after a crash", async () => {
    const f = await schedule();
    at(DUE);
    await worker.runDueOnce();
    await handleFollowUpDue({ followUpId: f.id }, { db, jobId: "rerun", attempt: 2, now });
    expect(await db.outboxMail.count()).toBe(2);
    expect(JSON.parse((await clientMails())[0]!.links!)).toHaveLength(3); // works, broken, unsubscribe
  });

  it("writes to an English-speaking client in English", async () => {
    await db.requester.updateMany({ data: { locale: "en" } });
    await schedule();
    at(DUE);
    await worker.runDueOnce();
    const [mail] = await clientMails();
    expect(mail!.subject).toBe("[MD-2026-000042] Does the change work?");
    expect(mail!.textBody).toMatch(/^It works: /m);
  });

  it("does not ask a client who opted out, but still reminds the technician", async () => {
    await db.requester.updateMany({ data: { followUpOptOut: true } });
    await schedule();
    at(DUE);
    await worker.runDueOnce();
    expect(await clientMails()).toHaveLength(0);
    const tech = await db.outboxMail.findFirstOrThrow({ where: { toAddress: "tech@minidesk.test" } });
    expect(tech.textBody).toContain("was not asked");
  });

  it("accepts a WORKS link once and then refuses both links", async () => {
    const { works, broken } = await dueAndGetLinks();
    at("2026-04-08T07:00:00.000Z");
    expect(await inspectFollowUpLink(db, works, now)).toMatchObject({ ok: true, outcome: "WORKS" });
    expect(await answerFollowUpLink(db, works, {}, now)).toMatchObject({ ok: true, outcome: "WORKS" });
    const f = await db.followUp.findFirstOrThrow();
    expect(f).toMatchObject({ status: "DONE", clientOutcome: "WORKS" });

    expect(await answerFollowUpLink(db, works, {}, now)).toEqual({ ok: false, reason: "USED" });
    expect(await answerFollowUpLink(db, broken, { comment: "x" }, now)).toEqual({ ok: false, reason: "USED" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe("RESOLVED");
    expect(await answerFollowUpLink(db, "not-a-real-token-but-long-enough", {}, now)).toEqual({ ok: false, reason: "INVALID" });
  });

  it("refuses an expired link and leaves the follow-up unanswered", async () => {
    const { works } = await dueAndGetLinks();
    at("2026-04-21T12:30:00.000Z"); // FOLLOWUP_LINK_DAYS (14) after the email
    expect(await answerFollowUpLink(db, works, {}, now)).toEqual({ ok: false, reason: "EXPIRED" });
    expect((await db.followUp.findFirstOrThrow()).clientOutcome).toBeNull();
  });

  it("BROKEN reopens the ticket and adds the client's comment as an inbound message", async () => {
    const { broken } = await dueAndGetLinks();
    at("2026-04-08T07:00:00.000Z");
    const r = await answerFollowUpLink(db, broken, { comment: "Gumb Naroči še vedno ne odziva." }, now);
    expect(r).toMatchObject({ ok: true, outcome: "PROBLEM" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe("OPEN");
    expect(await db.followUp.findFirstOrThrow()).toMatchObject({ status: "DONE", clientOutcome: "PROBLEM" });
    const messages = await db.message.findMany({ where: { ticketId } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ direction: "IN", body: "Gumb Naroči še vedno ne odziva." });
  });

  it("without an answer sends a second reminder and then marks the follow-up MISSED", async () => {
    await dueAndGetLinks();
    at("2026-04-09T12:29:00.000Z");
    await worker.runDueOnce();
    expect(await clientMails()).toHaveLength(1);

    at(REMINDER);
    await worker.runDueOnce();
    const client = await clientMails();
    expect(client).toHaveLength(2);
    expect(client[1]!.subject).toBe("[MD-2026-000042] Opomnik: Ali sprememba deluje?");
    expect(await db.outboxMail.count({ where: { toAddress: "tech@minidesk.test" } })).toBe(2);
    expect(await db.followUp.findFirstOrThrow()).toMatchObject({ status: "DUE", remindersSent: 2 });

    at(MISSED);
    await worker.runDueOnce();
    expect((await db.followUp.findFirstOrThrow()).status).toBe("MISSED");
    expect(await db.outboxMail.count()).toBe(4);
    expect(await db.job.count({ where: { status: { not: "DONE" } } })).toBe(0);
  });

  it("an answer before the reminder stops the reminder and the MISSED step", async () => {
    const { works } = await dueAndGetLinks();
    await answerFollowUpLink(db, works, {}, now);
    at(MISSED);
    await worker.runDueOnce();
    at("2026-04-20T12:30:00.000Z");
    await worker.runDueOnce();
    expect(await db.followUp.findFirstOrThrow()).toMatchObject({ status: "DONE" });
    expect(await db.outboxMail.count()).toBe(2);
  });

  it("a technician's OK before the due date means the client is not asked", async () => {
    const f = await schedule();
    await recordTechnicianOutcome(db, f.id, { userId: techId }, "OK", now);
    at(DUE);
    await worker.runDueOnce();
    expect(await db.outboxMail.count()).toBe(0);
    expect(await db.followUp.findFirstOrThrow()).toMatchObject({ status: "DONE", techOutcome: "OK" });
  });
});
