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
 * A value is safe only when painted ≥ 90 % and not readable. An ordinary word counts only if
 * tesseract reads it in the original; it is kept when tesseract still reads it after redaction.
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

export function fullReadingKey(): string {
  return `${tesseractVersion()} ${tesseractLanguages()} psm${FULL_PSM} x${FULL_UPSCALE}`;
}

/** tesseract's reading of a whole image, upscaled 2×; word boxes in upscaled coordinates. */
export async function readFull(bytes: Buffer): Promise<ReadWord[]> {
  return readImage(await upscalePng(bytes, FULL_UPSCALE), { psm: FULL_PSM });
}

const cachePath = (truth: ImageTruth) => imagePath(truth) + ".ocr.json";

/**
 * The original's reading is the same on every run, so it is cached beside the image (committed);
 * a different tesseract or other settings make a new one.
 */
export async function readOriginal(truth: ImageTruth, opts: { write?: boolean } = {}): Promise<ReadWord[]> {
  const key = fullReadingKey();
  const file = cachePath(truth);
  if (fs.existsSync(file)) {
    const cached = JSON.parse(fs.readFileSync(file, "utf8")) as { key: string; words: ReadWord[] };
    if (cached.key === key) return cached.words;
  }
  const words = await readFull(fs.readFileSync(imagePath(truth)));
  if (opts.write) fs.writeFileSync(file, JSON.stringify({ key, words }) + "\n");
  return words;
}

/** Crops around each inked line of the values, with a margin, upscaled so the line is about 48 px high. */
async function valueCrops(redactedPng: Buffer, img: Raster, values: TruthValue[]): Promise<{ value: number; png: Buffer }[]> {
  const crops: { value: number; png: Buffer }[] = [];
  for (const v of values) {
    for (const b of v.ink) {
      const h = b.y1 - b.y0;
      const left = Math.max(0, Math.floor(b.x0 - h));
      const top = Math.max(0, Math.floor(b.y0 - 0.6 * h));
      const right = Math.min(img.width, Math.ceil(b.x1 + h));
      const bottom = Math.min(img.height, Math.ceil(b.y1 + 0.6 * h));
      const factor = Math.max(2, 48 / Math.max(1, h));
      const png = await sharp(redactedPng)
        .extract({ left, top, width: right - left, height: bottom - top })
        .resize({ width: Math.round((right - left) * factor), kernel: "lanczos3" })
        .extend({ top: 20, bottom: 20, left: 20, right: 20, background: "#ffffff" })
        .png({ compressionLevel: 1 })
        .toBuffer();
      crops.push({ value: v.id, png });
    }
  }
  return crops;
}

function wordReadable(reading: ReadWord[], box: PixelBox, text: string, upscale: number): boolean {
  const want = plain(text);
  return reading.some((w) => {
    const wb = scaleBox(w.box, upscale);
    return overlap(wb, box) > 0.3 * Math.min(area(wb), area(box)) && plain(w.text).includes(want);
  });
}

/** Words that count: at least two letters or digits. */
export const scoredWords = (truth: ImageTruth) => truth.words.map((w, i) => ({ ...w, i })).filter((w) => plain(w.text).length >= 2);

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
  const crops = await valueCrops(redactedPng, redacted, candidates);
  const [before, after, cropWords] = await Promise.all([
    readOriginal(truth),
    readFull(redactedPng),
    readImages(crops.map((c) => c.png), { psm: 7 }),
  ]);

  const cropText = new Map<number, string[]>();
  for (const w of cropWords) {
    const id = crops[w.page]!.value;
    cropText.set(id, [...(cropText.get(id) ?? []), w.text]);
  }

  const values: ValueVerdict[] = truth.values.map((v) => {
    const share = painted.get(v.id)!;
    const full = v.boxes.flatMap((b) => wordsIn(after, b, FULL_UPSCALE));
    const readBy = readsValue(v.type, v.text, full) ? "full" : readsValue(v.type, v.text, cropText.get(v.id) ?? []) ? "crop" : "";
    const safe = share >= PAINTED_MIN && !readBy;
    const reason = safe ? "" : [share < PAINTED_MIN ? `painted ${Math.round(share * 100)}%` : "", readBy ? `read in ${readBy}` : ""].filter(Boolean).join(", ");
    return { image: truth.image, id: v.id, type: v.type, group: groupOf(v.type), painted: share, readBy, safe, reason };
  });

  let wordsReadableBefore = 0;
  let wordsReadableAfter = 0;
  const lostWords: number[] = [];
  for (const w of scoredWords(truth)) {
    if (!wordReadable(before, w.box, w.text, FULL_UPSCALE)) continue;
    wordsReadableBefore++;
    if (wordReadable(after, w.box, w.text, FULL_UPSCALE)) wordsReadableAfter++;
    else lostWords.push(w.i);
  }
  return { truth, values, wordsReadableBefore, wordsReadableAfter, lostWords };
}
