import { describe, expect, it } from "vitest";
import { cleanSubject, findThreadKeys, MAX_THREAD_MESSAGE_IDS, normalizeMessageId, parseMessageIdList } from "./thread-keys";

const noHeaders = { inReplyTo: null, references: [] as string[] };

describe("findThreadKeys: ticket reference from the subject", () => {
  it.each([
    ["[MD-2026-000123] Tiskalnik ne tiska", "MD-2026-000123"],
    ["Re: [MD-2026-000123] Printer offline", "MD-2026-000123"],
    ["RE: AW: [md-2026-000123] VPN", "MD-2026-000123"],
    ["Odg: MD-2026-000123 Tiskalnik", "MD-2026-000123"],
    ["Re: MD-2026-000123", "MD-2026-000123"],
    ["AW: MD-2026-000123 Drucker", "MD-2026-000123"],
    ["Fwd: MD-2026-000123 printer", "MD-2026-000123"],
    ["Posl.: MD-2026-000123 tiskalnik", "MD-2026-000123"],
    ["Odgovor: [ MD-2026-004711 ] Geslo", "MD-2026-004711"],
    ["Re[2]: MD-2026-000123 x", "MD-2026-000123"],
    ["Re: [EXTERNAL] Re: [MD-2027-000001] Laptop", "MD-2027-000001"],
  ])("%j -> %s", (subject, expected) => {
    expect(findThreadKeys({ subject, ...noHeaders }).ticketReference).toBe(expected);
  });

  it.each([
    ["New laptop for Ana"],
    ["Same problem as MD-2026-000123 last week"], // a mention mid-subject is not a reply
    ["[MD-2026-12] too short"],
    ["[MD-2026-0001234567] too long"],
    ["XMD-2026-000123 glued to a word"],
    [""],
  ])("%j has no reference", (subject) => {
    expect(findThreadKeys({ subject, ...noHeaders }).ticketReference).toBeNull();
  });
});

describe("findThreadKeys: message ids", () => {
  it("puts In-Reply-To first, then References newest first, without duplicates", () => {
    const keys = findThreadKeys({
      subject: "Re: hello",
      inReplyTo: "<c@Mail.Example.COM>",
      references: ["<a@example.com>", "b@example.com", "c@mail.example.com"],
    });
    expect(keys.messageIds).toEqual(["c@mail.example.com", "b@example.com", "a@example.com"]);
  });

  it("stops at a sane number of ids for a hostile References header", () => {
    const references = Array.from({ length: 5000 }, (_, i) => `<m${i}@example.com>`);
    const keys = findThreadKeys({ subject: "", inReplyTo: null, references });
    expect(keys.messageIds).toHaveLength(MAX_THREAD_MESSAGE_IDS);
    expect(keys.messageIds[0]).toBe("m4999@example.com");
  });
});

describe("normalizeMessageId", () => {
  it("strips brackets and lowercases only the domain", () => {
    expect(normalizeMessageId(" <CAF=Xy+Q@Mail.Gmail.COM> ")).toBe("CAF=Xy+Q@mail.gmail.com");
  });
  it.each([[""], ["<>"], ["<a b@c>"], ["x".repeat(2000)]])("rejects %j", (raw) => {
    expect(normalizeMessageId(raw)).toBeNull();
  });
});

describe("parseMessageIdList", () => {
  it("reads folded References and ignores comments", () => {
    expect(parseMessageIdList("<a@x.si>\r\n <b@X.SI> (Ana's message of Mon)")).toEqual(["a@x.si", "b@x.si"]);
  });
  it("accepts ids whose brackets a broken client dropped", () => {
    expect(parseMessageIdList("a@x.si, b@x.si")).toEqual(["a@x.si", "b@x.si"]);
  });
});

describe("cleanSubject", () => {
  it.each([
    ["Re: [MD-2026-000123] Printer offline", "Printer offline"],
    ["RE: Fw: FWD: Printer", "Printer"],
    ["Odg: Odgovor: Posl.: Tiskalnik ne dela", "Tiskalnik ne dela"],
    ["AW: WG: Drucker", "Drucker"],
    ["RE: [MD-2026-000123] AW: Re: VPN ne deluje", "VPN ne deluje"],
    ["Re[3]: Geslo", "Geslo"],
    ["Reply needed: server down", "Reply needed: server down"],
    ["Repair of the printer", "Repair of the printer"],
    ["Re: ", ""],
  ])("%j -> %j", (subject, expected) => {
    expect(cleanSubject(subject)).toBe(expected);
  });
});
