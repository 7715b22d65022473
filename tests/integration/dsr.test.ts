import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveredText } from "../setup/outbox";
import fs from "node:fs";
import path from "node:path";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { getConfig } from "../../app/config.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addStaffReply } from "../../app/tickets/replies.server";
import { deliverOutbox, enqueueMail } from "../../app/mail/outbound/outbox.server";
import { emailHash, erasePersonData, exportPersonData } from "../../app/retention/dsr.server";
import { setLegalHold } from "../../app/retention/legal-hold.server";
import { issueUnsubscribeLink } from "../../app/retention/unsubscribe.server";
import { oneMonthAfter } from "../../app/retention/dsr-requests.server";
import { formatDate } from "../../app/ui/format-time";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

let app: RunningMinidesk;
const db = () => getDb();
let tech: { id: string; name: string };

beforeAll(async () => {
  app = await startTestApp();
  tech = await db().user.create({ data: { email: "tomaz.tehnik@firma.si", name: "Tomaž Tehnik", role: "TECHNICIAN" } });
});
afterAll(async () => {
  await app?.stop();
});

async function ticketFor(email: string, subject: string, opts: { name?: string; company?: string; file?: string; access?: string } = {}) {
  return openTicket(db(), {
    channel: "WEB",
    requester: { email, name: opts.name, company: opts.company, locale: "sl" },
    subject,
    body: `Opis težave: ${subject}`,
    files: opts.file ? [{ fileName: "napaka.txt", declaredType: "text/plain", bytes: Buffer.from(opts.file) }] : [],
    accessDetails: opts.access,
  });
}

/** The raw bytes SQLite keeps on disk: the database file and its WAL, if any. */
function databaseBytes(): Buffer {
  const file = getConfig().DATABASE_URL.slice("file:".length);
  return Buffer.concat([file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function traceOf(address: string) {
  const needles = [address, address.toLowerCase()].map((a) => Buffer.from(a, "utf8"));
  const inDb = needles.some((n) => databaseBytes().includes(n));
  const files = [...filesUnder(getConfig().STORAGE_DIR), ...filesUnder(getConfig().OUTBOX_DIR)].filter((f) => {
    const bytes = fs.readFileSync(f);
    return needles.some((n) => bytes.includes(n)) || bytes.toString("latin1").toLowerCase().includes(address.toLowerCase());
  });
  return { inDb, files: files.length };
}

async function signInAdmin() {
  const b = new TestBrowser(app.url, "en");
  await b.get("/login");
  const res = await b.post("/login", { email: "admin@firma.si", password: "admin-password-123" });
  expect(res.status).toBe(302);
  return b;
}

describe("data-subject rights", () => {
  it("export holds the person's data and nobody else's", async () => {
    const mine = await ticketFor("Jana.Izvoz@Example.com", "Spletna stran ne dela", { name: "Jana Izvoz", company: "Izvoz d.o.o.", file: "log line 1\n", access: "ftp geslo Tajno-123" });
    await addStaffReply(db(), mine.id, tech, { body: "Popravili smo napako.", note: false });
    await addStaffReply(db(), mine.id, tech, { body: "Interno: stranka ima star paket.", note: true });
    await db().followUp.create({ data: { ticketId: mine.id, description: "Preveri obrazec", target: "WEB", deployedAt: new Date(), dueAt: new Date() } });
    const other = await ticketFor("drugi.klient@example.com", "Skrivni projekt Borovnica", { name: "Drugi Klient" });

    const data = await exportPersonData(db(), "JANA.IZVOZ@example.com");
    const json = JSON.stringify(data);

    expect(data.contact).toMatchObject({ email: "jana.izvoz@example.com", name: "Jana Izvoz", company: "Izvoz d.o.o." });
    expect(data.tickets.map((t) => t.reference)).toEqual([mine.reference]);
    const t = data.tickets[0]!;
    expect(t.messages.map((m) => m.text)).toEqual(expect.arrayContaining(["Popravili smo napako.", "Interno: stranka ima star paket."]));
    expect(t.messages.find((m) => m.text.startsWith("Interno"))!.visibility).toBe("internal");
    expect(t.attachments).toEqual([expect.objectContaining({ name: "napaka.txt", type: expect.stringContaining("text/plain"), size: 11, status: "STORED" })]);
    expect(t.followUps.map((f) => f.description)).toEqual(["Preveri obrazec"]);
    expect(t.events.map((e) => e.action)).toContain("ticket.opened");
    expect(t.accessDetailsHeld).toBe(true);
    expect(data.emailsSentToYou).toEqual([expect.objectContaining({ status: expect.any(String) })]);
    // Nobody else: not the other client, not the technician, not the access details' content.
    for (const foreign of ["drugi.klient", "Borovnica", other.reference, "Tomaž", "tomaz.tehnik", "Tajno-123", "log line"]) {
      expect(json).not.toContain(foreign);
    }
  });

  // Reads the SQLite file's bytes; on PostgreSQL, VACUUM does not promise that (README).
  it.skipIf(process.env.MINIDESK_TEST_DB === "postgres")("erasure deletes the tickets, keeps a held one without the person, and leaves the address nowhere on disk", async () => {
    const address = "Eva.Izbris@Example.com";
    const lower = address.toLowerCase();
    const gone = await ticketFor(address, "Tiskalnik ne tiska", { name: "Eva Izbris", file: "printer log\n", access: "admin / Geslo-99" });
    const held = await ticketFor(address, "Spor glede računa", { name: "Eva Izbris" });
    await setLegalHold(db(), held.id, { id: tech.id }, { until: new Date(Date.now() + 30 * 864e5), reason: "Spor pred sodiščem" });
    await addStaffReply(db(), gone.id, tech, { body: "Zamenjali smo toner.", note: false });
    // A stray copy of the address in stored text (written before redaction existed, say).
    await db().message.create({ data: { ticketId: held.id, kind: "NOTE", direction: "INTERNAL", body: `Legacy note from ${lower}` } });
    await db().job.create({ data: { kind: "mail.resend", payload: JSON.stringify({ to: lower }), runAt: new Date() } });
    await deliverOutbox(db(), new Date(Date.now() + 1000));
    const bystander = await ticketFor("ostane@example.com", "Ostane", { name: "Ostane Tu" });
    expect(traceOf(address)).toEqual({ inDb: true, files: 1 }); // the test can see it before

    const result = await erasePersonData(db(), address, { mode: "purge", actor: { id: tech.id } });

    expect(result).toMatchObject({ requester: "pseudonymised", ticketsPurged: 1, ticketsKept: 1, bytesCleared: true });
    expect(await db().ticket.count({ where: { id: gone.id } })).toBe(0);
    const kept = await db().ticket.findUniqueOrThrow({ where: { id: held.id }, include: { requester: true, messages: true } });
    expect(kept.requester!.email).toMatch(/^erased-[0-9a-f]+@invalid$/);
    expect(kept.requester).toMatchObject({ name: null, company: null, companyTaxId: null });
    expect(kept.requester!.pseudonymisedAt).not.toBeNull();
    expect(kept.accessCipher).toBeNull();
    expect(kept.messages.map((m) => m.body)).toContain("Legacy note from [EMAIL]");
    expect(await db().accessToken.count({ where: { ticketId: held.id, purpose: "TICKET_LINK" } })).toBe(0);
    expect(traceOf(address)).toEqual({ inDb: false, files: 0 });
    // Nobody else lost anything.
    expect(await db().ticket.count({ where: { id: bystander.id } })).toBe(1);
    expect(traceOf("ostane@example.com").inDb).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "privacy.erased" }, orderBy: { createdAt: "desc" } });
    expect(audit.details).not.toMatch(/eva|izbris/i);
  });

  it("pseudonymising keeps the tickets but cuts them off from the person", async () => {
    const address = "marko.psevdo@example.com";
    const t = await ticketFor(address, "Pošta ne dela", { name: "Marko Psevdo", company: "Psevdo s.p.", access: "imap / Skrito-1" });
    await enqueueMail(db(), { to: address, subject: "Hello", text: "Hello Marko" });
    const result = await erasePersonData(db(), address, { mode: "pseudonymise", actor: "CLI" });
    expect(result).toMatchObject({ requester: "pseudonymised", ticketsPurged: 0, ticketsKept: 1 });
    const row = await db().ticket.findUniqueOrThrow({ where: { id: t.id }, include: { requester: true, messages: true } });
    expect(row.messages).toHaveLength(1);
    expect(row.requester).toMatchObject({ name: null, company: null, followUpOptOut: true });
    expect(row.accessCipher).toBeNull();
    expect(await db().outboxMail.count({ where: { toAddress: address } })).toBe(0);
    expect(traceOf(address)).toEqual({ inDb: false, files: 0 });
  });

  it("self-service: request, confirmation email, confirm link, admin queue with due date, export download and erasure", async () => {
    const address = "petra.portal@example.com";
    const mine = await ticketFor(address, "CRM se ne odpre", { name: "Petra Portal" });
    const client = new TestBrowser(app.url);
    const page = await client.get("/privacy");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Kopijo mojih podatkov|A copy of my data/);
    const sent = await client.post("/privacy", { email: "Petra.Portal@example.com", kind: "EXPORT" });
    expect(sent.status).toBe(200);
    expect(sent.text).toMatch(/povezava za potrditev na poti|confirmation link is on its way/);
    // An unknown address gets the same answer.
    const unknown = await client.post("/privacy", { email: "nikogar@example.com", kind: "ERASE" });
    expect(unknown.text).toMatch(/povezava za potrditev na poti|confirmation link is on its way/);

    const request = await db().dataSubjectRequest.findFirstOrThrow({ where: { emailHash: emailHash(address) } });
    expect(request).toMatchObject({ kind: "EXPORT", status: "UNCONFIRMED", source: "PORTAL" });
    expect(JSON.stringify(request)).not.toContain(address);
    const mail = await db().outboxMail.findFirstOrThrow({ where: { toAddress: address } });
    const link = /\/privacy\/confirm\/[A-Za-z0-9_-]+/.exec(await deliveredText(db(), mail.id))![0];

    const admin = await signInAdmin();
    expect((await admin.get("/admin/privacy")).text).not.toContain(request.id);
    // Opening the link only shows the request; the button confirms it.
    const shown = await client.get(link);
    expect(shown.status).toBe(200);
    expect(await db().dataSubjectRequest.count({ where: { id: request.id, status: "OPEN" } })).toBe(0);
    const confirmed = await client.post(link, {});
    expect(confirmed.status).toBe(200);
    const due = oneMonthAfter((await db().dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } })).confirmedAt!);
    expect(confirmed.text).toMatch(/Odgovorili bomo najpozneje do|We will answer by/);

    const queue = await admin.get("/admin/privacy");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(request.id);
    expect(queue.text).toContain(`Due ${formatDate(due, "en")}`);
    expect(queue.text).not.toContain(address);
    const download = await fetch(`${app.url}/admin/privacy/${request.id}/export`, { headers: { Cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="minidesk-export-${request.id}.json"`);
    const exported = (await download.json()) as { tickets: { reference: string }[] };
    expect(exported.tickets.map((t) => t.reference)).toEqual([mine.reference]);
    // Nobody else may see the queue or the export.
    expect((await new TestBrowser(app.url).get("/admin/privacy")).status).toBe(302);
    expect((await fetch(`${app.url}/admin/privacy/${request.id}/export`, { redirect: "manual" })).status).toBe(302);

    await admin.get("/admin/privacy");
    expect((await admin.post("/admin/privacy", { id: request.id, intent: "done" })).status).toBe(200);
    expect((await db().dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("DONE");

    // Then she asks for erasure; the admin erases from the queue.
    await client.get("/privacy");
    await client.post("/privacy", { email: address, kind: "ERASE" });
    const eraseMail = await db().outboxMail.findFirstOrThrow({ where: { toAddress: address, textBody: { contains: "izbris" } } });
    const eraseLink = /\/privacy\/confirm\/[A-Za-z0-9_-]+/.exec(await deliveredText(db(), eraseMail.id))![0];
    await client.get(eraseLink);
    await client.post(eraseLink, {});
    const eraseRequest = await db().dataSubjectRequest.findFirstOrThrow({ where: { emailHash: emailHash(address), kind: "ERASE" } });
    await admin.get("/admin/privacy");
    const erased = await admin.post("/admin/privacy", { id: eraseRequest.id, intent: "erase-purge" });
    expect(erased.status).toBe(200);
    expect(await db().ticket.count({ where: { id: mine.id } })).toBe(0);
    expect((await db().dataSubjectRequest.findUniqueOrThrow({ where: { id: eraseRequest.id } })).status).toBe("DONE");
    expect(traceOf(address).inDb).toBe(false);
    // The audit page shows it, with counts only.
    const audit = await admin.get("/admin/audit?action=privacy.erased");
    expect(audit.status).toBe(200);
    expect(audit.text).toContain("privacy.erased");
    expect(audit.text).not.toContain("petra");
  });

  it("a follow-up email link switches follow-up mail off", async () => {
    const opened = await ticketFor("luka.odjava@example.com", "Gostovanje");
    const url = await issueUnsubscribeLink(db(), opened.requesterId);
    const b = new TestBrowser(app.url);
    const pathOnly = new URL(url).pathname;
    const page = await b.get(pathOnly);
    expect(page.status).toBe(200);
    expect((await db().requester.findUniqueOrThrow({ where: { id: opened.requesterId } })).followUpOptOut).toBe(false);
    const done = await b.post(pathOnly, {});
    expect(done.status).toBe(200);
    expect((await db().requester.findUniqueOrThrow({ where: { id: opened.requesterId } })).followUpOptOut).toBe(true);
    expect((await b.get("/unsubscribe/not-a-real-token-000000000000")).status).toBe(404);
  });
});
