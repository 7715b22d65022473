import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import type { EntityType } from "../types";

/** The values the engine would redact, by type. */
function found(text: string): Array<[EntityType, string]> {
  return detect(text).map((d) => [d.type, text.slice(d.start, d.end)]);
}

describe("phone", () => {
  it.each(["041 123 456", "041-123-456", "01 234 56 78", "+386 41 123 456", "+386 (0)1 234 5678", "0038641123456", "+44 20 7946 0958"])(
    "finds %s",
    (phone) => expect(found(`Pokličite ${phone} prosim`)).toEqual([["PHONE", phone]]),
  );
  it.each(["order 20231115", "#1234567", "verzija 10.0.19045", "ob 10:30", "1.234,56 €", "naročilo 041123456", "SKU 041-123-456"])(
    "leaves %s",
    (text) => expect(found(text)).toEqual([]),
  );
});

describe("email", () => {
  it("does not swallow the key of a key=value pair", () => {
    expect(found("user=jane@x.si")).toEqual([["EMAIL", "jane@x.si"]]);
  });
  it("finds subaddresses and leaves retina image names", () => {
    expect(found("to ana+racun@podjetje.si, see logo@2x.png")).toEqual([["EMAIL", "ana+racun@podjetje.si"]]);
  });
});

describe("IP address", () => {
  it("finds IPv4 and IPv6 but not versions, times or MAC addresses", () => {
    expect(found("from 192.168.1.10 and 2001:db8::1, version 1.2.3.4, 10:30:00, 00:1A:2B:3C:4D:5E")).toEqual([
      ["IP_ADDRESS", "192.168.1.10"],
      ["IP_ADDRESS", "2001:db8::1"],
    ]);
  });
});

describe("EMŠO and tax numbers", () => {
  it("finds a valid EMŠO and rejects an invalid one", () => {
    expect(found("EMŠO 0101006500006, napačen 0101006500007")).toEqual([["EMSO", "0101006500006"]]);
  });
  it("needs a cue or the SI prefix for a tax number", () => {
    expect(found("davčna številka 10000003")).toEqual([["SI_TAX_ID", "10000003"]]);
    expect(found("ID za DDV SI 10000003")).toEqual([["SI_TAX_ID", "SI 10000003"]]);
    expect(found("koda 10000003")).toEqual([]);
    expect(found("Cena 1.299,00 € z DDV, račun 10000003")).toEqual([]);
  });
});

describe("secret", () => {
  it("finds passwords after Slovenian and English cues but not prose about passwords", () => {
    expect(found("geslo je Poletje2024. my password is hunter2")).toEqual([
      ["SECRET", "Poletje2024"],
      ["SECRET", "hunter2"],
    ]);
    expect(found("the password is stored in the vault; geslo je napačno")).toEqual([]);
  });
  it("finds well-known token shapes and private keys", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----";
    expect(found(`AKIAIOSFODNN7EXAMPLE\n${key}`)).toEqual([
      ["SECRET", "AKIAIOSFODNN7EXAMPLE"],
      ["SECRET", key],
    ]);
  });
  it("ignores a token cue followed by an ordinary word", () => {
    expect(found("token: expired")).toEqual([]);
  });
});

describe("person and address", () => {
  it("finds names after greetings and sign-offs but not 'Hi team'", () => {
    expect(found("Hi team,\nthanks.\n\nLep pozdrav,\nŠpela Jerič")).toEqual([["PERSON", "Špela Jerič"]]);
  });
  it("joins a street line and a postcode line into one address", () => {
    expect(found("Naslov: Dunajska cesta 5\n1000 Ljubljana")).toEqual([["POSTAL_ADDRESS", "Dunajska cesta 5\n1000 Ljubljana"]]);
  });
  it("leaves counts that look like postcodes", () => {
    expect(found("1500 Users are licensed")).toEqual([]);
  });
});
