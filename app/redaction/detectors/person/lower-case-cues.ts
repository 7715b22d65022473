import type { Detection } from "../../types";
import { COMMON_WORD, flagsOfWord, GIVEN, NOT_A_NAME, SURNAME } from "./gazetteer";

/**
 * A name typed in lower case right after a word that introduces a person (issue 18, the twelfth
 * development set): "jaz sem tjaša, učiteljica", "jz sm urban", "lp tjaša kos", "razrednik je g.
 * marko medved", "naročnina je na ime uroš kolar", "thanks mark". The cue says a name follows,
 * so a known given name is enough; one that is an ordinary word too (urban, mark, will, rok) only
 * with a known surname after it or ending its clause ("jz sm urban, mam problem", not "thanks
 * will do"). A known surname after the given name goes with it (kos, kolar). Without a cue a lower-case word is never
 * taken alone (lower-case-names.ts reads only sure pairs).
 */
const CUED_LOWER_NAME =
  /(?<![\p{L}])(?:jaz sem|jst sm|jz sm|js sm|sem|sm|lp|lep pozdrav|pozdrav|hvala|g\.|ga\.|gospa|gospod|na ime|kolega|kolegica|sodelavec|sodelavka|i am|i'm|im|this is|regards|thanks|cheers)[ \t]*,?[ \t]+(\p{Ll}{3,20})(?:[ \t]+(\p{Ll}{3,20}))?(?![\p{L}\d@.])/dgiu;

/** What "cheers mate," or "thanks all" call the reader: no one's name. */
const FORMS_OF_ADDRESS = new Set(["mate", "guys", "all", "team", "everyone", "folks", "love", "dear", "buddy", "man", "bro", "sir", "boss", "vsi", "ekipa", "fantje", "punce"]);

/** A comma, a sentence's end, a line's end or the text's after the name. */
const CLAUSE_END = /^(?:[ \t]*[,.;:!?)]|[ \t]*(?:\r?\n|$))/;

/** Whether a lower-case word is a known given name and nothing that rules a name out (a product, a place). */
function isGivenName(word: string): boolean {
  const flags = flagsOfWord(word);
  return (flags & GIVEN) !== 0 && (flags & NOT_A_NAME) === 0;
}

function isSurname(word: string): boolean {
  const flags = flagsOfWord(word);
  return (flags & SURNAME) !== 0 && (flags & NOT_A_NAME) === 0;
}

export function detectLowerCaseCuedNames(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of text.matchAll(CUED_LOWER_NAME)) {
    if (!isGivenName(match[1]!) || FORMS_OF_ADDRESS.has(match[1]!.toLowerCase())) continue;
    const [start, givenEnd] = match.indices![1]!;
    const surname = match[2] !== undefined && isSurname(match[2]) ? match.indices![2]! : undefined;
    const ordinary = (flagsOfWord(match[1]!) & COMMON_WORD) !== 0;
    if (ordinary && surname === undefined && !CLAUSE_END.test(text.slice(givenEnd, givenEnd + 3))) continue;
    detections.push({ type: "PERSON", start, end: surname?.[1] ?? givenEnd, confidence: 0.7 });
  }
  return detections;
}
