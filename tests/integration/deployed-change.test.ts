import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { localDateKey } from "../../app/followups/business-days";
import { getConfig } from "../../app/config.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

it("a technician records a deployed change on the ticket page; the check is scheduled and their own verdict recorded", async () => {
  const db = getDb();
  const opened = await openTicket(db, { channel: "WEB", requester: { email: "k@example.com", locale: "sl" }, subject: "Obrazec", body: "Prosim" });
  const b = new TestBrowser(app.url, "en");
  await b.get("/login");
  await b.post("/login", { email: "admin@firma.si", password: "admin-password-123" });
  const page = await b.get(`/queue/${opened.id}`);
  expect(page.text).toContain("Record a deployed change");
  const checkOn = localDateKey(new Date(Date.now() + 30 * 86_400_000), getConfig().TIMEZONE);
  const res = await b.post(`/queue/${opened.id}`, {
    intent: "deployed", description: "New contact form, tested by jana@example.com", target: "WEB", url: "https://example.si/kontakt", dueDate: checkOn,
  });
  expect(res.status).toBe(302);
  const f = await db.followUp.findFirstOrThrow({ where: { ticketId: opened.id } });
  expect(f.description).not.toContain("jana@example.com");
  // The chosen day is a day in the company's time zone; near midnight its UTC date is the day before.
  expect(localDateKey(f.dueAt, getConfig().TIMEZONE)).toBe(checkOn);
  expect(await db.job.count({ where: { kind: "followup.due" } })).toBe(1);
  await db.followUp.update({ where: { id: f.id }, data: { status: "DUE" } });
  await b.get(`/queue/${opened.id}`);
  expect((await b.post(`/queue/${opened.id}`, { intent: "followup-outcome", followUpId: f.id, outcome: "OK" })).status).toBe(302);
  expect((await db.followUp.findUniqueOrThrow({ where: { id: f.id } })).techOutcome).toBe("OK");
});
