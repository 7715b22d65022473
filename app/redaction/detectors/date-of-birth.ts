import type { Detection } from "../types";
import { columnValues } from "./csv-columns";
import { groupLeadingAlternation } from "./grouped-alternation";

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
  /(?:datum(?:a|u|om)?[ \t_]+rojstva|letnik|letnica[ \t]+rojstva|leto[ \t]+rojstva|rojstno[ \t]+leto|year[ \t]+of[ \t]+birth|birth[ \t]+year|yob|datum[ \t]+in[ \t]+(?:kraj|datum)[ \t]+rojstva|kraj[ \t]+in[ \t]+(?:kraj|datum)[ \t]+rojstva|dat\.[ \t]*roj(?:stva|\.)?|roj\.[ \t]*dat(?:um|\.)?|bday|rojstn(?:i|e|ega|em|ih)[ \t]+(?:datum[a-z]{0,2}|dan|dnev[a-z]{0,2})|rojen[aoie]?|roj\.|r\.|b\.|D\.?O\.?B\.?|date[ \t_-]*of[ \t_-]*birth|birth[ \t_-]?date|birth[ \t]+date|birthday|born|geburtsdatum|geb\.[ \t-]*datum|geb\.|geboren|datum[ \t]+(?:i[ \t]+mjesto[ \t]+)?ro(?:đ|dj)enja|ro(?:đ|dj)en[aoi]?|data[ \t]+di[ \t]+nascita|nat[oa][ \t]+il|née?|rojstv[oa](?=[ \t]*["']?[ \t]*[:=])|birth(?=[ \t]*["']?[ \t]*[:=])|geburtstag|narozen[aáý]?|datum[ \t]+narozen[íi]|fecha[ \t]+de[ \t]+nacimiento|nacid[oa]|date[ \t]+de[ \t]+naissance|data[ \t]+(?:de[ \t]+)?(?:urodzenia|nascimento|na[sș]terii)|urodzon[aey]|geboortedatum|f[öo]delsedatum|sz[üu]let[ée]si[ \t]+d[áa]tum)/gi,
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

const MONTH_NAMES = new Map<string, number>();
for (const [month, names] of [
  [1, "januar januarja januarju jan january jänner jänner janner gennaio siječanj siječnja sij"],
  [2, "februar februarja februarju feb february februar febbraio veljača veljače velj"],
  [3, "marec marca marcu mar march märz maerz marzo ožujak ožujka ožu"],
  [4, "april aprila aprilu apr aprile travanj travnja tra"],
  [5, "maj maja maju may mai maggio svibanj svibnja svi"],
  [6, "junij junija juniju jun june juni giugno lipanj lipnja lip"],
  [7, "julij julija juliju jul july juli luglio srpanj srpnja srp"],
  [8, "avgust avgusta avgustu avg aug august agosto kolovoz kolovoza kol"],
  [9, "september septembra septembru sep sept settembre rujan rujna ruj"],
  [10, "oktober oktobra oktobru okt oct october ottobre listopad listopada lis"],
  [11, "november novembra novembru nov novembre studeni studenog studenoga stu"],
  [12, "december decembra decembru dec dez dezember dicembre prosinac prosinca pro"],
] as const) {
  for (const name of names.split(" ")) MONTH_NAMES.set(name, month);
}

// Between the cue and the date: a colon or dash, "dne", "on", "am", "the", "leta", "in", "il".
// Between the cue and the date: up to 40 characters of the same clause without a digit
// ("Geburtsdatum des Antragstellers: 03.11.1968", "date of birth is November 5, 1983",
// "Rođena sam 3. svibnja 1989.", "datum rojstva v CRM: pravilno je 17.04.1998"). The first
// date after the cue is the one it introduces.
// The date may also stand alone on the line under its label ("Datum rojstva:\n14. 3. 1985").
/** Month names for "born in April 1985", "rojena aprila 1985", lower case or capitalised: longest first. */
const MONTH_NAME = [...MONTH_NAMES.keys()]
  .flatMap((name) => [name, name[0]!.toUpperCase() + name.slice(1)])
  .sort((a, b) => b.length - a.length)
  .join("|");
// A format hint in parentheses may hold dots or slashes: "Datum rojstva (dd.mm.llll): 03.04.1985".
// Dot leaders of a printed form ("Date of birth ..... 1. 1. 2001") and a parenthesis opened
// right before the date ("datum rojstva (20. 3. 2020)") are part of the gap too.
const GAP = String.raw`(?:(?:[^\n\d.!?(]|\([^\n\d)]{1,20}\)|\.{2,}|…){0,40}?|[ \t]*:?[ \t]*\r?\n[ \t]*)\(?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
// The midnight an export writes after an ISO birth date ("1981-09-14T00:00:00.000Z") goes with it.
const TIME_OF_DAY = String.raw`(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\w:]))?`;
/** The date shapes; dateSpan reads their numbered groups. */
const DATE_SHAPES = [
      String.raw`(\d{1,2})[ \t]?\.[ \t]?(\d{1,2})[ \t]?\.[ \t]?(${YEAR}|'?\d{2})(?![\d.]\d)`, // 15.3.1985, 15. 03. 85, 15. 3. '85, 1 . 1 . 2001
      String.raw`(\d{1,2})/(\d{1,2})/(${YEAR}|\d{2})(?!\d)`, // 15/03/1985, 03/15/1985
      String.raw`(\d{1,2})-(\d{1,2})-(${YEAR}|\d{2})(?!\d)`, // 15-03-1985, 15-03-85
      String.raw`(${YEAR})[-/. ](\d{1,2})[-/. ](\d{1,2})(?!\d)${TIME_OF_DAY}`, // 1985-03-15, 1985/03/15, 1985.03.15, 1985 03 15, 1985-03-15T00:00:00Z
      String.raw`(\d{1,2})(?:\.[ \t]*|(?:st|nd|rd|th)?(?:[ \t]+|-))(?:of[ \t]+)?(\p{L}{1,10})(?:\.[ \t]*|\.?,?(?:[ \t]+|-))(${YEAR})(?!\d)`, // 15. marca 1985, 15.marec 1985, 15 March 1985, 15-Mar-1985, 15. III. 1985
      String.raw`(\p{L}{3,10})\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(${YEAR})(?!\d)`, // March 15, 1985
      String.raw`(${YEAR})(?![\d.:/-]\d)`, // rojen leta 1985
      String.raw`--\d{2}-?\d{2}(?!\d)`, // vCard BDAY without a year: --0412
      String.raw`(${YEAR})(\d{2})(\d{2})(?!\d)`, // 19850314 (ISO 8601 basic)
      String.raw`(?<!\p{L})(${MONTH_NAME})\.?[ \t]+(${YEAR})(?!\d)`, // born in April 1985, rojena aprila 1985
      String.raw`(\d{1,2})[ \t]+(\d{1,2})[ \t]+(${YEAR})(?!\d)`, // rojena 23 8 1983 (typed without dots)
    ].join("|");
const DATE_AFTER_CUE = new RegExp(GAP + "(" + DATE_SHAPES + ")", "yu");
/** A date right here, with nothing before it (an answer on its own line). */
const DATE_HERE = new RegExp("(" + DATE_SHAPES + ")", "yu");

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
      const answer = isBirthdayCue(word) ? personsBirthday(text, end) : answerToQuestion(text, end);
      if (answer !== null) {
        detections.push({ type: "DATE_OF_BIRTH", ...answer, confidence: 0.85 });
        pushFollowingBirthDates(text, answer.end, detections);
      }
      continue;
    }
    // "r." and "geb." abbreviate other words too: only a full date after them counts.
    // "(r. 1952)", "(b. 1985)": a year alone in parentheses after such a cue is still a birth year,
    // and so is "letnik 1949" after "sem Franc Kerin,".
    const inParentheses = text[start - 1] === "(" && text[date.end] === ")";
    const introducedSelf = word.toLowerCase() === "letnik" && SELF_INTRODUCTION.test(text.slice(Math.max(0, start - 60), start));
    if (date.yearOnly && ((isAmbiguousCue(word) && !inParentheses && !introducedSelf) || word === "dob")) continue;
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
  return detections;
}

type Span = { start: number; end: number; yearOnly: boolean };

function dateAt(pattern: RegExp, text: string, at: number, span: (m: RegExpExecArray) => Span | null = dateSpan): Span | null {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match === null ? null : span(match);
}

/** "Ante Jurić, *1977", "(*12. 3. 1950)": the genealogists' star for born, not a list bullet at a line's start. */
const STAR_CUE = /(?<=[ \t,;(])\*(?=(?:19|20)\d{2}(?![\d.:/-]\d)|\d{1,2}\.[ \t]?\d{1,2}\.[ \t]?(?:19|20)\d{2})/g;

/** "Hčerka Ema (12. 12. 2015) in sin Tim (5. 5. 2018)": a child named with a full date in parentheses. */
const CHILD_NAMED =
  /(?<!\p{L})(?:[Hh]čerk[aei]?|[Hh]či|[Ss]in(?:a|u)?|[Oo]trok|[Vv]nuk(?:inja)?|[Dd]vojčk[ia]|[Dd]aughter|[Ss]on|[Cc]hild|[Gg]rand(?:son|daughter)|[Tt]wins?)[ \t]+(?:\p{Lu}[\p{L}-]+[ \t]+){1,3}\((?=\d)/gu;

/** "sem Franc Kerin, letnik 1949", "Sem letnik 1949": a person giving their own birth year. */
const SELF_INTRODUCTION = /(?:^|[^\p{L}])[Ss]em(?:[ \t]+\p{Lu}[\p{L}-]+){0,3},?[ \t]+$/u;

/** A birthday is a day and a month ("rojstni dan ima 30. junija", "birthday as 16 April", "rojstni dan 15. 11."). */
function isBirthdayCue(word: string): boolean {
  return /^(?:birthday|bday|geburtstag|rojstn\p{L}*[ \t]+(?:dan|dnev\p{L}*))$/iu.test(word);
}
const DAY_MONTH_AFTER_CUE = new RegExp(
  GAP +
    "(" +
    [
      String.raw`(\d{1,2})\.[ \t]?(\d{1,2})\.(?![ \t]?\d)`, // 15. 11.
      String.raw`(\d{1,2})(?:\.|st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(${MONTH_NAME})(?!\p{L})`, // 30. junija, 16 April, 4th of July
      String.raw`(?<!\p{L})(${MONTH_NAME})[ \t]+(\d{1,2})(?:st|nd|rd|th)?(?![\d.])`, // April 16th
    ].join("|") +
    ")",
  "yu",
);
function personsBirthday(text: string, cueEnd: number): Span | null {
  const date = dateAt(DAY_MONTH_AFTER_CUE, text, cueEnd, dayMonthSpan);
  // "Rojstni dan podjetja je 12. 5.": a company's or a shop's birthday is an anniversary
  return date === null || NOT_A_PERSON.test(text.slice(cueEnd, date.start)) ? null : date;
}
const NOT_A_PERSON = /podjetj|company|firm|trgovin|shop|store|spletn|site|brand|blagovn|klub|club|dru[šs]tv/i;

function dayMonthSpan(match: RegExpExecArray): Span | null {
  const g = match.slice(2);
  const end = match.index + match[0].length;
  const start = end - match[1]!.length;
  const [day, month] =
    g[0] !== undefined ? [+g[0], +g[1]!] : g[2] !== undefined ? [+g[2], MONTH_NAMES.get(g[3]!.toLowerCase()) ?? 0] : [+g[5]!, MONTH_NAMES.get(g[4]!.toLowerCase()) ?? 0];
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? { start, end, yearOnly: false } : null;
}

/**
 * "…can you tell me your date of birth for verification?" and, on one of the next three lines,
 * "Customer: 22.7.93": a question that asks for the birth date is answered by a full date that
 * opens a later line (after the speaker's label).
 */
function answerToQuestion(text: string, cueEnd: number): Span | null {
  // the question ends its line within 80 characters: a window, not a search to the next line break
  const rest = text.slice(cueEnd, cueEnd + 90);
  const breakAt = rest.indexOf("\n");
  if (breakAt === -1 || !/^[^\d\n]{0,80}\?[ \t\r]*$/.test(rest.slice(0, breakAt))) return null;
  let lineEnd = cueEnd + breakAt;
  for (let line = 0; line < 3 && lineEnd !== -1; line++) {
    const lineStart = lineEnd + 1;
    lineEnd = text.indexOf("\n", lineStart);
    SPEAKER_LABEL.lastIndex = lineStart;
    const label = SPEAKER_LABEL.exec(text);
    const date = dateAt(DATE_HERE, text, lineStart + (label?.[0].length ?? 0));
    if (date !== null && !date.yearOnly) return date;
  }
  return null;
}
const SPEAKER_LABEL = /[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[^\n:\d]{1,30}:[ \t]*)?/y;

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
    DATE_AFTER_CUE.lastIndex = end;
    const match = DATE_AFTER_CUE.exec(text);
    const date = match === null ? null : dateSpan(match);
    if (date === null || date.yearOnly || OTHER_DATE_WORDS.test(text.slice(end, date.start))) break;
    detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.8 });
    end = date.end;
  }
  return end;
}
/** "Rojstni dan ima 30. junija, letnik 1968": the year given after the birthday. */
const BIRTH_YEAR_AFTER = /,?[ \t]*(?:letnik|letnica|leto)[ \t]*:?[ \t]*((?:19|20)\d{2})(?!\d)/y;
const OTHER_DATE_WORDS =
  /(?:rok|\bdo\b|\bod\b|veljav|valid|expir|pote[čk]|izdan|issued|registr|vpis(?!an)|prijav|open|odprt|odhod|prihod|deploy|namest|ra[čc]un|invoice|order|naro[čc]|created|ustvar|updat|spremen|posodob|pla[čc]|\bpaid|\bpay|\bdue\b|until|since|from|start|konec|\bend|za[čc]et|sestan|meeting|termin|join|zaposl|employ|hired|member|[čc]lan|datum(?![ \t]+roj)|\bdate\b|today|danes|včeraj|yesterday|tomorrow|jutri|\bat\b|\bob\b|died|death|umrl|smrt|\bne\b|\bnot\b|\bni\b)/i;

/** Column names of a birth date in exported tables: "dob", "date_of_birth", "datum_rojstva", "Geburtsdatum". */
const DOB_HEADER_HINT = groupLeadingAlternation(/(?:dob|birth|born|roj|geburt|rođenj|rodjenj|nascita|bday)/i);
function isDobHeader(field: string): boolean {
  return /^(?:dob|d\.o\.b\.?|bday|birthday|born|date[ _-]?born|rojen[aio]?|roj\.?|rojstvo|geburtstag|birth[ _-]?date|date[ _-]?of[ _-]?birth|datum[ _-]?rojstva|dat[ _.-]{0,2}rojstva|dat[ _.-]{0,2}roj\.?|rojstni[ _-]?datum|geburtsdatum|geb\.?[ _-]?datum|datum[ _-]?ro(?:đ|dj)enja|data[ _-]?di[ _-]?nascita)$/.test(field);
}
/** In every line that holds a field isDobHeader accepts (columnValues splits only these lines). */
const DOB_HEADER_LINE = groupLeadingAlternation(/(?:dob|d\.o\.b|bday|birth|born|roj|geb|ro(?:đ|dj)en|nascita)/i);
/** A table cell that holds a date: 1988-03-14, 14.3.1988, 14/03/1988. */
const DATE_CELL = /^(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}|\d{1,2}\. ?\d{1,2}\. ?(?:19|20)?\d{2}|\d{1,2}\/\d{1,2}\/(?:19|20)?\d{2})$/;

/** "15. III. 1985": months in Roman numerals, as Central European forms still write them. */
const ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

function dateSpan(match: RegExpExecArray): { start: number; end: number; yearOnly: boolean } | null {
  const g = match.slice(2); // the numbered parts of the date, after the whole date (group 1)
  const end = match.index + match[0].length;
  const start = end - match[1]!.length;
  let day: number;
  let month: number;
  if (g[0] !== undefined) [day, month] = dayMonth(+g[0], +g[1]!);
  else if (g[3] !== undefined) [day, month] = dayMonth(+g[3], +g[4]!);
  else if (g[6] !== undefined) [day, month] = dayMonth(+g[6], +g[7]!);
  else if (g[9] !== undefined) [day, month] = [+g[11]!, +g[10]!];
  else if (g[12] !== undefined) [day, month] = [+g[12], MONTH_NAMES.get(g[13]!.toLowerCase()) ?? ROMAN_MONTHS.indexOf(g[13]!) + 1];
  else if (g[15] !== undefined) [day, month] = [+g[16]!, MONTH_NAMES.get(g[15].toLowerCase()) ?? 0];
  else if (g[19] !== undefined) [day, month] = [+g[21]!, +g[20]!];
  else if (g[24] !== undefined) [day, month] = dayMonth(+g[24], +g[25]!);
  else if (g[22] !== undefined) return { start, end, yearOnly: true }; // a month and a year: as precise as a year alone
  else return { start, end, yearOnly: true };
  if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
  return { start, end, yearOnly: false };
}

/** Day first (Europe), unless the first number cannot be a month day pair that way ("03/15/1985"). */
function dayMonth(first: number, second: number): [number, number] {
  if (second > 12 && first <= 12) return [second, first];
  return [first, second];
}

function isWordUnit(unit: number): boolean {
  return (
    (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) || unit === 95 ||
    (unit >= 0xc0 && unit !== 0xd7 && unit !== 0xf7 && unit < 0x2000)
  );
}
