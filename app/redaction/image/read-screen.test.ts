import { describe, expect, it } from "vitest";
import { editsToFind, readAlike, straddlesSurerWords } from "./read-screen.server";
import type { ReadWord } from "./screen-layout";

const word = (text: string, x0: number, x1: number, confidence = 40): ReadWord => ({ text, confidence, bbox: { x0, y0: 10, x1, y1: 22 } });
const region = { x0: 100, y0: 8, x1: 200, y1: 24, ink: 300 };

describe("readAlike", () => {
  it("takes a doubtful region both passes read alike, even when pass 1's word runs past its edge", () => {
    expect(readAlike(region, [word("APP_ENV=production", 60, 200)], [word("ENV=production", 100, 200)])).toBe(true);
    expect(readAlike(region, [word("Configuration", 100, 190)], [word("Configuratlon", 100, 190)])).toBe(true);
  });

  it("leaves painted what the passes read differently, and doubtful digits among letters however alike", () => {
    expect(readAlike(region, [word("Eniity", 100, 190)], [word("Peuoszaton", 100, 190)])).toBe(false);
    expect(readAlike(region, [word("U77%4JKRaj", 100, 190)], [word("U77%4JKRaj", 100, 190)])).toBe(false);
    expect(readAlike(region, [word("Telefon", 100, 130)], [word("Telefon", 100, 190)])).toBe(false); // pass 1 covers too little
  });
});

describe("editsToFind", () => {
  it("counts the edits to find a reading inside another", () => {
    expect(editsToFind("envproduction", "appenvproduction")).toBe(0);
    expect(editsToFind("envprodaction", "appenvproduction")).toBe(1);
  });
});

describe("straddlesSurerWords", () => {
  const pieces = [word("0451", 100, 128, 96), word("5143", 133, 161, 96)];
  it("drops a doubtful reading of two surer words joined, one misread digit too, so the IBAN's line reads once", () => {
    expect(straddlesSurerWords(word("04515143", 100, 161, 35), [...pieces])).toBe(true);
    expect(straddlesSurerWords(word("04515743", 100, 161, 35), [...pieces])).toBe(true);
  });

  it("keeps a word that reads more than the words under it, or is surer than they are", () => {
    expect(straddlesSurerWords(word("9Y4aWuuP_!-9", 100, 161, 35), [word("9Y4a", 100, 128, 90), word("-9", 150, 161, 90)])).toBe(false);
    expect(straddlesSurerWords(word("04515143", 100, 161, 97), [...pieces])).toBe(false);
    const garbled = [word("=postg", 100, 120, 93), word("res", 121, 130, 96), word("/", 131, 134, 92), word("app", 135, 145, 96), word("U77%4JKRa", 146, 161, 88)];
    expect(straddlesSurerWords(word("=postgres://app:U77%4JKRa", 100, 161, 43), garbled)).toBe(false);
  });
});
