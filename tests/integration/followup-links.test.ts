import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveredText } from "../setup/outbox";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { recordDeployedChange } from "../../app/followups/schedule-follow-up.server";
import { runWorkerOnce } from "../../app/jobs/run-worker.server";
import { recentDeploymentThursday } from "../setup/recent-weekday";

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

async function dueFollowUp() {
  const db = getDb();
  const tech = await db.user.create({ data: { email: `t${Date.now()}${Math.random()}@firma.si`, name: "Tech", role: "TECHNICIAN" } });
  const opened = await openTicket(db, { channel: "WEB", requester: { email: "klient@example.com", locale: "sl" }, subject: "Nova stran", body: "Prosim" });
  await db.ticket.update({ where: { id: opened.id }, data: { assigneeId: tech.id, status: "RESOLVED" } });
  const { deployedAt, dueMonday } = recentDeploymentThursday();
  const f = await recordDeployedChange(db, {
    ticketId: opened.id, actorUserId: tech.id, target: "WEB",
    description: "Deployed the new contact form; tested with ana.kovac@example.com",
    url: "https://stran.example.si/kontakt?email=ana.kovac@example.com",
    deployedAt,
  }, deployedAt);
  expect(f.dueAt.toISOString()).toBe(dueMonday.toISOString()); // Monday, two business days later
  expect(f.description).not.toContain("ana.kovac");
  expect(f.url).not.toContain("ana.kovac");
  await runWorkerOnce(db, new Date(dueMonday.getTime() + 5 * 60_000));
  const mail = await db.outboxMail.findFirstOrThrow({ where: { ticketId: opened.id, toAddress: "klient@example.com", subject: { not: { contains: "Prejeli" } } }, orderBy: { createdAt: "desc" } });
  const links = [...(await deliveredText(db, mail.id)).matchAll(/\/followup\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
  expect(links).toHaveLength(2);
  return { ticketId: opened.id, followUpId: f.id, works: links[0]!, broken: links[1]! };
}

describe("the client's follow-up links", () => {
  it("opening a link only asks; answering works once and only once", async () => {
    const { followUpId, works } = await dueFollowUp();
    const b = new TestBrowser(app.url);
    const page = await b.get(`/followup/${works}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Da, vse deluje");
    expect(page.headers.get("cache-control")).toBe("no-store");
    // Several policies: the browser applies the last one it knows.
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await getDb().followUp.findUniqueOrThrow({ where: { id: followUpId } })).clientOutcome).toBeNull();
    const answered = await b.post(`/followup/${works}`, {});
    expect(answered.status).toBe(200);
    expect(answered.text).toContain("vse deluje");
    expect((await getDb().followUp.findUniqueOrThrow({ where: { id: followUpId } })).clientOutcome).toBe("WORKS");
    const again = await b.post(`/followup/${works}`, {});
    expect(again.status).toBe(410);
  });

  it("something is wrong: reopens the ticket with the redacted comment, and the other link dies", async () => {
    const { ticketId, works, broken } = await dueFollowUp();
    const b = new TestBrowser(app.url);
    await b.get(`/followup/${broken}`);
    const res = await b.post(`/followup/${broken}`, { comment: "Obrazec ne pošlje, kličite me na 041 222 333" });
    expect(res.status).toBe(200);
    const ticket = await getDb().ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { messages: { orderBy: { createdAt: "desc" } } } });
    expect(ticket.status).toBe("OPEN");
    expect(ticket.messages[0]!.body).toContain("Obrazec ne pošlje");
    expect(ticket.messages[0]!.body).not.toContain("041 222 333");
    expect((await b.get(`/followup/${works}`)).status).toBe(410);
  });

  it("a made-up token shows nothing", async () => {
    const b = new TestBrowser(app.url);
    expect((await b.get("/followup/not-a-real-token-aaaaaaaaaaaaaaaaaaaa")).status).toBe(404);
  });
});
