import { describe, expect, it } from "vitest";
import { detect } from "../detect";

const births = (text: string) => detect(text).filter((d) => d.type === "DATE_OF_BIRTH").map((d) => text.slice(d.start, d.end));

describe("dates of birth after their cue", () => {
  it.each([
    ["Dat. rojstva: 03.04.1988", "03.04.1988"],
    ["roj. dat.: 03.04.1988", "03.04.1988"],
    ["rojstni dan: 12. 6. 1977", "12. 6. 1977"],
    ["Date of Birth: 14-Mar-1985", "14-Mar-1985"],
    ["DoB: 14.03.1985", "14.03.1985"],
    ["birth date: 1985/03/14", "1985/03/14"],
    ["datum rodjenja: 14.03.1985", "14.03.1985"],
    ["Datum i mjesto rođenja: 14.03.1985, Zagreb", "14.03.1985"],
    ["Datum rojstva:\n14. 3. 1985", "14. 3. 1985"],
    ["rojstni datum 19850314", "19850314"],
    ["Geb.-Datum: 05.05.1990", "05.05.1990"],
    ["Datum in kraj rojstva: 3. 9. 1995, Ptuj", "3. 9. 1995"],
  ])("finds %j", (text, date) => expect(births(text)).toEqual([date]));

  it("leaves other dates and the word 'dob'", () => {
    expect(births("Datum naročila: 14.11.2026, rok plačila 15. 12. 2026, Invoice date 14/11/2026")).toEqual([]);
    expect(births("Dob pri Domžalah, 12. 6. 1977")).toEqual([]);
    expect(births("rojstni datum\n\nSestanek 12. 6. 2026")).toEqual([]);
  });
});

describe("birth dates written with less than a full numeric date", () => {
  it.each([
    ["She was born in April 1985.", "April 1985"],
    ["rojena aprila 1985 v Kranju", "aprila 1985"],
    ["rojen 3. 4. '85", "3. 4. '85"],
    ["Ana Novak (b. 1985-04-03)", "1985-04-03"],
    ["d.o.b. 3/4/1985", "3/4/1985"],
  ])("finds %j", (text, date) => expect(births(text)).toEqual([date]));

  it("reads a 'Rojstni datum' column of a pasted table", () => {
    expect(births("Priimek,Ime,Rojstni datum,Kraj\nNovak,Janez,3.4.1985,Kranj")).toEqual(["3.4.1985"]);
  });

  it("keeps a year after a place, and 'b.' that is not followed by a full date", () => {
    expect(births("born in Leeds 1985")).toEqual(["1985"]);
    expect(births("Točka b. 2024 velja naprej; B. 1985-04-03")).toEqual([]);
  });
});

describe("birth dates in exports and forms with format hints", () => {
  it.each([
    ["Datum rojstva (dd.mm.llll): 03.04.1985", "03.04.1985"],
    ['{"firstName":"Janez","dateOfBirth":"1985-04-03"}', "1985-04-03"],
    ['{"name": "John Smith", "dob": "1985-04-03"}', "1985-04-03"],
    ["POST /api/customers name=Novak&dob=1985-04-03&city=Kranj", "1985-04-03"],
    ['"birth_date": "1985-04-03T00:00:00Z"', "1985-04-03"],
    ["DOB: 04-03-85", "04-03-85"],
  ])("finds %j", (text, date) => expect(births(text)).toEqual([date]));

  it("keeps 'dob' that is no key, and a key without a full date", () => {
    expect(births("Dob pri Domžalah, 3. 4. 2024; dob.si: request at 2024-04-03; dob = 2024")).toEqual([]);
  });
});

describe("'b.' as born only after a name", () => {
  it("finds it in parentheses or after a comma, not as a list item", () => {
    expect(births("Ana Novak, b. 3 April 1985")).toEqual(["3 April 1985"]);
    expect(births("Roki: a. 1. 3. 2024, b. 1. 4. 2024")).toEqual([]);
  });
});

describe("birth years and grouped EMŠO after their cue", () => {
  it("takes a year in parentheses after r. or letnik, not a wine's or a car's letnik", () => {
    expect(births("Moj oče (r. 1952) si ne zna nastaviti prijave.")).toEqual(["1952"]);
    expect(births("Gospa Kranjc (letnik 1948) ima težave.")).toEqual(["1948"]);
    expect(births("Avto letnik 2015, vino letnik 2019.")).toEqual([]);
    expect(births("sifra;ime;dat_rojstva\n00417;Eva;23.11.1991")).toEqual(["23.11.1991"]);
  });

  it("takes an EMŠO typed in groups after its label when the checksum holds", () => {
    const emso = (text: string) => detect(text).filter((d) => d.type === "EMSO").map((d) => text.slice(d.start, d.end));
    expect(emso("EMŠO: 2911 990 50 100 9")).toEqual(["2911 990 50 100 9"]);
    expect(emso("EMŠO: 2911 990 50 100 8")).toEqual([]);
  });
});

