import { addressData } from "../../address-data/load";
import { charClass } from "../person/name-tokens";
import type { Span } from "./street-before-number";

/**
 * Addresses written in capitals ("DUNAJSKA CESTA 5, 1000 LJUBLJANA", "CELOVŠKA 150\n1000
 * LJUBLJANA", "350 FIFTH AVENUE\nNEW YORK NY 10118"), as forms, labels and shipping systems print
 * them. The street shapes are read from the case of the letters ("Dunajska cesta", "Trg
 * republike"), so a stretch of text without lower-case letters that holds a word in capitals and a
 * digit is written again in the case an address would have, with the same length, and the address
 * detector reads that copy. Each character belongs to one stretch at most: linear in the text.
 */

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;

/** Characters no address holds: a stretch of log fields or markup ("PROTO=TCP", "<B>") ends there. */
const BREAKERS = new Set([..."=<>{}[]|@_\\\"`~^*$%+"].map((c) => c.charCodeAt(0)));
/**
 * Three Latin letters in a row that may be capitals: where a stretch may be. A plain class, which
 * V8 scans for ten times faster than \p{Lu}; Latin Extended-A mixes both cases, so a hit is
 * checked letter by letter.
 */
const THREE_CAPITALS = /[A-ZÀ-ÖØ-ÞĀ-ž]{3}/g;

function endsStretch(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  if (unit >= 97 && unit <= 122) return true;
  if (unit < 128 && !BREAKERS.has(unit) && unit !== 58) return false;
  // a lower-case letter, a breaker or a time's colon ("23:59") ends the stretch
  return charClass(unit) === LOWER || BREAKERS.has(unit) || (unit === 58 && charClass(text.charCodeAt(i + 1)) === DIGIT);
}

/**
 * Stretches without a lower-case letter that hold two words of three or more capitals and a digit
 * ("CELOVŠKA 150\n1000 LJUBLJANA"); a log's "23:59:59 2026 GMT" or "PROTO=TCP SPT=51577" is none.
 * Found from each run of three capitals, widened both ways; every character is read once at most.
 */
export function capitalStretches(text: string): Span[] {
  const stretches: Span[] = [];
  let done = 0;
  THREE_CAPITALS.lastIndex = 0;
  for (let hit = THREE_CAPITALS.exec(text); hit !== null; hit = THREE_CAPITALS.exec(text)) {
    let capitals = 0;
    while (capitals < 3 && charClass(text.charCodeAt(hit.index + capitals)) === UPPER) capitals++;
    if (capitals < 3) {
      THREE_CAPITALS.lastIndex = hit.index + capitals + 1;
      continue;
    }
    let start = hit.index;
    while (start > done && !endsStretch(text, start - 1)) start--;
    let end = hit.index + 3;
    while (end < text.length && !endsStretch(text, end)) end++;
    done = end;
    THREE_CAPITALS.lastIndex = end;
    if (qualifies(text, start, end)) stretches.push({ start, end });
  }
  return stretches;
}

function qualifies(text: string, start: number, end: number): boolean {
  let capitals = 0;
  let longWords = 0;
  let digit = false;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    const cls = unit >= 65 && unit <= 90 ? UPPER : unit >= 48 && unit <= 57 ? DIGIT : unit < 128 ? 0 : charClass(unit);
    if (cls === UPPER) {
      if (++capitals === 3) longWords++;
    } else {
      capitals = 0;
      if (cls === DIGIT) digit = true;
    }
  }
  return longWords >= 2 && digit;
}

/** Lower-case words inside street and town names: "CESTA NA BRDO", "ŠMARTNO PRI LITIJI", "RUE DE LA PAIX". */
const CONNECTORS = new Set(["v", "na", "ob", "pri", "pod", "nad", "za", "k", "de", "la", "del", "della", "di", "am", "an", "der", "upon"]);
const ROMAN = /^[IVXLC]+$/;
const WORD = /\p{Lu}+/gu;

/**
 * `stretch` in the case an address has: a word is capitalised ("LJUBLJANA" → "Ljubljana"), a
 * street kind after a name is lower-case ("DUNAJSKA CESTA 5" → "Dunajska cesta 5"), a connector before
 * another word is lower-case ("PRI LITIJI" → "pri Litiji"). Two-letter codes ("NY", "SI-"), Roman
 * numerals and letters glued to digits ("55A", "SW1A") stay. Same length, letter for letter.
 */
export function inAddressCase(stretch: string): string {
  const kinds = addressData().kindAfterName;
  let out = "";
  let last = 0;
  let wordsOnLine = 0;
  for (const match of stretch.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    const before = at > 0 ? stretch.charCodeAt(at - 1) : 32;
    const after = at + word.length < stretch.length ? stretch.charCodeAt(at + word.length) : 32;
    const between = stretch.slice(last, at);
    if (between.includes("\n") || between.includes(":")) wordsOnLine = 0; // a new line or a field's value
    out += between;
    last = at + word.length;
    const glued = charClass(before) === DIGIT || charClass(after) === DIGIT;
    const lower = lowerSameLength(word);
    const next = charClass(stretch.charCodeAt(at + word.length + 1));
    const followedByWord = after === 32 && next === UPPER;
    let recased = word;
    if (glued || ROMAN.test(word)) recased = word;
    else if (wordsOnLine > 0 && CONNECTORS.has(lower) && followedByWord) recased = lower;
    // the kind ends a street name right before the house number ("DUNAJSKA CESTA 5"); first, it starts one ("TRG REPUBLIKE 3")
    else if (word.length >= 3 && wordsOnLine > 0 && kinds.has(lower) && after === 32 && next === DIGIT) recased = lower;
    else if (word.length >= 3) recased = word.charAt(0) + lower.slice(1);
    out += recased;
    wordsOnLine++;
  }
  return out + stretch.slice(last);
}

/** Lower case letter for letter, a letter whose lower case is longer ("İ") left as it is. */
function lowerSameLength(word: string): string {
  let out = "";
  for (const char of word) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : char;
  }
  return out;
}
