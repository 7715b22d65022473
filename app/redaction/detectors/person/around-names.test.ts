import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const persons = (text: string) => detect(text).filter((d) => d.type === "PERSON").map((d) => text.slice(d.start, d.end));

describe("what a name found says about the words around it", () => {
  it("takes its surname after an initial elsewhere in the text", () => {
    const form = "Current holder: Gottfried Zellhofer\nReason: the business passes to his son.\nSigned: G. Zellhofer, 02.03.2026";
    expect(persons(form)).toContain("G. Zellhofer");
    expect(persons("z. Hd. Helga Pirchegger\nPostfach 12\n\nMit freundlichen Grüßen\nH. Pirchegger\nBuchhaltung")).toContain("H. Pirchegger");
  });

  it("leaves the surname in a firm's name, and a postscript's mark", () => {
    const mail = "Hvala, Vesna Pintar\nP.S. Pintar Inženiring ni naše podjetje.";
    expect(persons(mail)).not.toContain("P.S. Pintar");
    expect(persons("Lep pozdrav, Vesna Pintar\nPintar Inženiring d.o.o. je druga firma.").join("|")).not.toContain("Pintar Inženiring");
  });

  it("takes the other half of 'Surname, Given' in a header or a name field", () => {
    expect(persons("From: Okonkwo, Chidera <chidera.okonkwo@clinic.example>\nSubject: mailbox")).toEqual(expect.arrayContaining(["Okonkwo", "Chidera"]));
    expect(persons("Registrant type: individual\nName: Fraser, Alasdair J.\nCountry: GB")).toEqual(expect.arrayContaining(["Fraser", "Alasdair J."]));
  });

  it("does not join a common word before a comma in prose", () => {
    expect(persons("Thanks, Anna Berg").join("|")).not.toContain("Thanks");
  });
});
