import { isValidEmso } from "../checksums";
import type { Detection } from "../types";
import { matchesAt } from "./candidate-scan";

/** EMŠO is always written as 13 digits without separators; a comma around it separates table columns. */
const EMSO_CANDIDATE = /(?<![\w./-])\d{13}(?!\w|\.\d)/g;
/** The 13 digits are a whole run of digits, so only runs of exactly 13 are tried (the lookbehind would be tried everywhere). */
const DIGIT_RUN = /\d{13,}/g;

function emsoStarts(text: string): number[] {
  const starts: number[] = [];
  // exec on the shared pattern rather than matchAll, which copies the pattern on every call
  DIGIT_RUN.lastIndex = 0;
  for (let run = DIGIT_RUN.exec(text); run !== null; run = DIGIT_RUN.exec(text)) if (run[0].length === 13) starts.push(run.index);
  return starts;
}

/**
 * After its label EMŠO is sometimes typed in groups, as it is read out: "EMŠO: 2911 990 50 100 9",
 * "emso 1907 9905 0318 3". Thirteen digits in blank- or dash-separated groups, checksum valid.
 */
const GROUPED_AFTER_LABEL = /(?<![\p{L}])(?:emšo|emso)[^\n\d]{0,12}?(\d{1,7}(?:[ -]\d{1,7}){1,6})(?![\d])/giu;

function groupedAfterLabel(text: string, detections: Detection[]): void {
  for (const match of text.matchAll(GROUPED_AFTER_LABEL)) {
    const digits = match[1]!.replace(/[ -]/g, "");
    if (digits.length !== 13 || !isValidEmso(digits)) continue;
    const end = match.index + match[0].length;
    detections.push({ type: "EMSO", start: end - match[1]!.length, end, confidence: 0.95 });
  }
}

export function detectEmso(text: string): Detection[] {
  const detections: Detection[] = [];
  if (/ems|emš/i.test(text)) groupedAfterLabel(text, detections);
  for (const match of matchesAt(EMSO_CANDIDATE, text, emsoStarts(text))) {
    if (isValidEmso(match[0])) {
      // Date + region + mod-11 is a stronger test than a card's Luhn, so a
      // 13-digit number passing both is reported as EMŠO.
      detections.push({ type: "EMSO", start: match.index, end: match.index + 13, confidence: 0.97 });
    }
  }
  return detections;
}
