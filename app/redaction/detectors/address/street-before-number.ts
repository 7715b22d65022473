import { addressData } from "../../address-data/load";
import { scanAll } from "../candidate-scan";

/**
 * Street lines in which the house number follows the street name: Slovenian and Croatian in any
 * grammatical case ("Dunajska cesta 5", "na Glavnem trgu 14", "v Ulici heroja Šaranoviča 12a",
 * "Cesti v Gorice 8", "na Celovški 150"), villages with a house number ("Zgornje Gameljne 45",
 * "Šmartno pri Litiji 12"), German and Austrian ("Friedrichstraße 123", "Mariahilfer Straße
 * 45/3") and Italian ("Via Roma 12", "Piazza del Duomo, 1").
 *
 * Every such line ends in a house number, so the scan starts from each short run of digits and
 * reads at most MAX_WORDS words (MAX_BACK characters) back on the same line: bounded work per
 * number, linear in the text.
 */

const MAX_WORDS = 6;
const MAX_BACK = 70;
/**
 * A blank and the digits after it: a house number follows the street name after a blank (or
 * ", "), so the runs of digits after anything else are not read at all (they were most of them).
 */
const BLANK_DIGITS = /[ \t]\d{1,5}/g;
/** "5", "12a", "12 a" (but "14 v Domžalah" ends at 14), "5/II", "120/a", "45/3/12", "12-14", "1A"; not a time, a decimal or a unit ("5 km"). */
const HOUSE_NUMBER = /\d{1,4}(?:(?:[a-zA-Z]| (?![vszkhuVSZKHU][ \t])[a-zA-Z])(?![\p{L}\d]))?(?:[/-](?:\d{1,4}[a-zA-Z]?|[IVX]{1,4}|[a-zA-Z](?!\p{L})))?(?:\/\d{1,4})?(?![\p{L}\d%€$]|[.,:]\d)/uy;
const PREPOSITIONS = new Set(["v", "u", "na", "iz", "z", "s", "k", "h", "ob", "do", "od", "po", "V", "U", "Na", "Iz", "Z", "S", "K", "Ob", "Do", "Od", "Po"]);
const VILLAGE_LINKS = new Set(["pri", "ob", "nad", "pod"]);
/** "Gorenja vas 25", "iz Gorenje vasi 102", "Novo selo 4": a village named by a prefix and a lower-case noun. */
const VILLAGE_NOUN = /^(?:vas|vasi|vasjo|selo|sela|selu|polje|polja|polju|brdo|brda|brdu|vrh|vrha|vrhu|dol|dola|dolu|gora|gore|gori|goro)$/;
/** Nominative "Celovška 150" is found elsewhere; these are the other cases, after a preposition ("na Celovški 150"). */
/** …and Croatian's locative of a feminine street adjective ("u Vukovarskoj 22", "na Zagrebačkoj 5"). */
const DECLINED_ADJECTIVE = /^\p{Lu}\p{Ll}{2,20}(?:ski|ški|čki|ovi|evi|ini|ske|ške|čke|ove|eve|ine|sko|ško|čko|ovo|evo|ino|[bcčdfghjklmnpstvzšž]n[ieo]|skoj|škoj|čkoj|ovoj|evoj|inoj)$/u;
/** A capitalised word; a double name keeps its second capital ("Bajcsy-Zsilinszky út 31", "Karl-Marx"). */
const CAPITALISED = /^\p{Lu}[\p{Ll}'’-]{1,25}(?:-\p{Lu}[\p{Ll}'’]{1,25})?\.?$/u;
/**
 * A number followed by a unit or a count is a quantity, not a house number: "Na cesti 5 minut",
 * "Pri vhodu 3 osebe", "Street 5 km". Read on the same line, right after the number.
 */
const QUANTITY = /^[ \t]+(?:minut[aei]?|min|ur[aei]?|sekund[aei]?|sek|dni|dan|dneva|dneh|tedn[aiov]{1,2}|mesec[aeiv]{0,2}|let[ao]?|km|m(?!\.[ \t]?\d)|cm|mm|kg|metr[aiov]{1,2}|kos[aeiov]{0,2}|krat|oseb[ae]?|ljudi|mest[ao]?|evr[aeiov]{1,2}|EUR|€|%|odstot[a-z]{1,4}|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|miles?|times|percent|people|persons)(?![\p{L}\d])/u;
export function quantityAfter(text: string, end: number): boolean {
  return QUANTITY.test(text.slice(end, end + 14));
}
/**
 * Words of a sentence, not of a street name: a street that starts with its kind ("Cesta v Mestni
 * log 1", "Ulica heroja Staneta 4") holds no verb or conjunction ("Cesta je zaprta do 15. 5.",
 * the Croatian kind "Put" starting "Put it in Box 5").
 */
const PROSE_WORDS = new Set(["je", "so", "bo", "bodo", "bi", "ni", "sta", "ste", "smo", "sem", "si", "da", "ki", "ko", "če", "ker", "ali", "pa", "se", "bil", "bila", "bilo", "bili", "the", "is", "are", "was", "and", "it", "in", "on", "to", "a", "an", "this", "that", "them", "me", "you", "your", "my"]);
const ORDINAL = /^\d{1,2}\.$/;
/** "XIV.", "17.", "heroja", "v", "Mestni": a word inside a street name that starts with its kind. */
const NAME_WORD = /^(?:[\p{L}'’-]{1,25}\.?|\d{1,2}\.|[IVXLC]{1,6}\.)$/u;

const SENTENCE_WORD = /^\p{L}{4,}\.$/u;
const NUMBER_LABEL = /^(?:št\.?|štev\.|hš\.|No\.?|no\.|Nr\.?|nr\.)$/;
/** A street that names its kind in the nominative, first ("Trg republike 3") or last ("Ljubljanska cesta 9"). */
const NOMINATIVE_KIND = /^(?:Ulica|Cesta|Trg|Pot|Nabrežje|Naselje|Obala|Steza|Drevored|Ul\.|C\.)[ \t]/;
const NOMINATIVE_KIND_LAST = /(?<![\p{L}])(?:ulica|cesta|trg|pot|nabrežje|naselje|obala|steza|drevored|ul\.|c\.|ces\.|nab\.)[ \t]$/u;

export interface Span {
  start: number;
  end: number;
}

interface Word {
  start: number;
  end: number;
  text: string;
}

export function streetsBeforeNumbers(text: string): Span[] {
  const streets: Span[] = [];
  BLANK_DIGITS.lastIndex = 0;
  for (let hit = BLANK_DIGITS.exec(text); hit !== null; hit = BLANK_DIGITS.exec(text)) {
    const at = hit.index + 1;
    const digits = hit[0].length - 1;
    if (digits > 4 || (at + digits < text.length && isDigit(text.charCodeAt(at + digits)))) continue;
    // Cheap reject first: a street name ends in a letter or an abbreviation's dot right before
    // the blank (or the ", " of "Via Roma, 12"); "1 2 3" or "ob 10:30" never start the reading.
    const before = text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 9 ? at - (text.charCodeAt(at - 2) === 44 ? 3 : 2) : -1;
    if (before < 0 || !(isLetter(text.charCodeAt(before)) || text.charCodeAt(before) === 46)) continue;
    HOUSE_NUMBER.lastIndex = at;
    const number = HOUSE_NUMBER.exec(text);
    if (number === null || quantityAfter(text, at + number[0].length)) continue;
    const words = wordsBefore(text, at);
    if (words.length === 0) continue;
    const start = streetStart(words, text, at);
    if (start === null) continue;
    // "na Glavnem trgu 14": the preposition goes with a street in a case form; "na Trg republike 3"
    // names the street in the nominative, and the preposition stays prose
    const nominative = NOMINATIVE_KIND.test(text.slice(start, start + 9)) || NOMINATIVE_KIND_LAST.test(text.slice(Math.max(start, at - 10), at));
    streets.push({ start: nominative ? start : withPreposition(text, start), end: at + number[0].length });
  }
  return streets;
}

/** The words right before `at` on the same line, nearest last; one blank (or ", " before the number) between them. */
function wordsBefore(text: string, at: number): Word[] {
  const words: Word[] = [];
  let i = at;
  // the blank before the number, or ", " (Italian "Via Roma, 12")
  if (text[i - 1] !== " " && text[i - 1] !== "\t") return words;
  i--;
  if (text[i - 1] === ",") i--;
  const limit = Math.max(0, at - MAX_BACK);
  while (words.length < MAX_WORDS && i > limit) {
    let start = i;
    while (start > limit && isWordUnit(text.charCodeAt(start - 1))) start--;
    if (start === i) break;
    words.unshift({ start, end: i, text: text.slice(start, i) });
    if (start === 0 || (text[start - 1] !== " " && text[start - 1] !== "\t")) break;
    i = start - 1;
  }
  return words;
}

/** Where the street name starts among `words` (which end right before the number), or null. */
function streetStart(allWords: Word[], text: string, numberAt: number): number | null {
  const data = addressData();
  // "Dunajska cesta št. 5", "Hauptstraße Nr. 12": the number's label is not part of the name
  const words = allWords.length >= 2 && NUMBER_LABEL.test(allWords[allWords.length - 1]!.text) ? allWords.slice(0, -1) : allWords;
  const last = words[words.length - 1]!;
  const italianComma = text[numberAt - 2] === ",";
  // "v Ulici heroja Šaranoviča 12a", "Cesta v Mestni log 1", "Via Roma 12": the kind first, any words after it.
  for (let k = 0; k < words.length - 1; k++) {
    const word = words[k]!;
    // "v ulici Heroja Staneta 4": the kind in lower case after a preposition, a capitalised name after it
    // (or "ul. Janeza Puharja 4": the abbreviation, as often written in lower case)
    const lowerKind = ((k > 0 && PREPOSITIONS.has(words[k - 1]!.text)) || word.text === "ul.") && /^\p{Ll}/u.test(word.text) && data.kindBeforeName.has(word.text.charAt(0).toUpperCase() + word.text.slice(1)) && CAPITALISED.test(words[k + 1]!.text);
    if (!data.kindBeforeName.has(word.text) && !lowerKind) continue;
    const between = words.slice(k + 1);
    // "Trg 3. Na Dunaju 2026": a full stop before a capital ends a sentence, not a street name.
    const sentenceEnd = between.some((w, i) => w.text.endsWith(".") && /^\p{Lu}/u.test(between[i + 1]?.text ?? ""));
    // "… do 15. 5": a day and a month, not a house number after an ordinal
    const prose = between.some((w) => PROSE_WORDS.has(w.text)) || ORDINAL.test(between[between.length - 1]!.text);
    if (!sentenceEnd && !prose && between.every((w) => NAME_WORD.test(w.text)) && between.some((w) => /\p{L}/u.test(w.text))) return word.start;
  }
  if (italianComma) return null; // "…, 12" only after an Italian or kind-first street
  // "Dunajska cesta 5", "na Glavnem trgu 14", "Prešernov trg 2": the kind last, capitalised words before it.
  if (data.kindAfterName.has(last.text) && words.length >= 2) {
    let first = words.length - 1;
    // a capitalised preposition starts the sentence, not the name: "Na cesti 5" (withPreposition adds it back to "na Glavnem trgu 14")
    // and a word with a full stop ends the sentence before it ("Hvala. Dunajska cesta 5"), unless it is short, an abbreviation ("Sv.", "Zg.")
    while (first > 0 && words.length - 1 - first < 3 && CAPITALISED.test(words[first - 1]!.text) && !PREPOSITIONS.has(words[first - 1]!.text) && !SENTENCE_WORD.test(words[first - 1]!.text)) first--;
    if (first < words.length - 1) return words[first]!.start;
  }
  // "Friedrichstraße 123", "Hauptstr. 5", "Mariahilfer Straße 45"
  if (CAPITALISED.test(last.text) || /^\p{Lu}[\p{L}-]{2,40}\.?$/u.test(last.text)) {
    const lower = last.text.toLowerCase();
    if (data.germanSuffixes.some((suffix) => lower.endsWith(suffix) && lower.length >= suffix.length + 3)) return last.start;
    if (data.germanWords.has(last.text) && words.length >= 2 && /^\p{Lu}\p{Ll}{2,25}(?:er)?$/u.test(words[words.length - 2]!.text)) {
      return words[words.length - 2]!.start;
    }
  }
  if (words.length >= 2) {
    const before = words[words.length - 2]!;
    // "na Celovški 150", "v Cankarjevi 5"
    if (PREPOSITIONS.has(before.text) && DECLINED_ADJECTIVE.test(last.text)) return last.start;
    // "Zgornje Gameljne 45", "Spodnja Idrija 12"
    if (data.villagePrefixes.has(before.text) && (CAPITALISED.test(last.text) || VILLAGE_NOUN.test(last.text))) return before.start;
    // "Šmartno pri Litiji 12", "Trnovo ob Soči 5"
    if (words.length >= 3 && VILLAGE_LINKS.has(before.text) && CAPITALISED.test(last.text) && /^\p{Lu}\p{Ll}{2,25}$/u.test(words[words.length - 3]!.text)) {
      return words[words.length - 3]!.start;
    }
  }
  return null;
}

/**
 * Slovenian streets named by a preposition and a place ("Pod gradom 3", "Nad Kamnitnikom 8", "Ob
 * Dravi 12", "Na Jami 3", "Za vrtovi 4"). On their own they read as prose ("Na strani 3", "Pod točko
 * 5"), so postal-address.ts keeps one only when a town or a postcode follows it.
 */
const PREPOSITION_STREET = /(?<![\p{L}\d])(?:Pod|Nad|Ob|Na|Za|Pri|Med|Pred|Po)[ \t]+(?:\p{L}[\p{Ll}'’-]{1,25}[ \t]+){0,1}\p{L}[\p{Ll}'’-]{2,25}[ \t]+\d{1,4}[a-zA-Z]?(?:\/[\dA-Za-z]{1,4})?(?![\p{L}\d]|[.,:]\d)/gu;
/** Nouns that take a number in prose after these prepositions ("Na strani 12", "Po koraku 3", "Pri točki 4"). */
export const NOT_A_PLACE = /^(?:stran[ie]?|točk[aei]|točko|slik[aei]|korak[ua]?|verzij[ai]|različic[ai]|seznam[ua]?|vrstic[ai]|poglavj[ue]|minut[ai]?|dneh|dnevih|urah|letih|mesecih|tednih|kos[ua]?|kosih|polic[ai]|predal[ua]?|miz[ai]|nadstropj[ue]|okn[ua]|zavihk[ua]|menij[ua]|strežnik[ua]|port[ua]|kanal[ua]|sob[ai]|prostor[ua]|vhod[ua]?|izhod[ua]?|postaj[ai]|peron[ua]|progi|liniji|računu|naročilu|ponudbi|pogodbi|členu|odstavku|zahtevku|ticketu|modelu)$/i;
export function prepositionStreets(text: string): Span[] {
  if (!/(?:Pod|Nad|Ob|Na|Za|Pri|Med|Pred|Po) /.test(text)) return [];
  return [...scanAll(PREPOSITION_STREET, text)]
    .filter((match) => !match[0].split(/[ \t]+/).some((word) => NOT_A_PLACE.test(word)) && !quantityAfter(text, match.index + match[0].length))
    .map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** "na Glavnem trgu 14": a one- or two-letter preposition right before a street belongs to it. */
function withPreposition(text: string, start: number): number {
  if (start < 2 || (text[start - 1] !== " " && text[start - 1] !== "\t")) return start;
  let from = start - 1;
  while (from > 0 && start - 1 - from < 2 && isLetter(text.charCodeAt(from - 1))) from--;
  if (from > 0 && isWordUnit(text.charCodeAt(from - 1))) return start;
  return PREPOSITIONS.has(text.slice(from, start - 1)) ? from : start;
}

function isDigit(unit: number): boolean {
  return unit >= 48 && unit <= 57;
}
function isLetter(unit: number): boolean {
  return (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) || (unit >= 0xc0 && unit < 0x2000 && unit !== 0xd7 && unit !== 0xf7);
}
function isDigitOrLetter(unit: number): boolean {
  return isDigit(unit) || isLetter(unit);
}
/** Letters, digits, and the ".", "'", "’", "-" inside names and abbreviations ("ul.", "Karl-Marx-Straße", "XIV."). */
function isWordUnit(unit: number): boolean {
  return isDigitOrLetter(unit) || unit === 46 || unit === 39 || unit === 0x2019 || unit === 45;
}
