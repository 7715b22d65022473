import { describe, expect, it } from "vitest";
import { eachLowerWord } from "./lower-case-names";

// The pattern the scan replaces: the scan must find exactly its matches.
const LOWER_WORD = /(?<![\p{L}\p{N}@._'’/-])\p{Ll}{3,20}(?![\p{L}\p{N}@'’/]|[._-][\p{L}\p{N}])/gu;

function scanned(text: string): number[] | null {
  const spans: number[] = [];
  return eachLowerWord(text, (start, end) => spans.push(start, end)) ? spans : null;
}

function matched(text: string): number[] {
  return [...text.matchAll(LOWER_WORD)].flatMap((hit) => [hit.index, hit.index + hit[0].length]);
}

describe("eachLowerWord", () => {
  it("finds LOWER_WORD's matches with every BMP unit before, after and in a word", () => {
    const differing: string[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const c = String.fromCharCode(unit);
      for (const text of [`${c}abc`, `abc${c}`, `abc${c}d`, `${c}${c}${c}`, `x ${c}${c}${c}${c} y`]) {
        if (JSON.stringify(scanned(text)) !== JSON.stringify(matched(text))) differing.push(unit.toString(16));
      }
    }
    expect(differing).toEqual([]);
  });

  it("bounds a word at 3 to 20 letters and reads its neighbours", () => {
    for (const text of ["ab abc", "a".repeat(20) + " " + "b".repeat(21), "tina.zorman", "tina. zorman", "e-mail ana-", "x@ana ana@ o'neil ana/b", "čšž đćž"]) {
      expect(scanned(text)).toEqual(matched(text));
    }
  });

  it("leaves a text with surrogates to the regex", () => {
    expect(scanned("ana 𝐚𝐛𝐜 novak")).toBeNull();
  });
});
