import sharp from "sharp";
import { DEFAULT_POLICY, detect, type EntityType, type RedactionPolicy } from "..";
import { decodeImage, encodeImage, type DecodedImage } from "./decode-image.server";
import { locateFindings, type Box, type ImageFinding } from "./map-findings-to-boxes";
import { OcrTimeoutError } from "./ocr-pool.server";
import { readScreen, type ScreenReading } from "./read-screen.server";

/**
 * The screenshot pipeline every incoming image goes through before it is stored:
 * decode safely → OCR → the text engine's detect() → opaque boxes → re-encode without
 * metadata. It fails closed: the caller gets redacted pixels or a reason, never the
 * original. Everything happens in memory; the original bytes never touch the disk.
 */

/** UNREADABLE: more of the image's text could not be read than may be painted over (it is withheld). */
export type RedactImageFailure = "UNSUPPORTED_TYPE" | "TOO_LARGE" | "DECODE_FAILED" | "OCR_FAILED" | "OCR_TIMEOUT" | "UNREADABLE";

/** Above this share of the text area unread, painting would leave nothing useful: withhold. */
export const DEFAULT_MAX_UNREADABLE_SHARE = 0.5;

export interface ImageRedactionReport {
  /** Boxes only: the report never carries the text that was under them. */
  findings: ImageFinding[];
  counts: Partial<Record<EntityType, number>>;
  /** Mean OCR word confidence 0–100. Low values mean the redaction may have missed text. */
  /** Text-like regions no confident word came back for, painted over (boxes, never text). */
  unreadable: { boxes: Box[]; regions: number; textRegions: number; shareOfText: number };
  ocrConfidence: number;
  ocrMs: number;
  /** What each pass cost on this image. */
  passes: { preprocessMs: number; pass1Ms: number; pass2Ms: number; rereadRegions: number; detectMs: number; scale: number };
  totalMs: number;
  width: number;
  height: number;
}

export type RedactImageResult =
  | { ok: true; image: Buffer; mediaType: "image/png" | "image/jpeg"; report: ImageRedactionReport }
  | { ok: false; reason: RedactImageFailure };

export interface RedactImageOptions {
  /** MAX_IMAGE_PIXELS; default 40 MP. */
  maxPixels?: number;
  /** OCR_TIMEOUT_MS for this image; default the pool's (30 s). */
  ocrTimeoutMs?: number;
  policy?: RedactionPolicy;
  /** Pixels added around each box; default 3. */
  padding?: number;
  /** Second pass over poorly read regions; default true (off only to measure it). */
  preprocess?: boolean;
  /** Withhold the image when more than this share of its text area is unreadable; default 0.5. */
  maxUnreadableShare?: number;
}

export interface OcrInput {
  png: Buffer;
  /** OCR coordinates = original coordinates × scale. */
  scale: number;
  dark: boolean;
}

/** Below this width, screenshot text is usually 11–13 px high, under what tesseract reads best (about 20 px). */
const UPSCALE_BELOW_WIDTH = 1400;
/** Upscaling must not turn a large image into a huge OCR job. */
const MAX_OCR_PIXELS = 8_000_000;
/** Phone photos: text is large, and OCR time grows with pixels. */
const MAX_OCR_SIDE = 3000;

/** Mean luminance of the whole image and of a 2 %-wide frame around it (where the background shows). */
export function luminance(grey: Buffer, width: number, height: number): { mean: number; borderMean: number } {
  let sum = 0;
  for (let i = 0; i < grey.length; i++) sum += grey[i]!;
  const bw = Math.max(1, Math.round(Math.min(width, height) * 0.02));
  let bsum = 0;
  let bcount = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const fullRow = y < bw || y >= height - bw;
    for (let x = 0; x < width; x++) {
      if (fullRow || x < bw || x >= width - bw) {
        bsum += grey[row + x]!;
        bcount++;
      }
    }
  }
  return { mean: sum / Math.max(1, grey.length), borderMean: bsum / Math.max(1, bcount) };
}

export function ocrScaleFor(width: number, height: number): number {
  const side = Math.max(width, height);
  if (side > MAX_OCR_SIDE) return MAX_OCR_SIDE / side;
  if (width < UPSCALE_BELOW_WIDTH && width * height * 4 <= MAX_OCR_PIXELS) return 2;
  return 1;
}

/**
 * Screenshot preprocessing. tesseract is trained on dark text on light paper, so dark-mode
 * screenshots are inverted; small UI text is upscaled; contrast is stretched.
 */
export async function prepareForOcr(img: DecodedImage, preprocess = true): Promise<OcrInput> {
  const raw = { raw: { width: img.width, height: img.height, channels: 3 as const } };
  if (!preprocess) {
    return { png: await sharp(img.pixels, raw).png({ compressionLevel: 1 }).toBuffer(), scale: 1, dark: false };
  }
  const grey = await sharp(img.pixels, raw).greyscale().raw().toBuffer();
  const { mean, borderMean } = luminance(grey, img.width, img.height);
  const dark = mean < 128 || borderMean < 128;
  const scale = ocrScaleFor(img.width, img.height);
  let pipeline = sharp(grey, { raw: { width: img.width, height: img.height, channels: 1 } });
  if (dark) pipeline = pipeline.negate();
  if (scale !== 1) pipeline = pipeline.resize({ width: Math.round(img.width * scale), kernel: "lanczos3" });
  const png = await pipeline.normalise().png({ compressionLevel: 1 }).toBuffer();
  return { png, scale, dark };
}

/** Blacks out boxes in raw RGB pixels, in place. Boxes are [x0, x1) × [y0, y1). */
export function paintBoxes(pixels: Buffer, width: number, height: number, boxes: Box[]): void {
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0));
    const x1 = Math.min(width, Math.ceil(b.x1));
    if (x1 <= x0) continue;
    for (let y = Math.max(0, Math.floor(b.y0)); y < Math.min(height, Math.ceil(b.y1)); y++) {
      pixels.fill(0, (y * width + x0) * 3, (y * width + x1) * 3);
    }
  }
}

export async function redactImage(bytes: Uint8Array, opts: RedactImageOptions = {}): Promise<RedactImageResult> {
  const started = performance.now();
  const decoded = await decodeImage(bytes, { maxPixels: opts.maxPixels });
  if (!decoded.ok) return decoded;
  const img = decoded.image;

  let reading: ScreenReading;
  const ocrStarted = performance.now();
  try {
    reading = await readScreen(img.pixels, img.width, img.height, { timeoutMs: opts.ocrTimeoutMs, passes: opts.preprocess === false ? 1 : 2 });
  } catch (err) {
    return { ok: false, reason: err instanceof OcrTimeoutError ? "OCR_TIMEOUT" : "OCR_FAILED" };
  }
  const ocrMs = performance.now() - ocrStarted;

  // Text it could not read is painted, never passed; past a share of the text, the image is withheld.
  const unreadableArea = reading.unreadable.reduce((a, r) => a + (r.x1 - r.x0) * (r.y1 - r.y0), 0);
  const unreadableShare = reading.textArea ? unreadableArea / reading.textArea : 0;
  if (unreadableShare > (opts.maxUnreadableShare ?? DEFAULT_MAX_UNREADABLE_SHARE)) return { ok: false, reason: "UNREADABLE" };

  const policy = opts.policy ?? DEFAULT_POLICY;
  const detectStarted = performance.now();
  const { findings, counts } = locateFindings(reading.lines, detect, {
    scale: 1,
    padding: opts.padding ?? 3,
    width: img.width,
    height: img.height,
    shouldRedact: (type) => policy[type] !== "keep",
  });
  const detectMs = performance.now() - detectStarted;
  const pad = 2;
  const unreadableBoxes = reading.unreadable.map((r) => ({ x0: r.x0 - pad, y0: r.y0 - pad, x1: r.x1 + pad, y1: r.y1 + pad }));

  try {
    paintBoxes(img.pixels, img.width, img.height, [...findings.map((f) => f.box), ...unreadableBoxes]);
    const { image, mediaType } = await encodeImage(img.pixels, img.width, img.height, img.sourceType);
    return {
      ok: true,
      image,
      mediaType,
      report: {
        findings,
        counts,
        unreadable: { boxes: unreadableBoxes, regions: reading.unreadable.length, textRegions: reading.textRegions, shareOfText: Math.round(unreadableShare * 1000) / 1000 },
        ocrConfidence: Math.round(reading.confidence * 10) / 10,
        ocrMs: Math.round(ocrMs),
        passes: {
          preprocessMs: Math.round(reading.preprocessMs),
          pass1Ms: Math.round(reading.pass1Ms),
          pass2Ms: Math.round(reading.pass2Ms),
          rereadRegions: reading.rereadRegions,
          detectMs: Math.round(detectMs),
          scale: reading.scale,
        },
        totalMs: Math.round(performance.now() - started),
        width: img.width,
        height: img.height,
      },
    };
  } catch {
    return { ok: false, reason: "DECODE_FAILED" };
  }
}
