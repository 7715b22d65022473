import type { Detection } from "../../types";
import { COMMON_WORD, gazetteer, GIVEN, NOMINATIVE, NOT_A_NAME, SURNAME, unitsHash, type Gazetteer } from "./gazetteer";

/**
 * Names typed all in lower case, as chat and quick mails write them ("said tina zorman no longer
 * works here", "callum mcleod paid"): a capital says nothing here, so only the surest pair counts,
 * a known given name followed by a known surname, neither of them an ordinary word, a product or a
 * place. A lower-case word alone is never taken ("rose", "will", "matej" stay for the cues).
 */
const LOWER_WORD = /(?<![\p{L}\p{N}@._'’/-])\p{Ll}{3,20}(?![\p{L}\p{N}@'’/]|[._-][\p{L}\p{N}])/gu;

/**
 * LOWER_WORD's matches in a text without surrogates, found by one pass over the units instead:
 * the regex, tried at every position of prose full of lower-case words, was a tenth of the
 * engine's time. A match is a whole run of lower-case letters, 3 to 20 long (a longer run has a
 * lower-case letter after every shorter prefix, a later start one before it), with no letter,
 * digit or one of @._'’/- before it, and after it no letter, digit or one of @'’/, nor one of
 * ._- followed by a letter or a digit.
 */
const LL = 1;
const LETTER_OR_DIGIT = 2;
const KNOWN = 4;
/** Classes per UTF-16 unit, asked of the regexes once per unit (KNOWN set once asked). */
const UNIT_CLASSES = new Uint8Array(65536);
const IS_LL = /\p{Ll}/u;
const IS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function classOf(unit: number): number {
  const known = UNIT_CLASSES[unit]!;
  return known !== 0 ? known : askClassOf(unit);
}

function askClassOf(unit: number): number {
  const char = String.fromCharCode(unit);
  const known = KNOWN | (IS_LL.test(char) ? LL : 0) | (IS_LETTER_OR_DIGIT.test(char) ? LETTER_OR_DIGIT : 0);
  UNIT_CLASSES[unit] = known;
  return known;
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
/** @ . _ ' ’ / - : no word of LOWER_WORD starts right after one */
const isGluedBefore = (unit: number) => unit === 64 || unit === 46 || unit === 95 || unit === 39 || unit === 0x2019 || unit === 47 || unit === 45;

/**
 * Calls `word` with the start and end of every LOWER_WORD match, in order; false (having stopped)
 * when the text has a surrogate, where the regex reads code points.
 */
export function eachLowerWord(text: string, word: (start: number, end: number) => void): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const unit = text.charCodeAt(i);
    if ((classOf(unit) & LL) === 0) {
      if (isSurrogate(unit)) return false;
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n && (classOf(text.charCodeAt(i)) & LL) !== 0) i++;
    // text[i] is not lower-case (or the end): checked below, then the scan resumes there
    const length = i - start;
    if (length < 3 || length > 20) continue;
    if (start > 0) {
      const before = text.charCodeAt(start - 1);
      if (isSurrogate(before)) return false;
      if ((classOf(before) & LETTER_OR_DIGIT) !== 0 || isGluedBefore(before)) continue;
    }
    if (i < n) {
      const after = text.charCodeAt(i);
      if (isSurrogate(after)) return false;
      if ((classOf(after) & LETTER_OR_DIGIT) !== 0 || after === 64 || after === 39 || after === 0x2019 || after === 47) continue;
      if ((after === 46 || after === 95 || after === 45) && i + 1 < n) {
        const next = text.charCodeAt(i + 1);
        if (isSurrogate(next)) return false;
        if ((classOf(next) & LETTER_OR_DIGIT) !== 0) continue;
      }
    }
    word(start, i);
  }
  return true;
}

/** Units that make a word South Slavic for the gazetteer (č š ž ć đ): it then looks the word up as written only. */
const isSouthSlavic = (unit: number) => unit === 0x10d || unit === 0x161 || unit === 0x17e || unit === 0x107 || unit === 0x111;

/**
 * names.asciiNominativeFlagsOf(text.slice(start, end)), without the slice and the look-up for
 * most words: a word in ASCII or with a South Slavic letter whose hash no key has is in no list.
 */
function flagsAt(names: Gazetteer, text: string, start: number, end: number): number {
  let foldable = false;
  let southSlavic = false;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 127) {
      if (isSouthSlavic(unit)) southSlavic = true;
      else foldable = true;
    }
  }
  if ((!foldable || southSlavic) && !names.mayBeListed(unitsHash(text, start, end))) return 0;
  return names.asciiNominativeFlagsOf(text.slice(start, end));
}

export function lowerCaseNames(text: string, detections: Detection[]): void {
  const names = gazetteer();
  const found: Detection[] = [];
  let previousEnd = -1;
  let previousGiven = false;
  let previousStart = 0;
  const word = (start: number, end: number) => {
    const flags = flagsAt(names, text, start, end);
    const sure = (flags & (COMMON_WORD | NOT_A_NAME)) === 0;
    if (previousGiven && start === previousEnd + 1 && text.charCodeAt(previousEnd) === 32 && sure && (flags & SURNAME) !== 0) {
      found.push({ type: "PERSON", start: previousStart, end, confidence: 0.6 });
    }
    previousGiven = sure && (flags & GIVEN) !== 0;
    previousStart = start;
    previousEnd = end;
  };
  if (!eachLowerWord(text, word)) {
    found.length = 0;
    previousEnd = -1;
    previousGiven = false;
    previousStart = 0;
    for (const hit of text.matchAll(LOWER_WORD)) word(hit.index, hit.index + hit[0].length);
  }
  for (const detection of found) detections.push(detection);
}

/**
 * Whether the writer types names in lower case: a name already found (a chat's speaker label,
 * "anja:", "mojca  08:33") is one lower-case word. Then a lower-case given name elsewhere in the
 * text is a name too ("i think mia or benjamin", "his tickets → nina"), unless it is also an
 * ordinary word, a product or a place ("rok", "luka", "jasna" stay), or a case form.
 */
function writesNamesInLowerCase(text: string, detections: readonly Detection[], names: Gazetteer): boolean {
  if (detections.some((d) => d.type === "PERSON" && d.end - d.start >= 3 && /^\p{Ll}+$/u.test(text.slice(d.start, d.end)))) return true;
  // "- dejan promised a new toner", "- jure still sick": list items opened by a given name, twice
  let items = 0;
  for (const item of text.matchAll(NAME_OPENS_ITEM)) {
    const start = item.index + item[0].indexOf(item[1]!);
    if (isSureGivenNominative(flagsAt(names, text, start, start + item[1]!.length)) && ++items >= 2) return true;
  }
  return false;
}
const NAME_OPENS_ITEM = /^[ \t]*[-*•][ \t]+(\p{Ll}{3,20})[ \t]+(?=\p{Ll})/gmu;

/** A given name in the nominative that is no ordinary word, product or place. */
function isSureGivenNominative(flags: number): boolean {
  return (flags & GIVEN) !== 0 && (flags & NOMINATIVE) !== 0 && (flags & (COMMON_WORD | NOT_A_NAME)) === 0;
}

/** Run after the structural rules, whose speaker labels say how the writer types names. */
export function lowerCaseGivenNames(text: string, detections: Detection[]): void {
  const names = gazetteer();
  if (!writesNamesInLowerCase(text, detections, names)) return;
  const found: Detection[] = [];
  const word = (start: number, end: number) => {
    // Nominatives only: a case form in lower case is as often a word ("evo", Eva's accusative, is "here")
    if (isSureGivenNominative(flagsAt(names, text, start, end))) found.push({ type: "PERSON", start, end, confidence: 0.55 });
  };
  if (!eachLowerWord(text, word)) {
    found.length = 0;
    for (const hit of text.matchAll(LOWER_WORD)) word(hit.index, hit.index + hit[0].length);
  }
  for (const detection of found) detections.push(detection);
}
