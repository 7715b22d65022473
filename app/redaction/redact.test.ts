import { describe, expect, it } from "vitest";
import { detect } from "./detect";
import { parsePolicy } from "./policy";
import { redact } from "./redact";
import { expectLinearTime } from "../../tests/setup/linear-time";

describe("redact", () => {
  it("replaces entities with placeholders and reports output offsets without values", () => {
    const result = redact("Mail jane.doe@example.com or call 041 123 456.");
    expect(result.text).toBe("Mail [EMAIL] or call [PHONE].");
    expect(result.findings).toEqual([
      { type: "EMAIL", start: 5, end: 12 },
      { type: "PHONE", start: 21, end: 28 },
    ]);
    for (const finding of result.findings) {
      expect(result.text.slice(finding.start, finding.end)).toBe(`[${finding.type}]`);
    }
    expect(result.counts).toEqual({ EMAIL: 1, PHONE: 1 });
    expect(JSON.stringify(result)).not.toContain("jane");
  });

  it("keeps the keyword of a secret, the host of a URL and the cue of a name", () => {
    expect(redact("password: hunter2").text).toBe("password: [SECRET]");
    expect(redact("https://user:pass@host.example.com/x").text).toBe("https://[SECRET]@host.example.com/x");
    expect(redact("Name: Jane Doe").text).toBe("Name: [PERSON]");
  });

  it("masks cards and IBANs to their last four characters when asked", () => {
    const policy = parsePolicy({ CREDIT_CARD: "mask", IBAN: "mask", EMAIL: "mask" });
    const result = redact("Card 4111 1111 1111 1111, IBAN SI56 1910 0000 0123 438, a@b.si", policy);
    expect(result.text).toBe("Card •••• 1111, IBAN •••• 3438, [EMAIL]");
  });

  it("leaves kept types untouched and unreported", () => {
    const result = redact("Mail jane@example.com", parsePolicy({ EMAIL: "keep" }));
    expect(result.text).toBe("Mail jane@example.com");
    expect(result.findings).toEqual([]);
  });

  it("does not redact ordinary numbers in a ticket", () => {
    const text =
      "Windows 10.0.19045, Apache 2.4.58, order 20231115 (#1234567) on 15.11.2026 at 14:30, " +
      "total 1.234,56 €, ticket MD-2026-000123, port 8443, HTTP 503, colour #1a2b3c, " +
      "uuid 3f2504e0-4f89-11d3-9a0c-0305e82c3301, koda 10000003.";
    expect(redact(text).text).toBe(text);
  });
});

describe("detect", () => {
  it("returns sorted, non-overlapping spans, the longest winning", () => {
    // The IBAN contains digit groups that alone could look like a phone number.
    const detections = detect("Tel 041 123 456, IBAN SI56 1910 0000 0123 438");
    expect(detections.map((d) => d.type)).toEqual(["PHONE", "IBAN"]);
    for (let i = 1; i < detections.length; i++) expect(detections[i]!.start).toBeGreaterThanOrEqual(detections[i - 1]!.end);
  });

  it("handles pathological 1 MB inputs in linear time", () => {
    for (const unit of ["9", "a@", "1 ", "password: ", "Ana "]) {
      expectLinearTime(`"${unit}" repeated`, (chars) => unit.repeat(Math.floor(chars / unit.length)), detect);
    }
  });

  it("handles pathological inputs for the issue 18 shapes in linear time", () => {
    const units = [
      "Ulica a 1 ", "Dunajska cesta 5, 1000 Ljubljana\n", ", Ab 1", "a (at) b ", "rojen ", "Cookie: a=", "?sig=x&",
      "geslo je ", "Authorization: a", "1,1988-03-14\n", "na Glavnem trgu 14 v ", "Zgornje Ab 1 ", "SW1A 1AA\n", "p.p. 1 ", "BDAY:", "- name: A_KEY\n",
      '"street":"Ab 1","city":"', "<FirstName>Ana</FirstName>", "Street/No .... ", "rojena 1.1.1990, jaz ",
      "recovery codes ", "geslo a / Ab1!cd vpiši 1234 ", "PIN 1234 1235 ", "geslo staro Ab12 na celovsko 150 ",
    ];
    for (const unit of units) {
      expectLinearTime(`"${unit}" repeated`, (chars) => unit.repeat(Math.floor(chars / unit.length)), detect);
    }
  }, 240_000); // twenty-four shapes, two sizes, twice each: slow on a shared machine, not a time limit
});

describe("repeated values", () => {
  it("removes every other occurrence of a value found once, even without its cue", () => {
    const out = redact("Lep pozdrav,\nBarbara\n\nP.S. Barbara bo poklicala. Barbarin ne.");
    expect(out.text).not.toMatch(/Barbara\b/);
    expect(out.text).toContain("Barbarin"); // a longer word is not the same value
  });

  it("takes a found name's given name typed in lower case, not a common word or a handle", () => {
    const out = redact("Od: Sabina Oblak\nZadeva: tiskalnik\n\nsabina tukaj, tiskalnik spet ne dela. Pošlji na sabina.o@firma.si ali nika_sabina.\nLp, Will Grant\nI will call back.");
    expect(out.text).not.toMatch(/sabina tukaj/);
    expect(out.text).toContain("I will call back");
  });

  it("does not repeat a town that was found only as an address's part", () => {
    const out = redact("Registrant Organization: Kovinar Trzin d.o.o.\nRegistrant Street: Brodišče 19\nRegistrant City: Trzin\n");
    expect(out.text).toContain("Kovinar Trzin d.o.o.");
    expect(out.text).not.toContain("Brodišče 19");
  });
});
