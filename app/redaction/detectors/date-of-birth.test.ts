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
