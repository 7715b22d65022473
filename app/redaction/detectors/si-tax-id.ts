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
const TAX_CUE = /dav[čc]n|(?<!\p{L})(?:dš|d\.š\.|ds:|d\.s\.|dav\.|tax|vat|ddv|tin|ust-?idnr|uid|mwst)(?!\p{L})|identifikacijsk|steuer|porezn/u;
/**
 * The label right before a number ("Tax ID", "VAT Reg. No.", "davčna št.:"): it names the
 * number, so the reference words in it ("ID", "No.") do not make the number a reference.
 */
const TAX_LABEL_BEFORE = /(?:dav[čc]n\p{L}*|dav\.|tax|vat|ddv|dš|d\.š\.|ds|ust-?idnr\.?|uid)(?:[\s.:#-]*(?:id|no|nr|number|num|reg|registration|št|st|številka|stevilka|za|ddv|identification))*[\s.:#-]*$/u;
/** "Tax number for the invoice:", "davčna številka za račun:": the label names the number, its purpose follows. */
const TAX_LABEL_WITH_PURPOSE = /(?:dav[čc]n\p{L}*|tax|vat|ddv)[\s.-]*(?:id|no|nr|number|št|številka|stevilka)(?!\p{L})[^:\n\d]{0,30}:[ \t]*$/iu;
const namesTheNumber = (before: string) => TAX_LABEL_BEFORE.test(before) || TAX_LABEL_WITH_PURPOSE.test(before);
/** Written in groups ("67 84 83 89", "1548 3142") or with a dash after SI ("SI-90733924"): only with a cue. */
const GROUPED_TAX = /(?<![\w./-])(SI[ -]?)?(\d{2,4}(?:([ -])\d{2,4})(?:\3\d{2,4}){0,2}|(?<=SI-)\d{8})(?![\w-]|[ ]\d)/g;

/** Column names of a tax number in exported tables: "davcna", "davčna_št", "tax_no", "VAT ID". */
/**
 * Where GROUPED_TAX may start: at "SI", or at the first digit of a run (no word unit may stand
 * before a match). Led by a lookbehind and an optional prefix, the pattern itself was tried at
 * every position of the text.
 */
const GROUPED_TAX_START = /SI|\d+/g;
function groupedTaxStarts(text: string): number[] {
  const starts: number[] = [];
  GROUPED_TAX_START.lastIndex = 0;
  for (let hit = GROUPED_TAX_START.exec(text); hit !== null; hit = GROUPED_TAX_START.exec(text)) starts.push(hit.index);
  return starts;
}

const TAX_HEADER_HINT = /davčn|davcn|tax|vat|ddv/i;
function isTaxHeader(field: string): boolean {
  return /^(?:dav[čc]na(?:[ _-]?(?:št\.?|st\.?|številka|stevilka))?|d\.?š\.?|tax(?:[ _-]?(?:no\.?|nr\.?|id|number))?|vat(?:[ _-]?(?:no\.?|id|number))?|id[ _-]?za[ _-]?ddv|ddv)$/.test(field);
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
    if (prefix === "" && !hasCue(text, match.index, match.index + match[0].length) && !taxColumns().has(match.index)) continue;
    // "z DDV, račun 12345679": the cue belongs to the price, the number to the invoice.
    if (prefix === "" && followsReferenceCue(text, match.index) && !namesTheNumber(lineBefore(text, match.index, 60))) continue;
    detections.push({
      type: "SI_TAX_ID",
      start: match.index,
      end: match.index + match[0].length,
      confidence: prefix === "" ? 0.9 : 0.96,
    });
  }
  if (/\d{2}[ -]\d{2}|SI-\d/.test(text)) {
    for (const match of matchesAt(GROUPED_TAX, text, groupedTaxStarts(text))) {
      const digits = match[2]!.replace(/[ -]/g, "");
      if (digits.length !== 8) continue;
      if (!isValidSiTaxId(digits) || !hasCue(text, match.index, match.index + match[0].length)) continue;
      if (followsReferenceCue(text, match.index) && !namesTheNumber(lineBefore(text, match.index, 60))) continue;
      detections.push({ type: "SI_TAX_ID", start: match.index, end: match.index + match[0].length, confidence: 0.9 });
    }
  }
  return detections;
}

/**
 * A tax cue before the number on its line, or closing the line above when the number stands
 * alone under its label ("Davčna številka:\n12345678"), or, for a number that ends its line, in
 * one of the lines just above: a chat's answer to "potrebujem še davčno številko" ("Visitor:
 * 13075888"), a list under its heading ("Preverba davčnih številk:\nPetra Vidmar – 43103855 ✔").
 */
function hasCue(text: string, at: number, end: number): boolean {
  const before = lineBefore(text, at, 90);
  if (TAX_CUE.test(before)) return true;
  if (VALUE_ENDS_LINE.test(text.slice(end, end + 60)) && cueInLinesAbove(text, at)) return true;
  if (before.trim() !== "") return false;
  const lineStart = text.lastIndexOf("\n", at - 1);
  if (lineStart <= 0) return false;
  const above = lineBefore(text, lineStart, 60);
  return TAX_CUE.test(above) && /[:\-–]?\s*$/.test(above) && above.length < 50;
}

/** After the number only a check mark, a closing sign or a short remark in brackets to the line's end. */
const VALUE_ENDS_LINE = /^[ \t]*(?:[✔✓✗✘.,;!)]|\([^)\n]{0,40}\))?[ \t]*(?:\r?\n|$)/u;
/** How many lines above a number that ends its line its tax cue may stand (a question and its answer, a short list under its heading). */
const LINES_ABOVE = 4;
const LOOK_ABOVE = 600;

function cueInLinesAbove(text: string, at: number): boolean {
  // read from a bounded stretch before the number: a long line above is read in its last part only
  const lines = text.slice(Math.max(0, at - LOOK_ABOVE), at).split("\n");
  for (let i = lines.length - 2; i >= Math.max(0, lines.length - 1 - LINES_ABOVE); i--) {
    if (lines[i]!.trim() === "") return false; // a blank line ends the passage
    if (TAX_CUE.test(lines[i]!)) return true;
  }
  return false;
}
