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

/** Labels that name a person's address, never a title ("Naslov:" alone may be one). */
const LABEL = groupLeadingAlternation(
  /(?:[Ss]talni naslov|[Zz]ačasni naslov|[Dd]ostavni naslov|[Dd]omači naslov|[Nn]aslov (?:stalnega|začasnega) prebivališča|[Nn]aslov (?:za dostavo|prejemnika|pošiljatelja|stranke|bivanja)|[Pp]rebivališče|[Bb]ivališče|[Aa]ddress(?: line 1)?|[Hh]ome address|[Ss]hipping address|[Dd]elivery address|[Mm]ailing address|[Pp]ostal address|[Aa]dresse|[Aa]nschrift|[Ww]ohnadresse|[Aa]dresa|[Pp]rebivalište)[ \t]*:[ \t]*/g,
);
/** Verbs that say where someone lives, and the preposition of the place. */
const LIVING = groupLeadingAlternation(
  /(?:[Žž]ivim|[Žž]ivi|[Žž]ivita|[Žž]ivijo|[Ss]tanujem|[Ss]tanuje|[Ss]tanujeta|[Pp]rebivam|[Pp]rebiva|[Dd]oma sem|[Dd]oma je|[Pp]reselil(?:a|i)? (?:sem|smo|se je|so) se)[ \t]+(?=(?:v|na|pri)[ \t])/g,
);
/** The value: capitalised words and a house number, ending there ("Podgorje 17", "Brezovica pri Ljubljani 12"). */
const PLACE_AND_NUMBER = /\p{Lu}[\p{Ll}'’-]{1,25}(?:[ \t](?:pri|ob|nad|pod|na|v|\p{Lu}[\p{Ll}'’-]{1,25})){0,3}[ \t]\d{1,4}[a-zA-Z]?(?:\/[\dA-Za-z]{1,4})?(?![\p{L}\d]|[.,:]\d)/uy;
const LOCATIVE_PLACE = /(?:v|na|pri)[ \t]+(?:vasi[ \t]+|naselju[ \t]+)?\p{Lu}[\p{Ll}'’-]{1,25}(?:[ \t](?:pri|ob|nad|pod|na|v|\p{Lu}[\p{Ll}'’-]{1,25})){0,3}[ \t]\d{1,4}[a-zA-Z]?(?:\/[\dA-Za-z]{1,4})?(?![\p{L}\d]|[.,:]\d)/uy;

/** Where the value of each address label starts ("Delivery address: |Hotel Cubo, Slovenska cesta 15"). */
export function labelledValueStarts(text: string): number[] {
  if (!text.includes(":")) return [];
  const starts: number[] = [];
  LABEL.lastIndex = 0;
  for (let hit = LABEL.exec(text); hit !== null; hit = LABEL.exec(text)) {
    if (hit.index === 0 || !/\p{L}/u.test(text[hit.index - 1]!)) starts.push(hit.index + hit[0].length);
  }
  return starts;
}

/**
 * A building, a business or a care-of line between an address label and the street found after
 * it ("Delivery address: Hotel Cubo, Slovenska cesta 15, 1000 Ljubljana"): one or two segments of
 * capitalised words, each closed by a comma. After the label they are part of the address; in
 * prose ("at The Grand Hotel, 97 King's Road") a business stands on its own.
 */
const NAMED_SEGMENTS = /^(?:\p{Lu}[\p{L}\d'’.&-]*(?:[ \t][\p{L}\d'’.&-]+){0,4},[ \t]*){1,2}$/u;

export function withLabelledPrefix(text: string, detections: readonly Span[]): Span[] {
  const starts = labelledValueStarts(text);
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

export function labelledPlaces(text: string): Span[] {
  if (!text.includes(":") && !/[Žž]iv|[Ss]tanuj|[Pp]rebiv|[Dd]oma|[Pp]reselil/.test(text)) return [];
  const spans: Span[] = [];
  for (const [cue, value] of [[LABEL, PLACE_AND_NUMBER], [LIVING, LOCATIVE_PLACE]] as const) {
    cue.lastIndex = 0;
    for (let hit = cue.exec(text); hit !== null; hit = cue.exec(text)) {
      if (hit.index > 0 && /\p{L}/u.test(text[hit.index - 1]!)) continue;
      const at = hit.index + hit[0].length;
      value.lastIndex = at;
      const place = value.exec(text);
      if (place === null) continue;
      // "v Sobi 3", "Address: Stran 2": a room or a page; "živim v Ljubljani 5 let": a count
      if (place[0].split(/[ \t]+/).some((word) => NOT_A_PLACE.test(word)) || quantityAfter(text, at + place[0].length)) continue;
      spans.push({ start: at, end: at + place[0].length });
    }
  }
  return spans;
}
