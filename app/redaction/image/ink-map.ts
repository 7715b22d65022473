/**
 * Where the ink is, whatever the background. Screenshots mix backgrounds in one image (white
 * page, zebra rows, a blue selected row, dark side panels and code blocks), and one global
 * threshold or one global "invert if dark" loses text on all but the dominant one: the issue's
 * skipped zebra rows and dark panels. So the background is estimated locally and every pixel
 * is judged by its distance from it, which turns light-on-dark and dark-on-light text alike
 * into dark ink on white, the one thing tesseract is trained on.
 *
 * Background: the most common grey level of short horizontal runs (1 × SEGMENT px; text covers
 * a minority of any run, and its anti-aliased pixels spread over many levels while a flat
 * background sits on one), then a vertical median over a window of runs, which removes the
 * runs a text line did dominate and keeps the edge between two rows exactly where it is.
 * Pure functions over raw grey pixels, so they are unit-tested without images.
 */

export const SEGMENT = 24;
const HALF_WINDOW = 7;
/** Distance from the background at which a pixel becomes fully black in the OCR image. */
const FULL_INK = 96;
/** Distance that counts as ink in the mask (JPEG noise stays under it). */
export const INK_THRESHOLD = 48;

/** Background grey level per (row, segment): `height × ceil(width / SEGMENT)` values. */
export function estimateBackground(grey: Uint8Array, width: number, height: number): Uint8Array {
  const segs = Math.ceil(width / SEGMENT);
  const modes = new Uint8Array(height * segs);
  const hist = new Uint16Array(34);
  const sums = new Uint32Array(34);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let s = 0; s < segs; s++) {
      hist.fill(0);
      sums.fill(0);
      const end = Math.min(width, (s + 1) * SEGMENT);
      for (let x = s * SEGMENT; x < end; x++) {
        const v = grey[row + x]!;
        const b = (v >> 3) + 1;
        hist[b]!++;
        sums[b]! += v;
      }
      // A level and its two neighbours: JPEG noise spreads a flat colour over adjacent bins.
      let best = 1;
      let bestCount = -1;
      for (let b = 1; b <= 32; b++) {
        const c = hist[b - 1]! + 2 * hist[b]! + hist[b + 1]!;
        if (c > bestCount) {
          bestCount = c;
          best = b;
        }
      }
      const n = hist[best - 1]! + hist[best]! + hist[best + 1]!;
      modes[y * segs + s] = n ? Math.round((sums[best - 1]! + sums[best]! + sums[best + 1]!) / n) : 255;
    }
  }
  const out = new Uint8Array(modes.length);
  const window: number[] = [];
  for (let s = 0; s < segs; s++) {
    for (let y = 0; y < height; y++) {
      window.length = 0;
      for (let k = Math.max(0, y - HALF_WINDOW); k <= Math.min(height - 1, y + HALF_WINDOW); k++) window.push(modes[k * segs + s]!);
      window.sort((a, b) => a - b);
      out[y * segs + s] = window[window.length >> 1]!;
    }
  }
  return out;
}

export interface InkImages {
  /** Dark ink on white, one byte per pixel, for OCR. */
  ocr: Buffer;
  /** 1 where a pixel is ink, 0 elsewhere. */
  mask: Uint8Array;
  /** Count of ink pixels. */
  inkPixels: number;
}

export function inkImages(grey: Uint8Array, width: number, height: number): InkImages {
  const bg = estimateBackground(grey, width, height);
  const segs = Math.ceil(width / SEGMENT);
  const ocr = Buffer.alloc(width * height);
  const mask = new Uint8Array(width * height);
  let inkPixels = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const d = Math.abs(grey[i]! - bg[y * segs + ((x / SEGMENT) | 0)]!);
      ocr[i] = 255 - Math.min(255, Math.round((d * 255) / FULL_INK));
      if (d >= INK_THRESHOLD) {
        mask[i] = 1;
        inkPixels++;
      }
    }
  }
  return { ocr, mask, inkPixels };
}

export interface TextRegion {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  ink: number;
}

/**
 * Text-like regions: ink smeared horizontally across the gaps between letters and words of one
 * line, then cut into connected boxes. Rules and borders (too thin), solid blocks (too dense)
 * and specks are dropped; what is left is words, lines and icons.
 */
export function findTextRegions(mask: Uint8Array, width: number, height: number, gap = 6): TextRegion[] {
  // Horizontal run smearing: a row's ink runs closer than `gap` join.
  const smear = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (!mask[row + x]) continue;
      if (last >= 0 && x - last <= gap) smear.fill(1, row + last, row + x + 1);
      else smear[row + x] = 1;
      last = x;
    }
  }
  // Connected components of the smeared mask (4-neighbour), one pass with a union-find.
  const labels = new Int32Array(mask.length);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!smear[i]) continue;
      const left = x > 0 ? labels[i - 1]! : 0;
      const up = y > 0 ? labels[i - width]! : 0;
      if (!left && !up) {
        parent.push(parent.length);
        labels[i] = parent.length - 1;
      } else if (left && up) {
        const a = find(left);
        const b = find(up);
        labels[i] = Math.min(a, b);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      } else labels[i] = left || up;
    }
  }
  const boxes = new Map<number, TextRegion>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!labels[i]) continue;
      const r = find(labels[i]!);
      const b = boxes.get(r);
      if (!b) boxes.set(r, { x0: x, y0: y, x1: x + 1, y1: y + 1, ink: mask[i]! });
      else {
        if (x < b.x0) b.x0 = x;
        if (x + 1 > b.x1) b.x1 = x + 1;
        if (y + 1 > b.y1) b.y1 = y + 1;
        b.ink += mask[i]!;
      }
    }
  }
  const out: TextRegion[] = [];
  for (const b of boxes.values()) {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    const density = b.ink / (w * h);
    if (h < 5 || h > 120 || w < 4 || b.ink < 12) continue;
    if (density > 0.75 || (w > 20 * h && density > 0.6)) continue; // a bar or a filled block
    out.push(b);
  }
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}
