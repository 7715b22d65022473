import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const addresses = (text: string) => detect(text).filter((d) => d.type === "POSTAL_ADDRESS").map((d) => text.slice(d.start, d.end));

describe("Slovenian streets typed in lower case", () => {
  it.each([
    ["naslov: cankarjeva 12 kranj", "cankarjeva 12 kranj"],
    ["jutri grem k stranki na dunajsko 44, pol pa nazaj", "na dunajsko 44"],
    ["js sm na lipovi ulici 7 v domžalah, zraven šole", "na lipovi ulici 7 v domžalah"],
  ])("finds the address in %j", (text, value) => expect(addresses(text)).toEqual([value]));

  it("leaves words with a street's ending before a count, a date's day or a capitalised street read as it is", () => {
    for (const text of ["na novo 5 minut", "obnova 1. 2. 2025", "kliknite na zeleno 3 krat", "ta verzija 2 ne dela"]) expect(addresses(text), text).toEqual([]);
    expect(addresses("Address stays Slovenčeva ulica 24, 1000 Ljubljana.")).toEqual(["Slovenčeva ulica 24, 1000 Ljubljana"]);
  });
});
