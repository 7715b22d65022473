import type { Detection } from "../types";
import { answerStarts } from "./chat-answers";
import { ANY_NAME, gazetteer, NOT_A_NAME } from "./person/gazetteer";
import { columnValues } from "./csv-columns";
import { detectEmso } from "./emso";
import { groupLeadingAlternation } from "./grouped-alternation";
import { DATE_AFTER_CUE, DATE_HERE, DAY_MONTH_AFTER_CUE, dateAt, dayMonthSpan, type Span } from "./date-shapes";

/**
 * A date is personal data only when the text says it is a birth date: "datum rojstva: 3. 5. 1987",
 * "rojena 12.3.1990", "DOB 1985-03-15", "born on March 15, 1985", "geb. 15.03.1985". Every other
 * date (a deadline, an invoice date, a log time stamp) stays. Only the date goes; the cue stays
 * readable ("rojen [DATE_OF_BIRTH]"). The date must be a real calendar date.
 *
 * One literal scan finds the cues; the date pattern is tried (sticky) only right after each cue,
 * so the work stays linear in the text.
 */

// Grouped by first letter (groupLeadingAlternation): V8 tries a plain alternation's words one by one at every position.
const CUE = groupLeadingAlternation(
  /(?:datum(?:a|u|om|i|e|ov|ih)?[ \t_]*rojstva|letnik|letnica[ \t]+rojstva|leto[ \t]+rojstva|rojstno[ \t]+leto|year[ \t]+of[ \t]+birth|birth[ \t]+year|yob|datum[ \t]+in[ \t]+(?:kraj|datum)[ \t]+rojstva|kraj[ \t]+in[ \t]+(?:kraj|datum)[ \t]+rojstva|dat\.[ \t]*roj(?:stva|\.)?|roj\.[ \t]*dat(?:um|\.)?|bday|rojstn(?:i|e|ega|em|ih)[ \t_]+(?:datum[a-z]{0,2}|dan|dnev[a-z]{0,2})|rojen(?:ega|emu|im|ih|ima|[aoie])?|roj\.|datum[ \t]+roj(?![a-zčšž])\.?|r\.|b\.|D\.?O\.?B\.?|date[ \t_-]*of[ \t_-]*birth|birth[ \t_-]?date|birth[ \t]+date|birthday|born|geburtsdatum|geb\.[ \t-]*datum|geb\.|geboren|datum[ \t]+(?:i[ \t]+mjesto[ \t]+)?ro(?:đ|dj)enja|ro(?:đ|dj)en[aoi]?|data[ \t]+di[ \t]+nascita|nat[oa](?:[ \t]+(?:a|in)[ \t]+[a-zà-ž'’-]{2,30}(?:[ \t]+[a-zà-ž'’-]{2,30}){0,3})?[ \t]+il|née?|rojstv[oa](?=[ \t]*["']?[ \t]*[:=])|birth(?=[ \t]*["']?[ \t]*[:=])|geburtstag|narozen[aáý]?|datum[ \t]+narozen[íi]|fecha[ \t]+de[ \t]+nacimiento|nacid[oa]|date[ \t]+de[ \t]+naissance|data[ \t]+(?:de[ \t]+)?(?:urodzenia|nascimento|na[sș]terii)|urodzon[aey]|geboortedatum|f[öo]delsedatum|sz[üu]let[ée]si[ \t]+d[áa]tum|sz[üu]l\.|sz[üu]letett)/gi,
);

/**
 * "dob" and "Dob" are a Slovenian word and a village, "R." and "B." initials: those cues only
 * count as written here, upper-case "DOB" (or dotted "d.o.b."), lower-case "r." and "b." (born,
 * as biographies abbreviate it: "b. 1985-04-03"). A lower-case "dob" counts as a key, followed by
 * its ":" or "=" ("dob": "1985-04-03", ?dob=1985-04-03), and then only with a full date.
 */
const DOB_KEY_AFTER = /^["']?[ \t]*[:=]/;
/** …or a key's last word, or a log's field name ("applicant_dob", "user.dob", "field=dob value=…"). */
const DOB_KEY_BEFORE = /^[_.=]$/;
function cueCounts(word: string, after: string, before: string): boolean {
  if (/^d\.?o\.?b\.?$/i.test(word)) return word === word.toUpperCase() || word === "DoB" || /^d\.o\.b/.test(word) || (word === "dob" && (DOB_KEY_AFTER.test(after) || DOB_KEY_BEFORE.test(before)));
  if (word === "R." || word === "B.") return false;
  return true;
}

/** Cues that abbreviate or mean other words too ("r." radnik, "geb." gebaut, "b." a list item): only a full date after them counts, or a year in parentheses. */
function isAmbiguousCue(word: string): boolean {
  // "letnik" is a wine's, a car's or a journal's year too; "(letnik 1948)" after a person is a birth year
  return word === "r." || word === "b." || word.toLowerCase() === "geb." || word.toLowerCase() === "letnik";
}

export function detectDatesOfBirth(text: string): Detection[] {
  const detections: Detection[] = [];
  CUE.lastIndex = 0;
  for (let cue = CUE.exec(text); cue !== null; cue = CUE.exec(text)) {
    const word = cue[0];
    const start = cue.index;
    // "applicant_dob: …": a key may end in its cue word
    if (start > 0 && isWordUnit(text.charCodeAt(start - 1)) && !(text[start - 1] === "_" && /^dob$/i.test(word))) continue;
    const end = start + word.length;
    const lastIsLetter = isWordUnit(word.charCodeAt(word.length - 1));
    if (lastIsLetter && end < text.length && isWordUnit(text.charCodeAt(end))) continue; // "rojenica", "borne"
    if (!cueCounts(word, text.slice(end, end + 4), text[start - 1] ?? "")) continue;
    // "b." for born follows a name, in parentheses or after a comma ("Ana Novak (b. 1985-04-03)");
    // "a. 1. 3. 2024, b. 1. 4. 2024" is a list.
    if (word === "b." && !/(?:[\p{L}\d][ \t]*\(|\p{L},[ \t]*)$/u.test(text.slice(Math.max(0, start - 3), start))) continue;
    const date = dateAt(DATE_AFTER_CUE, text, end);
    if (date === null) {
      const answer =
        (isBirthdayCue(word) ? personsBirthday(text, end) : (isBornCue(word) ? bornOnDay(text, end) : null) ?? answerToQuestion(text, start, end)) ??
        (isAmbiguousCue(word) || (/^d\.?o\.?b\.?$/i.test(word) && word !== word.toUpperCase()) ? null : dateLaterInPassage(text, end));
      if (answer !== null) {
        detections.push({ type: "DATE_OF_BIRTH", ...answer, confidence: 0.85 });
        pushFollowingBirthDates(text, answer.end, detections);
        if (isBirthdayCue(word)) pushListedBirthdays(text, answer.end, detections);
      }
      continue;
    }
    // "r." and "geb." abbreviate other words too: only a full date after them counts.
    // "(r. 1952)", "(b. 1985)": a year alone in parentheses after such a cue is still a birth year,
    // and so is "letnik 1949" after "sem Franc Kerin,".
    const inParentheses = text[start - 1] === "(" && text[date.end] === ")";
    const introducedSelf = word.toLowerCase() === "letnik" && SELF_INTRODUCTION.test(text.slice(Math.max(0, start - 60), start));
    if (date.yearOnly && ((isAmbiguousCue(word) && !inParentheses && !introducedSelf && !afterPersonsName(text, start)) || word === "dob")) continue;
    detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.9 });
    const last = pushFollowingBirthDates(text, date.end, detections);
    CUE.lastIndex = Math.max(CUE.lastIndex, last);
  }
  STAR_CUE.lastIndex = 0;
  for (let star = STAR_CUE.exec(text); star !== null; star = STAR_CUE.exec(text)) {
    const date = dateAt(DATE_HERE, text, star.index + 1);
    if (date !== null) detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.85 });
  }
  CHILD_NAMED.lastIndex = 0;
  for (let child = CHILD_NAMED.exec(text); child !== null; child = CHILD_NAMED.exec(text)) {
    const date = dateAt(DATE_HERE, text, child.index + child[0].length);
    if (date !== null && !date.yearOnly && text[date.end] === ")") detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.8 });
  }
  for (const cell of columnValues(text, DOB_HEADER_HINT, isDobHeader, DOB_HEADER_LINE)) {
    if (DATE_CELL.test(text.slice(cell.start, cell.end))) detections.push({ type: "DATE_OF_BIRTH", ...cell, confidence: 0.85 });
  }
  for (const cell of columnValues(text, YEAR_HEADER_HINT, isBirthYearHeader, YEAR_HEADER_HINT)) {
    if (/^(?:19|20)\d{2}$/.test(text.slice(cell.start, cell.end))) detections.push({ type: "DATE_OF_BIRTH", ...cell, confidence: 0.8 });
  }
  BIRTHDAY_LIST_CUE.lastIndex = 0;
  for (let cue = BIRTHDAY_LIST_CUE.exec(text); cue !== null; cue = BIRTHDAY_LIST_CUE.exec(text)) {
    BIRTHDAY_LIST_CUE.lastIndex = Math.max(BIRTHDAY_LIST_CUE.lastIndex, pushBirthdayList(text, cue.index + cue[0].length, detections));
  }
  pushRestatedBirthDates(text, detections);
  return detections;
}

/**
 * A list of birthdays under its heading ("Office birthday calendar\nAjda – 3 Jan\nBojan – 17 Feb",
 * "Birthdays in May …\n\n- Sabine Hoffmann – 3 May\n- Lena (reception) – 17/05"): each line of
 * the list names someone and gives a date (the first on the line; "29 Feb (celebrates 1 March)"
 * gives one). The heading's line holds no digit (a vCard's "BDAY:1971-10-23" is no heading); the
 * list starts on the next line or after one blank line and ends at the first line without such a
 * date; at most MAX_LISTED lines. Returns where the list ends.
 */
const BIRTHDAY_LIST_CUE = /(?<![\p{L}])(?:birthdays?|bdays?|rojstn\p{L}*[ \t]+(?:dan|dnev\p{L}*)|geburtstage?)(?![\p{L}])/giu;
const MAX_LISTED = 40;
/** "17/05", "(10/06)": a day and a month with a slash, as a birthday list writes them. */
const DAY_SLASH_MONTH = /(?:[^\n\d]{0,40}?)(\d{1,2})\/(\d{1,2})(?![\d/])/y;
function pushBirthdayList(text: string, cueEnd: number, detections: Detection[]): number {
  let lineStart = text.indexOf("\n", cueEnd) + 1;
  // a heading gives no date itself: "BDAY:1971-10-23" is a vCard's field, its next line another field
  if (lineStart === 0 || lineStart - cueEnd > 200 || /\d/.test(text.slice(cueEnd, lineStart))) return cueEnd;
  if (/^[ \t]*\r?\n/.test(text.slice(lineStart, lineStart + 8))) lineStart = text.indexOf("\n", lineStart) + 1;
  let end = cueEnd;
  for (let n = 0; n < MAX_LISTED && lineStart > 0 && lineStart < text.length; n++) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const date = listedDate(text, lineStart, lineEnd);
    if (date === null) break;
    detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.75 });
    end = lineEnd;
    lineStart = lineEnd + 1;
  }
  return end;
}
function listedDate(text: string, lineStart: number, lineEnd: number): Span | null {
  const date = dateAt(DATE_AFTER_CUE, text, lineStart) ?? dateAt(DAY_MONTH_AFTER_CUE, text, lineStart, dayMonthSpan) ?? daySlashMonth(text, lineStart);
  if (date === null || date.end > lineEnd || date.yearOnly) return null;
  // the words before the date name the person: a letter, a short prefix, no other kind of date's word
  const prefix = text.slice(lineStart, date.start);
  return /\p{L}/u.test(prefix) && prefix.length <= 40 && !OTHER_DATE_WORDS.test(prefix) && !NOT_A_PERSON.test(prefix) ? date : null;
}
function daySlashMonth(text: string, at: number): Span | null {
  DAY_SLASH_MONTH.lastIndex = at;
  const match = DAY_SLASH_MONTH.exec(text);
  if (match === null) return null;
  const day = +match[1]!;
  const month = +match[2]!;
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const start = match.index + match[0].length - match[1]!.length - 1 - match[2]!.length;
  return { start, end: match.index + match[0].length, yearOnly: false, day, month, year: 0 };
}

/**
 * The same birth date written again nearby, in another format or corrected: "born on the 3rd of
 * May 1990 — the form wants the full date, so: 3 May 1990", "I tried 11/08/1975 and 1975-08-11.
 * I was born 11 August 1975", "born 1990 … I typed 17.8.90". A date within RESTATED_WINDOW of a
 * birth date found (RESTATED_FULL_WINDOW for a full one), with its year, day and month (after a
 * year alone, its year), is that date.
 * The date an EMŠO in the text encodes is such a birth date too. Only the first RESTATED_ANCHORS
 * birth dates are looked around: a longer list is a table's.
 */
const RESTATED_WINDOW = 200;
/** A full date (day, month and year) is looked for further: the same day is not met by chance. */
const RESTATED_FULL_WINDOW = 1500;
const RESTATED_ANCHORS = 40;
const DATE_START = /(?<![\p{L}\d])(?:\d|\p{L}{3,10}\.?[ \t]+\d)/gu;
function pushRestatedBirthDates(text: string, detections: Detection[]): void {
  const anchors: Span[] = [];
  for (const found of detections) {
    if (anchors.length >= RESTATED_ANCHORS) break;
    const date = dateAt(DATE_HERE, text, found.start);
    if (date !== null && date.end === found.end && (date.month || date.year)) anchors.push(date);
  }
  for (const emso of emsoBirthDates(text)) if (anchors.length < RESTATED_ANCHORS) anchors.push(emso);
  if (anchors.length === 0) return;
  const taken = new Set(detections.map((d) => d.start));
  for (const anchor of anchors) {
    const window = anchor.yearOnly ? RESTATED_WINDOW : RESTATED_FULL_WINDOW;
    const to = Math.min(text.length, anchor.end + window);
    DATE_START.lastIndex = Math.max(0, anchor.start - window);
    for (let hit = DATE_START.exec(text); hit !== null && hit.index < to; hit = DATE_START.exec(text)) {
      // a month name's hit ends on the digit after it: that digit may start a date of its own
      const digitAt = Math.max(hit.index + 1, hit.index + hit[0].length - 1);
      if (taken.has(hit.index)) continue;
      const date = dateAt(DATE_HERE, text, hit.index);
      DATE_START.lastIndex = digitAt;
      if (date === null || date.yearOnly) continue;
      // the whole date: "17.04.1998, ne 17. 4. 2026" and "2. 4. 2015, ne 4. 2. 2015" name another date
      const same = date.year === anchor.year && (anchor.yearOnly || (date.day === anchor.day && date.month === anchor.month));
      if (!same) continue;
      detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.75 });
      taken.add(hit.index);
      DATE_START.lastIndex = date.end;
    }
  }
}

/**
 * The birth date an EMŠO carries (its first seven digits: day, month, the year's last three), as
 * an anchor at the EMŠO's place: an HR row's "1403987502429", …, "14.03.1987" writes it twice.
 */
function emsoBirthDates(text: string): Span[] {
  if (!/\d{13}/.test(text)) return [];
  return detectEmso(text).map((found) => {
    const digits = text.slice(found.start, found.end).replace(/\D/g, "");
    const century = +digits.slice(4, 7) >= 800 ? 1000 : 2000;
    return { start: found.start, end: found.end, yearOnly: false, day: +digits.slice(0, 2), month: +digits.slice(2, 4), year: century + +digits.slice(4, 7) };
  });
}

/** Column names of a birth year: "letnik", "leto rojstva", "year of birth", "Geburtsjahr". */
const YEAR_HEADERS = String.raw`letnik|letnica[ _-]?rojstva|leto[ _-]?rojstva|year[ _-]?of[ _-]?birth|birth[ _-]?year|yob|geburtsjahr|godina[ _-]?ro(?:đ|dj)enja|rojstno[ _-]?leto`;
/** In every line that holds such a header (columnValues' lineHint contract). */
const YEAR_HEADER_HINT = new RegExp(YEAR_HEADERS, "i");
const YEAR_HEADER = new RegExp(`^(?:${YEAR_HEADERS})$`);
function isBirthYearHeader(field: string): boolean {
  return YEAR_HEADER.test(field);
}

/** "Ante Jurić, *1977", "(*12. 3. 1950)": the genealogists' star for born, not a list bullet at a line's start. */
const STAR_CUE = /(?<=[ \t,;(])\*(?=(?:19|20)\d{2}(?![\d.:/-]\d)|\d{1,2}\.[ \t]?\d{1,2}\.[ \t]?(?:19|20)\d{2})/g;

/** "Hčerka Ema (12. 12. 2015) in sin Tim (5. 5. 2018)": a child named with a full date in parentheses. */
const CHILD_NAMED =
  /(?<!\p{L})(?:[Hh]čerk[aei]?|[Hh]či|[Ss]in(?:a|u)?|[Oo]trok|[Vv]nuk(?:inja)?|[Dd]vojčk[ia]|[Dd]aughter|[Ss]on|[Cc]hild|[Gg]rand(?:son|daughter)|[Tt]wins?)[ \t]+(?:\p{Lu}[\p{L}-]+[ \t]+){1,3}\((?=\d)/gu;

/**
 * "Gregor Žnidaršič, letnik 1975", "He is Franc Turk, r. 1949": the cue after a person's name and a
 * comma gives that person's birth year ("Iveco Daily letnik 2016" is a van's, with no comma or name).
 */
function afterPersonsName(text: string, cueStart: number): boolean {
  const before = NAME_AND_COMMA.exec(text.slice(Math.max(0, cueStart - 40), cueStart));
  if (before === null) return false;
  const flags = gazetteer().flagsOf(before[1]!.toLowerCase());
  return (flags & ANY_NAME) !== 0 && (flags & NOT_A_NAME) === 0;
}
const NAME_AND_COMMA = /(\p{Lu}\p{Ll}+),[ \t]*$/u;

/** "sem Franc Kerin, letnik 1949", "Sem letnik 1949": a person giving their own birth year. */
const SELF_INTRODUCTION = /(?:^|[^\p{L}])[Ss]em(?:[ \t]+\p{Lu}[\p{L}-]+){0,3},?[ \t]+$/u;

/** A birthday is a day and a month ("rojstni dan ima 30. junija", "birthday as 16 April", "rojstni dan 15. 11."). */
function isBirthdayCue(word: string): boolean {
  return /^(?:birthday|bday|geburtstag|rojstn\p{L}*[ \t]+(?:dan|dnev\p{L}*))$/iu.test(word);
}
/**
 * "Hčerka je bila rojena že 9. marca", "born on 5 March": born with a day and a month but no
 * year names a birthday too, when the day follows within a few words of the same clause.
 */
function isBornCue(word: string): boolean {
  return /^(?:rojen\p{L}*|born|ro(?:đ|dj)en\p{L}*|geboren|née?)$/iu.test(word);
}
const BORN_GAP = /^[ \t]+(?:(?:on|the|je|že|dne|am|il|je[ \t]+bila?|bila?)[ \t]+){0,2}$/iu;
function bornOnDay(text: string, cueEnd: number): Span | null {
  const date = personsBirthday(text, cueEnd);
  return date !== null && BORN_GAP.test(text.slice(cueEnd, date.start)) ? date : null;
}
function personsBirthday(text: string, cueEnd: number): Span | null {
  const date = dateAt(DAY_MONTH_AFTER_CUE, text, cueEnd, dayMonthSpan);
  // "Rojstni dan podjetja je 12. 5.": a company's or a shop's birthday is an anniversary
  return date === null || NOT_A_PERSON.test(text.slice(cueEnd, date.start)) ? null : date;
}

/**
 * "birthday board: Ana is 4 May, Tom 19 September, Klemen 30 December": after a birthday, more
 * people's names each with a day and a month, in the same list. Returns where the last one ends.
 */
const NEXT_NAME_IN_LIST = /,[ \t]*(?:and[ \t]+|in[ \t]+)?\p{Lu}\p{Ll}+(?:[ \t]+(?:is|je|has|ima))?[ \t]+(?=\d)/uy;
function pushListedBirthdays(text: string, from: number, detections: Detection[]): void {
  let end = from;
  for (let more = 0; more < 8; more++) {
    NEXT_NAME_IN_LIST.lastIndex = end;
    const name = NEXT_NAME_IN_LIST.exec(text);
    if (name === null) return;
    const date = dateAt(DAY_MONTH_AFTER_CUE, text, end + name[0].length, dayMonthSpan);
    if (date === null || date.start !== end + name[0].length) return;
    detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.75 });
    end = date.end;
  }
}
const NOT_A_PERSON = /podjetj|company|firm|trgovin|shop|store|spletn|site|brand|blagovn|klub|club|dru[šs]tv/i;

/**
 * "my DOB is wrong in the portal, it shows 22-Sep-1992", "datumi rojstva se pretvorijo: Ivan ima
 * 07.03.1955", "datume rojstva obeh novih\n[11:04] Uroš: Žiga je 02.02.95": the first full date
 * after the cue in the same passage (up to a blank line, at most PASSAGE characters), when its
 * year is one a person alive now was born in and no word between introduces another kind of
 * date ("Datum uvoza 2024-03-20", "since 01.06.2024"). The pattern is tried only where a digit
 * starts a word within the passage, so the work stays bounded per cue.
 */
const PASSAGE = 160;
const LATEST_BIRTH_YEAR = 2019;
function dateLaterInPassage(text: string, cueEnd: number): Span | null {
  // "born-02" names a server; a cue among a table's tab-separated cells is its column's header
  if (text[cueEnd] === "-" || text[cueEnd] === "_") return null;
  // the blank line looked for within the passage only: indexOf over the rest of the text for every cue would be quadratic
  const blank = text.slice(cueEnd, cueEnd + PASSAGE).indexOf("\n\n");
  const to = Math.min(text.length, cueEnd + (blank === -1 ? PASSAGE : blank));
  for (let at = cueEnd; at < to; at++) {
    if (!isDigitUnit(text.charCodeAt(at)) || (at > 0 && (isWordUnit(text.charCodeAt(at - 1)) || /[.:/-]/.test(text[at - 1]!)))) continue;
    const date = dateAt(DATE_HERE, text, at);
    if (date === null || date.yearOnly || !date.day || !date.month) continue;
    const between = text.slice(cueEnd, date.start);
    if (between.includes("\t") || OTHER_DATE_WORDS.test(between)) return null;
    return date.year !== undefined && date.year >= 1900 && date.year <= LATEST_BIRTH_YEAR ? date : null;
  }
  return null;
}

/**
 * "…can you tell me your date of birth for verification?" and, on one of the next three lines,
 * "Customer: 22.7.93": a question that asks for the birth date is answered by a full date that
 * opens a later line (after the speaker's label).
 */
function answerToQuestion(text: string, cueStart: number, cueEnd: number): Span | null {
  const lineBefore = text.slice(Math.max(0, cueStart - REQUEST_WINDOW), cueStart);
  const asked = REQUEST.test(lineBefore.slice(lineBefore.lastIndexOf("\n") + 1)) ? BIRTH_DATE_REQUESTED : BIRTH_DATE_QUESTION;
  for (const start of answerStarts(text, cueEnd, 3, asked)) {
    const date = dateAt(DATE_HERE, text, start);
    if (date !== null && !date.yearOnly) return date;
  }
  return null;
}
/** The rest of the cue's line: no digits (a date there is not asked for), and a question mark. */
const BIRTH_DATE_QUESTION = /^[^\d\n]{0,80}\?(?:[ \t]+[^\d\n?]{1,60})?[ \t\r]*$/;
/**
 * …or no question mark, when the words before the cue ask for it: a bot's "Vpišite datum rojstva.",
 * an agent's "please give me your date of birth and ZIP code."
 */
const BIRTH_DATE_REQUESTED = /^[^\d\n]{0,80}$/;
const REQUEST_WINDOW = 80;
const REQUEST =
  /(?<!\p{L})(?:vpi[šs]\p{L}*|vnes\p{L}*|napi[šs]\p{L}*|naved\p{L}*|sporo[čc]\p{L}*|pove[jd]\p{L}*|potrd\p{L}*|po[šs]lj\p{L}*|rabi\p{L}*|potrebuje\p{L}*|give|tell|enter|type|provide|confirm|send|need|please|prosim|bitte|geben)(?!\p{L})/iu;

/**
 * After a birth date, more full dates in the same sentence that name another person's birth date
 * or correct this one ("je rojen 15.02.1970, jaz 2.9.1973", "rojena 31. decembra 1999, v sistemu
 * pa je 13. 12. 1999"), unless the words between introduce another kind of date ("veljavno do",
 * "vpis", "valid until"). Returns where the last one ends.
 */
function pushFollowingBirthDates(text: string, from: number, detections: Detection[]): number {
  let end = from;
  BIRTH_YEAR_AFTER.lastIndex = end;
  const year = BIRTH_YEAR_AFTER.exec(text);
  if (year !== null) {
    end += year[0].length;
    detections.push({ type: "DATE_OF_BIRTH", start: end - year[1]!.length, end, confidence: 0.8 });
  }
  for (let more = 0; more < 4; more++) {
    const date = dateAt(DATE_AFTER_CUE, text, end);
    // a year alone only joined to the one before, ending the clause ("the two apprentices born 2005 and 2006.")
    if (date === null || (date.yearOnly && !(YEAR_JOINED.test(text.slice(end, date.start)) && CLAUSE_END.test(text.slice(date.end, date.end + 3)))) || OTHER_DATE_WORDS.test(text.slice(end, date.start))) break;
    detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.8 });
    end = date.end;
  }
  return end;
}
const YEAR_JOINED = /^[ \t]*(?:,|\/|&|and|or|in|ali|und)[ \t]*$/;
const CLAUSE_END = /^(?:[ \t]*[.,;:)!?]|[ \t]*\r?\n|[ \t]*$)/;
/** "Rojstni dan ima 30. junija, letnik 1968": the year given after the birthday. */
const BIRTH_YEAR_AFTER = /,?[ \t]*(?:letnik|letnica|leto)[ \t]*:?[ \t]*((?:19|20)\d{2})(?!\d)/y;
const OTHER_DATE_WORDS =
  /(?:rok|\bdo\b|\bod\b|veljav|valid|expir|pote[čk]|izdan|issued|registr|vpis(?!an)|prijav|open|odprt|odhod|prihod|deploy|namest|ra[čc]un|invoice|order|naro[čc]|created|ustvar|updat|submit|oddan|oddal|sent\b|poslan|spremen|posodob|pla[čc]|\bpaid|\bpay|\bdue\b|until|since|from|start|konec|\bend|za[čc]et|sestan|meeting|termin|join|zaposl|employ|hired|member|[čc]lan|datum(?![ \t]+roj)|\bdate\b|today|danes|včeraj|yesterday|tomorrow|jutri|\bat\b|\bob\b|died|death|umrl|smrt|\bne\b|\bnot\b|\bni\b)/i;

/** Column names of a birth date in exported tables: "dob", "date_of_birth", "datum_rojstva", "Geburtsdatum", "r." (rojen, as a register lists its members). */
const DOB_HEADER_HINT = groupLeadingAlternation(/(?:dob|birth|born|roj|geburt|rođenj|rodjenj|nascita|bday|r\.(?: {2}|\t|[ \t]*[|;,]))/i);
function isDobHeader(field: string): boolean {
  return /^(?:dob|d\.o\.b\.?|bday|birthday|born|date[ _-]?born|rojen[aio]?|roj\.?|r\.|rojstvo|geburtstag|birth[ _-]?date|date[ _-]?of[ _-]?birth|datum[ _-]?rojstva|dat[ _.-]{0,2}rojstva|dat(?:um)?[ _.-]{0,2}roj\.?|rojstni[ _-]?datum|geburtsdatum|geb\.?[ _-]?datum|datum[ _-]?ro(?:đ|dj)enja|data[ _-]?di[ _-]?nascita)$/.test(field);
}
/** In every line that holds a field isDobHeader accepts (columnValues splits only these lines). */
const DOB_HEADER_LINE = groupLeadingAlternation(/(?:dob|d\.o\.b|bday|birth|born|roj|geb|ro(?:đ|dj)en|nascita|r\.(?: {2}|\t|[ \t]*[|;,]))/i);
/**
 * A table cell that holds a date: 1988-03-14 (with the time an export adds), 1988.03.14.,
 * 14.3.1988, 14/03/1988, 04-Jul-76, 5 March 1982, only the year (1960) where a form asked for the
 * date, or only the day and month (a birthday column: Mailchimp's "08/21", "3. 5.", "--0412").
 */
const DATE_CELL =
  /^(?:(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}\.?(?:T[\d:.]{5,15}(?:Z|[+-]\d{2}:?\d{2})?)?)?|\d{1,2}\. ?\d{1,2}\. ?(?:(?:19|20)?\d{2})?|\d{1,2}[/-]\d{1,2}(?:[/-](?:19|20)?\d{2})?|\d{1,2}(?:\.|st|nd|rd|th)?[ -]\p{L}{3,10}\.?(?:[ -](?:19|20)?\d{2})?|--\d{2}-?\d{2})$/u;

function isDigitUnit(unit: number): boolean {
  return unit >= 48 && unit <= 57;
}

function isWordUnit(unit: number): boolean {
  return (
    (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) || unit === 95 ||
    (unit >= 0xc0 && unit !== 0xd7 && unit !== 0xf7 && unit < 0x2000)
  );
}
