import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_INBOUND_MAIL_LIMITS, parseInboundMail, UnparseableMailError, type UnparseableMailReason } from "./parse-inbound.server";
import { stripQuotedReply } from "./strip-quoted-reply";
import { findThreadKeys } from "./thread-keys";

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/mail/${name}`, import.meta.url));
const parseFixture = (name: string) => parseInboundMail(fixture(name));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function rejection(raw: Buffer, limits = DEFAULT_INBOUND_MAIL_LIMITS): Promise<UnparseableMailReason> {
  const error = await parseInboundMail(raw, limits).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UnparseableMailError);
  return (error as UnparseableMailError).reason;
}

describe("parseInboundMail: a new ticket", () => {
  it("reads sender, recipients, subject, date and ids of a plain English request", async () => {
    const mail = await parseFixture("new-ticket-en.eml");
    expect(mail.from).toEqual({ address: "jane.doe@example.com", name: "Jane Doe" });
    expect(mail.to).toEqual(["podpora@minidesk.example.si"]);
    expect(mail.subject).toBe("Laptop does not start after update");
    expect(mail.date?.toISOString()).toBe("2026-11-03T08:12:44.000Z");
    expect(mail.messageId).toBe("CAKx7Hd1a2b3c4@mail.example.com");
    expect(mail.inReplyTo).toBeNull();
    expect(mail.text).toMatch(/^Hello,\n\nsince this morning's Windows update[\s\S]*Jane Doe\nAccounting$/);
  });

  it("keeps only the headers loop detection and threading need", async () => {
    const mail = await parseFixture("reply-outlook-en.eml");
    expect(Object.keys(mail.headers).sort()).toEqual(["content-type", "in-reply-to", "message-id", "references"]);
    const broken = await parseFixture("broken-headers.eml");
    expect(broken.headers).not.toHaveProperty("x-mailer");
  });
});

describe("parseInboundMail: character sets used in Slovenia", () => {
  it.each([
    ["new-ticket-sl.eml", "Tiskalnik v 3. nadstropju ne deluje", "že od včeraj ne tiska", "Špela Kožar"],
    ["quoted-printable-sl.eml", "Geslo za e-pošto", "Prosim za ponastavitev. Čakam na vaš odgovor.", "Luka Novak"],
    ["base64-body.eml", "Outlook se sesuje", "vsakič, ko odprem koledar. Že trikrat", "Ana Kralj"],
    ["windows-1250-body.eml", "Računalnik je počasen", "še posebej zjutraj. Žal ne vem, zakaj.\nČŠŽ čšž", "Bojan Zupan"],
    ["iso-8859-2-body.eml", "Dostop do skupne mape", "mape Računovodstvo. Šef je že odobril.\nČŠŽ čšž", "Mojca Šker"],
    ["rfc2047-headers.eml", "Težava z Wi-Fi v sejni sobi – nujno čim prej", "Wi-Fi v sejni sobi ne deluje.", "Žiga Čebašek"],
  ])("%s decodes subject, body and sender name", async (name, subject, bodyPart, senderName) => {
    const mail = await parseFixture(name);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(bodyPart);
    expect(mail.from?.name).toBe(senderName);
  });
});

describe("parseInboundMail: HTML-only mail", () => {
  it("becomes readable text without script, tracking pixel or javascript: link", async () => {
    const mail = await parseFixture("html-only-hostile.eml");
    expect(mail.text).toBe(
      "Hello, the VPN client says error 809 since Monday.\n\nClick here or see the status page [https://status.example.si/vpn].\n\nMarko",
    );
  });
});

describe("parseInboundMail: attachments", () => {
  it("returns the attached screenshot as a real PNG with its name", async () => {
    const [png, ...rest] = (await parseFixture("attachment-png.eml")).attachments;
    expect(rest).toEqual([]);
    expect(png).toMatchObject({ filename: "error.png", contentType: "image/png", inline: false, contentId: null });
    expect(png!.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png!.size).toBe(png!.content.length);
  });

  it("marks a cid: image as inline and keeps its Content-ID for the body to reference", async () => {
    const mail = await parseFixture("inline-image-cid.eml");
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ inline: true, contentId: "screenshot.1@example.si", filename: "image001.png" });
    expect(mail.text).toBe("Ob prijavi se prikaže tole:\n\nposnetek zaslona");
  });

  it("never lets a file name choose a directory or disguise its extension", async () => {
    const names = (await parseFixture("attachment-path-traversal.eml")).attachments.map((attachment) => attachment.filename);
    expect(names).toEqual(["passwd", "x.png", "racun fdp.exe"]);
  });
});

describe("parseInboundMail: broken and hostile input", () => {
  it("accepts a message with no From, Subject or Message-ID and an unreadable Date", async () => {
    const mail = await parseFixture("broken-headers.eml");
    expect(mail).toMatchObject({ from: null, subject: "", messageId: null, date: null, references: [] });
    expect(mail.text).toBe("Message without sender, subject or id.");
  });

  it("keeps an encoded CRLF in the subject from becoming a new header line", async () => {
    const mail = await parseFixture("header-injection-subject.eml");
    expect(mail.subject).toBe("Help Bcc: everyone@example.com X-Minidesk-Id: x");
    expect(mail.headers).not.toHaveProperty("x-minidesk-id");
  });

  it("keeps a 100 000 character line whole", async () => {
    const mail = await parseFixture("long-lines.eml");
    expect(mail.text.length).toBeGreaterThan(90_000);
    expect(mail.text.endsWith("END")).toBe(true);
  });

  it("refuses 60 nested multiparts by default, but could read them under a looser limit", async () => {
    expect(await rejection(fixture("deeply-nested.eml"))).toBe("too-deeply-nested");
    const mail = await parseInboundMail(fixture("deeply-nested.eml"), { ...DEFAULT_INBOUND_MAIL_LIMITS, maxMimeDepth: 100 });
    expect(mail.text).toBe("Deep inside.");
  });

  it.each<[string, Buffer, Partial<typeof DEFAULT_INBOUND_MAIL_LIMITS>, UnparseableMailReason]>([
    ["an empty delivery", Buffer.alloc(0), {}, "empty"],
    ["only blank lines", Buffer.from("\r\n\r\n"), {}, "empty"],
    ["a message over the size limit", fixture("new-ticket-en.eml"), { maxMessageBytes: 100 }, "too-large"],
    ["more attachments than allowed", fixture("attachment-path-traversal.eml"), { maxAttachments: 2 }, "too-many-attachments"],
    ["more MIME parts than allowed", fixture("attachment-path-traversal.eml"), { maxMimeParts: 3 }, "too-many-parts"],
    ["random bytes", Buffer.from("\u0089PNG\r\n\u001a\n\u0000\u0000binary junk without any header"), {}, "not-a-message"],
  ])("rejects %s with a reason code", async (_case, raw, limits, reason) => {
    expect(await rejection(raw, { ...DEFAULT_INBOUND_MAIL_LIMITS, ...limits })).toBe(reason);
  });

  it("says nothing about the mail's content in the error", async () => {
    const error = await parseInboundMail(fixture("new-ticket-en.eml"), { ...DEFAULT_INBOUND_MAIL_LIMITS, maxMessageBytes: 10 }).catch(
      (caught: Error) => caught,
    );
    expect((error as Error).message).toBe("Unparseable inbound mail: too-large");
  });
});

// The whole reply path a technician sees: parse, find the ticket, show only the new words.
describe("replies from real mail clients", () => {
  it.each([
    ["reply-gmail-en.eml", "MD-2026-000123", "Thanks, the safe mode trick worked. The laptop starts normally again."],
    ["reply-outlook-en.eml", "MD-2026-000124", "Hi,\n\nyes, the calendar is visible now. You can close the ticket.\n\nMarko"],
    ["reply-thunderbird.eml", "MD-2026-000125", "The scanner sends to e-mail again, thank you."],
    ["reply-apple-mail.eml", "MD-2026-000126", "Zdaj deluje, hvala!"],
    ["reply-gmail-sl.eml", "MD-2026-000127", "Tiskalnik spet tiska. Hvala za hiter odziv!"],
    ["reply-outlook-sl.eml", "MD-2026-000128", "Po posodobitvi je računalnik hitrejši. Hvala.\n\nBojan"],
  ])("%s threads into %s and shows only the new text", async (name, reference, newText) => {
    const mail = await parseFixture(name);
    const keys = findThreadKeys(mail);
    expect(keys.ticketReference).toBe(reference);
    expect(keys.messageIds[0]).toBe(`md.${reference.slice(3).toLowerCase()}.${name === "reply-gmail-en.eml" ? 2 : 1}@minidesk.example.si`);
    expect(stripQuotedReply(mail.text)).toBe(newText);
  });

  it("threads a reply with a new subject by In-Reply-To alone, domain case ignored", async () => {
    const keys = findThreadKeys(await parseFixture("reply-in-reply-to-only.eml"));
    expect(keys).toEqual({ ticketReference: null, messageIds: ["MD.2026-000123.2@minidesk.example.si"] });
  });
});
