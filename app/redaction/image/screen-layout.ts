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

/**
 * Words grouped into lines, each line left to right, lines top to bottom. A word joins the line
 * whose middle (the mean of its words' middles) is within 0.4 of a text height of its own, not
 * the line whose box it touches: a tall misread ("|" over two rows) or a word of a neighbouring
 * card half a line off would otherwise grow a line's box until two table rows interleave in it.
 */
export function rebuildLines(words: ReadWord[]): { words: ReadWord[] }[] {
  const mid = (b: Box) => (b.y0 + b.y1) / 2;
  const sorted = [...words].sort((a, b) => mid(a.bbox) - mid(b.bbox));
  const lines: { box: Box; words: ReadWord[]; midSum: number; heights: number[] }[] = [];
  for (const w of sorted) {
    const h = Math.max(1, w.bbox.y1 - w.bbox.y0);
    let best: (typeof lines)[number] | null = null;
    let bestD = Infinity;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 8; i--) {
      const l = lines[i]!;
      const lh = l.heights[l.heights.length >> 1]!;
      const d = Math.abs(mid(w.bbox) - l.midSum / l.words.length);
      if (d <= 0.4 * Math.min(h, lh) && d < bestD) {
        best = l;
        bestD = d;
      }
    }
    if (best) {
      best.words.push(w);
      best.midSum += mid(w.bbox);
      best.heights.push(h);
      best.heights.sort((a, b) => a - b);
      best.box = { x0: Math.min(best.box.x0, w.bbox.x0), x1: Math.max(best.box.x1, w.bbox.x1), y0: Math.min(best.box.y0, w.bbox.y0), y1: Math.max(best.box.y1, w.bbox.y1) };
    } else lines.push({ box: { ...w.bbox }, words: [w], midSum: mid(w.bbox), heights: [h] });
  }
  return lines
    .sort((a, b) => a.midSum / a.words.length - b.midSum / b.words.length)
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

/**
 * An environment key read at the start of a word ("REDIS_PASSWORD", "PASSWORD=" of
 * "PASSWORD=U77%…", "JWT_SECRET:"): upper case with an underscore, or one of the words such keys
 * end in, before "=", ":" or the "-" OCR reads for "=" ("SECRET-nIHU…"). No personal value is
 * written so; the value after it is what stays unread.
 */
const ENV_KEY = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|PASSWORD|PASS|SECRET|TOKEN|HOST|PORT|USER|URL|KEY|DSN|EMAIL|PHONE)(?:[=:]|-(?=\S)|$)/;
/** A key's first part when OCR read its "_" as a blank ("JWT" of "JWT SECRET-…"): upper case, right before a key. */
const KEY_HEAD = /^[A-Z][A-Z0-9]{1,15}_?$/;

/**
 * A poorly read region minus the environment keys read in it: the key of ".env" line
 * "REDIS_PASSWORD=U77%…" stays readable while its doubtful value is painted. The key's share of a
 * word's box is its share of the word's characters. Pieces narrower than a letter are dropped.
 */
export function withoutEnvKeys<R extends Box>(region: R, words: readonly ReadWord[]): R[] {
  const keys: [number, number][] = [];
  const rh = region.y1 - region.y0;
  const inRegion = words
    .filter((w) => !(w.bbox.x1 <= region.x0 || w.bbox.x0 >= region.x1 || vOverlap(region, w.bbox) < 0.5 * Math.min(rh, w.bbox.y1 - w.bbox.y0)))
    .sort((a, b) => a.bbox.x0 - b.bbox.x0);
  inRegion.forEach((w, i) => {
    const key = ENV_KEY.exec(w.text);
    if (key === null) {
      // "JWT" right before "SECRET-…": the same key, split where OCR read its underscore as a blank
      const next = inRegion[i + 1];
      const close = next !== undefined && next.bbox.x0 - w.bbox.x1 < (w.bbox.y1 - w.bbox.y0) * 1.5;
      if (close && KEY_HEAD.test(w.text) && ENV_KEY.test(next.text)) keys.push([w.bbox.x0, w.bbox.x1]);
      return;
    }
    const keyEnd = w.bbox.x0 + ((w.bbox.x1 - w.bbox.x0) * key[0].length) / w.text.length;
    keys.push([w.bbox.x0, keyEnd]);
  });
  if (keys.length === 0) return [region];
  keys.sort((a, b) => a[0] - b[0]);
  const pieces: R[] = [];
  let from = region.x0;
  keys.forEach(([a, b], i) => {
    // the blank between two parts of one key ("JWT" "SECRET-") is the key's "_": left unpainted
    const betweenKeys = i > 0 && a - from < rh;
    if (a > from && !betweenKeys) pieces.push({ ...region, x0: from, x1: Math.min(a, region.x1) });
    from = Math.max(from, b);
  });
  if (from < region.x1) pieces.push({ ...region, x0: from });
  return pieces.filter((p) => p.x1 - p.x0 >= Math.max(2, rh * 0.4));
}
