import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const taxIds = (text: string) => detect(text).filter((d) => d.type === "SI_TAX_ID").map((d) => text.slice(d.start, d.end));

describe("Slovenian tax numbers as people write them", () => {
  it.each([
    ["Davčna: 67 84 83 89", "67 84 83 89"],
    ["Davčna številka: 1548 3142", "1548 3142"],
    ["ID za DDV: SI 1548 3142", "SI 1548 3142"],
    ["VAT: SI-90733924", "SI-90733924"],
    ["davcna stevilka: 15483142", "15483142"],
    ["DS: 76647536", "76647536"],
    ["dav. št. 84269278", "84269278"],
    ["Tax ID 48315087", "48315087"],
    ["VAT Reg. No. 96557079", "96557079"],
    ["Davčna številka:\n67848389", "67848389"],
    ["Tax number for the invoice: 32269650.", "32269650"],
    ["| Client             | Tax no.      |\n| Damjan Vrečko s.p. | 75296551     |", "75296551"],
  ])("finds %j", (text, value) => expect(taxIds(text)).toEqual([value]));

  it("reads a number that ends its line under a tax cue a few lines above: a chat's answer, a list under its heading", () => {
    expect(taxIds("Agent: Potrebujem še davčno številko za račun.\nVisitor (Ana): 15483142\nAgent: Hvala.")).toEqual(["15483142"]);
    expect(taxIds("Preverba davčnih številk:\nAna Kos – 67848389 ✔\nJan Kos – 67848388 ✗\nEva Kos – 32269650 ✔")).toEqual(["67848389", "32269650"]);
    // past a blank line, or with more words after it on its line, the number is something else
    expect(taxIds("Davčna številka je v pogodbi.\n\nNaročilo: 15483142")).toEqual([]);
    expect(taxIds("Preverba davčnih številk je končana.\nPaket 15483142 je poslan včeraj")).toEqual([]);
  });

  it("leaves numbers that are not under a tax label, and bad checksums", () => {
    expect(taxIds("Naročilo 15483142, račun št. 85351431 z DDV")).toEqual([]);
    expect(taxIds("Davčna: 67 84 83 88")).toEqual([]);
    expect(taxIds("Številka naročila:\n15483142")).toEqual([]);
  });
});
