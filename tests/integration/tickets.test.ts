import { afterAll, describe, expect, it, vi } from "vitest";
import { deliveredText } from "../setup/outbox";
import fs from "node:fs";
import { getDb, disconnectDb } from "../../app/db.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addClientReply, addStaffReply } from "../../app/tickets/replies.server";
import { deliverOutbox } from "../../app/mail/outbound/outbox.server";
import { resolveTicketLink } from "../../app/tickets/ticket-links.server";
import { decryptAccessDetails } from "../../app/tickets/access-details.server";
import { getConfig } from "../../app/config.server";

const db = getDb();
afterAll(async () => disconnectDb());

async function setup() {
  await ensureDefaults(db);
  return db.user.create({ data: { email: "tech@firma.si", name: "Tech", role: "TECHNICIAN" } });
}

describe("ticket domain", () => {
  it("opens a ticket with only redacted text, a reference, routing and counts", async () => {
    const tech = await setup();
    const opened = await openTicket(db, {
      channel: "WEB",
      requester: { email: "Jana.Novak@Example.com", name: "Jana Novak", locale: "sl" },
      subject: "Napaka na strani, pokličite 041 123 456",
      body: "Pozdravljeni, moj IBAN je SI56 1910 0000 0123 438 in geslo: Skrivnost123!\nLep pozdrav,\nJana Novak",
      categorySlug: "web",
      accessDetails: "ftp user jana / pass Zelo-Tajno-99",
    });
    expect(opened.reference).toMatch(/^MD-\d{4}-000001$/);
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: opened.id }, include: { messages: true, team: true, requester: true } });
    expect(ticket.team.slug).toBe("web");
    expect(ticket.subject).not.toContain("041 123 456");
    expect(ticket.subject).toContain("[PHONE]");
    const body = ticket.messages[0]!.body;
    expect(body).not.toMatch(/SI56|Skrivnost123/);
    expect(body).toContain("[IBAN]");
    expect(ticket.requester!.email).toBe("jana.novak@example.com");
    expect(ticket.accessCipher).not.toContain("Zelo-Tajno");
    expect(decryptAccessDetails(ticket.accessCipher!)).toBe("ftp user jana / pass Zelo-Tajno-99");
    const findings = await db.redactionFinding.findMany({ where: { ticketId: opened.id } });
    expect(findings.map((f) => f.type).sort()).toEqual(expect.arrayContaining(["IBAN", "PHONE", "SECRET"]));
    const stats = await db.redactionStat.findMany();
    expect(stats.reduce((n, s) => n + s.count, 0)).toBeGreaterThanOrEqual(3);
    // A technician replies: the client gets a threaded email; a note stays internal.
    await addStaffReply(db, opened.id, tech, { body: "We fixed it. Call me at 031 555 444.", note: false });
    await addStaffReply(db, opened.id, tech, { body: "Internal: customer is on the old plan", note: true });
    const out = await db.outboxMail.findMany({ where: { ticketId: opened.id } });
    expect(out).toHaveLength(1);
    expect(out[0]!.subject).toContain(`[${opened.reference}]`);
    expect(out[0]!.textBody).not.toContain("031 555 444");
    expect(out[0]!.textBody).not.toContain("old plan");
    // The stored mail holds a placeholder; the link (a token made at send time) is in the delivered one.
    expect(out[0]!.textBody).not.toMatch(/\/t\/[A-Za-z0-9_-]{20,}/);
    const link = /\/t\/([A-Za-z0-9_-]+)/.exec(await deliveredText(db, out[0]!.id))![1]!;
    expect(await resolveTicketLink(db, link)).toBe(opened.id);
    expect(await resolveTicketLink(db, link.slice(0, -1) + (link.endsWith("A") ? "B" : "A"))).toBeNull();
    await deliverOutbox(db);
    // Queuing the mail also kicked a delivery in the background; whichever run claimed it writes it.
    const files = await vi.waitFor(() => {
      const found = fs.readdirSync(getConfig().OUTBOX_DIR);
      expect(found).toHaveLength(1);
      return found;
    });
    const eml = fs.readFileSync(`${getConfig().OUTBOX_DIR}/${files[0]}`, "utf8");
    expect(eml).toMatch(/^Message-ID: <md\./m);
    expect(eml).toMatch(/^Auto-Submitted: auto-generated/m);
  });

  it("a client reply is redacted and reopens a resolved ticket", async () => {
    const opened = await openTicket(db, {
      channel: "EMAIL", requester: { email: "b@example.com", locale: "en" }, subject: "CRM down", body: "It is down",
    });
    await db.ticket.update({ where: { id: opened.id }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    const r = await addClientReply(db, opened.id, { body: "Still broken, my card 4111 1111 1111 1111", via: "EMAIL" });
    expect(r.reopened).toBe(true);
    const t = await db.ticket.findUniqueOrThrow({ where: { id: opened.id }, include: { messages: true } });
    expect(t.status).toBe("OPEN");
    expect(t.messages.map((m) => m.body).join()).not.toContain("4111");
  });

  it("references count up per year", async () => {
    const a = await openTicket(db, { channel: "WEB", requester: { email: "c@example.com", locale: "en" }, subject: "a", body: "b" }, new Date("2027-01-02T10:00:00Z"));
    const b = await openTicket(db, { channel: "WEB", requester: { email: "c@example.com", locale: "en" }, subject: "a", body: "b" }, new Date("2027-01-02T10:00:01Z"));
    expect(a.reference).toBe("MD-2027-000001");
    expect(b.reference).toBe("MD-2027-000002");
  });
});
