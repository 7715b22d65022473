import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { startTestApp, TestBrowser } from "../setup/app";
import { recipientsOf, startMailCatcher } from "../setup/mail";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { getConfig, resetConfigForTests } from "../../app/config.server";
import { deliverOutbox } from "../../app/mail/outbound/outbox.server";
import { decryptAccessDetails } from "../../app/tickets/access-details.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addStaffReply } from "../../app/tickets/replies.server";
import { issueTicketLink } from "../../app/tickets/ticket-links.server";
import { decodeImage } from "../../app/redaction/image/decode-image.server";
import { prepareForOcr } from "../../app/redaction/image/redact-image.server";
import { recognizeWords, shutdownOcrPool } from "../../app/redaction/image/ocr-pool.server";
import { renderTextImage } from "../fixtures/images/render-text-image";

/**
 * The public web intake and the client portal, end to end: the real built app on a free
 * port, real multipart posts, real OCR on a rendered screenshot, and the confirmation mail
 * read from a real SMTP listener on 127.0.0.1. Pages are in Slovenian (DEFAULT_LOCALE).
 */
process.env.MAX_ATTACHMENTS = "2";
process.env.MAX_UPLOAD_BYTES = String(300 * 1024);
process.env.TICKETS_PER_ADDRESS_PER_HOUR = "4";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let received: ParsedMail[] = [];
let app: RunningMinidesk;
const db = getDb();

beforeAll(async () => {
  mail = await startMailCatcher();
  received = mail.received;
  process.env.SMTP_URL = mail.url;
  resetConfigForTests();
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
  await mail.close();
  await shutdownOcrPool();
});

async function waitForMail(match: (m: ParsedMail) => boolean, timeoutMs = 15_000): Promise<ParsedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = received.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error("mail did not arrive");
    await deliverOutbox(db);
    await new Promise((r) => setTimeout(r, 100));
  }
}


function ticketForm(fields: Record<string, string>, files: { name: string; type: string; bytes: Buffer }[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("attachments", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return form;
}

const validFields = (email: string) => ({
  name: "Ana Test", email, subject: "Printer offline", description: "The printer on floor two is offline.", category: "other",
});

async function openBrowser() {
  const b = new TestBrowser(app.url);
  const page = await b.get("/new");
  expect(page.status).toBe(200);
  return { b, page };
}

const ticketCount = () => db.ticket.count();

// PII the client typed or showed; none of it may be stored outside Requester's contact fields.
const PII = ["marko.kovac@example.com", "041 987 654", "041987654", "SI56 1910", "Skrivno-Geslo-77", "Zelo-Tajno-Geslo-42"];

let opened: { reference: string; ticketId: string; token: string };

describe("public new-ticket form", () => {
  it("shows every field, the categories in Slovenian and the privacy notice with the retention periods", async () => {
    const { page } = await openBrowser();
    for (const name of ["name", "email", "company", "companyTaxId", "subject", "description", "category", "attachments", "accessDetails", "website", "csrf"]) {
      expect(page.text).toContain(`name="${name}"`);
    }
    expect(page.text).toMatch(/enctype="multipart\/form-data"/i);
    expect(page.text).toMatch(/class="hp"/);
    expect(page.text).toContain("Gostovanje in e-pošta");
    const c = getConfig();
    expect(page.text).toContain(`${c.ATTACHMENT_RETENTION_DAYS} dni po zaprtju`);
    expect(page.text).toContain(`${c.RETENTION_DAYS} dni po zaprtju`);
    expect(page.text).toContain(`po ${c.ACCESS_DETAILS_DAYS} dneh`);
    expect(page.headers.get("cache-control")).toContain("no-store");
  });

  it("opens a ticket from a real multipart post: only redacted text and a redacted screenshot are stored, and the confirmation mail carries the private link", async () => {
    const { b } = await openBrowser();
    const png = await renderTextImage({
      width: 900, height: 200, fontSize: 24,
      lines: ["Login problem on the portal", "Contact: marko.kovac@example.com", "Phone: 041 987 654"],
    });
    const res = await b.post("/new", ticketForm({
      name: "Marko Kovač",
      email: "Client.Marko@Example.com",
      company: "Kovač d.o.o.",
      subject: "Portal login fails, call me at 041 987 654",
      description: "Hello, write to marko.kovac@example.com. Our IBAN is SI56 1910 0000 0123 438.\nPassword: Skrivno-Geslo-77",
      category: "hosting",
      accessDetails: "admin / Zelo-Tajno-Geslo-42",
      website: "",
    }, [{ name: "screen.png", type: "image/png", bytes: png }]));
    expect(res.status).toBe(302);
    const ref = /^\/new\/done\?ref=(MD-\d{4}-\d{6})$/.exec(res.location ?? "")?.[1];
    expect(ref).toBeTruthy();

    // The thank-you page: the reference and what was removed, by type and count only.
    const done = await b.get(res.location!);
    expect(done.text).toContain(ref);
    expect(done.text).toContain("e-poštni naslovi");
    expect(done.text).toContain("telefonske številke");
    for (const p of PII) expect(done.text).not.toContain(p);

    const ticket = await db.ticket.findUniqueOrThrow({ where: { reference: ref! }, include: { requester: true, messages: true, attachments: true, team: true } });
    expect(ticket.channel).toBe("WEB");
    expect(ticket.categorySlug).toBe("hosting");
    expect(ticket.requester!.email).toBe("client.marko@example.com");
    expect(ticket.requester!.company).toBe("Kovač d.o.o.");
    expect(ticket.subject).toContain("[PHONE]");
    expect(decryptAccessDetails(ticket.accessCipher!)).toBe("admin / Zelo-Tajno-Geslo-42");

    // Search every stored free-text row for the PII (Requester.email is the documented contact).
    const rows = JSON.stringify([
      await db.ticket.findMany(), await db.message.findMany(), await db.attachment.findMany(),
      await db.redactionFinding.findMany(), await db.auditEvent.findMany(), await db.outboxMail.findMany(),
      await db.requester.findMany({ select: { name: true, company: true, companyTaxId: true } }),
      await db.job.findMany(), await db.rateLimit.findMany(),
    ]);
    for (const p of PII) expect(rows).not.toContain(p);
    expect(ticket.messages[0]!.body).toContain("[EMAIL]");

    // The screenshot: stored redacted under STORAGE_DIR; OCR can no longer read the email or phone.
    expect(ticket.attachments).toHaveLength(1);
    const att = ticket.attachments[0]!;
    expect(att.status).toBe("STORED");
    const file = path.join(getConfig().STORAGE_DIR, att.storageKey!);
    expect(fs.existsSync(file)).toBe(true);
    const stored = fs.readFileSync(file);
    expect(stored.equals(png)).toBe(false);
    const decoded = await decodeImage(stored);
    if (!decoded.ok) throw new Error("stored image does not decode");
    const ocr = await recognizeWords((await prepareForOcr(decoded.image)).png);
    const readable = ocr.lines.map((l) => l.words.map((w) => w.text).join(" ")).join("\n").replace(/\s+/g, "").toLowerCase();
    expect(readable).toContain("loginproblem");
    expect(readable).not.toContain("marko.kovac");
    expect(readable).not.toContain("987654");

    // The confirmation arrives by SMTP with the reference and a private link.
    const mail = await waitForMail((m) => recipientsOf(m).includes("client.marko@example.com") && (m.subject ?? "").includes(ref!));
    const token = /\/t\/([A-Za-z0-9_-]{20,})/.exec(mail.text ?? "")?.[1];
    expect(token).toBeTruthy();
    for (const p of PII) expect(mail.text).not.toContain(p);
    opened = { reference: ref!, ticketId: ticket.id, token: token! };
  });

  it("keeps what the client typed after a validation error, asks to choose the files again, and stores nothing", async () => {
    const { b } = await openBrowser();
    const before = await ticketCount();
    const res = await b.post("/new", ticketForm({
      name: "Ana Test", email: "not-an-email", subject: "Računi se ne izpišejo", description: "", category: "crm",
      accessDetails: "root / Tajno-Geslo-123", company: "Firma d.o.o.",
    }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('value="Računi se ne izpišejo"');
    expect(res.text).toContain('value="Firma d.o.o."');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toMatch(/<option value="crm" selected="">/);
    expect(res.text).toContain("Vnesite veljaven e-poštni naslov.");
    expect(res.text).toContain("Izpolnite to polje.");
    expect(res.text).toContain("Datoteke izberite znova.");
    // The secret is never echoed back into a page.
    expect(res.text).not.toContain("Tajno-Geslo-123");
    expect(await ticketCount()).toBe(before);
  });

  it("a filled honeypot pretends success but stores and sends nothing", async () => {
    const { b } = await openBrowser();
    const before = { tickets: await ticketCount(), requesters: await db.requester.count(), mails: await db.outboxMail.count() };
    const res = await b.post("/new", ticketForm({ ...validFields("bot@example.com"), website: "http://spam.example" }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/new/done");
    expect((await b.get("/new/done")).text).toContain("Hvala, prejeli smo vaš zahtevek");
    expect(await ticketCount()).toBe(before.tickets);
    expect(await db.requester.count()).toBe(before.requesters);
    expect(await db.outboxMail.count()).toBe(before.mails);
  });

  it("refuses more files than MAX_ATTACHMENTS and a file over MAX_UPLOAD_BYTES with a clear message, keeping the text", async () => {
    const { b } = await openBrowser();
    const before = await ticketCount();
    const small = (n: number) => ({ name: `log${n}.txt`, type: "text/plain", bytes: Buffer.from(`line ${n}\n`) });
    const tooMany = await b.post("/new", ticketForm(validFields("files@example.com"), [small(1), small(2), small(3)]));
    expect(tooMany.status).toBe(413);
    expect(tooMany.text).toContain("Priložite lahko največ 2 datotek");
    expect(tooMany.text).toContain('value="Printer offline"');

    const big = { name: "big.txt", type: "text/plain", bytes: Buffer.alloc(310 * 1024, "a") };
    const tooBig = await b.post("/new", ticketForm(validFields("files@example.com"), [big]));
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toContain("Datoteka je večja od 0.3 MB");
    expect(tooBig.text).toContain('value="Printer offline"');
    expect(await ticketCount()).toBe(before);
  });

  it("refuses a multipart post without this browser's CSRF token", async () => {
    const { b } = await openBrowser();
    const res = await b.post("/new", ticketForm(validFields("csrf@example.com")), { csrf: false });
    expect(res.status).toBe(403);
  });
});

describe("client portal /t/:token", () => {
  it("shows the public thread, status and redacted screenshot, never internal notes, with private headers", async () => {
    const tech = await db.user.create({ data: { email: "tech.portal@firma.si", name: "Tech", role: "TECHNICIAN" } });
    await addStaffReply(db, opened.ticketId, tech, { body: "We are looking into it.", note: false });
    await addStaffReply(db, opened.ticketId, tech, { body: "INTERNAL: client is on the old plan", note: true });
    const b = new TestBrowser(app.url);
    const page = await b.get(`/t/${opened.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(opened.reference);
    expect(page.text).toContain("We are looking into it.");
    expect(page.text).toContain("[EMAIL]");
    expect(page.text).not.toContain("INTERNAL: client is on the old plan");
    for (const p of PII) expect(page.text).not.toContain(p);
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(page.headers.get("referrer-policy")?.split(",").at(-1)?.trim()).toBe("no-referrer");
    expect(page.text).toContain('<meta name="robots" content="noindex, nofollow"');
    expect(page.text).toContain('<meta name="referrer" content="no-referrer"');

    const att = await db.attachment.findFirstOrThrow({ where: { ticketId: opened.ticketId, status: "STORED" } });
    const src = `/t/${opened.token}/attachments/${att.id}`;
    expect(page.text).toContain(`src="${src}"`);
    const img = await fetch(app.url + src);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe(att.mediaType);
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    expect(img.headers.get("cache-control")).toContain("no-store");
    expect(img.headers.get("content-disposition")).toMatch(/^inline; filename="[A-Za-z0-9._-]+"/);
    const bytes = Buffer.from(await img.arrayBuffer());
    expect(bytes.equals(fs.readFileSync(path.join(getConfig().STORAGE_DIR, att.storageKey!)))).toBe(true);
  });

  it("a wrong or expired token shows nothing but a 404", async () => {
    const wrong = await fetch(`${app.url}/t/${crypto.randomBytes(32).toString("base64url")}`);
    expect(wrong.status).toBe(404);
    const expiredToken = await issueTicketLink(db, opened.ticketId, new Date(Date.now() - (getConfig().TICKET_LINK_DAYS + 1) * 864e5));
    const expired = await fetch(`${app.url}/t/${expiredToken}`);
    expect(expired.status).toBe(404);
    for (const res of [wrong, expired]) {
      const text = await res.text();
      expect(text).not.toContain(opened.reference);
      expect(text).not.toContain("Portal login");
    }
    const att = await db.attachment.findFirstOrThrow({ where: { ticketId: opened.ticketId, status: "STORED" } });
    expect((await fetch(`${app.url}/t/${expiredToken}/attachments/${att.id}`)).status).toBe(404);
  });

  it("a token for ticket A cannot fetch an attachment of ticket B, nor a file of an internal note", async () => {
    const other = await openTicket(db, {
      channel: "WEB", requester: { email: "other@example.com", locale: "en" }, subject: "Other", body: "Other ticket",
      files: [{ fileName: "b.txt", declaredType: "text/plain", bytes: Buffer.from("ticket B log\n") }],
    });
    const bAtt = await db.attachment.findFirstOrThrow({ where: { ticketId: other.id } });
    const bToken = await issueTicketLink(db, other.id);
    expect((await fetch(`${app.url}/t/${bToken}/attachments/${bAtt.id}`)).status).toBe(200);
    const cross = await fetch(`${app.url}/t/${opened.token}/attachments/${bAtt.id}`);
    expect(cross.status).toBe(404);
    expect(await cross.text()).not.toContain("ticket B log");

    const tech = await db.user.findFirstOrThrow({ where: { email: "tech.portal@firma.si" } });
    await addStaffReply(db, opened.ticketId, tech, {
      body: "internal file", note: true, files: [{ fileName: "internal.txt", declaredType: "text/plain", bytes: Buffer.from("internal only\n") }],
    });
    const noteAtt = await db.attachment.findFirstOrThrow({ where: { ticketId: opened.ticketId, fileName: { contains: "internal" } } });
    expect((await fetch(`${app.url}/t/${opened.token}/attachments/${noteAtt.id}`)).status).toBe(404);
  });

  it("the client replies with a file and access details (redacted, encrypted), then 'it works now' resolves and destroys the access details", async () => {
    const b = new TestBrowser(app.url);
    await b.get(`/t/${opened.token}`);
    const reply = new FormData();
    reply.append("intent", "reply");
    reply.append("body", "Still failing. Call 031 222 333.");
    reply.append("accessDetails", "ftp / Novo-Geslo-55");
    reply.append("attachments", new Blob(["error for marko.kovac@example.com\n"], { type: "text/plain" }), "error.log");
    const res = await b.post(`/t/${opened.token}`, reply);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/t/${opened.token}?done=reply`);
    const after = await db.ticket.findUniqueOrThrow({ where: { id: opened.ticketId }, include: { messages: { orderBy: { createdAt: "asc" } }, attachments: true } });
    const last = after.messages.filter((m) => m.direction === "IN").at(-1)!;
    expect(last.body).toContain("[PHONE]");
    expect(last.body).not.toContain("031 222 333");
    expect(decryptAccessDetails(after.accessCipher!)).toBe("ftp / Novo-Geslo-55");
    const log = after.attachments.find((a) => a.messageId === last.id)!;
    expect(log.status).toBe("STORED");
    const logText = await (await fetch(`${app.url}/t/${opened.token}/attachments/${log.id}`)).text();
    expect(logText).toContain("error for");
    expect(logText).not.toContain("marko.kovac@example.com");

    const page = await b.get(`/t/${opened.token}?done=reply`);
    expect(page.text).toContain("Hvala, prejeli smo vaš odgovor.");
    const works = new FormData();
    works.append("intent", "works");
    const resolved = await b.post(`/t/${opened.token}`, works);
    expect(resolved.status).toBe(302);
    const t = await db.ticket.findUniqueOrThrow({ where: { id: opened.ticketId } });
    expect(t.status).toBe("RESOLVED");
    expect(t.resolvedAt).toBeInstanceOf(Date);
    expect(t.accessCipher).toBeNull();
    expect(await db.auditEvent.count({ where: { ticketId: t.id, action: "ticket.client_resolved", actorKind: "CLIENT" } })).toBe(1);
    const shown = await b.get(`/t/${opened.token}?done=works`);
    expect(shown.text).toContain("Hvala! Zahtevek smo označili kot rešen.");
    expect(shown.text).not.toContain('value="works"');

    const close = new FormData();
    close.append("intent", "close");
    expect((await b.post(`/t/${opened.token}`, close)).status).toBe(302);
    const closed = await db.ticket.findUniqueOrThrow({ where: { id: opened.ticketId } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).toBeInstanceOf(Date);
  });

  it("tells the client, neutrally, which of their attachments were not kept", async () => {
    const b = new TestBrowser(app.url);
    await b.get(`/t/${opened.token}`);
    const reply = new FormData();
    reply.append("intent", "reply");
    reply.append("body", "Here is the document.");
    reply.append("attachments", new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])], { type: "application/zip" }), "logs.zip");
    const res = await b.post(`/t/${opened.token}`, reply);
    expect(res.status).toBe(200);
    expect(res.text).toContain("logs.zip");
    expect(res.text).toContain("arhivov ne sprejemamo");
    const page = await b.get(`/t/${opened.token}`);
    expect(page.text).toContain("Priponke (logs.zip) nismo shranili: arhivov ne sprejemamo.");
  });
});

describe("send me my links", () => {
  it("answers the same for a known and an unknown address, and mails the known one fresh links", async () => {
    const b = new TestBrowser(app.url);
    await b.get("/my-links");
    const known = await b.post("/my-links", { email: "client.marko@example.com" });
    const unknown = await b.post("/my-links", { email: "nobody.here@example.com" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const answer = "Če imamo zahtevke za ta naslov, smo nanj poslali povezave.";
    expect(known.text).toContain(answer);
    expect(unknown.text).toContain(answer);
    const mail = await waitForMail((m) => recipientsOf(m).includes("client.marko@example.com") && (m.text ?? "").includes("/t/") && !(m.subject ?? "").includes("MD-"));
    // The ticket was reopened by the last reply, so it is listed with a fresh, working link.
    expect(mail.text).toContain(opened.reference);
    const fresh = /\/t\/([A-Za-z0-9_-]{20,})/.exec(mail.text ?? "")![1]!;
    expect(fresh).not.toBe(opened.token);
    expect((await fetch(`${app.url}/t/${fresh}`)).status).toBe(200);
    // An address that never wrote to us is not mailed, so it is not kept anywhere (leak test).
    await deliverOutbox(db);
    expect(await db.outboxMail.count({ where: { toAddress: "nobody.here@example.com" } })).toBe(0);
    expect(received.some((m) => recipientsOf(m).includes("nobody.here@example.com"))).toBe(false);
  });
});

describe("abuse limits", () => {
  it("refuses ticket creation over TICKETS_PER_ADDRESS_PER_HOUR with a clear message and stores nothing more", async () => {
    const { b } = await openBrowser();
    let statuses: number[] = [];
    let last = { status: 0, text: "" };
    for (let i = 0; i < 8 && last.status !== 429; i++) {
      await b.get("/new");
      last = await b.post("/new", ticketForm(validFields(`flood${i}@example.com`)));
      statuses.push(last.status);
    }
    expect(last.status).toBe(429);
    expect(last.text).toContain("Od tu je bilo v kratkem času poslanih preveč zahtevkov");
    expect(last.text).toContain('value="Printer offline"');
    statuses = statuses.slice(0, -1);
    expect(statuses.every((s) => s === 302)).toBe(true);
    const flood = await db.requester.count({ where: { email: { startsWith: "flood" } } });
    expect(flood).toBe(statuses.length);
  });
});
