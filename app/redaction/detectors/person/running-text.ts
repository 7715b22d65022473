import { addressData } from "../../address-data/load";
import type { Detection } from "../../types";
import { ANY_NAME, COMMON_WORD, COMPANY, gazetteer, GIVEN, NOMINATIVE, NOT_A_NAME, SURNAME } from "./gazetteer";
import { companyAfter, companyBefore, isTradeCompound } from "./company";
import type { NameToken } from "./name-tokens";

/**
 * Names in running text, found by the gazetteer and capitalisation rather than by a cue:
 * - two to five linked capitalised words, at least one a known name that is not also an ordinary
 *   word ("Mateja Hribar", "Matejem Hribarjem", "J. Novak", "Ana van der Berg"), or two known
 *   names of which one is a given name ("Rok Kos");
 * - one word alone only when it is a known given name that is no ordinary word, in the middle of a
 *   sentence ("sem govoril s Sarah včeraj", "pokličite Mateji"), a surname in a case form
 *   ("podatke Hribarja"), a possessive ("Sarah's laptop"), or after "z"/"s" in the instrumental.
 * At the start of a sentence a capital says nothing, so a word there needs more.
 */

const MAX_RUN = 5;
/** "z Matejem", "s Petro": the instrumental after the preposition of company. */
const INSTRUMENTAL_ENDING = /(?:om|em|o)$/;

const isKnown = (t: NameToken) => (t.flags & ANY_NAME) !== 0;
const isCommon = (t: NameToken) => (t.flags & COMMON_WORD) !== 0;
const isStop = (t: NameToken) => (t.flags & NOT_A_NAME) !== 0;
/** A known name that is not also an ordinary word, a product or a place. */
const isStrong = (t: NameToken) => isKnown(t) && !isCommon(t) && !isStop(t);
const isGiven = (t: NameToken) => (t.flags & GIVEN) !== 0;
/** Could stand in a name: an initial, or a capitalised word that is no product or place unless also a name. */
const mayJoin = (t: NameToken) =>
  t.initial ||
  t.irishParticle === true ||
  ((t.capitalised || (t.allCaps && isKnown(t))) &&
    t.end - t.start >= (t.sentenceInitial ? 3 : 2) && // "Hi Jane": a two-letter word starting a line is a greeting, not "Li"
    (!isStop(t) || isKnown(t)));

export function runningTextNames(text: string, tokens: readonly NameToken[], detections: Detection[]): void {
  // whether a word names a street somewhere in this text, asked once per word
  const streetWords = new Map<string, boolean>();
  for (let i = 0; i < tokens.length; ) {
    // a run of linked tokens that may belong to a name, at most MAX_RUN long
    let j = i;
    if (mayJoin(tokens[i]!)) {
      j = i + 1;
      while (j < tokens.length && j - i < MAX_RUN && tokens[j]!.linked && mayJoin(tokens[j]!) && !tokens[j - 1]!.possessive) j++;
    } else {
      i++;
      continue;
    }
    judgeRun(text, tokens, i, j, detections, streetWords);
    i = j;
  }
}

function judgeRun(text: string, tokens: readonly NameToken[], from: number, to: number, detections: Detection[], streetWords: Map<string, boolean>): void {
  // "Mlakar Transport", "Kobal Vina", "Tiskarna Pirc", "Morgan Stanley": the whole run names a firm
  if (to - from >= 2 && companyRun(tokens, from, to)) return;
  // Unknown words do not start a name ("Dear Sarah", "Včeraj Janez Novak"); one unknown word may
  // follow a given name ("Mateja Zgonc"), no more.
  let first = from;
  while (first < to && !isKnown(tokens[first]!) && !tokens[first]!.initial) {
    // "contact Regula Meier", "Kupec Kemal Delić": an unknown given name before a known surname
    const next = tokens[first + 1];
    if (next && first + 1 < to && !tokens[first]!.sentenceInitial && isStrong(next) && !isGiven(next) && first + 2 === to) break;
    first++;
  }
  // "Trg Leona Štuklja", "Ulica Jožeta Jame", "OŠ Franca Rozmana": a street or a school named after someone
  if (first < to && NAMED_AFTER_SOMEONE.test(text.slice(Math.max(0, tokens[first]!.start - 14), tokens[first]!.start))) return;
  let last = to;
  while (last > first + 1) {
    const t = tokens[last - 1]!;
    if (isKnown(t) || tokens[last - 2]!.irishParticle) break;
    if (!t.initial && isGiven(tokens[last - 2]!) && (last - 2 === first || isKnown(tokens[last - 2]!))) break;
    last--;
  }
  // initials at the end name no one ("Novak J." is rare; "Ana B." stays: a given name and an initial)
  // "Edit Barbara Kovačič": a word that is also a name (a button's "Edit") before a full name is not part of it
  if (last - first >= 3 && isCommon(tokens[first]!) && !isStrong(tokens[first]!) && acceptRun(tokens.slice(first + 1, last))) first++;
  if (last - first >= 2) {
    const run = tokens.slice(first, last);
    if (acceptRun(run) && !companyAround(text, run)) {
      detections.push({ type: "PERSON", start: run[0]!.start, end: endOf(run[run.length - 1]!), confidence: 0.65 });
      return;
    }
    // "Thanks Will Smith": judge the words after a leading common word on their own
    if (last - first >= 3) {
      judgeRun(text, tokens, first + 1, last, detections, streetWords);
      return;
    }
  }
  for (let k = first; k < last; k++) {
    if (lonelyName(text, tokens, k, streetWords)) {
      const t = tokens[k]!;
      detections.push({ type: "PERSON", start: t.start, end: endOf(t), confidence: 0.55 });
    }
  }
}

/** Where a name ends: after an initial's full stop ("Ana B."), before a possessive "'s". */
function endOf(t: NameToken): number {
  return t.end;
}

function acceptRun(run: readonly NameToken[]): boolean {
  let known = 0;
  let strong = 0;
  let given = 0;
  let initials = 0;
  let unknown = 0;
  for (const t of run) {
    if (t.initial) initials++;
    else if (isStop(t)) {
      // "Božič", "Giulia": a name beside a name, no evidence of its own
      unknown++;
      if (isGiven(t)) given++;
    }
    else if (isKnown(t)) {
      known++;
      if (isStrong(t)) strong++;
      if (isGiven(t)) given++;
    } else unknown++;
  }
  if (initials === run.length || unknown > 1 || known === 0) return false;
  // "J. Novak", "Ana B.": an initial with a known name
  if (initials > 0 && unknown === 0) return strong > 0 || given > 0 || (run[run.length - 1]!.flags & SURNAME) !== 0;
  // "Regula Meier": an unknown word before a known surname (judgeRun lets it through only mid-sentence)
  if (run.length === 2 && unknown === 1 && strong === 1 && !isKnown(run[0]!) && (run[1]!.flags & SURNAME) !== 0) return true;
  if (strong > 0 && (given > 0 || known === run.length)) return true;
  // "Rok Kos", "Will Smith" where both are words too: two names, one of them a given name
  return known >= 2 && given > 0 && unknown === 0;
}

/** companyWords on tokens: their flags and lower-case forms are at hand, so nothing is sliced or looked up again. */
function companyRun(tokens: readonly NameToken[], from: number, to: number): boolean {
  const phrases = gazetteer().companyNames;
  for (let k = from; k < to; k++) {
    if ((tokens[k]!.flags & COMPANY) !== 0 || isTradeCompound(tokens[k]!.lower)) return true;
    if (k + 1 < to && phrases.has(`${tokens[k]!.lower} ${tokens[k + 1]!.lower}`)) return true;
  }
  return false;
}

function companyAround(text: string, run: readonly NameToken[]): boolean {
  return companyAfter(text, run[run.length - 1]!.end, run.length > 1) || companyBefore(text, run[0]!.start);
}

/** Whether one known word standing alone is a name by its place in the sentence. */
/** What follows "'s" when the owner is a person: a device, an account, a desk, a mailbox. */
const PERSONAL_THING = /^['’]s[ \t]+(?:(?:old|new|work|own|personal|private)[ \t]+)?(?:phone|mobile|laptop|computer|pc|desk|account|mailbox|inbox|email|e-mail|login|password|car|office|number|team|manager|wife|husband|son|daughter|mother|father|access|profile|birthday|calendar|details|record|contract|salary|payslip|signature|address)(?![\p{L}])/iu;

/**
 * "from 1 Jan 2027", "since May 2019", "June 3, 2026", git's "Fri Mar 7 14:02:51 2025": a month
 * name that is also a given name, in a date.
 */
function isMonthOfADate(text: string, t: NameToken): boolean {
  if (!MONTH_THAT_IS_A_NAME.test(t.lower)) return false;
  const after = text.slice(t.end, t.end + 12);
  return YEAR_AFTER.test(after) || DAY_AND_TIME_AFTER.test(after) || DAY_BEFORE.test(text.slice(Math.max(0, t.start - 6), t.start)) || WEEKDAY_BEFORE.test(text.slice(Math.max(0, t.start - 6), t.start));
}
const MONTH_THAT_IS_A_NAME = /^(?:jan|mar|april|may|maj|june?|july?|august|avgust|dec)$/;
const YEAR_AFTER = /^\.?,?[ \t]+(?:\d{1,2}(?:st|nd|rd|th)?,?[ \t]+)?(?:19|20)\d{2}(?!\d)/;
const DAY_AND_TIME_AFTER = /^[ \t]+\d{1,2}[ \t]+\d{1,2}:\d{2}/;
const WEEKDAY_BEFORE = /(?<!\p{L})(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?[ \t]+$/u;
const DAY_BEFORE = /(?<!\d)\d{1,2}(?:\.|st|nd|rd|th)?[ \t]+$/;

function lonelyName(text: string, tokens: readonly NameToken[], k: number, streetWords: Map<string, boolean>): boolean {
  const t = tokens[k]!;
  if (!isKnown(t) || t.initial || !t.capitalised || t.end - t.start < 3) return false;
  if (isStop(t)) return false;
  const previous = k > 0 ? tokens[k - 1]! : null;
  const next = k + 1 < tokens.length ? tokens[k + 1]! : null;
  // a capitalised neighbour makes it part of a title or a product ("Adobe Reader", "Visual Studio")
  if ((t.linked && previous !== null && !previous.sentenceInitial) || (next?.linked && !isKnown(next))) return false;
  if (companyAround(text, [t])) return false;
  if (isMonthOfADate(text, t)) return false;
  // "UniFi U6 Lite", "Archer AX55 Pro": a word right after a model code is the model's edition
  if (MODEL_CODE_BEFORE.test(text.slice(Math.max(0, t.start - 12), t.start))) return false;
  const wordBefore = lowerWordBefore(text, t.start);
  // "offices in Austin", "v Bostonu", "from Lincoln": a known town after a preposition of place
  if (PLACE_PREPOSITIONS.has(wordBefore) && isTown(wordBefore, t.lower)) return false;
  // alone, a word needs prose around it: after a comma or a semicolon it is a cell of a table,
  // which the structure rules judge with its column ("Jana,Kovačič,…")
  const unitBefore = t.start > 0 ? text.charCodeAt(t.start - 1) : 10;
  if (!t.sentenceInitial && unitBefore !== 32 && unitBefore !== 0xa0 && unitBefore !== 40 && unitBefore !== 34) return false;
  // "the Sterling silver", "a Frank discussion": a determiner makes a common word a word
  if (isCommon(t) && DETERMINERS.has(wordBefore)) return false;
  // "Jamie's Italian", "Bob's Burgers": a possessive before a capitalised word names a business
  // …but before a thing a person has ("Tom's phone", "Will's laptop") even a given name that is a word is one
  if (t.possessive) return isGiven(t) && (!isCommon(t) || PERSONAL_THING.test(text.slice(t.end, t.end + 24))) && !/^['’]s[ \t]\p{Lu}/u.test(text.slice(t.end, t.end + 4));
  // "z Matejem", "s Petro": an instrumental after the preposition, even of a word that is also common
  if ((wordBefore === "z" || wordBefore === "s") && !t.sentenceInitial && INSTRUMENTAL_ENDING.test(t.lower) && (t.flags & NOMINATIVE) === 0) return true;
  // "on Cankarjeva", "Prešernova cesta": a feminine possessive after a preposition of place or
  // before a street's type word is a street ("Hodžićeva", Mrs Hodžić, is a person elsewhere)
  if (FEMININE_POSSESSIVE.test(t.lower) && (STREET_PREPOSITIONS.has(wordBefore) || STREET_TYPE_AFTER.test(text.slice(t.end, t.end + 12)) || namesAStreetElsewhere(text, t, streetWords))) return false;
  // a masculine possessive alone names a place or an institution more often ("Cankarjev dom");
  // "Hodžićeva" (Mrs Hodžić) and "pri Kovačevih" (at the Kovač family's) name people
  if ((t.flags & NOMINATIVE) === 0 && MASCULINE_POSSESSIVE.test(t.lower)) return false;
  if (t.sentenceInitial) {
    if (isCommon(t) || ((t.flags & NOMINATIVE) === 0 && INITIAL_POSSESSIVE.test(t.lower))) return false;
    const after = text.charCodeAt(t.end);
    const second = text.charCodeAt(t.end + 1);
    const lowerNext = after === 32 && second >= 97 && second <= 382 && charIsLower(second);
    // "Tilen, a lahko …": a given name called at the start of a sentence
    if (isGiven(t) && after === 44 && (t.flags & NOMINATIVE) !== 0) return true;
    // "our staff are: Tina (mornings), Marko …": the first of a list after a colon
    if (isGiven(t) && (t.flags & NOMINATIVE) !== 0 && after === 32 && second === 40 && /:[ \t]*$/.test(text.slice(Math.max(0, t.start - 3), t.start))) return true;
    // "Rebecca (rebecca.hale@…)", "– Brian (office mgr)", "Damjan — rojstni dan", "Jernej → Teja": a
    // given name that opens its sentence and a bracket, a dash or an arrow after it; a heading's
    // word is a common word or no name ("Office (365)", "Kontakt — …")
    if (isGiven(t) && (t.flags & NOMINATIVE) !== 0 && AFTER_OPENING_NAME.test(text.slice(t.end, t.end + 4))) return true;
    // "… priponke iz Outlooka. Katarina": a given name that ends the line after a sentence
    if (isGiven(t) && !t.lineInitial && (t.flags & NOMINATIVE) !== 0 && lineEndsAt(text, t.end)) return true;
    // "Mateja je poklicala", "Novak pravi", "Tilnu sem razložil": a name with a lower-case word after it
    return lowerNext;
  }
  // mid-sentence a capital is evidence enough for a given name, even one that is also a word ("with Bill")
  if (isGiven(t)) return true;
  if (isCommon(t)) return false;
  return (t.flags & SURNAME) !== 0;
}

const AFTER_OPENING_NAME = /^[ \t](?:\(|[—–][ \t]|→|->)/;
/** A model code (letters and digits mixed: "U6", "AX55", "7010a") and a blank right before a word. */
const MODEL_CODE_BEFORE = /(?<![\p{L}\d-])(?=[\p{L}-]*\d)(?=[\d-]*\p{L})[\p{L}\d-]{2,10}[ \t]$/u;
const PLACE_PREPOSITIONS = new Set(["in", "from", "near", "v", "iz", "na", "nach", "aus"]);
/** '"Prešernova" gives 40 results … a Prešernova cesta in every town': the word names a street elsewhere in the text. */
function namesAStreetElsewhere(text: string, t: NameToken, streetWords: Map<string, boolean>): boolean {
  const word = text.slice(t.start, t.end);
  // once per word: a text that repeats the word a million times is read once for it
  let answer = streetWords.get(word);
  if (answer === undefined) {
    answer = false;
    for (let at = text.indexOf(word); at !== -1 && !answer; at = text.indexOf(word, at + word.length)) {
      answer = STREET_TYPE_AFTER.test(text.slice(at + word.length, at + word.length + 12));
    }
    streetWords.set(word, answer);
  }
  return answer;
}
const STREET_PREPOSITIONS = new Set(["on", "at", "in", "na", "ob", "po", "z", "s", "v", "iz", "along", "off"]);
const FEMININE_POSSESSIVE = /(?:ov|ev)a$/;
const STREET_TYPE_AFTER = /^[ \t]+(?:cesta|ulica|cesti|ulici|cesto|ulico|street|road|avenue|pot|trg)(?![\p{L}])/iu;
/** A street's or an institution's type word right before a run: what follows is whom it is named after. */
const NAMED_AFTER_SOMEONE = /(?<![\p{L}])(?:Trg|Trgu|Ulica|Ulici|Ulico|Cesta|Cesti|Cesto|Pot|Poti|Nabrežje|Bulevar|Park|Parku|Šola|Šoli|OŠ|[Šš]ola|[Šš]ole|[Šš]oli|Gimnazija|Gimnaziji|Vrtec|Vrtcu|Dom|Domu|Zavod|Avenija|Via|Piazza|Rue)[ \t]+$/u;

function isTown(preposition: string, lower: string): boolean {
  const towns = addressData();
  return towns.towns.has(lower) || towns.townLocatives.has(`${preposition} ${lower}`);
}

const DETERMINERS = new Set(["the", "a", "an", "this", "that", "our", "your", "my", "their", "its", "every", "der", "die", "das", "ein", "eine"]);
/** At a sentence start a possessive alone is as often a thing's ("Barbarin ne"); "Hodžićeva" (Mrs Hodžić) stays. */
const INITIAL_POSSESSIVE = /(?:in(?:a|o|ega|emu|em|im|i|e|ih)?|(?:ov|ev)(?:o|ega|emu|em|im|i|e)?)$/;
const MASCULINE_POSSESSIVE = /(?:ov|ev)(?:o|ega|emu|em|im|i|e)?$/;

function charIsLower(unit: number): boolean {
  const char = String.fromCharCode(unit);
  return char !== char.toUpperCase() && char === char.toLowerCase();
}

function lineEndsAt(text: string, end: number): boolean {
  let k = end;
  while (k < text.length && (text[k] === " " || text[k] === "\t" || text[k] === "." || text[k] === "!")) k++;
  return k >= text.length || text[k] === "\n" || text[k] === "\r";
}

function lowerWordBefore(text: string, start: number): string {
  let k = start - 1;
  if (k < 0 || text.charCodeAt(k) !== 32) return "";
  let w = k - 1;
  while (w >= 0 && start - w < 8 && /\p{L}/u.test(text[w]!)) w--;
  return text.slice(w + 1, k).toLowerCase();
}
