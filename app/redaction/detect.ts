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
  const found = resolveOverlaps(candidates);
  const repeats = repeatedValues(text, found);
  return repeats.length ? resolveOverlaps([...found, ...repeats]) : found;
}

/**
 * A value found once is personal data wherever else it stands in the same text, cue or not:
 * "Lep pozdrav, Barbara" makes a later bare "Barbara" the same name (the leak test's fuzz run
 * found such repeats left in the output). One pass over word starts, so it stays linear.
 */
const MIN_REPEAT = 3;
const WORDISH = /[\p{L}\p{N}]/u;
/** Same answer as WORDISH on one UTF-16 unit, without a regex for ASCII. */
function isWordish(unit: number): boolean {
  if (unit < 128) return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122);
  return WORDISH.test(String.fromCharCode(unit));
}
function repeatedValues(text: string, found: readonly Detection[]): Detection[] {
  const byHead = new Map<string, { value: string; type: Detection["type"] }[]>();
  for (const d of found) {
    const value = text.slice(d.start, d.end);
    if (value.length < MIN_REPEAT || value !== value.trim()) continue;
    const head = value.slice(0, MIN_REPEAT);
    const list = byHead.get(head) ?? [];
    if (!list.some((v) => v.value === value)) list.push({ value, type: d.type });
    byHead.set(head, list);
  }
  if (byHead.size === 0) return [];
  // Cheap filters first (this loop visits every character): the first code unit of some
  // found value, then "at a word start", and only then a substring lookup.
  const firstUnits = new Set([...byHead.keys()].map((head) => head.charCodeAt(0)));
  const out: Detection[] = [];
  for (let i = 0; i + MIN_REPEAT <= text.length; i++) {
    if (!firstUnits.has(text.charCodeAt(i))) continue;
    if (i > 0 && isWordish(text.charCodeAt(i - 1))) continue;
    const list = byHead.get(text.slice(i, i + MIN_REPEAT));
    if (!list) continue;
    for (const { value, type } of list) {
      const end = i + value.length;
      // A name must end where the word ends ("Ana" is not in "Anamarija"); a number glued to
      // a following letter ("10.2.3.4N") is still the whole number.
      const wordEnds = !(end < text.length && WORDISH.test(text[end]!)) || !/\p{L}/u.test(value[value.length - 1]!);
      if (wordEnds && text.startsWith(value, i)) out.push({ type, start: i, end, confidence: 0.5 });
    }
  }
  return out;
}

/**
 * Longest span wins, then higher confidence, then the type earlier in
 * ENTITY_TYPES. Greedy in that order: a kept span blocks every later one it
 * touches, so the result is deterministic and never overlaps.
 *
 * Occupied positions live in a Fenwick tree: "is anything in [start, end)
 * kept?" is one O(log n) query, and because kept spans are disjoint every
 * position is marked at most once. Inserting into a sorted array instead
 * costs O(n) per span and turns dense input (a pasted table of names and
 * phone numbers) quadratic.
 */
export function resolveOverlaps(candidates: readonly Detection[]): Detection[] {
  const ranked = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      b.confidence - a.confidence ||
      PRIORITY.get(a.type)! - PRIORITY.get(b.type)! ||
      a.start - b.start,
  );
  let size = 0;
  for (const candidate of candidates) size = Math.max(size, candidate.end);
  const occupied = new OccupiedPositions(size);
  const kept: Detection[] = [];
  for (const candidate of ranked) {
    if (candidate.end <= candidate.start || candidate.start < 0) continue;
    if (occupied.countIn(candidate.start, candidate.end) > 0) continue;
    occupied.mark(candidate.start, candidate.end);
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Fenwick (binary indexed) tree counting occupied text positions. */
class OccupiedPositions {
  private readonly tree: Int32Array;
  constructor(private readonly size: number) {
    this.tree = new Int32Array(size + 1);
  }
  mark(start: number, end: number): void {
    for (let position = start; position < end; position++) {
      for (let i = position + 1; i <= this.size; i += i & -i) this.tree[i]!++;
    }
  }
  /** Occupied positions in [start, end). */
  countIn(start: number, end: number): number {
    return this.prefix(end) - this.prefix(start);
  }
  private prefix(count: number): number {
    let sum = 0;
    for (let i = count; i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }
}
