import { detectCreditCards } from "./detectors/credit-card";
import { detectDatesOfBirth } from "./detectors/date-of-birth";
import { detectEmails } from "./detectors/email";
import { detectEmso } from "./detectors/emso";
import { detectObfuscatedEmails } from "./detectors/obfuscated-email";
import { detectIbans } from "./detectors/iban";
import { detectIpAddresses } from "./detectors/ip-address";
import { detectPersons } from "./detectors/person";
import { namesBeforeAddresses } from "./detectors/person/before-address";
import { namesAroundNames } from "./detectors/person/around-names";
import { detectLowerCaseCuedNames } from "./detectors/person/lower-case-cues";
import { companyAfter } from "./detectors/person/company";
import { ANY_NAME, COMMON_WORD, gazetteer, GIVEN, NOT_A_NAME } from "./detectors/person/gazetteer";
import { detectPhones } from "./detectors/phone";
import { detectPostalAddresses } from "./detectors/postal-address";
import { detectSecrets } from "./detectors/secret";
import { detectCodeSecrets } from "./detectors/secret-code";
import { detectCommandSecrets } from "./detectors/secret-commands";
import { detectPassphrases } from "./detectors/secret-passphrase";
import { detectConfigSecrets } from "./detectors/secret-config";
import { detectLabelledKeys, detectSecretsInUrls } from "./detectors/secret-urls";
import { detectSiTaxIds } from "./detectors/si-tax-id";
import { detectTopicSecrets } from "./detectors/secret-topic";
import { detectNearbyCodes } from "./detectors/secret-nearby-code";
import { detectHandedOverSecrets } from "./detectors/secret-handover";
import { detectSeedPhrases } from "./detectors/secret-seed-phrase";
import { detectManifestSecrets } from "./detectors/secret-manifests";
import { detectGroupedSecrets } from "./detectors/secret-grouped";
import { isPlaceholderSecret } from "./detectors/secret-placeholders";
import { isPlaceholderName } from "./detectors/person/placeholder-names";
import { secretVariants } from "./detectors/secret-variants";
import { ENTITY_TYPES, type Detection, type Detector } from "./types";

const DETECTORS: readonly Detector[] = [
  detectSecrets,
  detectSecretsInUrls,
  detectLabelledKeys,
  detectConfigSecrets,
  detectCommandSecrets,
  detectCodeSecrets,
  detectPassphrases,
  detectTopicSecrets,
  detectNearbyCodes,
  detectHandedOverSecrets,
  detectSeedPhrases,
  detectManifestSecrets,
  detectGroupedSecrets,
  detectEmso,
  detectIbans,
  detectCreditCards,
  detectSiTaxIds,
  detectEmails,
  detectObfuscatedEmails,
  detectIpAddresses,
  detectPhones,
  detectPostalAddresses,
  detectDatesOfBirth,
  detectPersons,
  detectLowerCaseCuedNames,
];

const PRIORITY = new Map(ENTITY_TYPES.map((type, index) => [type, index]));

/**
 * Blanks that Word, web pages and French or Slovenian typography put between digit groups and
 * words (no-break, narrow no-break, figure, thin and other fixed-width spaces): the detectors
 * read them as plain spaces. Each is one UTF-16 unit, as a space is, so every offset found in
 * the plain copy holds in the original.
 */
const UNUSUAL_BLANKS = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * Line breaks written as escapes inside one line of JSON, iCalendar or a log: '"body": "Hi,\\nthe
 * password is X\\nThanks"', "DESCRIPTION:…\\nPasscode: 742615". The detectors read "\\n" as a line
 * break (the pair of units becomes the break and a blank, so offsets hold). In a Windows path
 * "\\n" is a folder's first letter ("C:\\nginx"): only before a capital, a digit, a blank, another
 * escape or a list's mark, or anywhere in a calendar, where every "\\n" is one. A vCard's address
 * lines (ADR, LABEL) stay as they are: the address rules read their escapes as fields.
 */
const ESCAPED_BREAK = /^(?:ADR|LABEL|item\d+\.ADR)[;:][^\n]*|\\[nr](?=[\p{Lu}\d\s\\*•\-–"]|$)/gmu;
const ESCAPED_BREAK_ANYWHERE = /^(?:ADR|LABEL|item\d+\.ADR)[;:][^\n]*|\\[nr]/gm;
const CALENDAR = /^BEGIN:V(?:CALENDAR|EVENT|TODO)\b/m;
function unescapeBreak(found: string): string {
  if (found.length > 2) return found;
  return (found[1] === "n" ? "\n" : "\r") + " ";
}

/**
 * Quotes escaped inside a JSON string that holds JSON, as logs write a config or a request body:
 * 'config="{\\"CF_DNS_API_TOKEN\\":\\"tF7s…\\"}"'. The detectors read each pair as a quote and a
 * blank, the blank on the outer side ('{ "CF_DNS_API_TOKEN" : "tF7s…" }'), so offsets hold and the
 * key-value rules read the inner JSON as JSON.
 */
const ESCAPED_QUOTE = /\\"/g;
function unescapeQuote(_found: string, at: number, text: string): string {
  const before = at > 0 ? text[at - 1]! : " ";
  return /[{[,:\s(=]/.test(before) ? ' "' : '" ';
}

/** Every entity in the text, sorted by position and never overlapping. */
export function detect(original: string): Detection[] {
  UNUSUAL_BLANKS.lastIndex = 0;
  let text = UNUSUAL_BLANKS.test(original) ? original.replace(UNUSUAL_BLANKS, " ") : original;
  if (text.includes("\\")) text = text.replace(CALENDAR.test(text) ? ESCAPED_BREAK_ANYWHERE : ESCAPED_BREAK, unescapeBreak);
  if (text.includes('\\"')) text = text.replace(ESCAPED_QUOTE, unescapeQuote);
  const candidates: Detection[] = [];
  // No spread: a huge list would overflow the stack.
  for (const detector of DETECTORS) {
    for (const detection of detector(text)) {
      if (detection.type === "SECRET" && isPlaceholderSecret(text.slice(detection.start, detection.end))) continue;
      if (detection.type === "PERSON" && isPlaceholderName(text.slice(detection.start, detection.end))) continue;
      candidates.push(detection);
    }
  }
  let found = resolveOverlaps(candidates);
  // Read on what the detectors found: a secret typed again with a slip, a name before its address.
  const fromFound = secretVariants(text, found).concat(namesBeforeAddresses(text, found), namesAroundNames(text, found));
  if (fromFound.length) found = resolveOverlaps(found.concat(fromFound));
  const repeats = repeatedValues(text, found);
  return repeats.length ? resolveOverlaps(found.concat(repeats)) : found;
}

/**
 * A value found once is personal data wherever else it stands in the same text, cue or not:
 * "Lep pozdrav, Barbara" makes a later bare "Barbara" the same name (the leak test's fuzz run
 * found such repeats left in the output). One pass over word starts, so it stays linear.
 */
const MIN_REPEAT = 3;
const REPEAT_CONFIDENCE = 0.5;
const WORDISH = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
/**
 * WORDISH per UTF-16 unit (a lone unit: half a surrogate pair is not wordish), filled in as
 * units are met: 0 not yet asked, 1 wordish, 2 not. ASCII is filled in up front.
 */
const WORDISH_UNITS = new Uint8Array(65536);
for (let unit = 0; unit < 128; unit++) {
  WORDISH_UNITS[unit] = (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) ? 1 : 2;
}
/** Same answer as WORDISH on one UTF-16 unit, the regex asked once per unit. */
function isWordish(unit: number): boolean {
  let known = WORDISH_UNITS[unit]!;
  if (known === 0) WORDISH_UNITS[unit] = known = WORDISH.test(String.fromCharCode(unit)) ? 1 : 2;
  return known === 1;
}
/** A 16-bit hash of the first three code units of a value, its bucket in repeatedValues. */
function headHash(first: number, second: number, third: number): number {
  return (first * 961 + second * 31 + third) & 0xffff;
}
/** What String.prototype.trim removes: WhiteSpace and LineTerminator code units. */
function isTrimmed(unit: number): boolean {
  if (unit < 128) return unit === 32 || (unit >= 9 && unit <= 13);
  return (
    unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 ||
    unit === 0x2029 || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff
  );
}
interface RepeatableValue {
  value: string;
  type: Detection["type"];
  /** A name must end where the word ends; a value ending in a digit or a symbol need not. */
  endsInLetter: boolean;
  /** Only as a word of its own, not inside a handle, host or file name ("nika_oblak", "krevs-avto.si", "jana©example.com"). */
  standalone: boolean;
}
/** What may stand around a word of its own: a blank or punctuation, not the glue of a handle, host or path. */
const STANDS_BEFORE = /^(?:|[\s(„“"'«])$/;
const STANDS_AFTER = /^(?:|[\s,;:!?)“”"'»])$/;

/**
 * Positions where a found value may repeat: at a word start (the unit before is not
 * wordish), with a first unit in `firstUnits` and the hash of the first three units in
 * `headHashes`. Kept apart and small, because it visits every character of the text.
 */
function wordStartsWithHead(text: string, firstUnits: Int32Array, headHashes: Int32Array): number[] {
  const positions: number[] = [];
  const last = text.length - MIN_REPEAT;
  let previous = 32; // as if a space came before the text
  for (let i = 0; i <= last; i++) {
    const unit = text.charCodeAt(i);
    const wordish = WORDISH_UNITS[previous];
    if (wordish === 1 || (wordish === 0 && isWordish(previous)) || (firstUnits[unit >> 5]! & (1 << (unit & 31))) === 0) {
      previous = unit;
      continue;
    }
    previous = unit;
    const hash = headHash(unit, text.charCodeAt(i + 1), text.charCodeAt(i + 2));
    if ((headHashes[hash >> 5]! & (1 << (hash & 31))) !== 0) positions.push(i);
  }
  return positions;
}

function repeatedValues(text: string, found: readonly Detection[]): Detection[] {
  // Values by the hash of their first three code units. A bucket may hold values with
  // different heads; only one head can stand at a position, and startsWith decides.
  const byHash = new Map<number, RepeatableValue[]>();
  // Cheap filters first (the scan visits every character): a bit set of the first code
  // units of the found values, "at a word start", and a bit set of the head hashes.
  // The bit sets are shared and cleared again below: allocating 16 KB per call is most
  // of the cost for a short ticket.
  const firstUnits = FIRST_UNITS;
  const headHashes = HEAD_HASHES;
  try {
    return repeatsOf(text, found, byHash, firstUnits, headHashes);
  } finally {
    for (const [hash, bucket] of byHash) {
      headHashes[hash >> 5] = 0;
      for (const { value } of bucket) firstUnits[value.charCodeAt(0) >> 5] = 0;
    }
  }
}

const LOWER_START = /^\p{Ll}/u;

/**
 * The name in lower case, and its given name, where no common word has that form: people type a
 * colleague's given name in lower case ("sabina, to je …"); a surname in lower case is more often
 * part of a handle or a domain.
 */
function lowerCaseForms(name: string): string[] {
  const words = name.toLowerCase().split(/[ \t]+/);
  const isName = (word: string, kind: number) => {
    const flags = gazetteer().flagsOf(word);
    return (flags & kind) !== 0 && (flags & (COMMON_WORD | NOT_A_NAME)) === 0;
  };
  const forms = words.every((word) => isName(word, ANY_NAME)) ? [words.join(" ")] : [];
  if (words.length > 1 && isName(words[0]!, GIVEN)) forms.push(words[0]!);
  return forms;
}
const WORD_START_LOWER = /(?<![\p{L}'’])\p{Ll}/gu;

const FIRST_UNITS = new Int32Array(2048);
const HEAD_HASHES = new Int32Array(2048);

function repeatsOf(
  text: string,
  found: readonly Detection[],
  byHash: Map<number, RepeatableValue[]>,
  firstUnits: Int32Array,
  headHashes: Int32Array,
): Detection[] {
  const seen = new Set<string>();
  const register = (value: string, type: Detection["type"], standalone = false) => {
    if (value.length < MIN_REPEAT || seen.has(value)) return; // the first type found for a value stands
    seen.add(value);
    const first = value.charCodeAt(0);
    const hash = headHash(first, value.charCodeAt(1), value.charCodeAt(2));
    let bucket = byHash.get(hash);
    if (!bucket) byHash.set(hash, (bucket = []));
    bucket.push({ value, type, endsInLetter: LETTER.test(value[value.length - 1]!), standalone });
    firstUnits[first >> 5]! |= 1 << (first & 31);
    headHashes[hash >> 5]! |= 1 << (hash & 31);
  };
  for (const d of found) {
    if (d.end - d.start < MIN_REPEAT) continue;
    if (isTrimmed(text.charCodeAt(d.start)) || isTrimmed(text.charCodeAt(d.end - 1))) continue;
    const value = text.slice(d.start, d.end);
    // a town found as an address's part ("City: Trzin") alone names no one where it stands again ("Kovinar Trzin d.o.o.")
    if (d.type === "POSTAL_ADDRESS" && !/\d/.test(value)) continue;
    // a name found in lower case that is an ordinary word too ("hvala maja") is not taken again
    // where it stands as the word ("od maja lani"); its capitalised form still is
    const lowerName = d.type === "PERSON" && LOWER_START.test(value);
    if (!lowerName || !value.split(/[ \t]+/).some((word) => (gazetteer().flagsOf(word) & COMMON_WORD) !== 0)) register(value, d.type);
    // a chat speaker "tina" is "Tina" in the reply
    if (lowerName) register(value.replace(WORD_START_LOWER, (letter) => letter.toUpperCase()), d.type);
    // and "Sabina Oblak" in a header is "sabina" and "dejan" typed in lower case, unless the word is also a common one ("Will", "Rose")
    else if (d.type === "PERSON") for (const lower of lowerCaseForms(value)) register(lower, d.type, true);
  }
  if (byHash.size === 0) return [];
  // Values of different lengths end at the same place ("Ana Novak" and "Novak"): the firm check
  // after a name, which reads the words there, is made once per end (a pure function of it).
  const companyAfterKnown = new Map<number, boolean>();
  const companyAfterAt = (end: number, fullName: boolean): boolean => {
    const key = end * 2 + (fullName ? 1 : 0);
    let known = companyAfterKnown.get(key);
    if (known === undefined) companyAfterKnown.set(key, (known = companyAfter(text, end, fullName)));
    return known;
  };
  const out: Detection[] = [];
  let next = 0; // the first found detection that starts at or after i
  for (const i of wordStartsWithHead(text, firstUnits, headHashes)) {
    const bucket = byHash.get(headHash(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)))!;
    while (next < found.length && found[next]!.start < i) next++;
    const here = next < found.length && found[next]!.start === i ? found[next]! : null;
    for (const { value, type, endsInLetter, standalone } of bucket) {
      const end = i + value.length;
      // A name must end where the word ends ("Ana" is not in "Anamarija"); a number glued to
      // a following letter ("10.2.3.4N") is still the whole number.
      const wordEnds = !endsInLetter || !(end < text.length && isWordish(text.charCodeAt(end)));
      if (!wordEnds || !text.startsWith(value, i)) continue;
      if (standalone && !(STANDS_BEFORE.test(text[i - 1] ?? "") && (STANDS_AFTER.test(text[end] ?? "") || (text[end] === "." && !isWordish(text.charCodeAt(end + 1)))))) continue;
      // "Dr. Harper" found, "Harper Collins Dental" a firm: a surname in a company's name is not a repeat
      if (type === "PERSON" && companyAfterAt(end, value.includes(" "))) continue;
      const repeat: Detection = { type, start: i, end, confidence: REPEAT_CONFIDENCE };
      // The value where it was found: that detection outranks its own repeat (same span, higher
      // confidence), so the repeat could never be kept and only costs the second resolution.
      if (here !== null && here.end === end && compareRank(here, repeat) < 0) continue;
      out.push(repeat);
    }
  }
  return out;
}

/** Longest first, then higher confidence, then the type earlier in ENTITY_TYPES, then the earlier start. */
function compareRank(a: Detection, b: Detection): number {
  return (
    b.end - b.start - (a.end - a.start) ||
    b.confidence - a.confidence ||
    PRIORITY.get(a.type)! - PRIORITY.get(b.type)! ||
    a.start - b.start
  );
}

/** Clusters up to this size are resolved by comparing each candidate with the kept ones. */
const SMALL_CLUSTER = 32;

/**
 * Longest span wins, then higher confidence, then the type earlier in
 * ENTITY_TYPES. Greedy in that order: a kept span blocks every later one it
 * touches, so the result is deterministic and never overlaps.
 *
 * A kept span only blocks spans that overlap it, so the greedy choice is made
 * separately in each cluster of overlapping candidates, found by one sweep in
 * start order (detectors report in that order, so the sort mostly merges their
 * runs). Most clusters hold one or two candidates. A large one (dense input: a
 * pasted table of names and phone numbers) keeps its occupied positions in a
 * byte per position plus a count per block of 64, so "is anything in
 * [start, end) kept?" stays cheap and the whole stays O(n log n) plus the
 * length of the text.
 */
export function resolveOverlaps(candidates: readonly Detection[]): Detection[] {
  const byStart: Detection[] = [];
  for (const candidate of candidates) {
    if (candidate.end > candidate.start && candidate.start >= 0) byStart.push(candidate);
  }
  // Stable: candidates equal in every field keep their order, as in the ranking sort.
  byStart.sort((a, b) => a.start - b.start);
  const kept: Detection[] = [];
  for (let first = 0; first < byStart.length; ) {
    let reach = byStart[first]!.end;
    let next = first + 1;
    while (next < byStart.length && byStart[next]!.start < reach) {
      if (byStart[next]!.end > reach) reach = byStart[next]!.end;
      next++;
    }
    if (next - first === 1) kept.push(byStart[first]!);
    else if (next - first === 2) {
      // The common case, two overlapping candidates: the higher ranked one stays (on a
      // tie, the one reported first, as the stable ranking sort would have it).
      const a = byStart[first]!;
      const b = byStart[first + 1]!;
      kept.push(compareRank(a, b) <= 0 ? a : b);
    } else resolveCluster(byStart.slice(first, next), kept);
    first = next;
  }
  return kept;
}

/** The greedy choice within one cluster; appends what it keeps to `kept`, in start order. */
function resolveCluster(cluster: Detection[], kept: Detection[]): void {
  const ranked = cluster.slice().sort(compareRank);
  const chosen: Detection[] = [];
  if (ranked.length <= SMALL_CLUSTER) {
    for (const candidate of ranked) {
      if (!chosen.some((k) => k.start < candidate.end && candidate.start < k.end)) chosen.push(candidate);
    }
  } else {
    const from = cluster[0]!.start;
    let to = from;
    for (const candidate of cluster) if (candidate.end > to) to = candidate.end;
    const occupied = new OccupiedPositions(from, to);
    for (const candidate of ranked) {
      if (occupied.anyIn(candidate.start, candidate.end)) continue;
      occupied.mark(candidate.start, candidate.end);
      chosen.push(candidate);
    }
  }
  chosen.sort((a, b) => a.start - b.start);
  for (const candidate of chosen) kept.push(candidate);
}

/** Kept text positions in [from, to): a byte each, and how many are kept in each block of 64. */
class OccupiedPositions {
  private readonly positions: Uint8Array;
  private readonly blocks: Int32Array;
  constructor(
    private readonly from: number,
    to: number,
  ) {
    this.positions = new Uint8Array(to - from);
    this.blocks = new Int32Array(((to - from) >> 6) + 1);
  }
  mark(start: number, end: number): void {
    for (let position = start - this.from; position < end - this.from; position++) {
      this.positions[position] = 1;
      this.blocks[position >> 6]!++;
    }
  }
  /** Whether any position in [start, end) is kept. */
  anyIn(start: number, end: number): boolean {
    const positions = this.positions;
    let position = start - this.from;
    const last = end - this.from;
    const headEnd = Math.min(last, ((position >> 6) + 1) << 6);
    for (; position < headEnd; position++) if (positions[position] !== 0) return true;
    for (; position + 64 <= last; position += 64) if (this.blocks[position >> 6] !== 0) return true;
    for (; position < last; position++) if (positions[position] !== 0) return true;
    return false;
  }
}
