import { describe, expect, it } from "vitest";
import { estimateBackground, findTextRegions, inkImages, SEGMENT } from "./ink-map";

/** A width × height grey image with background bands and glyph-like strokes drawn into it. */
function image(width: number, height: number, fill: (x: number, y: number) => number): Uint8Array {
  const px = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) px[y * width + x] = fill(x, y);
  return px;
}
/** Vertical strokes 2 px wide every 5 px between x 10 and 60, rows y0..y0+9: a word. */
const stroke = (x: number, y: number, y0: number) => x >= 10 && x < 60 && x % 5 < 2 && y >= y0 && y < y0 + 9;

describe("ink map", () => {
  it("finds the background of each band, white page, grey zebra row and dark panel, under text", () => {
    const w = 96;
    const band = (y: number) => (y < 20 ? 255 : y < 40 ? 243 : 30);
    const grey = image(w, 60, (x, y) => (stroke(x, y, 5) || stroke(x, y, 25) ? 110 : stroke(x, y, 45) ? 220 : band(y)));
    const bg = estimateBackground(grey, w, 60);
    const segs = Math.ceil(w / SEGMENT);
    expect(bg[8 * segs]).toBe(255);
    expect(bg[28 * segs]).toBe(243);
    expect(bg[48 * segs]).toBe(30);
  });

  it("turns grey text on a zebra row and light text on a dark panel into dark ink on white", () => {
    const w = 96;
    const grey = image(w, 60, (x, y) => (y < 30 ? (stroke(x, y, 10) ? 120 : 243) : stroke(x, y, 40) ? 215 : 31));
    const { ocr, mask } = inkImages(grey, w, 60);
    expect(ocr[12 * w + 10]).toBeLessThan(20); // grey stroke on light grey: black
    expect(ocr[42 * w + 10]).toBeLessThan(20); // light stroke on dark: black
    expect(ocr[12 * w + 13]).toBeGreaterThan(240); // zebra background: white
    expect(ocr[42 * w + 13]).toBeGreaterThan(240); // dark panel background: white
    expect(mask[42 * w + 10]).toBe(1);
    const regions = findTextRegions(mask, w, 60);
    expect(regions.map((r) => [r.x0, r.y0, r.x1, r.y1])).toEqual([
      [10, 10, 57, 19],
      [10, 40, 57, 49],
    ]);
  });

  it("ignores rules and filled blocks, which are not text", () => {
    const w = 120;
    const grey = image(w, 40, (x, y) => (y === 5 || (y >= 15 && y < 35 && x >= 20 && x < 100) ? 0 : 255));
    const { mask } = inkImages(grey, w, 40);
    expect(findTextRegions(mask, w, 40)).toEqual([]);
  });
});
