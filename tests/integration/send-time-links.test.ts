import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ParsedMail } from "mailparser";
import { startMailCatcher } from "../setup/mail";
import { startTestApp, TestBrowser } from "../setup/app";
import { findStoredSecrets } from "../setup/stored-bytes";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { getConfig, resetConfigForTests } from "../../app/config.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { sendTicketConfirmation, sendTicketLinks } from "../../app/tickets/client-emails.server";
import { addStaffReply } from "../../app/tickets/replies.server";
import { submitPrivacyRequest } from "../../app/retention/dsr-requests.server";
import { recordDeployedChange } from "../../app/followups/schedule-follow-up.server";
import { runWorkerOnce } from "../../app/jobs/run-worker.server";
import { deliverOutbox } from "../../app/mail/outbound/outbox.server";
import { recentDeploymentThursday } from "../setup/recent-weekday";

/**
 * Item 2 and 12 of issue 21: the stored copy of outgoing mail holds no working link (tokens are
 * made at send time), and non-essential mail to clients can be switched off in one click.
 * Outgoing mail goes to a real SMTP server on 127.0.0.1.
 */
let app: RunningMinidesk;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
const db = () => getDb();

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_URL = catcher.url;
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
  await catcher?.close();
});

const TOKEN_LINK = /\/(t|followup|unsubscribe|privacy\/confirm|reset-password)\/([A-Za-z0-9_-]{20,})/g;
/** A header as sent (mailparser turns List-* headers into objects). */
const rawHeader = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "");
const tokensIn = (mails: ParsedMail[]) =>
  mails.flatMap((m) => [...`${m.text ?? ""}\n${rawHeader(m, "list-unsubscribe") ?? ""}`.matchAll(TOKEN_LINK)].map((x) => ({ path: x[1]!, token: x[2]! })));

async function mailsTo(address: string, count: number): Promise<ParsedMail[]> {
  return vi.waitFor(
    async () => {
      await deliverOutbox(db(), new Date(Date.now() + 1000));
      const got = catcher.received.filter((m) => JSON.stringify(m.to).includes(address));
      if (got.length < count) throw new Error(`${got.length} of ${count} mails to ${address}`);
      return got;
    },
    { timeout: 15_000, interval: 100 },
  );
}

async function technician() {
  return db().user.create({ data: { email: `tech${Date.now()}${Math.random()}@firma.si`, name: "Tech", role: "TECHNICIAN" } });
}

async function dueFollowUp(ticketId: string, techId: string, when: Date) {
  await db().ticket.update({ where: { id: ticketId }, data: { assigneeId: techId, status: "RESOLVED" } });
  const f = await recordDeployedChange(db(), { ticketId, actorUserId: techId, target: "WEB", description: "Nova stran", deployedAt: when }, when);
  await runWorkerOnce(db(), new Date(f.dueAt.getTime() + 60_000));
  return f;
}

describe("links in outgoing mail", () => {
  it("every working link exists only in the delivered mail: not in the database, its WAL or the data folder", async () => {
    const address = "ana.links@example.com";
    const tech = await technician();
    const opened = await openTicket(db(), { channel: "WEB", requester: { email: address, locale: "sl" }, subject: "Tiskalnik", body: "Ne tiska" });
    await sendTicketConfirmation(db(), { id: opened.id, reference: opened.reference, redacted: {}, withheld: [] });
    await addStaffReply(db(), opened.id, tech, { body: "Popravljeno.", note: false });
    await sendTicketLinks(db(), address, "sl");
    await submitPrivacyRequest(db(), { email: address, kind: "EXPORT", locale: "sl" });
    await dueFollowUp(opened.id, tech.id, recentDeploymentThursday().deployedAt);
    const mails = await mailsTo(address, 5);

    const tokens = tokensIn(mails);
    expect(new Set(tokens.map((t) => t.path))).toEqual(new Set(["t", "followup", "unsubscribe", "privacy/confirm"]));
    // They are live: each opens its page.
    for (const { path, token } of tokens) {
      const res = await fetch(`${app.url}/${path}/${token}`, { redirect: "manual" });
      expect(res.status, path).toBe(200);
    }
    // The stored rows kept placeholders and link descriptions only.
    for (const row of await db().outboxMail.findMany({ where: { toAddress: address } })) {
      expect(row.status).toBe("SENT");
      expect(row.textBody).not.toMatch(TOKEN_LINK);
    }
    const values = tokens.map((t) => t.token);
    expect(await findStoredSecrets(values)).toEqual([]);
    expect(fs.existsSync(getConfig().OUTBOX_DIR) ? fs.readdirSync(getConfig().OUTBOX_DIR) : []).toEqual([]);
  });

  it("a failed delivery leaves no token that could open anything", async () => {
    const opened = await openTicket(db(), { channel: "WEB", requester: { email: "fail@example.com", locale: "en" }, subject: "X", body: "Y" });
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
    resetConfigForTests();
    try {
      const before = await db().accessToken.count();
      await sendTicketConfirmation(db(), { id: opened.id, reference: opened.reference, redacted: {}, withheld: [] });
      await deliverOutbox(db(), new Date(Date.now() + 1000));
      expect(await db().accessToken.count()).toBe(before);
    } finally {
      process.env.SMTP_URL = catcher.url;
      resetConfigForTests();
    }
  });
});

describe("unsubscribe", () => {
  it("follow-up questions carry the link and List-Unsubscribe; one click stops them, replies on the ticket still come", async () => {
    const address = "bojan.unsub@example.com";
    const tech = await technician();
    const opened = await openTicket(db(), { channel: "WEB", requester: { email: address, locale: "en" }, subject: "Web", body: "Form" });
    await dueFollowUp(opened.id, tech.id, recentDeploymentThursday().deployedAt);
    const [question] = await mailsTo(address, 1);
    expect(question!.text).toMatch(/Unsubscribe: http\S+\/unsubscribe\/[A-Za-z0-9_-]{20,}/);
    const header = rawHeader(question!, "list-unsubscribe") ?? "";
    const url = /<(http[^>]+\/unsubscribe\/[A-Za-z0-9_-]+)>/.exec(header)?.[1];
    expect(url).toBeDefined();
    expect(rawHeader(question!, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    // The text and the header carry the same link.
    expect(question!.text).toContain(url!.replace(/^.*\/unsubscribe\//, "/unsubscribe/"));

    // RFC 8058: the mail client POSTs, with no cookie, no CSRF token and no Origin.
    const local = url!.replace(/^https?:\/\/[^/]+/, app.url);
    const click = await fetch(local, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }), redirect: "manual" });
    expect(click.status).toBe(200);
    expect((await db().requester.findFirstOrThrow({ where: { email: address } })).followUpOptOut).toBe(true);
    // The page says so too.
    expect((await new TestBrowser(app.url).get(local.replace(app.url, ""))).text).toMatch(/Sporočil za preverjanje vam ne bomo več pošiljali|will not send you follow-up emails/);

    // Another deployed change: no question to the client any more...
    await dueFollowUp(opened.id, tech.id, new Date(recentDeploymentThursday().deployedAt.getTime() + 7 * 86_400_000));
    await deliverOutbox(db(), new Date(Date.now() + 1000));
    const clientMails = await db().outboxMail.count({ where: { toAddress: address } });
    expect(clientMails).toBe(1);
    // ...but a reply on their own ticket is essential, and still goes out, without an unsubscribe link.
    await addStaffReply(db(), opened.id, tech, { body: "One more thing about your ticket.", note: false });
    const all = await mailsTo(address, 2);
    const reply = all.find((m) => m.text?.includes("One more thing"))!;
    expect(reply).toBeDefined();
    expect(rawHeader(reply, "list-unsubscribe")).toBeUndefined();
  });

  it("without the one-click field the form still needs this browser's CSRF token", async () => {
    const opened = await openTicket(db(), { channel: "WEB", requester: { email: "csrf.unsub@example.com", locale: "en" }, subject: "W", body: "F" });
    const tech = await technician();
    await dueFollowUp(opened.id, tech.id, recentDeploymentThursday().deployedAt);
    const [question] = await mailsTo("csrf.unsub@example.com", 1);
    const path = /\/unsubscribe\/[A-Za-z0-9_-]+/.exec(question!.text!)![0];
    const res = await fetch(app.url + path, { method: "POST", body: new URLSearchParams({}), redirect: "manual" });
    expect(res.status).toBe(403);
    expect((await db().requester.findFirstOrThrow({ where: { email: "csrf.unsub@example.com" } })).followUpOptOut).toBe(false);
  });
});
