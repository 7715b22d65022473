import type { Detection } from "../../types";
import { COMMON_WORD, gazetteer, GIVEN, NOT_A_NAME, SURNAME } from "./gazetteer";

/**
 * Names typed all in lower case, as chat and quick mails write them ("said tina zorman no longer
 * works here", "callum mcleod paid"): a capital says nothing here, so only the surest pair counts,
 * a known given name followed by a known surname, neither of them an ordinary word, a product or a
 * place. A lower-case word alone is never taken ("rose", "will", "matej" stay for the cues).
 */
const LOWER_WORD = /(?<![\p{L}\p{N}@._'’/-])\p{Ll}{3,20}(?![\p{L}\p{N}@'’/]|[._-][\p{L}\p{N}])/gu;

export function lowerCaseNames(text: string, detections: Detection[]): void {
  const names = gazetteer();
  let previousEnd = -1;
  let previousGiven = false;
  let previousStart = 0;
  for (const hit of text.matchAll(LOWER_WORD)) {
    const flags = names.asciiNominativeFlagsOf(hit[0]);
    const sure = (flags & (COMMON_WORD | NOT_A_NAME)) === 0;
    if (previousGiven && hit.index === previousEnd + 1 && text.charCodeAt(previousEnd) === 32 && sure && (flags & SURNAME) !== 0) {
      detections.push({ type: "PERSON", start: previousStart, end: hit.index + hit[0].length, confidence: 0.6 });
    }
    previousGiven = sure && (flags & GIVEN) !== 0;
    previousStart = hit.index;
    previousEnd = hit.index + hit[0].length;
  }
}
