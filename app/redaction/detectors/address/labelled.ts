import { groupLeadingAlternation } from "../grouped-alternation";
import { COMPANY } from "./before-postcode";
import { NOT_A_PLACE, quantityAfter, type Span } from "./street-before-number";

/**
 * A place and a house number after words that say an address follows, whatever the place's shape:
 * villages and hamlets have no street ("Stalni naslov: Podgorje 17", "Address: Galjevica 45"),
 * and Slovenian writes where one lives with a locative ("živim v Podgorju 17", "doma sem na
 * Bregu 4"). Without such a cue "Capitalised word + number" is as often "Napaka 404" or "Korak 3",
 * so a bare "Naslov:" (also a ticket's title) is no cue here. postal-address.ts adds the tail.
 */

/**
 * Labels that name a person's address, never a title ("Naslov:" alone may be one), lower case.
 * Looked up by the words before each colon: a pattern of them all would be tried at every position.
 */
const LABELS = new Set([
  "stalni naslov", "začasni naslov", "dostavni naslov", "domači naslov", "naslov stalnega prebivališča",
  "naslov začasnega prebivališča", "naslov za dostavo", "naslov prejemnika", "naslov pošiljatelja", "naslov stranke",
  "naslov bivanja", "prebivališče", "bivališče", "address", "address line 1", "home address", "shipping address",
  "delivery address", "mailing address", "postal address", "adresse", "anschrift", "wohnadresse", "adresa", "prebivalište",
]);
const MAX_LABEL_WORDS = 4;
/**
 * What every label holds ("Address", "Naslov", "Adresse"; in capitals the text is read again in an
 * address's case): only the colon after such a stem can end a label.
 */
const LABEL_STEM = /dres|aslov|bivali|nschrift/g;
const LETTER = /\p{L}/u;

function isLetterAt(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  if (unit < 128) return (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122);
  return LETTER.test(text[i]!);
}

/** Where the value of each address label starts ("Delivery address: |Hotel Cubo, …"). */
export function labelledValueStarts(text: string): number[] {
  const starts: number[] = [];
  let lastColon = -1;
  LABEL_STEM.lastIndex = 0;
  for (let stem = LABEL_STEM.exec(text); stem !== null; stem = LABEL_STEM.exec(text)) {
    // the colon that ends the label holding this stem, at most 40 characters on (a bounded look: linear)
    let colon = stem.index;
    while (colon < text.length && colon - stem.index <= 40 && text.charCodeAt(colon) !== 58) colon++;
    if (colon >= text.length || text.charCodeAt(colon) !== 58 || colon === lastColon) continue;
    lastColon = colon;
    let end = colon;
    while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
    if (end === 0 || !isLetterAt(text, end - 1)) continue; // "10:42"
    // the label's words, at most MAX_LABEL_WORDS back on the same line
    let from = end;
    for (let words = 0; words < MAX_LABEL_WORDS && from > 0 && end - from < 40; words++) {
      let wordStart = from;
      while (wordStart > 0 && isLetterAt(text, wordStart - 1)) wordStart--;
      if (wordStart === from) break;
      if (LABELS.has(text.slice(wordStart, end).toLowerCase())) {
        let value = colon + 1;
        while (value < text.length && (text[value] === " " || text[value] === "\t")) value++;
        starts.push(value);
        break;
      }
      if (wordStart === 0 || text[wordStart - 1] !== " ") break;
      from = wordStart - 1;
    }
  }
  return starts;
}

/** Verbs that say where someone lives, and the preposition of the place. */
const LIVING = groupLeadingAlternation(
  /(?:[Žž]ivim|[Žž]ivi|[Žž]ivita|[Žž]ivijo|[Ss]tanujem|[Ss]tanuje|[Ss]tanujeta|[Pp]rebivam|[Pp]rebiva|[Dd]oma sem|[Dd]oma je|[Pp]reselil(?:a|i)? (?:sem|smo|se je|so) se)[ \t]+(?=(?:v|na|pri)[ \t])/g,
);
/** The value: capitalised words and a house number, ending there ("Podgorje 17", "Brezovica pri Ljubljani 12"). */
const PLACE_AND_NUMBER = /\p{Lu}[\p{Ll}'’-]{1,25}(?:[ \t](?:pri|ob|nad|pod|na|v|\p{Lu}[\p{Ll}'’-]{1,25})){0,3}[ \t]\d{1,4}[a-zA-Z]?(?:\/[\dA-Za-z]{1,4})?(?![\p{L}\d]|[.,:]\d)/uy;
const LOCATIVE_PLACE = /(?:v|na|pri)[ \t]+(?:vasi[ \t]+|naselju[ \t]+)?\p{Lu}[\p{Ll}'’-]{1,25}(?:[ \t](?:pri|ob|nad|pod|na|v|\p{Lu}[\p{Ll}'’-]{1,25})){0,3}[ \t]\d{1,4}[a-zA-Z]?(?:\/[\dA-Za-z]{1,4})?(?![\p{L}\d]|[.,:]\d)/uy;

/**
 * A building, a business or a care-of line between an address label and the street found after
 * it ("Delivery address: Hotel Cubo, Slovenska cesta 15, 1000 Ljubljana"): one or two segments of
 * capitalised words, each closed by a comma. After the label they are part of the address; in
 * prose ("at The Grand Hotel, 97 King's Road") a business stands on its own.
 */
const NAMED_SEGMENTS = /^(?:\p{Lu}[\p{L}\d'’.&-]*(?:[ \t][\p{L}\d'’.&-]+){0,4},[ \t]*){1,2}$/u;

export function withLabelledPrefix(text: string, detections: readonly Span[], starts: readonly number[]): Span[] {
  if (starts.length === 0) return [];
  const spans: Span[] = [];
  for (const valueStart of starts) {
    const next = detections.filter((d) => d.start > valueStart && d.start - valueStart <= 90).sort((a, b) => a.start - b.start)[0];
    const prefix = next === undefined ? "" : text.slice(valueStart, next.start);
    // a company with its legal form is the addressee's firm, a look-alike the technician needs
    if (next !== undefined && NAMED_SEGMENTS.test(prefix) && !COMPANY.test(prefix)) spans.push({ start: valueStart, end: next.end });
  }
  return spans;
}

/** `valueStarts`: labelledValueStarts(text), found once for this and withLabelledPrefix. */
export function labelledPlaces(text: string, valueStarts: readonly number[]): Span[] {
  const spans: Span[] = [];
  const starts: Array<[number, RegExp]> = valueStarts.map((at) => [at, PLACE_AND_NUMBER]);
  LIVING.lastIndex = 0;
  for (let hit = LIVING.exec(text); hit !== null; hit = LIVING.exec(text)) {
    if (hit.index === 0 || !LETTER.test(text[hit.index - 1]!)) starts.push([hit.index + hit[0].length, LOCATIVE_PLACE]);
  }
  for (const [at, value] of starts) {
    value.lastIndex = at;
    const place = value.exec(text);
    if (place === null) continue;
    // "v Sobi 3", "Address: Stran 2": a room or a page; "živim v Ljubljani 5 let": a count
    if (place[0].split(/[ \t]+/).some((word) => NOT_A_PLACE.test(word)) || quantityAfter(text, at + place[0].length)) continue;
    spans.push({ start: at, end: at + place[0].length });
  }
  return spans;
}
