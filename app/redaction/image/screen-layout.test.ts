import { describe, expect, it } from "vitest";
import { rebuildLines, regionCoverage, withoutEnvKeys, type ReadWord } from "./screen-layout";

const word = (text: string, x0: number, y0: number, confidence = 90, w = 40, h = 12): ReadWord => ({ text, confidence, bbox: { x0, y0, x1: x0 + w, y1: y0 + h } });

describe("rebuildLines", () => {
  it("puts a table row on one line, left to right, whatever order OCR read the columns in", () => {
    const lines = rebuildLines([word("jana@x.si", 200, 11), word("Novak", 50, 10), word("Jana", 0, 10), word("Open", 0, 40), word("041", 400, 9)]);
    expect(lines.map((l) => l.words.map((w) => w.text).join(" "))).toEqual(["Jana Novak jana@x.si 041", "Open"]);
  });

  it("keeps two table rows apart when a tall misread spans both", () => {
    const bar = { text: "|", confidence: 30, bbox: { x0: 90, y0: 8, x1: 94, y1: 40 } };
    const lines = rebuildLines([word("#10522", 0, 10), word("Harry", 100, 10), bar, word("#10529", 0, 26), word("Amelia", 100, 26)]);
    expect(lines.map((l) => l.words.map((w) => w.text).join(" "))).toEqual(["#10522 Harry", "|", "#10529 Amelia"]);
  });
});

describe("regionCoverage", () => {
  const region = { x0: 0, y0: 10, x1: 100, y1: 22 };
  it("counts only confident words on the region's line", () => {
    expect(regionCoverage(region, [word("a", 0, 10), word("b", 50, 10, 30)], 70)).toBeCloseTo(0.4);
    expect(regionCoverage(region, [word("a", 0, 40)], 70)).toBe(0);
    expect(regionCoverage(region, [word("a", 0, 10), word("b", 20, 10), word("c", 60, 10)], 70)).toBeCloseTo(1);
  });
});

describe("withoutEnvKeys", () => {
  const region = { x0: 100, y0: 10, x1: 400, y1: 24, ink: 500 };
  const span = (text: string, x0: number, x1: number): ReadWord => ({ text, confidence: 40, bbox: { x0, y0: 10, x1, y1: 24 } });

  it("keeps the key of a poorly read .env line readable and paints its value", () => {
    // "REDIS_PASSWORD=" is 15 of the word's 30 characters: the key takes half its box
    const pieces = withoutEnvKeys(region, [span("REDIS_PASSWORD=4y+37KxAQH-5j#x", 100, 400)]);
    expect(pieces).toEqual([{ ...region, x0: 250 }]);
  });

  it("paints the whole region when no key was read in it, or only a word that is no key", () => {
    expect(withoutEnvKeys(region, [])).toEqual([region]);
    expect(withoutEnvKeys(region, [span("Kastelic", 100, 180), span("Redis_password=x", 200, 300)])).toEqual([region]);
  });

  it("cuts a key out of the middle, and ignores words on another line", () => {
    const pieces = withoutEnvKeys(region, [span("JWT_SECRET", 200, 270), { text: "SMTP_HOST", confidence: 90, bbox: { x0: 100, y0: 40, x1: 160, y1: 54 } }]);
    expect(pieces).toEqual([{ ...region, x1: 200 }, { ...region, x0: 270 }]);
  });

  it("keeps a key OCR split at its underscore and glued to its value by a dash ('JWT' 'SECRET-nIHU…')", () => {
    // "SECRET-" is 7 of the 14 characters of "SECRET-nIHUdgW": 140..210 stays, the value from 210 is painted
    const pieces = withoutEnvKeys(region, [span("JWT", 100, 130), span("SECRET-nIHUdgW", 140, 280)]);
    expect(pieces).toEqual([{ ...region, x0: 210 }]);
    // an upper-case word before a word that is no key is painted with the rest
    expect(withoutEnvKeys(region, [span("JWT", 100, 130), span("nIHUdgWui7JT", 140, 280)])).toEqual([region]);
  });
});
