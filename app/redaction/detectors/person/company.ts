import { isLetterUnit } from "../letter-units";
import { COMPANY, gazetteer } from "./gazetteer";

/**
 * Whether capitalised words that look like a person's name are a company's: most small firms are
 * named after their owner ("Hribar d.o.o.", "Mlakar Transport", "Walsh Joinery", "Tiskarna Pirc"),
 * and a few famous ones after two people ("Morgan Stanley"). Every check looks at a bounded
 * window beside the name (at most 24 characters, or one word), so it costs nothing per text.
 */

/**
 * A legal form after the name, up to two words on ("Hribar d.o.o.", "Smith Ltd", "Hofer IT e.U.",
 * "Hribar arhitekti d.o.o."), or a joiner right after it ("Novak & Partners", "Rupnik IT").
 * "s.p." is apart: a sole trader trades under their own name by law ("Žiga Rupnik s.p."), so it
 * makes a company only of a surname alone ("Kovačič s.p.").
 */
const LEGAL_AFTER = /^[ \t,]*(?:[\p{L}&-]{2,20}[ \t]+){0,2}(?:j?\.?d\.\s?o\.\s?o\.|d\.\s?d\.|k\.\s?d\.|d\.n\.o\.|e\.U\.|Ltd\b|LLC\b|Inc\b|GmbH\b|AG\b|KG\b|OG\b|Kft\b|S\.r\.l\.|S\.p\.A\.|S\.n\.c\.|S\.a\.s\.|Srl\b|SpA\b|Snc\b|Sas\b|B\.V\.|BV\b|N\.V\.|AB\b|A\/S\b|Oy\b|plc\b|PLC\b|Pty\b|Corp\b|Co\.|obrt\b)|^[ \t]+(?:&[ \t]|in partnerj|and Sons\b|IT\b)/u;
const EMPLOYER_AFTER = /^[ \t]*,[ \t]*\p{Lu}[\p{L}&-]{1,20}[ \t]/u;
const SOLE_TRADER_AFTER = /^[ \t,]*(?:[\p{L}&-]{2,20}[ \t]+){0,2}s\.\s?p\./u;
/** Up to two capitalised words after the name, one blank before each. */
const NEXT_WORDS = /^[ \t](\p{Lu}[\p{L}-]{1,30})(?:[ \t](\p{Lu}[\p{L}-]{1,30}))?/u;
/** A word before the name that says a firm follows: "podjetje Novak", "company Smith", "salon Zala", "Odvetniška pisarna Gorjup". */
const WORD_BEFORE = /(?:podjetj\p{L}*|druž\p{L}*|firm\p{L}*|company|firm|trgovin\p{L}*|salon\p{L}*|gostiln\p{L}*|brand|znamk\p{L}*|(?:odvetni|notarsk)\p{L}*[ \t]+pisarn\p{L}*|&)[ \t]*$/iu;
const NEXT_WORD = /^[ \t]([\p{Lu}][\p{L}-]{1,30})/u;
/** The word that ends at `end` (at most 30 letters), read backwards: a regex anchored at the end would be tried at every start. */
function wordEndingAt(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 30 && (isLetterUnit(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 45)) start--;
  return text.slice(start, end);
}

export function isCompanyWord(word: string): boolean {
  const lower = word.toLowerCase();
  return (gazetteer().flagsOf(lower) & COMPANY) !== 0 || isTradeCompound(lower);
}

/**
 * A German compound that ends in a trade ("Bergapotheke Hall", "Gartenbau Leitner",
 * "Elektrotechnik Huber", "Zahnarztpraxis Dr. Weiß"): the list holds the trades alone, German
 * joins them to what comes before.
 */
const TRADE_TAIL = /^\p{L}{3,}(?:apotheke|praxis|bau|technik|kanzlei|tischlerei|schreinerei|bäckerei|metzgerei|konditorei|reinigung|logistik|handel|werkstatt|service)$/u;
export function isTradeCompound(lower: string): boolean {
  return lower.length <= 40 && TRADE_TAIL.test(lower);
}

/**
 * What follows `end` makes the name before it a company's: a legal form, "&", a capitalised trade
 * word within the next two words ("Mlakar Transport", "Harper Collins Dental"), or the firm's
 * second name ("Morgan" + "Stanley"). `fullName`: the name has a given name and a surname.
 */
export function companyAfter(text: string, end: number, fullName = false): boolean {
  // most names are followed by a blank and a lower-case word, a comma or a full stop: nothing to look at
  const unit = text.charCodeAt(end);
  if (unit !== 32 && unit !== 9 && unit !== 44) return false;
  const window = text.slice(end, end + 40);
  // "Maja Hočevar, Krka Tours d.o.o.": after a full name and a comma, a firm's own name before the
  // legal form is the person's employer
  const employer = fullName && EMPLOYER_AFTER.test(window);
  if ((LEGAL_AFTER.test(window) && !employer) || (!fullName && SOLE_TRADER_AFTER.test(window))) return true;
  const next = NEXT_WORDS.exec(window);
  if (next === null) return false;
  if (isCompanyWord(next[1]!) || (next[2] !== undefined && isCompanyWord(next[2]))) return true;
  const last = wordEndingAt(text, end);
  return last !== "" && gazetteer().companyNames.has(`${last.toLowerCase()} ${next[1]!.toLowerCase()}`);
}

/** What precedes `start` makes the name after it a company's: "podjetje", "&", a trade word ("Tiskarna Pirc", "pri servisu Kovač"). */
export function companyBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - 24), start);
  if (WORD_BEFORE.test(window)) return true;
  const blank = text.charCodeAt(start - 1);
  if (blank !== 32 && blank !== 9) return false;
  const previous = wordEndingAt(text, start - 1);
  return previous.length >= 2 && isCompanyWord(previous);
}

/** Words of a name (as written) that hold a trade word or a firm's two-word name: "Kobal Vina", "Morgan Stanley". */
export function companyWords(words: readonly string[]): boolean {
  const names = gazetteer();
  const lower = words.map((word) => word.toLowerCase().replace(/[,.]+$/, ""));
  for (let i = 0; i < lower.length; i++) {
    if (lower.length > 1 && isCompanyWord(lower[i]!)) return true;
    if (i + 1 < lower.length && names.companyNames.has(`${lower[i]} ${lower[i + 1]}`)) return true;
    if (i + 2 < lower.length && names.companyNames.has(`${lower[i]} ${lower[i + 1]} ${lower[i + 2]}`)) return true;
  }
  return false;
}
