import type { Detection } from "../../types";
import { COMMON_WORD, flagsOfWord, NOT_A_NAME } from "./gazetteer";

/**
 * What a name already found says about the words around it (issue 18, the twelfth development
 * set). Run after the detectors, on the names they found, as namesBeforeAddresses is.
 * - Its surname after an initial, elsewhere in the text: "Current holder: Albrecht Neumayer …
 *   Signed: A. Neumayer", "z. Hd. Sandra Eberl … Mit freundlichen Grüßen, S. Eberl". The initial
 *   makes the word a person's, where the surname alone may be the firm's ("Neumayer Weinbau").
 * - Its other half in a header or a form's name field written "Surname, Given": "From: Oyelaran,
 *   Adebayo <…>", "Name: Hamilton, Douglas R.". The label says the whole field is one person.
 */

/** Only the first names are looked around: a text with more is a list, read by the other rules. */
const MAX_NAMES = 40;
const SURNAME_OF_NAME = /[ \t](\p{Lu}[\p{Ll}'’-]{2,30})$/u;
/** A name field's or a mail header's label at the start of a line. */
const NAME_FIELD =
  /^[ \t>]*(?:from|to|cc|bcc|reply-to|sender|sent by|od|za|kp|name|full name|ime|ime in priimek|contact|kontakt|registrant|holder|pošiljatelj|prejemnik|von|an|absender)[ \t]*:[ \t]*/iu;
const HALF_BEFORE = /(\p{Lu}[\p{L}'’-]{1,30}),[ \t]*$/u;
const HALF_AFTER = /^,[ \t]*(\p{Lu}[\p{L}'’-]{1,30}(?:[ \t]+\p{Lu}\.)?)(?=[ \t]*(?:<|\(|;|$|\r?\n))/u;

const POSTSCRIPT = /^(?:P\.[ \t]?S\.|N\.[ \t]?B\.)/u;

function isOrdinaryWord(word: string): boolean {
  const flags = flagsOfWord(word.toLowerCase());
  return (flags & (COMMON_WORD | NOT_A_NAME)) !== 0;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

export function namesAroundNames(text: string, found: readonly Detection[]): Detection[] {
  const persons = found.filter((d) => d.type === "PERSON").slice(0, MAX_NAMES);
  if (persons.length === 0) return [];
  const names: Detection[] = [];
  const push = (start: number, end: number) => names.push({ type: "PERSON", start, end, confidence: 0.7 });

  const surnames = new Set<string>();
  for (const person of persons) {
    const surname = SURNAME_OF_NAME.exec(text.slice(person.start, person.end))?.[1];
    if (surname !== undefined && !isOrdinaryWord(surname)) surnames.add(surname);
  }
  if (surnames.size > 0) {
    const alternatives = [...surnames].map((s) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("|");
    const initialled = new RegExp(String.raw`(?<![\p{L}\d.])\p{Lu}\.(?:[ \t]?\p{Lu}\.){0,2}[ \t]?(?:${alternatives})(?![\p{L}\d])`, "gu");
    for (const match of text.matchAll(initialled)) {
      // "P.S. Pečnik Gradbeništvo …": a postscript's mark, not an initial
      if (!POSTSCRIPT.test(match[0])) push(match.index, match.index + match[0].length);
    }
  }

  for (const person of persons) {
    const from = lineStart(text, person.start);
    const field = NAME_FIELD.exec(text.slice(from, person.start));
    if (field === null) continue;
    const before = HALF_BEFORE.exec(text.slice(from + field[0].length, person.start));
    // each half its own span: the name found stays a value of its own, repeated where it recurs
    if (before !== null && !isOrdinaryWord(before[1]!)) {
      const start = from + field[0].length + before.index;
      push(start, start + before[1]!.length);
    }
    const after = HALF_AFTER.exec(text.slice(person.end, person.end + 48));
    if (after !== null && !isOrdinaryWord(after[1]!.split(/[ \t]/)[0]!)) push(person.end + after[0].length - after[1]!.length, person.end + after[0].length);
  }
  return names;
}
