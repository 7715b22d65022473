import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const addresses = (text: string) => detect(text).filter((d) => d.type === "POSTAL_ADDRESS").map((d) => text.slice(d.start, d.end));

describe("Slovenian streets typed in lower case", () => {
  it.each([
    ["naslov: cankarjeva 12 kranj", "cankarjeva 12 kranj"],
    ["jutri grem k stranki na dunajsko 44, pol pa nazaj", "na dunajsko 44"],
    ["js sm na lipovi ulici 7 v domžalah, zraven šole", "na lipovi ulici 7 v domžalah"],
    ["naslov je cesta zmage 14 kamnik", "cesta zmage 14 kamnik"],
    ["poslji na: trg osvoboditve 3", "trg osvoboditve 3"],
    ["delo: litijska c. 12, 1000 ljubljana", "litijska c. 12, 1000 ljubljana"],
  ])("finds the address in %j", (text, value) => expect(addresses(text)).toEqual([value]));

  it("takes a postcode with a known town typed in lower case, not a count before a word", () => {
    expect(addresses("js sm iz 1360 vrhnika, pa tud 4206 zgornje jezersko")).toEqual(["1360 vrhnika", "4206 zgornje jezersko"]);
    expect(addresses("imamo 1500 uporabnikov, 1000 novih licenc in 2000 velikih datotek")).toEqual([]);
  });

  it("reads a street that starts inside the stretch of the one before", () => {
    expect(addresses("pise ptujska 3 pravilno pa je ptujska cesta 3a, 2000 maribor")).toContain("ptujska cesta 3a, 2000 maribor");
  });

  it("leaves words with a street's ending before a count, a date's day or a capitalised street read as it is", () => {
    for (const text of ["na novo 5 minut", "obnova 1. 2. 2025", "kliknite na zeleno 3 krat", "ta verzija 2 ne dela", "trg je 5 minut stran"]) expect(addresses(text), text).toEqual([]);
    expect(addresses("Address stays Slovenčeva ulica 24, 1000 Ljubljana.")).toEqual(["Slovenčeva ulica 24, 1000 Ljubljana"]);
  });
});
