import { isValidSiTaxId } from "../checksums";
import type { Detection } from "../types";
import { matchesAt } from "./candidate-scan";
import { followsReferenceCue, lineBefore } from "./context";
import { columnValues } from "./csv-columns";

/** "SI12345678", "SI 12345678" (VAT number) or a bare eight-digit number. */
const TAX_CANDIDATE = /(?<![\w./-])(SI ?)?[1-9]\d{7}(?!\w|\.\d|,\d{1,2}(?!\d))/g;
const DIGIT_RUN = /\d{8,}/g;

/**
 * Where TAX_CANDIDATE may start: its eight digits are a whole run of digits (a
 * letter, digit or "_" may not come before or after them), so only runs of
 * exactly eight are tried, at the run and at an "SI" or "SI " just before it.
 * The lookbehind at the front would otherwise be tried at every position.
 */
function taxIdStarts(text: string): number[] {
  const starts: number[] = [];
  // exec on the shared pattern rather than matchAll, which copies the pattern on every call
  DIGIT_RUN.lastIndex = 0;
  for (let run = DIGIT_RUN.exec(text); run !== null; run = DIGIT_RUN.exec(text)) {
    if (run[0].length !== 8) continue;
    for (const start of [run.index - 3, run.index - 2, run.index]) {
      if (start < run.index && text.charCodeAt(start) !== 83) continue; // a prefix starts with "S"
      if (start >= 0 && (starts.length === 0 || start > starts[starts.length - 1]!)) starts.push(start);
    }
  }
  return starts;
}

/**
 * One random eight-digit number in eleven passes the checksum, so a bare
 * number only counts after a cue on the same line; the SI prefix is a cue by itself.
 */
const TAX_CUE = /davčn|(?<!\p{L})(?:dš|d\.š\.|tax|vat|ddv|tin)(?!\p{L})|identifikacijsk/u;

/** Column names of a tax number in exported tables: "davcna", "davčna_št", "tax_no", "VAT ID". */
const TAX_HEADER_HINT = /davčn|davcn|tax|vat|ddv/i;
function isTaxHeader(field: string): boolean {
  return /^(?:dav[čc]na(?:[ _-]?(?:št\.?|st\.?|številka|stevilka))?|d\.?š\.?|tax(?:[ _-]?(?:no|nr|id|number))?|vat(?:[ _-]?(?:no|id|number))?|id[ _-]?za[ _-]?ddv|ddv)$/.test(field);
}
/** In every line that holds a field isTaxHeader accepts (columnValues splits only these lines). */
const TAX_HEADER_LINE = /dav[čc]na|d\.?š|tax|vat|ddv/i;

export function detectSiTaxIds(text: string): Detection[] {
  const detections: Detection[] = [];
  let columns: Set<number> | null = null;
  // Only asked for checksum-valid numbers without a cue on their line: the header is found once, lazily.
  const taxColumns = () => (columns ??= new Set(columnValues(text, TAX_HEADER_HINT, isTaxHeader, TAX_HEADER_LINE).map((cell) => cell.start)));
  for (const match of matchesAt(TAX_CANDIDATE, text, taxIdStarts(text))) {
    const prefix = match[1] ?? "";
    const digits = match[0].slice(prefix.length);
    if (!isValidSiTaxId(digits)) continue;
    if (prefix === "" && !TAX_CUE.test(lineBefore(text, match.index, 60)) && !taxColumns().has(match.index)) continue;
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
