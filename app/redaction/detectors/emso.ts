import { isValidEmso } from "../checksums";
import type { Detection } from "../types";

/** EMŠO is always written as 13 digits without separators. */
const EMSO_CANDIDATE = /(?<![\w.,/-])\d{13}(?!\w|[.,]\d)/g;

export function detectEmso(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of text.matchAll(EMSO_CANDIDATE)) {
    if (isValidEmso(match[0])) {
      // Date + region + mod-11 is a stronger test than a card's Luhn, so a
      // 13-digit number passing both is reported as EMŠO.
      detections.push({ type: "EMSO", start: match.index, end: match.index + 13, confidence: 0.97 });
    }
  }
  return detections;
}
