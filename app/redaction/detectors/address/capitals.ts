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
 * Stretches without a lower-case letter that hold two words of three or more capitals and a digit
 * ("CELOVŠKA 150\n1000 LJUBLJANA"); a log's "23:59:59 2026 GMT" or "PROTO=TCP SPT=51577" is none.
 */
export function capitalStretches(text: string): Span[] {
  const stretches: Span[] = [];
  let start = 0;
  let capitals = 0;
  let longWords = 0;
  let digit = false;
  for (let i = 0; i <= text.length; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : 97;
    const cls = charClass(unit);
    if (cls === UPPER) {
      if (++capitals === 3) longWords++;
      continue;
    }
    capitals = 0;
    if (cls === DIGIT) {
      digit = true;
      continue;
    }
    // a lower-case letter, a breaker or a time's colon ("23:59") ends the stretch
    if (cls === LOWER || BREAKERS.has(unit) || (unit === 58 && charClass(text.charCodeAt(i + 1)) === DIGIT)) {
      if (longWords >= 2 && digit) stretches.push({ start, end: i });
      start = i + 1;
      longWords = 0;
      digit = false;
    }
  }
  return stretches;
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
