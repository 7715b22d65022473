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
    // a certificate serial in byte pairs is no address; an address written out in full still is
    expect(found("novi serial 04:A3:7F:21:9C:0B:55:E8, host fe80:0:0:0:0:0:0:1")).toEqual([["IP_ADDRESS", "fe80:0:0:0:0:0:0:1"]]);
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
  it("finds a signed name that ends with a full stop", () => {
    expect(found("Hvala za pomoč.\nLp, Janez.")).toEqual([["PERSON", "Janez"]]);
    expect(found("Thanks!\nBest regards,\nJohn Smith.\n")).toEqual([["PERSON", "John Smith"]]);
    expect(found("Thanks, Everyone.")).toEqual([]);
  });
  it("joins a street line and a postcode line into one address", () => {
    expect(found("Naslov: Dunajska cesta 5\n1000 Ljubljana")).toEqual([["POSTAL_ADDRESS", "Dunajska cesta 5\n1000 Ljubljana"]]);
  });
  it("leaves counts that look like postcodes", () => {
    expect(found("1500 Users are licensed")).toEqual([]);
  });
});

describe("gaps found by the independent corpus", () => {
  it("finds lower-case IBANs and a country code without + or 00", () => {
    expect(found("TRR si56 1910 0000 0123 438")).toEqual([["IBAN", "si56 1910 0000 0123 438"]]);
    expect(found("WhatsApp 386 41 555 210")).toEqual([["PHONE", "386 41 555 210"]]);
  });
  it("keeps ; and & inside .env values but cuts at the next key of a connection or query string", () => {
    expect(found("DB_PASSWORD=Zima;2025&Pomlad")).toEqual([["SECRET", "Zima;2025&Pomlad"]]);
    expect(found("Server=db;Password=Qw3rty!23;Encrypt=True")).toEqual([["SECRET", "Qw3rty!23"]]);
    expect(found("api_key=9f86d081884c7d659a2feaa0c55ad015&mode=test")).toEqual([["SECRET", "9f86d081884c7d659a2feaa0c55ad015"]]);
  });
  it("finds prefixed config keys, Basic credentials and CVV, but not placeholders or versions", () => {
    expect(found("SMTP_PASS=Sonce.2024\nJWT_SECRET=a8f5f167f44f4964e6c998dee827110c")).toEqual([
      ["SECRET", "Sonce.2024"],
      ["SECRET", "a8f5f167f44f4964e6c998dee827110c"],
    ]);
    expect(found("Authorization: Basic YWRtaW46cGFzc3dvcmQxMjM=, CVV 412")).toEqual([
      ["SECRET", "YWRtaW46cGFzc3dvcmQxMjM="],
      ["SECRET", "412"],
    ]);
    expect(found("password=changeme; pass v1.2.3 to QA; SORT_KEY=name")).toEqual([]);
  });
  it("reports URL credentials, not a fake address made from the password's tail", () => {
    expect(found("ftp://webmaster:Jablana#12@ftp.example.si")).toEqual([["SECRET", "webmaster:Jablana#12"]]);
    expect(found("remote git@github.com:org/repo.git")).toEqual([]);
    expect(found("?email=janez.novak%40gmail.com&x=1")).toEqual([["EMAIL", "janez.novak%40gmail.com"]]);
  });
  it("keeps addresses that identify no one and versions of a cued family", () => {
    expect(found("bind 0.0.0.0, 127.0.0.1, mask 255.255.255.0, DNS 8.8.8.8, host 10.0.0.5")).toEqual([["IP_ADDRESS", "10.0.0.5"]]);
    expect(found("update to v1.2.3.4; before we had 1.2.2.9")).toEqual([]);
  });
  it("keeps a Luhn-valid number that the text calls an order, unless a card is mentioned", () => {
    expect(found("Order ID: 4000120261115008")).toEqual([]);
    expect(found("Card for order: 4111 1111 1111 1111")).toEqual([["CREDIT_CARD", "4111 1111 1111 1111"]]);
  });
  it("finds names after titles, in display names and in name columns", () => {
    expect(found("g. Novak in Ms. Brown")).toEqual([["PERSON", "Novak"], ["PERSON", "Brown"]]);
    expect(found("From: Tina Rupnik <tina@x.si>")).toEqual([["PERSON", "Tina Rupnik"], ["EMAIL", "tina@x.si"]]);
    expect(found("ime;priimek\nJanez;Novak")).toEqual([["PERSON", "Janez"], ["PERSON", "Novak"]]);
    expect(found("Northwind Billing <billing@x.si>")).toEqual([["EMAIL", "billing@x.si"]]);
  });
  it("takes any street before a known postcode line, but not a product or a step", () => {
    expect(found("Ob železnici 16, 1000 Ljubljana")).toEqual([["POSTAL_ADDRESS", "Ob železnici 16, 1000 Ljubljana"]]);
    expect(found("Windows 11, 1000 Ljubljana")).toEqual([["POSTAL_ADDRESS", "1000 Ljubljana"]]);
    expect(found("1 Canada Square, London E14 5AB")).toEqual([["POSTAL_ADDRESS", "1 Canada Square, London E14 5AB"]]);
  });
});
