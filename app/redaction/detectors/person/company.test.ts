import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const persons = (text: string) => detect(text).filter((d) => d.type === "PERSON").map((d) => text.slice(d.start, d.end));

describe("companies named like people", () => {
  it("keeps a firm named after its owner with a trade word, a legal form or a firm's two names", () => {
    for (const kept of [
      "Naročili smo pri Mlakar Transport.",
      "Račun od Kobal Vina še ni prišel.",
      "We ordered from Harrison Plumbing yesterday.",
      "Walsh Joinery fitted the doors.",
      "Dobavnica od Horvat Inženiring.",
      "We use Morgan Stanley and Wells Fargo.",
      "Johnson & Johnson shipped the order.",
      "Nova stranka: Kovačič Gradnje d.o.o.",
    ]) expect(persons(kept)).toEqual([]);
  });
  it("does not carry a person's surname into a firm's name elsewhere in the text", () => {
    const text = "Please invoice Harper Collins Dental. Send it to Dr. Harper's office manager.";
    expect(persons(text)).toEqual(["Harper"]);
  });
  it("reads an Italian or French courtesy title in lower case, and an Italian firm's legal form", () => {
    expect(persons("la segretaria signora Brambilla è in ospedale")).toEqual(["Brambilla"]);
    expect(persons("Buongiorno sig. Mancuso,\nMancuso Infissi S.n.c.\ncell. 335")).toEqual(["Mancuso"]);
    expect(persons("madame Lefebvre a écrit hier")).toEqual(["Lefebvre"]);
  });
  it("still finds the people beside the firms, a sole trader's full name included", () => {
    expect(persons("Nova stranka: Kovačič Gradnje d.o.o., kontakt Simon Kovačič.")).toEqual(["Simon Kovačič"]);
    expect(persons("Lp,\nŽiga Rupnik\nRupnik IT, Žiga Rupnik s.p.")).toEqual(["Žiga Rupnik", "Žiga Rupnik"]);
    expect(persons("first_name=Diego&last_name=Hernández")).toEqual(["Diego", "Hernández"]);
    expect(persons("I'm Kwabena Asante, the new IT contact.")).toEqual(["Kwabena Asante"]);
  });

  it("keeps the places and firms of a table's office or company column, and a business's possessive name", () => {
    expect(persons("name,office\n\"Fairbanks, Emily\",Austin\n\"Park, Ethan\",Lincoln")).toEqual(["Fairbanks, Emily", "Park, Ethan"]);
    expect(persons("ime;telefon\nIrena Vovk;041 111 222\nZavarovalnica Triglav;07 766 53 19\nTelekom Slovenije;080 80 00")).toEqual(["Irena Vovk"]);
    expect(persons("We booked Jamie's Italian for Friday.")).toEqual([]);
  });
});

describe("a trade word in its cases beside a surname", () => {
  it("makes a company of the name, a neuter trade word in every singular case too", () => {
    for (const text of ["Pri Čebelarstvu Rojc smo zamenjali ruter.", "Račun je izdal Vrtnarstvo Korošec.", "Invoice from Fitzgerald Accountancy for March."]) {
      expect(detect(text).filter((d) => d.type === "PERSON"), text).toEqual([]);
    }
  });
});

describe("trades that name a firm after its owner", () => {
  it("reads a listed trade or a German compound ending in one as a firm's, not a person's", () => {
    expect(persons("we buy at Čokoladnica Vidmar and Kolesarnica Bor")).toEqual([]);
    expect(persons("Kunde: Bergapotheke Hall, Tirol")).toEqual([]);
    expect(persons("ask Marko Vidmar about the pisarna Eve Vovk uses")).toEqual(["Marko Vidmar", "Eve Vovk"]);
    expect(persons("Odvetniška pisarna Gorjup in Foto Zorman; učenci Osnovne šole Frana Erjavca")).toEqual([]);
    expect(persons('Rechtsanwalt Jonas Weber ist neu Partner. Die Kanzlei heißt "Weber & Partner Rechtsanwälte mbB".')).toEqual(["Jonas Weber"]);
  });
});
