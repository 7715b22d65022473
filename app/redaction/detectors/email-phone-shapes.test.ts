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

describe("an area code set off by a slash with a blank after it", () => {
  it("reads the number whole", () => {
    expect(found("Sašo Ribič, tajnik\n041/ 330 220\n", "PHONE")).toEqual(["041/ 330 220"]);
    expect(found("089 / 1234 5678", "PHONE")).toEqual(["089 / 1234 5678"]);
    expect(found("stran 12/ 300 izvodov", "PHONE")).toEqual([]);
  });
});

describe("phones in form-encoded fields", () => {
  it("reads the decoded value and reports the encoded one", () => {
    expect(found("first_name=Diego&phone=%2B34%20612%20345%20678&consent=on", "PHONE")).toEqual(["%2B34%20612%20345%20678"]);
    expect(found("?tel=041+123+456&x=1", "PHONE")).toEqual(["041+123+456"]);
    expect(found("?version=1.2.3&phone=abc&id=%2B1234", "PHONE")).toEqual([]);
  });
});

describe("separators pasted from Word and web pages, and addresses glued to a password", () => {
  const all = (text: string) => detect(text).map((d) => [d.type, text.slice(d.start, d.end)]);

  it("reads no-break and narrow no-break spaces between digit groups as blanks", () => {
    const text = "Phone: +386\u00a041\u00a0555\u00a0909, IBAN SI95\u00a01910\u00a00342\u00a09368\u00a0586, mobile 041\u202f330\u202f220.";
    expect(all(text)).toEqual([
      ["PHONE", "+386\u00a041\u00a0555\u00a0909"],
      ["IBAN", "SI95\u00a01910\u00a00342\u00a09368\u00a0586"],
      ["PHONE", "041\u202f330\u202f220"],
    ]);
  });

  it("takes an address followed by ':' and a password (Postfix sasl_passwd), not an scp target", () => {
    expect(all("[mail.gmx.example]:465 info@pension-alpenblick.example:Edelweiss_1999")[0]).toEqual(["EMAIL", "info@pension-alpenblick.example"]);
    expect(all("git clone git@github.com:org/repo.git && scp deploy@web1.example.com:~/backup.tar .")).toEqual([]);
  });
});

describe("private addresses of the client's own devices", () => {
  const ips = (text: string) => detect(text).filter((d) => d.type === "IP_ADDRESS").map((d) => text.slice(d.start, d.end));

  it("keeps a router's or a printer's private address, named beside it", () => {
    expect(ips("Na 192.168.1.1 ne morem, router ne odgovarja. Tiskalnik na 10.0.5.40 tudi ne.")).toEqual([]);
    expect(ips("the switch 172.16.0.2 drops packets")).toEqual([]);
  });

  it("redacts private addresses in configuration, logs, headers and URLs, and public ones everywhere", () => {
    expect(ips("DB_HOST=10.0.3.17\nclient=10.20.0.15 FATAL\nReceived: from [10.20.1.44]")).toEqual(["10.0.3.17", "10.20.0.15", "10.20.1.44"]);
    expect(ips("mongodb://admin@10.0.5.4:27017 on the router")).toEqual(["10.0.5.4"]);
    expect(ips("the router's public address is 176.11.17.131")).toEqual(["176.11.17.131"]);
  });

  it("keeps a version cued on another line and a User-Agent's firmware", () => {
    expect(ips("Cisco CBS250-8T: firmware 3.4.1.3\nUpgrade to 3.4.1.3 on all units\nUser-Agent: Yealink SIP-T46U 108.86.0.75\nVia: SIP/2.0/UDP 212.235.66.14:5060")).toEqual(["212.235.66.14"]);
  });
});

describe("message identifiers shaped like addresses", () => {
  const emails = (text: string) => detect(text).filter((d) => d.type === "EMAIL").map((d) => text.slice(d.start, d.end));

  it("keeps Message-ID, In-Reply-To, References and Postfix's message-id=, takes the addresses beside them", () => {
    const headers = "Message-ID: <CAJ8f2pNq-3x0Uv7_kTz1@mail.gmail.com>\nReferences: <a1@mail.gmail.com> <b2@x.example>\nFrom: Dan <dw@gmail.com>";
    expect(emails(headers)).toEqual(["dw@gmail.com"]);
    expect(emails("postfix/cleanup[9930]: 4F1A: message-id=<2026.4F1A@mail.hotel.example>, from=<info@hotel.example>")).toEqual(["info@hotel.example"]);
    expect(emails("Reply-To: <jane@x.example>")).toEqual(["jane@x.example"]);
  });
});

describe("four-part versions after a cue", () => {
  const ips = (text: string) => detect(text).filter((d) => d.type === "IP_ADDRESS").map((d) => text.slice(d.start, d.end));

  it("keeps 'Versions tested: 1.2.3.4, 2.0.10.255', not a build server's address", () => {
    expect(ips("Versions tested: 1.2.3.4 (old agent), 2.0.10.255 (new agent).")).toEqual([]);
    expect(ips("build server: 85.10.3.17")).toEqual(["85.10.3.17"]);
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

  it("keeps the digits that end a tracking number after a group of capitals and digits", () => {
    expect(found("Tracking number 1Z 999 AA1 01 2345 6784.", "PHONE")).toEqual([]);
    expect(found("Tel 01 2345 678", "PHONE")).toEqual(["01 2345 678"]);
  });
});

describe("service lines and request numbers", () => {
  it("keeps free-phone and premium lines of other countries, and a number after 'zahtevka'", () => {
    expect(found("dial-in 0800 123 456 is free, Hotline 0900 123 456", "PHONE")).toEqual([]);
    expect(found("Številka zahtevka 091 234 567", "PHONE")).toEqual([]);
    expect(found("pokliči 091 234 567", "PHONE")).toEqual(["091 234 567"]);
  });
});

describe("phones with dashes set off by blanks and German numbers in three groups", () => {
  it("takes them, and leaves the account groups of an IBAN with a bad checksum", () => {
    expect(found("kličite me na tale nov telefon 041 - 66 - 77 - 88, stari ne dela več", "PHONE")).toEqual(["041 - 66 - 77 - 88"]);
    expect(found("best to reach me on my German SIM 0151 2345 6789 till Friday", "PHONE")).toEqual(["0151 2345 6789"]);
    expect(found("Stuttgart office: 0711 2233 4455", "PHONE")).toEqual(["0711 2233 4455"]);
    expect(found("the IBAN SI56 0201 0001 2345 679 is rejected", "PHONE")).toEqual([]);
  });
});

describe("a number after a phone label, in any country's shape", () => {
  it.each([
    ["Referente: Paolo Zanetti, cell. 335 81 44 920, paolo", "335 81 44 920"],
    ["Phone: 1-646-555-0127", "1-646-555-0127"],
    ["Registrant Phone: +386.15640221", "+386.15640221"],
    ["SMS_ALERT_NUMBER=00385996041152", "00385996041152"],
    ["sms login request msisdn=38640771203 ap=AP-TERASA-02", "38640771203"],
    ["Called=%2B38616004480&Direction=inbound", "%2B38616004480"],
    ["or my mobile 0151 / 422 98 311. Many thanks", "0151 / 422 98 311"],
    [",4 015131169", "015131169"],
  ])("finds the phone in %j", (text, phone) => expect(found(text, "PHONE")).toEqual([phone]));

  it("leaves a short number after the label and a number without one", () => {
    expect(found("Tel. 2 izvoda, order 335 81 44 920", "PHONE")).toEqual([]);
  });
});

describe("e-mail addresses typed with a slip", () => {
  it("takes a doubled @ and a comma for the dot before a common top-level domain", () => {
    expect(found("jure.bizjak@@gmail.com; sara.kovacic@gmail,com", "EMAIL")).toEqual(["jure.bizjak@@gmail.com", "sara.kovacic@gmail,com"]);
  });

  it("leaves a comma before anything but a top-level domain, and a full address before a comma", () => {
    expect(found("x@y,z", "EMAIL")).toEqual([]);
    expect(found("mail@example.com,com", "EMAIL")).toEqual(["mail@example.com"]);
  });
});

describe("a password manager's export", () => {
  const EXPORT = "name,url,username,password\nSparkasse Online,https://www.sparkasse.at,claudia@neumayer-physio.at,Th3rapie-Shop#9\nRouter,http://fritz.box,admin,t0Nq8-Wz4p";
  it("reads the address after a URL's cell, and the entries' names as no people", () => {
    const found = detect(EXPORT).map((d) => [d.type, EXPORT.slice(d.start, d.end)]);
    expect(found).toEqual([["EMAIL", "claudia@neumayer-physio.at"], ["SECRET", "Th3rapie-Shop#9"], ["SECRET", "t0Nq8-Wz4p"]]);
  });
  it("still takes a URL's password with a comma in it whole", () => {
    const text = "ftp://user:pa,ss@host.si";
    expect(detect(text).map((d) => [d.type, text.slice(d.start, d.end)])).toEqual([["SECRET", "user:pa,ss"]]);
  });
});

describe("a meeting invite's dial-in numbers", () => {
  it("reads each number with its country after it as a phone, not a postcode's address", () => {
    const text = "Dial by your location\n+49 69 7104 9922 Germany\n+386 1 600 3102 Slovenia";
    expect(detect(text).map((d) => [d.type, text.slice(d.start, d.end)])).toEqual([["PHONE", "+49 69 7104 9922"], ["PHONE", "+386 1 600 3102"]]);
  });
});
