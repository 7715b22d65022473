import type { Box } from "./map-findings-to-boxes";

/**
 * Geometry of OCR words on a screen, pure so it is tested without OCR.
 * Tesseract's own line grouping follows its layout blocks, which on a table often reads a
 * column top to bottom and separates a value from the label or the name beside it; rebuilding
 * lines from positions puts each table row, left to right, on one line for the text engine.
 */

export interface ReadWord {
  text: string;
  confidence: number;
  bbox: Box;
}

const vOverlap = (a: Box, b: Box) => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);

/** Words grouped into lines by vertical overlap, each line left to right, lines top to bottom. */
export function rebuildLines(words: ReadWord[]): { words: ReadWord[] }[] {
  const sorted = [...words].sort((a, b) => (a.bbox.y0 + a.bbox.y1) / 2 - (b.bbox.y0 + b.bbox.y1) / 2);
  const lines: { box: Box; words: ReadWord[] }[] = [];
  for (const w of sorted) {
    const h = w.bbox.y1 - w.bbox.y0;
    let best: (typeof lines)[number] | null = null;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 8; i--) {
      const l = lines[i]!;
      const lh = l.box.y1 - l.box.y0;
      if (vOverlap(l.box, w.bbox) >= 0.5 * Math.min(h, lh)) {
        best = l;
        break;
      }
    }
    if (best) {
      best.words.push(w);
      best.box = { x0: Math.min(best.box.x0, w.bbox.x0), x1: Math.max(best.box.x1, w.bbox.x1), y0: Math.min(best.box.y0, w.bbox.y0), y1: Math.max(best.box.y1, w.bbox.y1) };
    } else lines.push({ box: { ...w.bbox }, words: [w] });
  }
  return lines
    .sort((a, b) => a.box.y0 - b.box.y0)
    .map((l) => ({ words: l.words.sort((a, b) => a.bbox.x0 - b.bbox.x0) }));
}

/** Share of a region's width covered by words of at least `minConfidence` that sit on it. */
export function regionCoverage(region: Box, words: ReadWord[], minConfidence: number): number {
  const spans: [number, number][] = [];
  const rh = region.y1 - region.y0;
  for (const w of words) {
    if (w.confidence < minConfidence) continue;
    if (vOverlap(region, w.bbox) < 0.5 * Math.min(rh, w.bbox.y1 - w.bbox.y0)) continue;
    const a = Math.max(region.x0, w.bbox.x0);
    const b = Math.min(region.x1, w.bbox.x1);
    if (b > a) spans.push([a, b]);
  }
  spans.sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = region.x0;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  return covered / Math.max(1, region.x1 - region.x0);
}
