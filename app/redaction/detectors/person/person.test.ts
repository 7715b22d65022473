import { describe, expect, it } from "vitest";
import { expectLinearTime } from "../../../../tests/setup/linear-time";
import { redact } from "../../redact";
import { feminineForms, masculineForms } from "./declension";
import { buildGazetteer, COMMON_WORD, gazetteer, GIVEN_MALE, NOMINATIVE, NOT_A_NAME, SURNAME } from "./gazetteer";

const text = (input: string) => redact(input).text;

describe("Slovenian declension", () => {
  it("declines masculine names and surnames, with a fleeting e and the -r → -rj- rule", () => {
    expect([...masculineForms("Matej")]).toEqual(expect.arrayContaining(["mateja", "mateju", "matejem"]));
    expect([...masculineForms("Novak")]).toEqual(expect.arrayContaining(["novaka", "novaku", "novakom", "novakova"]));
    expect([...masculineForms("Kranjec")]).toEqual(expect.arrayContaining(["kranjca", "kranjcu", "kranjcem"]));
    expect([...masculineForms("Hribar")]).toEqual(expect.arrayContaining(["hribarja", "hribarju", "hribarjem"]));
    expect([...masculineForms("Luka")]).toEqual(expect.arrayContaining(["luke", "luki", "luko"]));
    expect([...masculineForms("Marko")]).toEqual(expect.arrayContaining(["marka", "marku", "markom"]));
    expect([...masculineForms("Tine")]).toEqual(expect.arrayContaining(["tineta", "tinetu", "tinetom"]));
    expect([...masculineForms("Kovačič")]).toEqual(expect.arrayContaining(["kovačiča", "kovačiču", "kovačičem"]));
    expect([...masculineForms("Ilić")]).toEqual(expect.arrayContaining(["ilića", "iliću", "ilićem"]));
    expect([...masculineForms("Peter")]).toEqual(expect.arrayContaining(["petra", "petru", "petrom"]));
  });
  it("declines feminine -a names and leaves consonant-final ones as they are", () => {
    expect([...feminineForms("Mateja")]).toEqual(expect.arrayContaining(["mateje", "mateji", "matejo"]));
    expect([...feminineForms("Petra")]).toEqual(expect.arrayContaining(["petre", "petri", "petro"]));
    expect([...feminineForms("Ines")]).toEqual(["ines"]);
  });
});

describe("gazetteer", () => {
  it("loads the data files once, with case forms, common words and non-names flagged", () => {
    const names = gazetteer();
    expect(gazetteer()).toBe(names);
    expect(names.stats.names.surnames).toBeGreaterThan(2000);
    expect(names.stats.names.givenMale + names.stats.names.givenFemale).toBeGreaterThan(5000);
    expect(names.flagsOf("novak") & (SURNAME | NOMINATIVE)).toBe(SURNAME | NOMINATIVE);
    expect(names.flagsOf("hribarjem") & SURNAME).toBe(SURNAME);
    expect(names.flagsOf("hribarjem") & NOMINATIVE).toBe(0);
    expect(names.flagsOf("rok") & COMMON_WORD).toBe(COMMON_WORD);
    expect(names.flagsOf("kranj") & NOT_A_NAME).toBe(NOT_A_NAME);
    expect(names.flagsOf("qwertyuiop")).toBe(0);
  });
  it("builds from any list contents", () => {
    const names = buildGazetteer((file) => (file === "given-sl-male.txt" ? ["Matej"] : []));
    expect(names.flagsOf("matejem") & GIVEN_MALE).toBe(GIVEN_MALE);
    expect(names.stats.names.givenMale).toBe(1);
  });
});

describe("names in running text", () => {
  it("finds full names and case forms without a cue", () => {
    expect(text("Včeraj sem govoril z Matejem Hribarjem o tem.")).toBe("Včeraj sem govoril z [PERSON] o tem.");
    expect(text("Pošljite podatke Mateja Novaka in Petre Kranjc.")).toBe("Pošljite podatke [PERSON] in [PERSON].");
    expect(text("I spoke with Sarah yesterday about Sarah's laptop.")).toBe("I spoke with [PERSON] yesterday about [PERSON]'s laptop.");
    expect(text("Please ask J. Novak and Ana van der Berg.")).toBe("Please ask [PERSON] and [PERSON].");
  });
  it("keeps common words, products, towns and companies that look like names", () => {
    for (const kept of [
      "Rok za oddajo je petek. Tim za podporo bo pomagal.",
      "Microsoft Word and Office 365 crash in Kranj.",
      "Will you send it in May? Mark it as done.",
      "Ford Focus, Škoda Octavia, Renault Clio in Opel Astra.",
      "Odprite Visual Studio Code in Adobe Reader.",
      "Račun izda Hribar d.o.o. iz Kamnika.",
      "Zbirno mesto je pred Cankarjev domom.",
      "Bil pri stranki, zamenjal Fritz!Box 7590.",
    ]) {
      expect(text(kept)).toBe(kept);
    }
  });
});

describe("names given away by structure", () => {
  it("finds display names in headers, also 'Surname, Given'", () => {
    expect(text('From: "Hribar, Mateja" <m@x.si>\nKp: Kranjc, Petra; Novak, Janez')).toBe('From: "[PERSON]" <[EMAIL]>\nKp: [PERSON]; [PERSON]');
    expect(text("From: Acme Widgets <newsletter@acme.example>")).toBe("From: Acme Widgets <[EMAIL]>");
  });
  it("finds chat speakers, vCard names, name columns and bare name lines", () => {
    expect(text("[10:42] Mateja Hribar: živjo\nEva: sure\nPeter Kos, 10:44")).toBe("[10:42] [PERSON]: živjo\n[PERSON]: sure\n[PERSON], 10:44");
    expect(text("BEGIN:VCARD\nFN:Mateja Hribar\nN:Hribar;Mateja;;;\nORG:Hribar arhitekti d.o.o.\nEND:VCARD")).toBe(
      "BEGIN:VCARD\nFN:[PERSON]\nN:[PERSON];;;\nORG:Hribar arhitekti d.o.o.\nEND:VCARD",
    );
    expect(text("Janez,Novak,041 123 456\nMojca,Zgonc,041 222 333")).toBe("[PERSON],[PHONE]\n[PERSON],[PHONE]");
    expect(text("Cheers,\nSarah\n\n--\nTom Baker\ntom@example.com")).toBe("Cheers,\n[PERSON]\n\n--\n[PERSON]\n[EMAIL]");
  });
});

describe("linear time", () => {
  it("stays linear on name-shaped pathological inputs", () => {
    for (const unit of ["Mateja Hribar Novak Kos ", "[10:42] Ana Novak: ok\n", "Janez;Novak;Ana\n", "From: \"Novak, Ana\" <a@x.si>, ", "Kos-".repeat(20) + " ", "Lep pozdrav,\nA "]) {
      expectLinearTime(JSON.stringify(unit), (chars) => unit.repeat(Math.ceil(chars / unit.length)), redact);
    }
  });
});
