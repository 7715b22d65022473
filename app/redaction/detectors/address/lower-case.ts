import { addressData } from "../../address-data/load";
import type { Span } from "./street-before-number";

/**
 * Slovenian streets typed in lower case, as chats, SMS and quick web forms have them ("naslov:
 * presernova 8 kamnik", "sel k stranki na celovsko 150", "sm na vrtni ulici 4 v lescah"). The
 * street shapes are read from capitals, so each such street and the town after its number are
 * written again capitalised, with the same length, and the address detector reads that copy (as
 * capitals.ts does for addresses in capitals). Found from the house numbers: a number after a
 * lower-case word with a street's ending, or after a street kind ("ulici", "cesta").
 */

/** A house number after a blank: where a lower-case street may end; not a date's day ("obnova 1. 2. 2025"). */
const HOUSE_NUMBER = /[ \t]\d{1,4}[a-z]?(?=[\s,.;)]|$)(?!\.[ \t]?\d)/g;
/** A street name's adjective endings (Prešernova, Celovška, Celovško, Vrtni): six letters at least, so "novo 5" or "prvi 3" are none. */
const STREET_ADJECTIVE = /^\p{Ll}{3,}(?:ova|eva|ska|ška|ški|ski|sko|ško|ovo|evo|ovi|evi|ovem|evem|ni|na|no)$/u;
/** How far before the street and after the number the stretch reaches: a label or a preposition before, the town after. */
const BEFORE = 24;
const AFTER = 40;

/** The lower-case word that ends at `end`, read backwards (letters only). */
function wordBefore(text: string, end: number): { start: number; word: string } {
  let start = end;
  while (start > 0 && end - start < 30 && /\p{Ll}/u.test(text[start - 1]!)) start--;
  // only a word wholly in lower case: "Slovenčeva" is read by the detector as it is
  if (start > 0 && /[\p{L}\d]/u.test(text[start - 1]!)) return { start, word: "" };
  return { start, word: text.slice(start, end) };
}

/** Lower-case words inside town names: "zagorje ob savi", "šmarje pri jelšah". */
const TOWN_CONNECTORS = new Set(["ob", "pri", "pod", "nad", "na", "v"]);
const capitalised = (word: string) => word[0]!.toUpperCase() + word.slice(1);

export interface LowerCaseStretch extends Span {
  /** The stretch as an address would be written: the street's and the town's words capitalised. */
  text: string;
}

export function lowerCaseStreets(text: string): LowerCaseStretch[] {
  const stretches: LowerCaseStretch[] = [];
  const data = addressData();
  let done = 0;
  HOUSE_NUMBER.lastIndex = 0;
  for (let number = HOUSE_NUMBER.exec(text); number !== null; number = HOUSE_NUMBER.exec(text)) {
    if (number.index < done) continue;
    const last = wordBefore(text, number.index);
    if (last.word.length < 3) continue;
    const words: Array<{ start: number; word: string }> = [];
    if (data.kindAfterName.has(last.word)) {
      // "vrtni ulici 4": the kind after the street's name
      const name = wordBefore(text, last.start - 1);
      if (text[last.start - 1] !== " " || name.word.length < 4 || !STREET_ADJECTIVE.test(name.word)) continue;
      words.push(name);
    } else if (last.word.length >= 6 && STREET_ADJECTIVE.test(last.word) && !data.towns.has(last.word)) {
      words.push(last);
    } else continue;
    const start = Math.max(done, words[0]!.start - BEFORE);
    const lineEnd = text.indexOf("\n", number.index);
    const end = Math.min(text.length, number.index + number[0].length + AFTER, lineEnd === -1 ? Infinity : lineEnd);
    let copy = text.slice(start, end);
    const put = (at: number, word: string) => {
      copy = copy.slice(0, at - start) + capitalised(word) + copy.slice(at - start + word.length);
    };
    for (const w of words) put(w.start, w.word);
    // the town after the number ("8 kamnik", "4 v lescah"), when it is a known one
    const after = /^[ \t]*,?[ \t]*((?:v|na)[ \t]+)?(\p{Ll}+(?:[ \t]\p{Ll}+)?)/u.exec(text.slice(number.index + number[0].length, end));
    if (after !== null) {
      const preposition = after[1]?.trim();
      const town = [after[2]!, after[2]!.split(/[ \t]/)[0]!].find((phrase) => (preposition ? data.townLocatives.has(`${preposition} ${phrase}`) : data.towns.has(phrase)));
      if (town !== undefined) {
        let at = number.index + number[0].length + after[0].length - after[2]!.length;
        for (const word of town.split(/([ \t])/)) {
          if (word.length >= 2 && !TOWN_CONNECTORS.has(word)) put(at, word);
          at += word.length;
        }
      }
    }
    stretches.push({ start, end, text: copy });
    done = end;
  }
  return stretches;
}
