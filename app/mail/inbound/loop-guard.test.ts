import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MailAddress } from "./inbound-mail";
import { classifyAutomatedMail, parseBounce, type AutomatedMailKind } from "./loop-guard";
import { parseInboundMail } from "./parse-inbound.server";

const OWN = { ownMessageIdDomain: "minidesk.example.si" };
const parseFixture = (name: string) => parseInboundMail(readFileSync(new URL(`../../../tests/fixtures/mail/${name}`, import.meta.url)));
const person: MailAddress = { address: "ana.novak@example.si", name: "Ana Novak" };
const sender = (address: string): MailAddress => ({ address, name: "" });

describe("classifyAutomatedMail on real-looking messages", () => {
  it.each<[string, AutomatedMailKind]>([
    ["new-ticket-en.eml", "none"],
    ["new-ticket-sl.eml", "none"],
    ["reply-gmail-sl.eml", "none"],
    ["reply-outlook-en.eml", "none"],
    ["attachment-png.eml", "none"],
    ["header-injection-subject.eml", "none"],
    ["auto-reply.eml", "auto-reply"],
    ["out-of-office.eml", "auto-reply"],
    ["newsletter-bulk.eml", "bulk"],
    ["bounce-dsn.eml", "bounce"],
    ["bounce-headers-only.eml", "bounce"],
    ["own-outgoing-mail.eml", "own-mail"],
  ])("%s is %s", async (name, kind) => {
    const mail = await parseFixture(name);
    expect(classifyAutomatedMail(mail.headers, mail.from, OWN)).toEqual({ automated: kind !== "none", kind });
  });

  it("still sees a bounce when our own server wrote it with our Message-ID domain", async () => {
    const mail = await parseFixture("bounce-dsn.eml");
    const headers = { ...mail.headers, "message-id": "<dsn.1@minidesk.example.si>" };
    expect(classifyAutomatedMail(headers, mail.from, OWN).kind).toBe("bounce");
  });
});

describe("classifyAutomatedMail rules", () => {
  it.each<[string, Record<string, string>, MailAddress | null, AutomatedMailKind]>([
    ["a person's mail", { "content-type": "text/plain" }, person, "none"],
    ["Auto-Submitted: no (explicitly human)", { "auto-submitted": "No" }, person, "none"],
    ["Auto-Submitted: auto-generated", { "auto-submitted": "auto-generated" }, person, "auto-reply"],
    ["Auto-Submitted with a comment", { "auto-submitted": "auto-replied (vacation)" }, person, "auto-reply"],
    ["X-Autorespond", { "x-autorespond": "1" }, person, "auto-reply"],
    ["X-Auto-Response-Suppress: All", { "x-auto-response-suppress": "All" }, person, "auto-reply"],
    ["X-Auto-Response-Suppress without All", { "x-auto-response-suppress": "DR, RN, NRN" }, person, "none"],
    ["a read receipt", { "content-type": "multipart/report; report-type=disposition-notification; boundary=x" }, person, "auto-reply"],
    ["the null return path", { "return-path": "<>" }, person, "auto-reply"],
    ["Precedence: junk", { precedence: "junk" }, person, "bulk"],
    ["Precedence: list", { precedence: "list" }, person, "bulk"],
    ["List-Id only", { "list-id": "<it.lists.example.si>" }, person, "bulk"],
    ["a DSN content type", { "content-type": 'multipart/report; report-type="delivery-status"' }, person, "bounce"],
    ["X-Failed-Recipients", { "x-failed-recipients": "x@example.si" }, person, "bounce"],
    ["MAILER-DAEMON", {}, sender("mailer-daemon@mx.example.si"), "bounce"],
    ["postmaster", {}, sender("postmaster@example.si"), "bounce"],
    ["a VERP bounce address", {}, sender("bounces+123-abc=example.si@lists.example.net"), "bounce"],
    ["a person called Bounce... no: bouncer", {}, sender("bouncer.club@example.si"), "none"],
    ["our X-Minidesk-Id even on an auto-reply", { "x-minidesk-id": "MD-2026-000001", "auto-submitted": "auto-replied" }, person, "own-mail"],
    ["our Message-ID domain", { "message-id": "<md.1@MINIDESK.example.si>" }, person, "own-mail"],
    ["a look-alike Message-ID domain", { "message-id": "<md.1@evil-minidesk.example.si>" }, person, "none"],
    ["our domain as a prefix only", { "message-id": "<md.1@minidesk.example.si.evil.example>" }, person, "none"],
    ["no From at all", {}, null, "none"],
  ])("%s -> %s", (_case, headers, from, kind) => {
    expect(classifyAutomatedMail(headers, from, OWN).kind).toBe(kind);
  });

  it("cannot recognise our own Message-IDs when no domain is configured", () => {
    expect(classifyAutomatedMail({ "message-id": "<md.1@minidesk.example.si>" }, person).kind).toBe("none");
  });
});

describe("parseBounce", () => {
  it("finds which of our messages bounced permanently, from the returned message", async () => {
    expect(parseBounce(await parseFixture("bounce-dsn.eml"))).toEqual({
      originalMessageId: "md.2026-000130.1@minidesk.example.si",
      action: "failed",
      status: "5.1.1",
    });
  });

  it("reads a delay report that returns only the headers", async () => {
    expect(parseBounce(await parseFixture("bounce-headers-only.eml"))).toEqual({
      originalMessageId: "md.2026-000131.1@minidesk.example.si",
      action: "delayed",
      status: "4.4.7",
    });
  });

  it("falls back to headers pasted into the body by older servers", () => {
    const text = "Hi. This is the qmail-send program.\n\n--- Below this line is a copy of the message.\n\nMessage-ID: <md.7@minidesk.example.si>\nSubject: x";
    expect(parseBounce({ attachments: [], text }).originalMessageId).toBe("md.7@minidesk.example.si");
  });

  it("returns nulls rather than guessing when nothing identifies the original", () => {
    expect(parseBounce({ attachments: [], text: "Your message could not be delivered." })).toEqual({
      originalMessageId: null,
      action: null,
      status: null,
    });
  });
});
