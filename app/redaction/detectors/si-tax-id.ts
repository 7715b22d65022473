import { isValidSiTaxId } from "../checksums";
import type { Detection } from "../types";
import { followsReferenceCue, lineBefore } from "./context";

/** "SI12345678", "SI 12345678" (VAT number) or a bare eight-digit number. */
const TAX_CANDIDATE = /(?<![\w.,/-])(SI ?)?[1-9]\d{7}(?!\w|[.,]\d)/g;

/**
 * One random eight-digit number in eleven passes the checksum, so a bare
 * number only counts after a cue on the same line; the SI prefix is a cue by itself.
 */
const TAX_CUE = /davčn|(?<!\p{L})(?:dš|d\.š\.|tax|vat|ddv|tin)(?!\p{L})|identifikacijsk/u;

export function detectSiTaxIds(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of text.matchAll(TAX_CANDIDATE)) {
    const prefix = match[1] ?? "";
    const digits = match[0].slice(prefix.length);
    if (!isValidSiTaxId(digits)) continue;
    if (prefix === "" && !TAX_CUE.test(lineBefore(text, match.index, 60))) continue;
    // "z DDV, račun 12345679": the cue belongs to the price, the number to the invoice.
    if (prefix === "" && followsReferenceCue(text, match.index)) continue;
    detections.push({
      type: "SI_TAX_ID",
      start: match.index,
      end: match.index + match[0].length,
      confidence: prefix === "" ? 0.9 : 0.96,
    });
  }
  return detections;
}
