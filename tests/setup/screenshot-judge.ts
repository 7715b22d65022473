import fs from "node:fs";
import sharp from "sharp";
import { groupOf, imagePath, type Group, type ImageTruth, type PixelBox, type TruthValue, type ValueType } from "../fixtures/screenshots/corpus";
import { readImage, readImages, tesseractLanguages, tesseractVersion, type ReadWord } from "./native-tesseract";

/**
 * The strict, independent judge of screenshot redaction (issue 19). It never looks at the
 * pipeline's report, only at pixels:
 *  - painted: of the pixels in a value's inked box that were not already black, the share that
 *    is now near-black (the pipeline paints solid black; JPEG noise stays under the threshold);
 *  - readable: native tesseract (psm 11) on the whole redacted image upscaled 2×, and on a crop
 *    of each value with a margin (psm 7, upscaled so the line is ≈ 48 px), reads the value or a
 *    telling part of it (see `readsValue`).
 * A value is safe only when painted ≥ 90 % and not readable. Ordinary words are read on crops
 * (the same crops as values): a word counts only if tesseract reads it in the original (cached in
 * <image>.ocr.json), and is kept when it still reads it in the redacted image. Whole-page reading
 * is not used for words: black boxes upset tesseract's page layout, so that words a person reads
 * at a glance come back in pieces.
 */

export const PAINTED_MIN = 0.9;
const DARK = 40;
const FULL_UPSCALE = 2;
const FULL_PSM = 11;

export interface ValueVerdict {
  image: string;
  id: number;
  type: ValueType;
  group: Group;
  painted: number;
  readBy: "" | "full" | "crop";
  safe: boolean;
  /** Why it is unsafe, without the value itself: "painted 42%", "read in crop". */
  reason: string;
}

export interface ImageVerdict {
  truth: ImageTruth;
  values: ValueVerdict[];
  /** Ordinary words tesseract reads in the original, and how many of them it still reads. */
  wordsReadableBefore: number;
  wordsReadableAfter: number;
  /** Indices of words lost (readable before, not after), for the tuning listing. */
  lostWords: number[];
}

// ───────────── text normalisation ─────────────
const stripMarks = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
/** Case, diacritics and separators do not matter to a reader. */
export const plain = (s: string) => stripMarks(s).toLowerCase().replace(/[^a-z0-9]/g, "");
/** For values, also OCR's usual confusions, on both sides: a misread 0/O still shows the number. */
export const canon = (s: string) => plain(s).replace(/o/g, "0").replace(/[il]/g, "1").replace(/s/g, "5").replace(/b/g, "8").replace(/z/g, "2");
const ADDRESS_GENERIC = new Set(["cesta", "ulica", "trg", "street", "road", "lane", "close", "avenue", "way", "kingsway", "park", "church", "mill", "station"].map(canon));

function tokenRead(token: string, words: string[], joined: string): boolean {
  if (token.length < 3) return false;
  return token.length >= 4 ? joined.includes(token) : words.includes(token);
}

/** Does this reading show the value, or enough of it to matter? */
export function readsValue(type: ValueType, text: string, reading: string[]): boolean {
  const words = reading.map(canon).filter(Boolean);
  const joined = words.join("");
  const full = canon(text);
  if (full.length >= 3 && joined.includes(full)) return true;
  switch (type) {
    case "PHONE":
    case "IBAN":
    case "CARD":
    case "TAX": {
      const d = plain(text).replace(/\D/g, "");
      const readDigits = reading.map((w) => plain(w).replace(/[o]/g, "0").replace(/[il]/g, "1").replace(/\D/g, "")).join("");
      const n = Math.min(6, d.length);
      for (let i = 0; i + n <= d.length; i++) if (readDigits.includes(d.slice(i, i + n))) return true;
      return false;
    }
    case "EMAIL": {
      const local = canon(text.split("@")[0] ?? "");
      return local.length >= 3 && joined.includes(local);
    }
    case "PASSWORD": {
      const body = canon(text.replace(/^sk_live_/, ""));
      if (body.length < 8) return false;
      for (let i = 0; i + 6 <= body.length; i++) if (joined.includes(body.slice(i, i + 6))) return true;
      return false;
    }
    case "NAME":
      return text.split(/\s+/).some((tok) => tokenRead(canon(tok), words, joined));
    case "ADDRESS":
      return text
        .split(/[\s,]+/)
        .map(canon)
        .filter((tok) => /[a-z]/.test(plain(tok)) || /[a-z]/.test(tok))
        .filter((tok) => !ADDRESS_GENERIC.has(tok))
        .some((tok) => tokenRead(tok, words, joined));
  }
}

// ───────────── geometry ─────────────
const area = (b: PixelBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
function overlap(a: PixelBox, b: PixelBox): number {
  return area({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
}
const scaleBox = (b: PixelBox, s: number): PixelBox => ({ x0: b.x0 / s, y0: b.y0 / s, x1: b.x1 / s, y1: b.y1 / s });

/** Words of a reading that lie mostly inside a box, or cover most of it (a word OCR merged with a neighbour). */
function wordsIn(reading: ReadWord[], box: PixelBox, upscale: number): string[] {
  const hits: ReadWord[] = [];
  for (const w of reading) {
    const wb = scaleBox(w.box, upscale);
    const o = overlap(wb, box);
    if (o > 0.3 * area(wb) || o > 0.5 * area(box)) hits.push(w);
  }
  return hits.sort((a, b) => a.box.x0 - b.box.x0).map((w) => w.text);
}

// ───────────── pixels ─────────────
interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}
async function raster(bytes: Buffer): Promise<Raster> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}
const lum = (r: Raster, x: number, y: number) => {
  const i = (y * r.width + x) * r.channels;
  return 0.299 * r.data[i]! + 0.587 * r.data[i + 1]! + 0.114 * r.data[i + 2]!;
};

/** Share of the value's inked pixels that needed paint (were not near-black) and are now near-black. */
export function paintedShare(original: Raster, redacted: Raster, value: TruthValue): number {
  let need = 0;
  let painted = 0;
  for (const b of value.ink) {
    for (let y = Math.floor(b.y0); y < Math.ceil(b.y1); y++) {
      for (let x = Math.floor(b.x0); x < Math.ceil(b.x1); x++) {
        const before = lum(original, x, y);
        if (before <= DARK) continue;
        need++;
        const after = lum(redacted, x, y);
        if (after <= DARK && before - after >= 20) painted++;
      }
    }
  }
  return need ? painted / need : 1;
}

// ───────────── readings ─────────────
async function upscalePng(bytes: Buffer, factor: number): Promise<Buffer> {
  const meta = await sharp(bytes).metadata();
  return sharp(bytes).removeAlpha().resize({ width: Math.round(meta.width! * factor), kernel: "lanczos3" }).png({ compressionLevel: 1 }).toBuffer();
}

/** tesseract's reading of a whole image, upscaled 2×; word boxes in upscaled coordinates. */
export async function readFull(bytes: Buffer): Promise<ReadWord[]> {
  return readImage(await upscalePng(bytes, FULL_UPSCALE), { psm: FULL_PSM });
}

const cachePath = (truth: ImageTruth) => imagePath(truth) + ".ocr.json";

export function wordReadingKey(): string {
  return `${tesseractVersion()} ${tesseractLanguages()} word-crops psm7 v1`;
}

/**
 * Which ordinary words tesseract reads in the original (indices into truth.words). The same on
 * every run, so it is cached beside the image (committed); another tesseract makes a new one.
 */
export async function readOriginal(truth: ImageTruth, opts: { write?: boolean } = {}): Promise<number[]> {
  const key = wordReadingKey();
  const file = cachePath(truth);
  if (fs.existsSync(file)) {
    const cached = JSON.parse(fs.readFileSync(file, "utf8")) as { key: string; readable: number[] };
    if (cached.key === key) return cached.readable;
  }
  const bytes = fs.readFileSync(imagePath(truth));
  const readable = await readableWords(bytes, await raster(bytes), truth);
  if (opts.write) fs.writeFileSync(file, JSON.stringify({ key, readable }) + "\n");
  return readable;
}

interface Crop {
  key: number;
  png: Buffer;
}

/**
 * Crops around boxes, with a margin, upscaled so the line is about 48 px high: once as the image
 * is, once as a reader would see it best (grey, contrast stretched, dark backgrounds inverted).
 */
async function crops(png: Buffer, img: Raster, boxes: { key: number; box: PixelBox }[]): Promise<Crop[]> {
  const out: Crop[] = [];
  for (const { key, box: b } of boxes) {
    const h = Math.max(1, b.y1 - b.y0);
    const left = Math.max(0, Math.floor(b.x0 - 0.8 * h));
    const top = Math.max(0, Math.floor(b.y0 - 0.5 * h));
    const right = Math.min(img.width, Math.ceil(b.x1 + 0.8 * h));
    const bottom = Math.min(img.height, Math.ceil(b.y1 + 0.5 * h));
    if (right - left < 2 || bottom - top < 2) continue;
    const factor = Math.max(2, 48 / h);
    const region = { left, top, width: right - left, height: bottom - top };
    const resize = { width: Math.round((right - left) * factor), kernel: "lanczos3" as const };
    const asIs = await sharp(png).extract(region).resize(resize).png({ compressionLevel: 1 }).toBuffer();
    const grey = await sharp(png).extract(region).greyscale().raw().toBuffer();
    const meanGrey = grey.reduce((a, x) => a + x, 0) / Math.max(1, grey.length);
    let enhanced = sharp(png).extract(region).greyscale();
    if (meanGrey < 110) enhanced = enhanced.negate({ alpha: false });
    const best = await enhanced.normalise().resize(resize).extend({ top: 16, bottom: 16, left: 16, right: 16, background: "#ffffff" }).png({ compressionLevel: 1 }).toBuffer();
    out.push({ key, png: asIs }, { key, png: best });
  }
  return out;
}

/** Reads crops in one tesseract process; the text read per key. */
async function readCrops(list: Crop[]): Promise<Map<number, string[]>> {
  const words = await readImages(list.map((c) => c.png), { psm: 7 });
  const byKey = new Map<number, string[]>();
  for (const w of words) {
    const key = list[w.page]!.key;
    byKey.set(key, [...(byKey.get(key) ?? []), w.text]);
  }
  return byKey;
}

/** Words that count: at least two letters or digits. */
export const scoredWords = (truth: ImageTruth) => truth.words.map((w, i) => ({ ...w, i })).filter((w) => plain(w.text).length >= 2);

async function readableWords(png: Buffer, img: Raster, truth: ImageTruth): Promise<number[]> {
  const words = scoredWords(truth);
  const read = await readCrops(await crops(png, img, words.map((w) => ({ key: w.i, box: w.box }))));
  return words.filter((w) => plain((read.get(w.i) ?? []).join(" ")).includes(plain(w.text))).map((w) => w.i);
}

export async function judgeImage(truth: ImageTruth, redactedBytes: Buffer): Promise<ImageVerdict> {
  const originalBytes = fs.readFileSync(imagePath(truth));
  const [original, redacted] = await Promise.all([raster(originalBytes), raster(redactedBytes)]);
  if (redacted.width !== original.width || redacted.height !== original.height) {
    throw new Error(`${truth.image}: redacted image is ${redacted.width}×${redacted.height}, original ${original.width}×${original.height}`);
  }
  const redactedPng = await sharp(redacted.data, { raw: { width: redacted.width, height: redacted.height, channels: redacted.channels as 3 } }).png({ compressionLevel: 1 }).toBuffer();

  const painted = new Map(truth.values.map((v) => [v.id, paintedShare(original, redacted, v)]));
  // Only values painted enough need the closer look: the others are unsafe already.
  const candidates = truth.values.filter((v) => painted.get(v.id)! >= PAINTED_MIN);
  const valueCrops = await crops(redactedPng, redacted, candidates.flatMap((v) => v.ink.map((box) => ({ key: v.id, box }))));
  const [before, after, cropText, wordsAfter] = await Promise.all([
    readOriginal(truth),
    readFull(redactedPng),
    readCrops(valueCrops),
    readableWords(redactedPng, redacted, truth),
  ]);

  const values: ValueVerdict[] = truth.values.map((v) => {
    const share = painted.get(v.id)!;
    const full = v.boxes.flatMap((b) => wordsIn(after, b, FULL_UPSCALE));
    const readBy = readsValue(v.type, v.text, full) ? "full" : readsValue(v.type, v.text, cropText.get(v.id) ?? []) ? "crop" : "";
    const safe = share >= PAINTED_MIN && !readBy;
    const reason = safe ? "" : [share < PAINTED_MIN ? `painted ${Math.round(share * 100)}%` : "", readBy ? `read in ${readBy}` : ""].filter(Boolean).join(", ");
    return { image: truth.image, id: v.id, type: v.type, group: groupOf(v.type), painted: share, readBy, safe, reason };
  });

  const keptAfter = new Set(wordsAfter);
  const lostWords = before.filter((i) => !keptAfter.has(i));
  const wordsReadableBefore = before.length;
  const wordsReadableAfter = wordsReadableBefore - lostWords.length;
  return { truth, values, wordsReadableBefore, wordsReadableAfter, lostWords };
}
