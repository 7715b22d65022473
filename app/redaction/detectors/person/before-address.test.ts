import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const persons = (text: string) => detect(text).filter((d) => d.type === "PERSON").map((d) => text.slice(d.start, d.end));

describe("a name right before an address", () => {
  it("takes a known name that starts a list item or a line, with a comma before the address", () => {
    expect(persons("1. Kokalj, Zgornje Gorje 45, 4247 Zgornje Gorje – tel. 04 574 11 90")).toEqual(["Kokalj"]);
    expect(persons("Novak Ana, Vrtna ulica 6, 4000 Kranj")).toEqual(["Novak Ana"]);
  });

  it("leaves a firm's or a department's word before the address", () => {
    expect(persons("Vrtnarstvo, Dunajska cesta 5, 1000 Ljubljana\nSprejem, Dunajska cesta 5, 1000 Ljubljana")).toEqual([]);
  });
});
