import sharp from "sharp";
import { findTextRegions, inkImages, type TextRegion } from "./ink-map";
import { ocrPoolSize, recognizeWords, type OcrWord } from "./ocr-pool.server";
import { rebuildLines, regionCoverage, withoutEnvKeys, type ReadWord } from "./screen-layout";

/**
 * Reads every text line of a screenshot, or says which it could not read.
 *
 * Pass 1: the whole image as dark ink on white (ink-map.ts: per-region background, so zebra
 * rows, selected rows and dark panels all read as black text), scaled so the text height
 * lands where tesseract reads well, cut into horizontal strips at blank rows and read on as
 * many OCR workers as the pool has.
 * Pass 2: every text-like region (ink-map's findTextRegions) that pass 1 did not cover with
 * confident words is cut out, enlarged further, and the crops are stacked into sheets read as
 * one uniform block each, so a hundred small re-reads cost a few OCR calls.
 * Whatever is still not covered is returned as unreadable: the caller paints it.
 */

export interface ScreenReading {
  /** Lines rebuilt from word positions (left to right), in original pixel coordinates. */
  lines: { words: ReadWord[] }[];
  /** Text-like regions no confident word covered after both passes. */
  unreadable: TextRegion[];
  textRegions: number;
  textArea: number;
  confidence: number;
  pass1Ms: number;
  pass2Ms: number;
  preprocessMs: number;
  rereadRegions: number;
  scale: number;
}

export interface ReadScreenOptions {
  timeoutMs?: number;
  /** Off: the old single-pass reading of the plain greyscale image (to measure what the rest buys). */
  passes?: 1 | 2;
}

/** Words under this confidence do not count as having read their region. */
export const CONFIDENT = 70;
/** A region counts as read when confident words cover this share of its width. */
export const READ_COVERAGE = 0.6;
/** Tesseract reads best with text about this tall (px, ascender to descender). */
const TARGET_TEXT_HEIGHT = 26;
const MAX_OCR_PIXELS = 12_000_000;
const MAX_SHEET_HEIGHT = 2400;
const MAX_REREAD_REGIONS = 600;

function medianHeight(regions: TextRegion[]): number {
  const hs = regions.map((r) => r.y1 - r.y0).filter((h) => h >= 6 && h <= 90).sort((a, b) => a - b);
  return hs.length ? hs[Math.floor(hs.length * 0.75)]! : 16; // upper quartile: words without ascenders are shorter
}

/** Scale for pass 1: small UI text up, phone-size text down, never past the pixel budget. */
export function pass1Scale(textHeight: number, width: number, height: number): number {
  let s = textHeight < 11 ? 2 : textHeight > 60 ? 0.5 : 1;
  while (s > 0.25 && width * height * s * s > MAX_OCR_PIXELS) s /= 2;
  return s;
}

/** Rows to cut the image at so no text region is split: near equal strips, at blank rows. */
export function stripCuts(regions: TextRegion[], height: number, parts: number): number[] {
  const covered = new Uint8Array(height + 1);
  for (const r of regions) covered.fill(1, Math.max(0, r.y0 - 2), Math.min(height, r.y1 + 2));
  const cuts = [0];
  for (let k = 1; k < parts; k++) {
    const want = Math.round((height * k) / parts);
    let best = -1;
    for (let d = 0; d < height / (2 * parts); d++) {
      if (want - d > cuts[cuts.length - 1]! && !covered[want - d]) { best = want - d; break; }
      if (want + d < height && !covered[want + d]) { best = want + d; break; }
    }
    if (best > cuts[cuts.length - 1]!) cuts.push(best);
  }
  cuts.push(height);
  return cuts;
}

async function readStrip(ink: Buffer, width: number, y0: number, y1: number, scale: number, timeoutMs?: number): Promise<ReadWord[]> {
  const png = await sharp(ink, { raw: { width, height: ink.length / width, channels: 1 } })
    .extract({ left: 0, top: y0, width, height: y1 - y0 })
    .resize({ width: Math.max(1, Math.round(width * scale)), kernel: scale > 1 ? "cubic" : "lanczos3" })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const r = await recognizeWords(png, { timeoutMs });
  return r.lines.flatMap((l) => l.words).map((w) => toOriginal(w, (b) => ({ x0: b.x0 / scale, x1: b.x1 / scale, y0: b.y0 / scale + y0, y1: b.y1 / scale + y0 })));
}

function toOriginal(w: OcrWord, map: (b: OcrWord["bbox"]) => OcrWord["bbox"]): ReadWord {
  return { text: w.text, confidence: w.confidence, bbox: map(w.bbox) };
}

interface Placed {
  region: TextRegion;
  /** Top of the crop in the sheet, and the crop's scale. */
  top: number;
  scale: number;
  pad: number;
}

/** Pass 2: poor regions cut out, enlarged, stacked into sheets; words mapped back to the image. */
async function reread(ink: Buffer, width: number, height: number, regions: TextRegion[], timeoutMs?: number): Promise<ReadWord[]> {
  const src = sharp(ink, { raw: { width, height, channels: 1 } });
  const sheets: { placed: Placed[]; crops: { input: Buffer; top: number; left: number }[]; w: number; h: number }[] = [];
  let cur: (typeof sheets)[number] | null = null;
  for (const region of regions) {
    const pad = 4;
    const x0 = Math.max(0, region.x0 - pad);
    const y0 = Math.max(0, region.y0 - pad);
    const w = Math.min(width, region.x1 + pad) - x0;
    const h = Math.min(height, region.y1 + pad) - y0;
    const scale = Math.max(2, Math.min(4, Math.round((TARGET_TEXT_HEIGHT * 1.3) / Math.max(1, region.y1 - region.y0))));
    const input = await src.clone().extract({ left: x0, top: y0, width: w, height: h }).resize({ width: w * scale, kernel: "cubic" }).png().toBuffer();
    const sw = w * scale + 40;
    const sh = h * scale + 24;
    if (!cur || cur.h + sh > MAX_SHEET_HEIGHT) sheets.push((cur = { placed: [], crops: [], w: 0, h: 12 }));
    cur.crops.push({ input, top: cur.h, left: 20 });
    cur.placed.push({ region: { ...region, x0, y0, x1: x0 + w, y1: y0 + h }, top: cur.h, scale, pad });
    cur.h += sh;
    cur.w = Math.max(cur.w, sw);
  }
  const read = await Promise.all(
    sheets.map(async (s) => {
      const png = await sharp({ create: { width: s.w, height: s.h, channels: 3, background: "#ffffff" } }).composite(s.crops).greyscale().png({ compressionLevel: 1 }).toBuffer();
      const r = await recognizeWords(png, { timeoutMs, mode: "block" });
      const out: ReadWord[] = [];
      for (const word of r.lines.flatMap((l) => l.words)) {
        const cy = (word.bbox.y0 + word.bbox.y1) / 2;
        const p = s.placed.find((q) => cy >= q.top && cy < q.top + (q.region.y1 - q.region.y0) * q.scale);
        if (!p) continue;
        out.push(
          toOriginal(word, (b) => ({
            x0: p.region.x0 + (b.x0 - 20) / p.scale,
            x1: p.region.x0 + (b.x1 - 20) / p.scale,
            y0: p.region.y0 + (b.y0 - p.top) / p.scale,
            y1: p.region.y0 + (b.y1 - p.top) / p.scale,
          })),
        );
      }
      return out;
    }),
  );
  return read.flat();
}

export async function readScreen(rgb: Buffer, width: number, height: number, opts: ReadScreenOptions = {}): Promise<ScreenReading> {
  const started = performance.now();
  const grey = await sharp(rgb, { raw: { width, height, channels: 3 } }).greyscale().raw().toBuffer();
  const { ocr: ink, mask } = inkImages(grey, width, height);
  const regions = findTextRegions(mask, width, height);
  const textHeight = medianHeight(regions);
  const scale = pass1Scale(textHeight, width, height);
  const cuts = stripCuts(regions, height, ocrPoolSize());
  const preprocessMs = performance.now() - started;

  const p1 = performance.now();
  const strips = await Promise.all(cuts.slice(1).map((y1, i) => readStrip(ink, width, cuts[i]!, y1, scale, opts.timeoutMs)));
  let words = strips.flat();
  const pass1Ms = performance.now() - p1;

  const p2 = performance.now();
  let poor = regions.filter((r) => regionCoverage(r, words, CONFIDENT) < READ_COVERAGE);
  const rereadRegions = Math.min(poor.length, MAX_REREAD_REGIONS);
  if (opts.passes !== 1 && poor.length) {
    const again = await reread(ink, width, height, poor.slice(0, MAX_REREAD_REGIONS), opts.timeoutMs);
    // A region pass 2 read well takes pass 2's words; pass 1's guesses inside it go.
    // Read well by pass 2, or read alike by both passes (two readings at different scales that
    // agree are the text, even when tesseract doubts each: code, grey bold headers).
    const better = poor.filter((r) => regionCoverage(r, again, CONFIDENT) >= READ_COVERAGE || readAlike(r, words, again));
    const inside = (w: ReadWord, r: TextRegion) => {
      const cx = (w.bbox.x0 + w.bbox.x1) / 2;
      const cy = (w.bbox.y0 + w.bbox.y1) / 2;
      return cx >= r.x0 && cx < r.x1 && cy >= r.y0 && cy < r.y1;
    };
    words = words.filter((w) => !better.some((r) => inside(w, r)));
    words.push(...again.filter((w) => better.some((r) => inside(w, r)) || !words.some((v) => overlaps(v, w))));
    const resolved = new Set(better);
    poor = poor.filter((r) => !resolved.has(r) && regionCoverage(r, words, CONFIDENT) < READ_COVERAGE);
  }
  // Two readings of one stretch ("0451" "5143" and a doubtful "04515143" over both, from two
  // strips or two passes) make the line read "0451 04515143 5143", and the IBAN on it is never
  // seen: a word that reads as two or more surer words joined goes. (A word that reads more of
  // a token than the surer ones under it stays, or a password is painted short.)
  words = words.filter((w) => !straddlesSurerWords(w, words));
  const pass2Ms = performance.now() - p2;
  const confidence = words.length ? words.reduce((a, w) => a + w.confidence, 0) / words.length : 0;
  return {
    lines: rebuildLines(words),
    unreadable: poor.flatMap((region) => withoutEnvKeys(region, words)),
    textRegions: regions.length,
    textArea: regions.reduce((a, r) => a + (r.x1 - r.x0) * (r.y1 - r.y0), 0),
    confidence,
    pass1Ms,
    pass2Ms,
    preprocessMs,
    rereadRegions,
    scale,
  };
}

const canonical = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
/** The text of the words on a region, left to right: by their middle, or every word touching it. */
const textIn = (r: TextRegion, words: ReadWord[], touching = false) =>
  canonical(
    words
      .filter((w) => {
        const cy = (w.bbox.y0 + w.bbox.y1) / 2;
        if (cy < r.y0 || cy >= r.y1) return false;
        if (touching) return w.bbox.x0 < r.x1 && w.bbox.x1 > r.x0;
        const cx = (w.bbox.x0 + w.bbox.x1) / 2;
        return cx >= r.x0 && cx < r.x1;
      })
      .sort((a, b) => a.bbox.x0 - b.bbox.x0)
      .map((w) => w.text)
      .join(""),
  );

/** Fewest edits that turn `needle` into some stretch of `hay` (approximate substring match). */
export function editsToFind(needle: string, hay: string): number {
  let prev = new Array<number>(hay.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hay.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (needle[i - 1] === hay[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return Math.min(...prev);
}

/**
 * Whether pass 2 read the region, whatever its confidence, as pass 1 read it: two readings at
 * different scales that agree are the text even when tesseract doubts each (code, grey bold
 * headers). Pass 1's words may run over the region's edges, so pass 2's text is looked for in them.
 */
export function readAlike(r: TextRegion, pass1: ReadWord[], pass2: ReadWord[]): boolean {
  if (regionCoverage(r, pass2, 0) < READ_COVERAGE || regionCoverage(r, pass1, 0) < READ_COVERAGE) return false;
  const b = textIn(r, pass2);
  const a = textIn(r, pass1, true);
  if (!b.length || a.length > 400 || b.length > 200) return false;
  if (b.length <= 3) return a === b || (/^\d+$/.test(b) && a.includes(b));
  // Digits among letters are what secrets, keys and misread numbers look like: a doubtful
  // reading of them stays painted, agreement or not.
  if (/\d/.test(b) && b.length > 3) return false;
  return editsToFind(b, a) <= Math.floor(0.1 * b.length);
}

/** Whether `w` is a doubtful second reading of two or more surer words: its text is theirs, joined (one edit allowed). */
export function straddlesSurerWords(w: ReadWord, words: readonly ReadWord[]): boolean {
  const surer = words.filter((v) => v !== w && v.confidence > w.confidence && overlaps(v, w));
  if (surer.length < 2) return false;
  const joined = surer.sort((a, b) => a.bbox.x0 - b.bbox.x0).map((v) => v.text).join("");
  // Punctuation counts: "URL=postgres://app:U77%4JKRaj" over the surer but garbled "=postg" "res"
  // "/" "app" "U77%4JKRa" is the better reading of a secret, and stays.
  const mine = w.text.replace(/\s+/g, "");
  const theirs = joined.replace(/\s+/g, "");
  // one misread character apart still is the same stretch read twice ("04516752" beside "0451" "5752")
  return mine === theirs || (mine.length >= 6 && Math.abs(mine.length - theirs.length) <= 1 && editsToFind(mine, theirs) <= 1);
}

function overlaps(a: ReadWord, b: ReadWord): boolean {
  return a.bbox.x0 < b.bbox.x1 && b.bbox.x0 < a.bbox.x1 && a.bbox.y0 < b.bbox.y1 && b.bbox.y0 < a.bbox.y1;
}
