import { describe, expect, it } from "vitest";
import { capitalStretches, inAddressCase } from "./capitals";

const recased = (text: string) => capitalStretches(text).map((s) => inAddressCase(text.slice(s.start, s.end)));

describe("addresses written in capitals", () => {
  it("writes a stretch in capitals in the case an address has, letter for letter", () => {
    expect(recased("na DUNAJSKA CESTA 5, 1000 LJUBLJANA")).toEqual([" Dunajska cesta 5, 1000 Ljubljana"]);
    expect(recased("x TRG REPUBLIKE 3\nŠMARTNO PRI LITIJI")).toEqual([" Trg Republike 3\nŠmartno pri Litiji"]);
    expect(recased("x 350 FIFTH AVENUE\nNEW YORK NY 10118")).toEqual([" 350 Fifth Avenue\nNew York NY 10118"]);
    expect(recased("x ULICA XIV. DIVIZIJE 14A, SI-3000 CELJE")).toEqual([" Ulica XIV. Divizije 14A, SI-3000 Celje"]);
  });

  it("passes over log fields, times and single words in capitals", () => {
    expect(capitalStretches("PROTO=TCP SPT=51577 DPT=3389")).toEqual([]);
    expect(capitalStretches("Nov 30 23:59:59 2026 GMT")).toEqual([]);
    expect(capitalStretches("see HTTP 404 in the log")).toEqual([]);
  });
});
