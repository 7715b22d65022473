import type { Detection } from "../../types";
import { ANY_NAME, COMMON_WORD, GIVEN, NOMINATIVE, NOT_A_NAME, SURNAME } from "./gazetteer";
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
/** What follows a company's name: "Hribar d.o.o.", "Novak & Partners", "Smith Ltd". */
const COMPANY_AFTER = /^[ \t,]*(?:d\.\s?o\.\s?o\.|d\.\s?d\.|s\.\s?p\.|k\.\s?d\.|d\.n\.o\.|Ltd\b|LLC\b|Inc\b|GmbH\b|AG\b|KG\b|Kft\b|S\.r\.l\.|S\.p\.A\.|Srl\b|SpA\b|plc\b|Corp\b|Co\.|&|in partnerj|and Sons|Group\b|Holding\b|Consulting\b|Solutions\b|Software\b|Services\b|Systems\b)/;
const COMPANY_BEFORE = /(?:podjetj\p{L}*|druž\p{L}*|firm\p{L}*|company|firm|družba|trgovin\p{L}*|salon\p{L}*|gostiln\p{L}*|brand|znamk\p{L}*)[ \t]*$/iu;
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
  ((t.capitalised || (t.allCaps && isKnown(t))) &&
    t.end - t.start >= (t.sentenceInitial ? 3 : 2) && // "Hi Jane": a two-letter word starting a line is a greeting, not "Li"
    (!isStop(t) || isKnown(t)));

export function runningTextNames(text: string, tokens: readonly NameToken[], detections: Detection[]): void {
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
    judgeRun(text, tokens, i, j, detections);
    i = j;
  }
}

function judgeRun(text: string, tokens: readonly NameToken[], from: number, to: number, detections: Detection[]): void {
  // Unknown words do not start a name ("Dear Sarah", "Včeraj Janez Novak"); one unknown word may
  // follow a given name ("Mateja Zgonc"), no more.
  let first = from;
  while (first < to && !isKnown(tokens[first]!) && !tokens[first]!.initial) first++;
  let last = to;
  while (last > first + 1) {
    const t = tokens[last - 1]!;
    if (isKnown(t)) break;
    if (!t.initial && isGiven(tokens[last - 2]!) && (last - 2 === first || isKnown(tokens[last - 2]!))) break;
    last--;
  }
  // initials at the end name no one ("Novak J." is rare; "Ana B." stays: a given name and an initial)
  if (last - first >= 2) {
    const run = tokens.slice(first, last);
    if (acceptRun(run) && !companyAround(text, run)) {
      detections.push({ type: "PERSON", start: run[0]!.start, end: endOf(run[run.length - 1]!), confidence: 0.65 });
      return;
    }
    // "Thanks Will Smith": judge the words after a leading common word on their own
    if (last - first >= 3) {
      judgeRun(text, tokens, first + 1, last, detections);
      return;
    }
  }
  for (let k = first; k < last; k++) {
    if (lonelyName(text, tokens, k)) {
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
  if (initials > 0 && unknown === 0) return strong > 0 || (run[run.length - 1]!.flags & SURNAME) !== 0;
  if (strong > 0 && (given > 0 || known === run.length)) return true;
  // "Rok Kos", "Will Smith" where both are words too: two names, one of them a given name
  return known >= 2 && given > 0 && unknown === 0;
}

function companyAround(text: string, run: readonly NameToken[]): boolean {
  const end = run[run.length - 1]!.end;
  if (COMPANY_AFTER.test(text.slice(end, end + 24))) return true;
  const start = run[0]!.start;
  return COMPANY_BEFORE.test(text.slice(Math.max(0, start - 24), start));
}

/** Whether one known word standing alone is a name by its place in the sentence. */
function lonelyName(text: string, tokens: readonly NameToken[], k: number): boolean {
  const t = tokens[k]!;
  if (!isKnown(t) || t.initial || !t.capitalised || t.end - t.start < 3) return false;
  if (isStop(t)) return false;
  const previous = k > 0 ? tokens[k - 1]! : null;
  const next = k + 1 < tokens.length ? tokens[k + 1]! : null;
  // a capitalised neighbour makes it part of a title or a product ("Adobe Reader", "Visual Studio")
  if ((t.linked && previous !== null && !previous.sentenceInitial) || (next?.linked && !isKnown(next))) return false;
  if (companyAround(text, [t])) return false;
  const wordBefore = lowerWordBefore(text, t.start);
  if (t.possessive) return isGiven(t) && !isCommon(t);
  // "z Matejem", "s Petro": an instrumental after the preposition, even of a word that is also common
  if ((wordBefore === "z" || wordBefore === "s") && !t.sentenceInitial && INSTRUMENTAL_ENDING.test(t.lower) && (t.flags & NOMINATIVE) === 0) return true;
  if (isCommon(t)) return false;
  if (t.sentenceInitial) {
    // "Mateja je poklicala": a given name, as listed, with a lower-case word after it
    if (!isGiven(t) || (t.flags & NOMINATIVE) === 0) return false;
    const after = text.charCodeAt(t.end + 1);
    return text.charCodeAt(t.end) === 32 && after >= 97 && after <= 122;
  }
  if (isGiven(t)) return true;
  // a surname alone only in a case form: "podatke Hribarja", "pri Novaku"
  return (t.flags & SURNAME) !== 0 && (t.flags & NOMINATIVE) === 0;
}

function lowerWordBefore(text: string, start: number): string {
  let k = start - 1;
  if (k < 0 || text.charCodeAt(k) !== 32) return "";
  let w = k - 1;
  while (w >= 0 && start - w < 8 && /\p{L}/u.test(text[w]!)) w--;
  return text.slice(w + 1, k).toLowerCase();
}
