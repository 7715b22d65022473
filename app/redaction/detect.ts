import { detectCreditCards } from "./detectors/credit-card";
import { detectEmails } from "./detectors/email";
import { detectEmso } from "./detectors/emso";
import { detectIbans } from "./detectors/iban";
import { detectIpAddresses } from "./detectors/ip-address";
import { detectPersons } from "./detectors/person";
import { detectPhones } from "./detectors/phone";
import { detectPostalAddresses } from "./detectors/postal-address";
import { detectSecrets } from "./detectors/secret";
import { detectSiTaxIds } from "./detectors/si-tax-id";
import { ENTITY_TYPES, type Detection, type Detector } from "./types";

const DETECTORS: readonly Detector[] = [
  detectSecrets,
  detectEmso,
  detectIbans,
  detectCreditCards,
  detectSiTaxIds,
  detectEmails,
  detectIpAddresses,
  detectPhones,
  detectPostalAddresses,
  detectPersons,
];

const PRIORITY = new Map(ENTITY_TYPES.map((type, index) => [type, index]));

/** Every entity in the text, sorted by position and never overlapping. */
export function detect(text: string): Detection[] {
  const candidates = DETECTORS.flatMap((detector) => detector(text));
  return resolveOverlaps(candidates);
}

/**
 * Longest span wins, then higher confidence, then the type earlier in
 * ENTITY_TYPES. Greedy in that order: a kept span blocks every later one it
 * touches, so the result is deterministic and never overlaps.
 */
export function resolveOverlaps(candidates: readonly Detection[]): Detection[] {
  const ranked = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      b.confidence - a.confidence ||
      PRIORITY.get(a.type)! - PRIORITY.get(b.type)! ||
      a.start - b.start,
  );
  const kept: Detection[] = []; // sorted by start
  for (const candidate of ranked) {
    if (candidate.end <= candidate.start) continue;
    const at = firstEndingAfter(kept, candidate.start);
    const neighbour = kept[at];
    if (neighbour && neighbour.start < candidate.end) continue;
    kept.splice(at, 0, candidate);
  }
  return kept;
}

/** Index of the first kept span that ends after offset (binary search; kept spans are disjoint). */
function firstEndingAfter(kept: readonly Detection[], offset: number): number {
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (kept[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
