import { describe, expect, it } from "vitest";
import { luminance, ocrScaleFor, paintBoxes } from "./redact-image.server";

describe("paintBoxes", () => {
  it("blacks out exactly the boxes, clamped to the image", () => {
    const w = 4;
    const h = 3;
    const px = Buffer.alloc(w * h * 3, 255);
    paintBoxes(px, w, h, [{ x0: 3, y0: -5, x1: 99, y1: 1 }]);
    const black = [...Array(w * h).keys()].filter((i) => px[i * 3] === 0 && px[i * 3 + 1] === 0 && px[i * 3 + 2] === 0);
    expect(black).toEqual([3]); // only pixel (3, 0)
  });
});

describe("OCR preprocessing decisions", () => {
  it("sees a dark theme by its mean or by its border", () => {
    const dark = Buffer.alloc(100, 30);
    expect(luminance(dark, 10, 10).mean).toBe(30);
    const darkFrame = Buffer.alloc(100, 250);
    for (let i = 0; i < 10; i++) [i, 90 + i, i * 10, i * 10 + 9].forEach((p) => (darkFrame[p] = 0));
    const l = luminance(darkFrame, 10, 10);
    expect(l.mean).toBeGreaterThan(128);
    expect(l.borderMean).toBeLessThan(128);
  });

  it("upscales small screenshots, leaves full HD alone and shrinks large photos", () => {
    expect(ocrScaleFor(1280, 720)).toBe(2);
    expect(ocrScaleFor(1920, 1080)).toBe(1);
    expect(ocrScaleFor(4000, 3000)).toBe(0.75);
  });
});
