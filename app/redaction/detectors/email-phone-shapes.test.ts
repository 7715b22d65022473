import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const found = (text: string, type: string) => detect(text).filter((d) => d.type === type).map((d) => text.slice(d.start, d.end));

describe("obfuscated e-mail addresses with hidden dots in the local part", () => {
  it.each([
    ["krishnan . iyer @ tatvaindia . com"],
    ["janez [dot] novak [at] gmail [dot] com"],
    ["janez dot novak at gmail dot com"],
    ["info at firma.si"],
    ["ana＠firma.si"],
  ])("finds %j whole", (address) => expect(found(`Pišite na ${address}, hvala.`, "EMAIL")).toEqual([address]));

  it("does not reach back over words before a plain address", () => {
    expect(found("Ask janez dot novak@gmail.com", "EMAIL")).toEqual(["novak@gmail.com"]);
    expect(found("Look at index.html and meet at noon.", "EMAIL")).toEqual([]);
  });
});

describe("phones in form-encoded fields", () => {
  it("reads the decoded value and reports the encoded one", () => {
    expect(found("first_name=Diego&phone=%2B34%20612%20345%20678&consent=on", "PHONE")).toEqual(["%2B34%20612%20345%20678"]);
    expect(found("?tel=041+123+456&x=1", "PHONE")).toEqual(["041+123+456"]);
    expect(found("?version=1.2.3&phone=abc&id=%2B1234", "PHONE")).toEqual([]);
  });
});

describe("phones in the shapes of neighbouring countries and glued labels", () => {
  it.each([
    ["Telefon: 089 / 1234 5678", "089 / 1234 5678"],
    ["nazovite me na 098/123-456", "098/123-456"],
    ["GSM041 123 456", "041 123 456"],
    ["Tel041 123 456", "041 123 456"],
  ])("finds %j", (text, phone) => expect(found(text, "PHONE")).toEqual([phone]));

  it("keeps premium and free-phone lines, compact 09 numbers and a page count", () => {
    expect(found("Brezplačna 080 22 33, premium 090 123 456, naročilo 091234567", "PHONE")).toEqual([]);
    expect(found("stran 01 / 2024, Hotel041 123 456", "PHONE")).toEqual([]);
  });
});

describe("phones with parenthesised codes, non-breaking spaces and chat links", () => {
  it.each([
    ["Tel.: (+386) 41 123 456", "(+386) 41 123 456"],
    ["Telefon: (030) 12345678", "(030) 12345678"],
    ["Mobil 0151 23456789", "0151 23456789"],
    ["Tel. 041\u00a0123\u00a0456", "041\u00a0123\u00a0456"],
    ["pišite na https://wa.me/38641123456", "38641123456"],
  ])("finds %j", (text, phone) => expect(found(text, "PHONE")).toEqual([phone]));

  it("keeps a payment reference after its model, and a version in parentheses", () => {
    expect(found("sklic SI12 041-123-456, RF18 0412345678", "PHONE")).toEqual([]);
    expect(found("build (0.41) 123 456", "PHONE")).toEqual([]);
  });
});

describe("service lines and request numbers", () => {
  it("keeps free-phone and premium lines of other countries, and a number after 'zahtevka'", () => {
    expect(found("dial-in 0800 123 456 is free, Hotline 0900 123 456", "PHONE")).toEqual([]);
    expect(found("Številka zahtevka 091 234 567", "PHONE")).toEqual([]);
    expect(found("pokliči 091 234 567", "PHONE")).toEqual(["091 234 567"]);
  });
});
