/**
 * Whether a UTF-16 unit is a letter (\p{L}), asked of the regex once per unit and remembered:
 * the detectors ask it at every step of a backwards word scan or a cue's start check, where a
 * regex call per character was most of their time. A lone surrogate is no letter.
 */
const LETTER = /\p{L}/u;
/** 0 not yet asked, 1 a letter, 2 not. */
const LETTER_UNITS = new Uint8Array(65536);

export function isLetterUnit(unit: number): boolean {
  let known = LETTER_UNITS[unit]!;
  if (known === 0) LETTER_UNITS[unit] = known = LETTER.test(String.fromCharCode(unit)) ? 1 : 2;
  return known === 1;
}
