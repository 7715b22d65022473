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

/** "c. 1", "ces. 12b", "ul. 4", "nab. 3": a street kind abbreviated right before the number. */
const ABBREVIATED_KIND = /(?<![\p{L}])(?:c|ces|ul|nab)\.[ \t]?$/u;
/** The longest stretch a street starting inside it may still be merged into. */
const MAX_MERGED = 160;
/** How many lower-case words of a name may stand between a kind and the number ("ulica heroja staneta 1"). */
const NAME_WORDS_AFTER_KIND = 3;

/**
 * The kind that opens the street's name, one to three lower-case words before the number:
 * "cesta talcev 22", "trg svobode 2", "ulica heroja staneta 1". The kind's own word is what gets
 * its capital ("Cesta talcev 22"), as the street is written.
 */
function kindBeforeName(text: string, nameStart: number, kinds: ReadonlySet<string>): { start: number; word: string } | null {
  let end = nameStart;
  for (let i = 0; i < NAME_WORDS_AFTER_KIND; i++) {
    if (text[end - 1] !== " ") return null;
    const word = wordBefore(text, end - 1);
    if (word.word.length < 2) return null;
    if (kinds.has(capitalised(word.word))) return word;
    end = word.start;
  }
  return null;
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
    // A number inside the last stretch may still end another street, merged with it below; a
    // stretch that has grown long is left to end (a long run of streets would be copied again
    // at every number).
    if (number.index < done && done - (stretches.at(-1)?.start ?? 0) > MAX_MERGED) continue;
    const words: Array<{ start: number; word: string }> = [];
    const abbreviated = ABBREVIATED_KIND.exec(text.slice(Math.max(0, number.index - 6), number.index));
    const last = abbreviated ? { start: number.index - abbreviated[0].length, word: "" } : wordBefore(text, number.index);
    const kindFirst = abbreviated ? null : kindBeforeName(text, last.start, data.kindBeforeName);
    if (abbreviated) {
      // "impoljska c. 1", "kolodvorska ces. 12b": the kind abbreviated after the street's name
      const name = text[last.start - 1] === " " ? wordBefore(text, last.start - 1) : { start: last.start, word: "" };
      if (name.word.length < 4 || !STREET_ADJECTIVE.test(name.word)) continue;
      words.push(name);
    } else if (last.word.length < 3) continue;
    else if (kindFirst !== null) {
      // "cesta talcev 22", "trg svobode 2": the kind first, the name after it in the genitive
      words.push(kindFirst);
    } else if (data.kindAfterName.has(last.word)) {
      // "vrtni ulici 4": the kind after the street's name
      const name = wordBefore(text, last.start - 1);
      if (text[last.start - 1] !== " " || name.word.length < 4 || !STREET_ADJECTIVE.test(name.word)) continue;
      words.push(name);
    } else if (last.word.length >= 6 && STREET_ADJECTIVE.test(last.word) && !data.towns.has(last.word)) {
      words.push(last);
    } else continue;
    // A street that starts inside the last stretch ("gosposvetska 8 maribor pravilno pa je
    // gosposvetska cesta 8a"): that stretch is read on to this one's end, as one copy.
    const previous = words[0]!.start < done ? stretches.pop() : undefined;
    if (previous !== undefined && words[0]!.start < previous.start) {
      stretches.push(previous); // a street that would begin before the last one's copy: left as it was
      continue;
    }
    const start = previous?.start ?? Math.max(done, words[0]!.start - BEFORE);
    const lineEnd = text.indexOf("\n", number.index);
    const end = Math.max(previous?.end ?? 0, Math.min(text.length, number.index + number[0].length + AFTER, lineEnd === -1 ? Infinity : lineEnd));
    let copy = previous ? previous.text + text.slice(previous.end, end) : text.slice(start, end);
    const put = (at: number, word: string) => {
      copy = copy.slice(0, at - start) + capitalised(word) + copy.slice(at - start + word.length);
    };
    for (const w of words) put(w.start, w.word);
    // the town after the number ("8 kamnik", "4 v lescah", "8a, 2000 maribor"), when it is a known one
    const after = /^[ \t]*,?[ \t]*(?:\d{4}[ \t]+)?((?:v|na)[ \t]+)?(\p{Ll}+(?:[ \t]\p{Ll}+)?)/u.exec(text.slice(number.index + number[0].length, end));
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

/** The prefixes that only name villages (upper, lower, middle); "novih", "velike", "stari" are as often ordinary words. */
const UPPER_LOWER_PREFIX = /^(?:zgornj[eia]|spodnj[eia]|srednj[eia]|gornj[eia]|dolnj[eia]|dolenj[eia]|gorenj[eia])$/;
export const isVillageOnlyPrefix = (word: string): boolean => UPPER_LOWER_PREFIX.test(word.toLowerCase());
/** Four digits and lower-case words after them: a postcode and its town typed in lower case ("1360 vrhnika", "4001 kranj"). */
const POSTCODE_LOWER_TOWN = /(?<![\p{L}\d.,/-])[1-9]\d{3}[ \t]+(\p{Ll}{2,25}(?:[ \t]\p{Ll}{1,25}){0,3})/gu;

/**
 * A Slovenian postcode with its town in lower case, as chats and quick forms have it ("pp 44,
 * 4001 kranj", "1360 vrhnika"): only a known town's name (the longest that matches) or a village
 * named by its prefix, so "1500 uporabnikov" stays.
 */
export function lowerCasePostcodeTowns(text: string): Span[] {
  const data = addressData();
  const spans: Span[] = [];
  POSTCODE_LOWER_TOWN.lastIndex = 0;
  for (let hit = POSTCODE_LOWER_TOWN.exec(text); hit !== null; hit = POSTCODE_LOWER_TOWN.exec(text)) {
    const words = hit[1]!.split(/([ \t])/);
    for (let n = Math.min(words.length, data.maxTownWords * 2 - 1); n >= 1; n -= 2) {
      const phrase = words.slice(0, n).join("");
      // a village named by its prefix ("4206 zgornje jezersko") need not be listed
      const village = n === 3 && isVillageOnlyPrefix(words[0]!);
      if (!data.towns.has(phrase) && !village) continue;
      const end = hit.index + hit[0].length - hit[1]!.length + phrase.length;
      if (!/[\p{L}\d]/u.test(text[end] ?? "")) spans.push({ start: hit.index, end });
      break;
    }
  }
  return spans;
}
