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
  /(?:datum(?:a|u|om)?[ \t_]+rojstva|letnik|letnica[ \t]+rojstva|leto[ \t]+rojstva|rojstno[ \t]+leto|year[ \t]+of[ \t]+birth|birth[ \t]+year|yob|datum[ \t]+in[ \t]+(?:kraj|datum)[ \t]+rojstva|kraj[ \t]+in[ \t]+(?:kraj|datum)[ \t]+rojstva|dat\.[ \t]*roj(?:stva|\.)?|roj\.[ \t]*dat(?:um|\.)?|bday|rojstni[ \t]+(?:datum|dan)|rojen[aoie]?|roj\.|r\.|b\.|D\.?O\.?B\.?|date[ \t_-]*of[ \t_-]*birth|birth[ \t_-]?date|birth[ \t]+date|birthday|born|geburtsdatum|geb\.[ \t-]*datum|geb\.|geboren|datum[ \t]+(?:i[ \t]+mjesto[ \t]+)?ro(?:đ|dj)enja|ro(?:đ|dj)en[aoi]?|data[ \t]+di[ \t]+nascita|nat[oa][ \t]+il|née?|rojstv[oa](?=[ \t]*:)|birth(?=[ \t]*:)|geburtstag|narozen[aáý]?|datum[ \t]+narozen[íi]|fecha[ \t]+de[ \t]+nacimiento|nacid[oa]|date[ \t]+de[ \t]+naissance|data[ \t]+(?:de[ \t]+)?(?:urodzenia|nascimento|na[sș]terii)|urodzon[aey]|geboortedatum|f[öo]delsedatum|sz[üu]let[ée]si[ \t]+d[áa]tum)/gi,
);

/**
 * "dob" and "Dob" are a Slovenian word and a village, "R." and "B." initials: those cues only
 * count as written here, upper-case "DOB" (or dotted "d.o.b."), lower-case "r." and "b." (born,
 * as biographies abbreviate it: "b. 1985-04-03"). A lower-case "dob" counts as a key, followed by
 * its ":" or "=" ("dob": "1985-04-03", ?dob=1985-04-03), and then only with a full date.
 */
const DOB_KEY_AFTER = /^["']?[ \t]*[:=]/;
function cueCounts(word: string, after: string): boolean {
  if (/^d\.?o\.?b\.?$/i.test(word)) return word === word.toUpperCase() || word === "DoB" || /^d\.o\.b/.test(word) || (word === "dob" && DOB_KEY_AFTER.test(after));
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
const GAP = String.raw`(?:(?:[^\n\d.!?(]|\([^\n\d)]{1,20}\)){0,40}?|[ \t]*:?[ \t]*\r?\n[ \t]*)`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const DATE_AFTER_CUE = new RegExp(
  GAP +
    "(" +
    [
      String.raw`(\d{1,2})\.[ \t]?(\d{1,2})\.[ \t]?(${YEAR}|'?\d{2})(?![\d.]\d)`, // 15.3.1985, 15. 03. 85, 15. 3. '85
      String.raw`(\d{1,2})/(\d{1,2})/(${YEAR}|\d{2})(?!\d)`, // 15/03/1985, 03/15/1985
      String.raw`(\d{1,2})-(\d{1,2})-(${YEAR}|\d{2})(?!\d)`, // 15-03-1985, 15-03-85
      String.raw`(${YEAR})[-/. ](\d{1,2})[-/. ](\d{1,2})(?!\d)`, // 1985-03-15, 1985/03/15, 1985.03.15, 1985 03 15
      String.raw`(\d{1,2})(?:\.[ \t]*|(?:st|nd|rd|th)?(?:[ \t]+|-))(?:of[ \t]+)?(\p{L}{1,10})(?:\.[ \t]*|\.?,?(?:[ \t]+|-))(${YEAR})(?!\d)`, // 15. marca 1985, 15.marec 1985, 15 March 1985, 15-Mar-1985, 15. III. 1985
      String.raw`(\p{L}{3,10})\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(${YEAR})(?!\d)`, // March 15, 1985
      String.raw`(${YEAR})(?![\d.:/-]\d)`, // rojen leta 1985
      String.raw`--\d{2}-?\d{2}(?!\d)`, // vCard BDAY without a year: --0412
      String.raw`(${YEAR})(\d{2})(\d{2})(?!\d)`, // 19850314 (ISO 8601 basic)
      String.raw`(?<!\p{L})(${MONTH_NAME})\.?[ \t]+(${YEAR})(?!\d)`, // born in April 1985, rojena aprila 1985
    ].join("|") +
    ")",
  "yu",
);

export function detectDatesOfBirth(text: string): Detection[] {
  const detections: Detection[] = [];
  CUE.lastIndex = 0;
  for (let cue = CUE.exec(text); cue !== null; cue = CUE.exec(text)) {
    const word = cue[0];
    const start = cue.index;
    if (start > 0 && isWordUnit(text.charCodeAt(start - 1))) continue;
    const end = start + word.length;
    const lastIsLetter = isWordUnit(word.charCodeAt(word.length - 1));
    if (lastIsLetter && end < text.length && isWordUnit(text.charCodeAt(end))) continue; // "rojenica", "borne"
    if (!cueCounts(word, text.slice(end, end + 4))) continue;
    // "b." for born follows a name, in parentheses or after a comma ("Ana Novak (b. 1985-04-03)");
    // "a. 1. 3. 2024, b. 1. 4. 2024" is a list.
    if (word === "b." && !/(?:\p{L}[ \t]*\(|\p{L},[ \t]*)$/u.test(text.slice(Math.max(0, start - 3), start))) continue;
    DATE_AFTER_CUE.lastIndex = end;
    const match = DATE_AFTER_CUE.exec(text);
    if (match === null) continue;
    const date = dateSpan(match);
    // "r." and "geb." abbreviate other words too: only a full date after them counts.
    // "(r. 1952)", "(b. 1985)": a year alone in parentheses after such a cue is still a birth year.
    const inParentheses = text[start - 1] === "(" && text[date?.end ?? 0] === ")";
    if (date === null || (date.yearOnly && ((isAmbiguousCue(word) && !inParentheses) || word === "dob"))) continue;
    detections.push({ type: "DATE_OF_BIRTH", start: date.start, end: date.end, confidence: 0.9 });
    CUE.lastIndex = Math.max(CUE.lastIndex, date.end);
  }
  for (const cell of columnValues(text, DOB_HEADER_HINT, isDobHeader, DOB_HEADER_LINE)) {
    if (DATE_CELL.test(text.slice(cell.start, cell.end))) detections.push({ type: "DATE_OF_BIRTH", ...cell, confidence: 0.85 });
  }
  return detections;
}

/** Column names of a birth date in exported tables: "dob", "date_of_birth", "datum_rojstva", "Geburtsdatum". */
const DOB_HEADER_HINT = groupLeadingAlternation(/(?:dob|birth|rojstv|rojstn|geburt|rođenj|rodjenj|nascita|bday)/i);
function isDobHeader(field: string): boolean {
  return /^(?:dob|d\.o\.b\.?|bday|birthday|birth[ _-]?date|date[ _-]?of[ _-]?birth|datum[ _-]?rojstva|dat[ _.-]{0,2}rojstva|dat[ _.-]{0,2}roj\.?|rojstni[ _-]?datum|geburtsdatum|geb\.?[ _-]?datum|datum[ _-]?ro(?:đ|dj)enja|data[ _-]?di[ _-]?nascita)$/.test(field);
}
/** In every line that holds a field isDobHeader accepts (columnValues splits only these lines). */
const DOB_HEADER_LINE = groupLeadingAlternation(/(?:dob|d\.o\.b|bday|birth|rojstv|rojstn|geb|ro(?:đ|dj)en|nascita)/i);
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
