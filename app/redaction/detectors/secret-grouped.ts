import type { Detection } from "../types";

/**
 * Generated passwords written in groups, which no language writes and which need no cue:
 * - app passwords of Google and Apple: four groups of four lower-case letters, by blanks or dashes
 *   ("ufhp mgvf aknx kucv", "sepj-mmqq-rrac-utfy"). Words of four letters run like that in prose
 *   too ("this will make sure"), so at least two groups must read as no word: no vowel, or three
 *   consonants in a row;
 * - a TOTP seed in base32, in groups of four capitals and digits 2 to 7 as authenticator apps show
 *   it ("JBSW Y3DP EHPK 3PXP"), with digits among the letters.
 */
const APP_PASSWORD = /(?<![\p{L}\d-])[a-z]{4}([ -])[a-z]{4}\1[a-z]{4}\1[a-z]{4}(?![\p{L}\d-])/gu;
const BASE32_GROUPS = /(?<![\p{L}\d-])[A-Z2-7]{4}(?: [A-Z2-7]{4}){3,7}(?![\p{L}\d-])/gu;
const NO_WORD = /^[^aeiouy]{4}$|[^aeiouy]{3}/;

export function detectGroupedSecrets(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of text.matchAll(APP_PASSWORD)) {
    const groups = match[0].split(match[1]!);
    if (groups.filter((group) => NO_WORD.test(group)).length >= 2) detections.push(found(match));
  }
  for (const match of text.matchAll(BASE32_GROUPS)) {
    const digits = match[0].replace(/\D/g, "").length;
    if (digits >= 2 && /[A-Z].*[A-Z]/.test(match[0])) detections.push(found(match));
  }
  return detections;
}

function found(match: RegExpMatchArray): Detection {
  return { type: "SECRET", start: match.index!, end: match.index! + match[0].length, confidence: 0.8 };
}
