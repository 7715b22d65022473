import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { answerOf, fixture, sendComposed, sendRaw, SUPPORT, uniqueId, useSmtpListenerForFile, variant } from "../setup/mail";
import { renderTextImage } from "../fixtures/images/render-text-image";

// Real SMTP conversations with the listener on 127.0.0.1: what a client's mail server does.
const { db, smtp } = await useSmtpListenerForFile({ MAX_MAIL_BYTES: String(400 * 1024) });
const { getConfig } = await import("../../app/config.server");

const PII = ["041 123 456", "SI56 1910 0000 0123 438", "jana.novak@example.com"];
const PII_TEXT = "Tel. 041 123 456, IBAN SI56 1910 0000 0123 438, cc jana.novak@example.com.";

async function ticketOf(reference: string) {
  return db.ticket.findUniqueOrThrow({
    where: { reference },
    include: { messages: { orderBy: { createdAt: "asc" } }, requester: true, attachments: true },
  });
}

/** Everything a technician (or a breach) would read from the ticket tables. */
async function storedTicketText() {
  const [tickets, messages, attachments, quarantined, audit] = await Promise.all([
    db.ticket.findMany({ select: { subject: true } }),
    db.message.findMany({ select: { body: true, redactionReport: true } }),
    db.attachment.findMany({ select: { fileName: true, redactionReport: true } }),
    db.quarantinedMail.findMany({ select: { excerpt: true } }),
    db.auditEvent.findMany({ select: { details: true } }),
  ]);
  return JSON.stringify([tickets, messages, attachments, quarantined, audit]);
}

async function openTicketByMail(subject: string, from = "jane.doe@example.com") {
  const info = await sendComposed(smtp.port, { from: `Jane Doe <${from}>`, subject, text: "Hello, the laptop does not start.\n\nJane" });
  const answer = answerOf(info.response);
  expect(answer.outcome).toBe("ticket-opened");
  return answer.reference!;
}

describe("new tickets by email", () => {
  it("decodes plain, HTML, quoted-printable, base64 and Windows-1250 mail and stores only redacted text", async () => {
    const cases = [
      { raw: variant(fixture("new-ticket-en.eml"), {}, PII_TEXT), expect: "black screen after login", locale: "en", sender: "jane.doe@example.com" },
      {
        raw: variant(fixture("html-only-hostile.eml"), {}).toString("latin1").replace("<p>Marko</p>", `<p>${PII_TEXT}</p><p>Marko</p>`),
        expect: "error 809",
        locale: "en",
        sender: "marko.horvat@example.si",
      },
      { raw: variant(fixture("quoted-printable-sl.eml"), {}, PII_TEXT), expect: "Čakam na vaš odgovor", locale: "sl", sender: "luka.novak@example.si" },
      { raw: variant(fixture("windows-1250-body.eml"), {}, PII_TEXT), expect: "Računalnik je zelo počasen", locale: "sl", sender: "bojan.zupan@example.si" },
    ];
    const references: string[] = [];
    for (const c of cases) {
      const info = await sendRaw(smtp.port, Buffer.isBuffer(c.raw) ? c.raw : Buffer.from(c.raw, "latin1"));
      const answer = answerOf(info.response);
      expect(answer.outcome).toBe("ticket-opened");
      const ticket = await ticketOf(answer.reference!);
      expect(ticket.channel).toBe("EMAIL");
      expect(ticket.requester!.email).toBe(c.sender);
      expect(ticket.requester!.locale).toBe(c.locale);
      expect(ticket.messages[0]!.body).toContain(c.expect);
      expect(ticket.messages[0]!.body).toContain("[PHONE]");
      expect(ticket.messages[0]!.body).toContain("[IBAN]");
      references.push(answer.reference!);
    }
    // The hostile HTML became text: no markup, no script, no tracker.
    const html = await ticketOf(references[1]!);
    expect(html.messages[0]!.body).not.toMatch(/<script|onload|tracker\.example|evil\.example/);

    // Composed by a mail client with base64 and quoted-printable transfer encodings.
    for (const textEncoding of ["base64", "quoted-printable"] as const) {
      const info = await sendComposed(smtp.port, {
        from: "Ana Kralj <ana.kralj@example.si>",
        subject: `Outlook se sesuje (${textEncoding}), kličite 041 123 456`,
        text: `Pozdravljeni,\n\nOutlook se sesuje vsakič, ko odprem koledar.\n${PII_TEXT}\n\nAna`,
        textEncoding,
      });
      const ticket = await ticketOf(answerOf(info.response).reference!);
      expect(ticket.messages[0]!.body).toContain("Outlook se sesuje vsakič");
      expect(ticket.subject).toBe(`Outlook se sesuje (${textEncoding}), kličite [PHONE]`);
      expect(ticket.requester!.locale).toBe("sl");
    }

    const stored = await storedTicketText();
    for (const secret of [...PII, ...cases.map((c) => c.sender), "ana.kralj@example.si"]) expect(stored).not.toContain(secret);
  });

  it("confirms a new ticket by email in the client's language, with the reference in the subject", async () => {
    const info = await sendRaw(smtp.port, variant(fixture("new-ticket-sl.eml"), { "Message-ID": `<${uniqueId("sl")}>` }));
    const { reference } = answerOf(info.response);
    const ticket = await ticketOf(reference!);
    const confirmations = await db.outboxMail.findMany({ where: { ticketId: ticket.id } });
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.toAddress).toBe("spela.kozar@example.si");
    expect(confirmations[0]!.subject).toContain(`[${reference}]`);
    expect(confirmations[0]!.subject).toContain("Prejeli smo");
    // Threaded onto the client's own mail, so it shows up as an answer in their client.
    expect(confirmations[0]!.inReplyTo).toBe(`<${ticket.messages[0]!.mailMessageId}>`);
  });

  it("keeps a screenshot only in its redacted form (real OCR)", async () => {
    const png = await renderTextImage({
      width: 900,
      height: 200,
      lines: ["Login failed for user", "Email: jana.novak@example.com", "Phone: 041 123 456"],
    });
    const info = await sendComposed(smtp.port, {
      from: "Jane Doe <jane.doe@example.com>",
      subject: "Screenshot of the error",
      text: "The error is in the attached screenshot.",
      attachments: [{ filename: "napaka-jana.novak@example.com.png", content: png, contentType: "image/png" }],
    });
    const ticket = await ticketOf(answerOf(info.response).reference!);
    expect(ticket.attachments).toHaveLength(1);
    const attachment = ticket.attachments[0]!;
    expect(attachment.status).toBe("STORED");
    expect(attachment.fileName).not.toContain("jana.novak@example.com");
    const imageFindings = await db.redactionFinding.findMany({ where: { attachmentId: attachment.id, source: "IMAGE" } });
    expect(imageFindings.map((f) => f.type)).toEqual(expect.arrayContaining(["EMAIL", "PHONE"]));
    const storedBytes = fs.readFileSync(path.join(getConfig().STORAGE_DIR, attachment.storageKey!));
    expect(storedBytes.equals(png)).toBe(false);
  });
});

describe("replies by email", () => {
  it("threads by the subject tag, keeps only the new text, and reopens a resolved ticket", async () => {
    const reference = await openTicketByMail("Laptop does not start after update");
    const ticket = await ticketOf(reference);
    await db.ticket.update({ where: { id: ticket.id }, data: { status: "RESOLVED", resolvedAt: new Date() } });

    const info = await sendComposed(smtp.port, {
      from: "Jane Doe <Jane.Doe@Example.com>",
      subject: `RE: [${reference}] Laptop does not start after update`,
      text: "It is broken again since this morning.\n\nOn Mon, 3 Nov 2026 at 10:00, Minidesk <podpora@minidesk.example.si> wrote:\n> We have fixed the laptop.\n> Regards",
    });
    expect(answerOf(info.response)).toEqual({ outcome: "reply-added", reference });
    const after = await ticketOf(reference);
    expect(after.status).toBe("OPEN");
    expect(after.resolvedAt).toBeNull();
    expect(after.messages).toHaveLength(2);
    expect(after.messages[1]!.body).toBe("It is broken again since this morning.");
    // No second confirmation for a reply.
    expect(await db.outboxMail.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("threads by In-Reply-To alone, matching the Message-ID of the mail we sent", async () => {
    const reference = await openTicketByMail("Docking station");
    const ticket = await ticketOf(reference);
    const confirmation = await db.outboxMail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    // Mail servers sometimes change the case of the domain; the id must still match.
    const sentId = confirmation.mailMessageId.replace(/@(.*)>$/, (_m, domain: string) => `@${domain.toUpperCase()}>`);
    const raw = variant(fixture("reply-in-reply-to-only.eml"), { "Message-ID": `<${uniqueId("irt")}>`, "In-Reply-To": sentId });
    const info = await sendRaw(smtp.port, raw);
    expect(answerOf(info.response)).toEqual({ outcome: "reply-added", reference });
    const after = await ticketOf(reference);
    expect(after.messages.at(-1)!.body).toContain("docking station also does not charge");
  });

  it("a stranger typing someone else's reference opens a new ticket instead of joining the thread", async () => {
    const reference = await openTicketByMail("Printer problem");
    const info = await sendComposed(smtp.port, { from: "mallory@attacker.example", subject: `[${reference}] add me`, text: "Hi, please add this." });
    const answer = answerOf(info.response);
    expect(answer.outcome).toBe("ticket-opened");
    expect(answer.reference).not.toBe(reference);
    expect((await ticketOf(reference)).messages).toHaveLength(1);
  });

  it("the same message delivered twice (also at the same moment) is stored once", async () => {
    const raw = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("dup")}>` });
    const first = answerOf((await sendRaw(smtp.port, raw)).response);
    expect(first.outcome).toBe("ticket-opened");
    const again = answerOf((await sendRaw(smtp.port, raw)).response);
    expect(again.outcome).toBe("duplicate");

    const racing = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("race")}>`, Subject: "Race" });
    const answers = (await Promise.all([sendRaw(smtp.port, racing), sendRaw(smtp.port, racing)])).map((i) => answerOf(i.response).outcome);
    expect(answers.sort()).toEqual(["duplicate", "ticket-opened"]);
    expect(await db.ticket.count({ where: { subject: "Race" } })).toBe(1);
  });
});

describe("automated mail", () => {
  it("auto-replies, out-of-office, newsletters and our own mail get no ticket and no answer", async () => {
    const reference = await openTicketByMail("Monitor flickers");
    const ticket = await ticketOf(reference);
    const tickets = await db.ticket.count();
    const outbox = await db.outboxMail.count();
    for (const name of ["auto-reply.eml", "out-of-office.eml", "newsletter-bulk.eml", "own-outgoing-mail.eml"]) {
      // Aimed at a real ticket, so only the loop guard stands between it and a reply.
      const raw = variant(fixture(name), { Subject: `Re: [${reference}] Monitor flickers` });
      expect(answerOf((await sendRaw(smtp.port, raw)).response).outcome).toBe("ignored-automated");
    }
    expect(await db.ticket.count()).toBe(tickets);
    expect(await db.outboxMail.count()).toBe(outbox);
    expect((await ticketOf(reference)).messages).toHaveLength(ticket.messages.length);
    expect(await db.auditEvent.count({ where: { action: "mail.ignored_automated" } })).toBeGreaterThanOrEqual(4);
  });

  it("a bounce of our confirmation is noted on its ticket without the address, and not answered", async () => {
    const reference = await openTicketByMail("VPN does not connect", "nekdo@nonexistent.example.si");
    const ticket = await ticketOf(reference);
    const confirmation = await db.outboxMail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    const dsn = fixture("bounce-dsn.eml")
      .toString("latin1")
      .replace("<md.2026-000130.1@minidesk.example.si>", confirmation.mailMessageId)
      .replace("X-Minidesk-Id: MD-2026-000130", `X-Minidesk-Id: ${confirmation.id}`);
    const outbox = await db.outboxMail.count();
    const info = await sendRaw(smtp.port, Buffer.from(dsn, "latin1"), { from: "" });
    expect(answerOf(info.response)).toEqual({ outcome: "bounce-recorded", reference });

    const after = await ticketOf(reference);
    const note = after.messages.find((m) => m.kind === "SYSTEM")!;
    expect(note.body).toContain("Our email to the client could not be delivered");
    expect(note.body).not.toContain("@");
    expect(after.status).toBe(ticket.status);
    expect(await db.outboxMail.count()).toBe(outbox);
    expect(await db.auditEvent.count({ where: { ticketId: ticket.id, action: "mail.bounced" } })).toBe(1);
    // The reporting server retries: nothing is noted twice.
    expect(answerOf((await sendRaw(smtp.port, Buffer.from(dsn, "latin1"), { from: "" })).response).outcome).toBe("duplicate");
  });
});

describe("SMTP conversation rules", () => {
  it("refuses mail for addresses that are not ours at RCPT, and accepts the others", async () => {
    const raw = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("rcpt")}>` });
    await expect(sendRaw(smtp.port, raw, { to: ["someone@elsewhere.example"] })).rejects.toMatchObject({ responseCode: 550 });
    const info = await sendRaw(smtp.port, raw, { to: ["someone@elsewhere.example", SUPPORT.toUpperCase()] });
    expect(info.rejected).toEqual(["someone@elsewhere.example"]);
    expect(answerOf(info.response).outcome).toBe("ticket-opened");
  });

  it("refuses a message over MAX_MAIL_BYTES with 552 and stores nothing", async () => {
    const tickets = await db.ticket.count();
    const big = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("big")}>` }, "x".repeat(70).concat("\n").repeat(7000));
    await expect(sendRaw(smtp.port, big)).rejects.toMatchObject({ responseCode: 552 });
    expect(await db.ticket.count()).toBe(tickets);
  });
});
