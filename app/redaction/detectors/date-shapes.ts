/**
 * The shapes of a calendar date as people write one after a birth cue, and how to read them:
 * numeric in every order and separator, with month names in Slovenian, English, German,
 * Italian and Croatian (and their cases), Roman months, ISO with the midnight an export adds, a
 * year alone. Used by date-of-birth.ts; nothing here knows what makes a date a birth date.
 */

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
// A format hint in parentheses may hold dots or slashes: "Datum rojstva (dd.mm.llll): 03.04.1985",
// and a note on what the date is for ("Date of birth (for the guest registration / prijava gostov): …").
// Dot leaders of a printed form ("Date of birth ..... 1. 1. 2001") and a parenthesis opened
// right before the date ("datum rojstva (20. 3. 2020)") are part of the gap too.
const GAP = String.raw`(?:(?:[^\n\d.!?(]|\([^\n\d)]{1,60}\)|\([^\n)]{1,60}\)(?=[ \t]*:)|\.{2,}|…){0,40}?|[ \t]*:?[ \t]*\r?\n[ \t]*)\(?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
// The midnight an export writes after an ISO birth date ("1981-09-14T00:00:00.000Z") goes with it.
const TIME_OF_DAY = String.raw`(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\w:]))?`;
/** The date shapes; dateSpan reads their numbered groups. */
const DATE_SHAPES = [
  String.raw`(\d{1,2})[ \t]?\.[ \t]?(\d{1,2})[ \t]?\.[ \t]?(${YEAR}|'?\d{2})(?![\d.]\d)`, // 15.3.1985, 15. 03. 85, 15. 3. '85, 1 . 1 . 2001
  String.raw`(\d{1,2})/(\d{1,2})/(${YEAR}|\d{2})(?!\d)`, // 15/03/1985, 03/15/1985
  String.raw`(\d{1,2})-(\d{1,2})-(${YEAR}|\d{2})(?!\d)`, // 15-03-1985, 15-03-85
  String.raw`(${YEAR})[-/. ](\d{1,2})[-/. ](\d{1,2})(?!\d)${TIME_OF_DAY}`, // 1985-03-15, 1985/03/15, 1985.03.15, 1985 03 15, 1985-03-15T00:00:00Z
  String.raw`(\d{1,2})(?:\.[ \t]*|(?:st|nd|rd|th)?(?:[ \t]+|-))(?:of[ \t]+)?(\p{L}{1,10})(?:\.[ \t]*|\.?,?(?:[ \t]+|-))(${YEAR}|'?\d{2}(?![:.]?\d))(?!\d)`, // 15. marca 1985, 15.marec 1985, 15 March 1985, 15-Mar-1985, 15. III. 1985, 12th of feb '85, 04-Jul-76, 22 maj 84
  String.raw`(\p{L}{3,10})\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(${YEAR})(?!\d)`, // March 15, 1985
  String.raw`(${YEAR})(?![\d.:/-]\d)`, // rojen leta 1985
  String.raw`--\d{2}-?\d{2}(?!\d)`, // vCard BDAY without a year: --0412
  String.raw`(${YEAR})(\d{2})(\d{2})(?!\d)`, // 19850314 (ISO 8601 basic)
  String.raw`(?<!\p{L})(${MONTH_NAME})\.?[ \t]+(${YEAR})(?!\d)`, // born in April 1985, rojena aprila 1985
  String.raw`(\d{1,2})[ \t]+(\d{1,2})[ \t]+(${YEAR})(?!\d)`, // rojena 23 8 1983 (typed without dots)
].join("|");
export const DATE_AFTER_CUE = new RegExp(GAP + "(" + DATE_SHAPES + ")", "yu");
/** A date right here, with nothing before it (an answer on its own line). */
export const DATE_HERE = new RegExp("(" + DATE_SHAPES + ")", "yu");

export type Span = {
  start: number;
  end: number;
  yearOnly: boolean;
  /** The calendar date read, where the shape gives it (0 for a part it does not hold). */
  day?: number;
  month?: number;
  year?: number;
};

export function dateAt(pattern: RegExp, text: string, at: number, span: (m: RegExpExecArray) => Span | null = dateSpan): Span | null {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match === null ? null : span(match);
}

/** A day and a month without a year ("30. junija", "16 April", "15. 11."): only a birthday's. */
export const DAY_MONTH_AFTER_CUE = new RegExp(
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
export function dayMonthSpan(match: RegExpExecArray): Span | null {
  const g = match.slice(2);
  const end = match.index + match[0].length;
  const start = end - match[1]!.length;
  const [day, month] =
    g[0] !== undefined ? [+g[0], +g[1]!] : g[2] !== undefined ? [+g[2], MONTH_NAMES.get(g[3]!.toLowerCase()) ?? 0] : [+g[5]!, MONTH_NAMES.get(g[4]!.toLowerCase()) ?? 0];
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? { start, end, yearOnly: false } : null;
}

/** "15. III. 1985": months in Roman numerals, as Central European forms still write them. */
const ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

function dateSpan(match: RegExpExecArray): Span | null {
  const g = match.slice(2); // the numbered parts of the date, after the whole date (group 1)
  const end = match.index + match[0].length;
  const start = end - match[1]!.length;
  const year = fullYear(g[2] ?? g[5] ?? g[8] ?? g[9] ?? g[14] ?? g[17] ?? g[18] ?? g[19] ?? g[23] ?? g[26]);
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
  else if (g[22] !== undefined) return { start, end, yearOnly: true, year }; // a month and a year: as precise as a year alone
  else return { start, end, yearOnly: true, year };
  if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
  return { start, end, yearOnly: false, day, month, year };
}

/** "1985", "85", "'85" → 1985; "07" → 2007. 0 when the shape holds no year. */
function fullYear(written: string | undefined): number {
  if (written === undefined) return 0;
  const digits = +written.replace("'", "");
  return digits >= 100 ? digits : digits > 30 ? 1900 + digits : 2000 + digits;
}

/** Day first (Europe), unless the first number cannot be a month day pair that way ("03/15/1985"). */
function dayMonth(first: number, second: number): [number, number] {
  if (second > 12 && first <= 12) return [second, first];
  return [first, second];
}
