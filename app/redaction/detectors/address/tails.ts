import { addressData } from "../../address-data/load";
import type { Span } from "./street-before-number";

/**
 * What may follow a street line and belongs to the same address: a flat, unit, floor or stair
 * ("stanovanje 4", "Apt 2B", ", Suite 3300", "Top 7", "Stiege 2", "3. nadstropje", "2nd floor", "#200"), then
 * the town ("v Domžalah", ", Ljubljana", ", London SW1A 1AA", ", Springfield, IL 62704-1234").
 * A town alone identifies no one and is left where it stands; after a street it is part of the
 * address. Each step is one sticky pattern at the current end, tried a bounded number of times.
 */

/** "2nd floor", "Ground Floor", "24th Fl": a floor by its ordinal, after the street or before it. */
const ORDINAL_FLOOR = String.raw`(?:\d{1,2}(?:st|nd|rd|th)|[Gg]round|[Ff]irst|[Ss]econd|[Tt]hird|[Tt]op)[ \t]+(?:[Ff]loor|Fl\.?)`;
const UNIT = new RegExp(String.raw`(?:[ \t]*[,/][ \t]*|[ \t]+)(?:${ORDINAL_FLOOR}|piano[ \t]+(?:terra|rialzato|primo|secondo|terzo)|pianoterra|pritličje|Erdgeschoss|Hochparterre|Dachgeschoss|vhod[ \t]+(?:levo|desno)|\d{1,2}[º°ª][ \t]?[A-Z]?|(\d{1,2})\.[ \t]?(?:nadstropje|nadstr\.|nad\.|floor|Stock|OG|piano|kat|etaža)(?:[ \t]+(?:links|rechts|Mitte|li\.|re\.|levo|desno))?|([\p{L}.]{1,12})[ \t]*[#:.]?[ \t]*(?:\d{1,4}[a-zA-Z]?|[A-Z]{1,2}\d{0,3}|[IVX]{1,4})|#[ \t]?\d{1,5}[A-Z]?)(?![\p{L}\d])`, "uy");
/**
 * Hungarian floor and door after the house number's full stop: "Kossuth Lajos utca 12. II/4.",
 * "Piac u. 20. 1/3", "Váci utca 12. 3. em. 4.", "Andrássy út 60. fszt. 2" (the ground floor).
 */
const FLOOR_AND_DOOR =
  /\.?[ \t]+(?:(?:[IVX]{1,4}|\d{1,2})\.?\/\d{1,3}|(?:(?:[IVX]{1,4}|\d{1,2})\.[ \t]*em(?:\.|elet)|fszt\.?|földszint)(?:[ \t]*\d{1,3})?)\.?(?![\p{L}\d])/uy;
const TOWN_WORDS = /(?:[ \t]*(,)[ \t]*|[ \t]*(\r?\n)[ \t]*|[ \t]+)(?:(v|u|na|in|iz|a|bei)[ \t]+)?(\p{Lu}[\p{L}'’.-]{0,25}(?:[ \t]+[\p{L}'’.-]{1,25}){0,3})/uy;
/** After a town that follows a house number with only a blank: the line's end or a punctuation mark. */
const BARE_TOWN_END = /^(?:[ \t]*$|[ \t]*\r?\n|[.,;)])/;
/** After a town on the line below a street: only the line's end ("Vrtna ulica 6\nKranj\n"). */
const LINE_END = /[ \t.]*(?:\r?\n|$)/y;
const UK_POSTCODE = String.raw`(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})`;
/** An Irish Eircode: a routing key ("T12", "D6W") and four characters from its alphabet. */
const EIRCODE = String.raw`(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?[\dAC-FHKNPRTV-Y]{4}`;
const AFTER_TOWN = new RegExp(String.raw`,?[ \t]+(?:[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?|${UK_POSTCODE}|${EIRCODE}|\([A-Z]{2}\))(?![\w])`, "y");
/**
 * ", New York, NY 10118", "\nLondon NW1 6XE": a town need not be known when a US state and ZIP
 * or a UK postcode or an Eircode follow it, on the same line or the next.
 */
const TOWN_AND_POSTCODE = new RegExp(
  String.raw`(?:,[ \t]*|[ \t]*\r?\n[ \t]*)\p{Lu}\p{Ll}{1,20}(?:[ \t]\p{Lu}\p{Ll}{1,20}){0,2}(?:,?[ \t]+[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?|,?[ \t]+${UK_POSTCODE}|,?[ \t]+${EIRCODE})(?![\w])`,
  "uy",
);
/** "Flat 2, 14 High Street", "Apt 4B, 123 Main St": a unit written before the street. */
/**
 * "Flat 2, 14 High Street", "Apt 4B, 123 Main St": a unit written before the street; a floor
 * ("4th floor, 28 Upper O'Connell Street", "3. nadstropje, …"); a Glasgow tenement's flat
 * position ("2/1, 145 Hyndland Road") and an Edinburgh one ("3F2, 19 Marchmont Crescent").
 */
const UNIT_BEFORE = new RegExp(String.raw`(?:^|[\s,;:("'])((?:Flat|flat|Apt\.?|apt\.?|Apartment|apartment|Unit|unit|Suite|suite|Ste\.?|Stanovanje|stanovanje|Stan\.|stan\.)[ \t]*#?[\dA-Za-z]{1,5}|${ORDINAL_FLOOR}|\d{1,2}\.[ \t]?(?:nadstropje|nadstr\.|Stock|OG|piano|kat|etaža)|\d{1,2}\/\d{1,2}|\d[FG]\d{1,2}),?[ \t]*$`, "u");
const IN_POSTCODE_TOWN = /[ \t]+in[ \t]+\d{4,5}[ \t]+\p{Lu}[\p{Ll}-]{1,25}(?:[ \t]+\p{Lu}[\p{Ll}-]{1,25})?/uy;
const UK_POSTCODE_LINE = new RegExp(String.raw`,?[ \t]*(?:\r?\n[ \t]*)?${UK_POSTCODE}(?![\w])`, "y");
const MAX_UNITS = 3;
/**
 * A street line that starts with its house number ("12 Market Street") or a box ("P.O. Box 42")
 * is an English, Irish or US address line on its own, so the capitalised words after its comma
 * are its town even when the list does not know it ("12 Market Street, Galway", "P.O. Box 42,
 * Ennis, Co. Clare", "27 Harbour View, Cobh, Co. Cork", "Dublin 2"), up to a line end, a
 * punctuation mark or a lower-case word. A greeting or a unit word after the comma is no town.
 */
const NUMBER_FIRST = /^(?:\d|P\.? ?O\.? ?Box|PO BOX)/i;
/** Capitalised words after a street that are no town: greetings, unit and contact labels, countries. */
const NOT_A_TOWN = String.raw`(?!(?:The|And|Or|But|Please|Thanks|Thank|Regards|Best|Cheers|Flat|Apt|Suite|Unit|Room|Floor|Attn|Tel|Phone|Email|Mobile|Ireland|England|Scotland|Wales|Northern Ireland|United Kingdom|United States|Canada|Australia|Slovenia|Slovenija|Croatia|Austria|Germany|Italy|France)(?![\p{L}]))`;
const TOWN_NAME = String.raw`\p{Lu}\p{Ll}{1,20}(?:[ \t-]\p{Lu}\p{Ll}{1,20}){0,2}(?:[ \t]\d{1,2}(?![\d.,:]))?(?:,[ \t]*(?:Co\.|County)[ \t]+\p{Lu}\p{Ll}{1,20})?`;
// The town ends its word: a lower-case word may follow after a blank, not inside it ("Cor|k T12 X5R6").
const TOWN_AFTER_NUMBER_FIRST = new RegExp(String.raw`,[ \t]*${NOT_A_TOWN}${TOWN_NAME}(?:,?[ \t]+${EIRCODE})?(?![\p{L}\d])(?=[ \t]*(?:$|[\r\n.,;:)!?"'”’]|\p{Ll}))`, "muy");
/** "12 Market Street\nGalway", "12 Al Noor Street\nJabal Amman, Amman 11181": the town line below, with its district and postcode. */
const TOWN_LINE_AFTER_NUMBER_FIRST = new RegExp(
  String.raw`[ \t]*\r?\n[ \t]*${NOT_A_TOWN}${TOWN_NAME}(?:,[ \t]*${NOT_A_TOWN}${TOWN_NAME})?(?:[ \t]+\d{4,6})?(?=[ \t]*(?:\r?\n|$))`,
  "uy",
);

/** A street with what follows it; `complete` when a town or postcode ends it (no postcode line is joined then). */
export interface AddressSpan extends Span {
  complete: boolean;
}

export function withTail(text: string, street: Span): AddressSpan {
  let end = unitsAfter(text, street.end, false);
  const start = unitBefore(text, street.start);
  TOWN_AND_POSTCODE.lastIndex = end;
  const postcoded = TOWN_AND_POSTCODE.exec(text);
  if (postcoded !== null) return { start, end: end + postcoded[0].length, complete: true };
  const town = townAt(text, end);
  if (town !== null) {
    end = town;
    AFTER_TOWN.lastIndex = end;
    const postcode = AFTER_TOWN.exec(text);
    if (postcode !== null) end += postcode[0].length;
    // "na Cankarjevo ulico 8 v Kamniku, stanovanje 5": the flat is said after the town too
    return { start, end: unitsAfter(text, end, true), complete: true };
  }
  // "Schillerstraße 14 in 80336 München": a German sentence puts "in" before the postcode
  IN_POSTCODE_TOWN.lastIndex = end;
  const inTown = IN_POSTCODE_TOWN.exec(text);
  if (inTown !== null) return { start, end: end + inTown[0].length, complete: true };
  UK_POSTCODE_LINE.lastIndex = end;
  const uk = UK_POSTCODE_LINE.exec(text);
  if (uk !== null) return { start, end: end + uk[0].length, complete: true };
  if (NUMBER_FIRST.test(text.slice(street.start, street.start + 12))) {
    TOWN_AFTER_NUMBER_FIRST.lastIndex = end;
    TOWN_LINE_AFTER_NUMBER_FIRST.lastIndex = end;
    const town = TOWN_AFTER_NUMBER_FIRST.exec(text) ?? TOWN_LINE_AFTER_NUMBER_FIRST.exec(text);
    if (town !== null) return { start, end: end + town[0].length, complete: true };
  }
  return { start, end, complete: false };
}

/** The end of up to MAX_UNITS units (flat, floor, entrance) from `end`; `afterComma`: each must follow a comma. */
function unitsAfter(text: string, end: number, afterComma: boolean): number {
  const data = addressData();
  FLOOR_AND_DOOR.lastIndex = end;
  const floorAndDoor = afterComma ? null : FLOOR_AND_DOOR.exec(text);
  if (floorAndDoor !== null) end += floorAndDoor[0].length;
  for (let i = 0; i < MAX_UNITS; i++) {
    UNIT.lastIndex = end;
    const unit = UNIT.exec(text);
    if (unit === null || (afterComma && !/^[ \t]*,/.test(unit[0]))) break;
    if (unit[2] !== undefined && !data.units.has(unit[2])) break;
    end += unit[0].length;
  }
  return end;
}

export function unitBefore(text: string, start: number): number {
  const from = Math.max(0, start - 24);
  const unit = UNIT_BEFORE.exec(text.slice(from, start));
  return unit === null ? start : from + unit.index + unit[0].indexOf(unit[1]!);
}


/** The end of a known town right after `at` (", Ljubljana", "v Domžalah", "in London"), or null. */
function townAt(text: string, at: number): number | null {
  const data = addressData();
  TOWN_WORDS.lastIndex = at;
  const match = TOWN_WORDS.exec(text);
  if (match === null) return null;
  const comma = match[1] !== undefined;
  const newline = match[2] !== undefined;
  // Croatian "u Splitu" is the Slovenian "v Splitu": the same locative after another preposition
  const preposition = match[3] === "u" ? "v" : match[3];
  if (newline && preposition !== undefined) return null; // "… 6\nv Kranju smo …" is a sentence
  // "Ljubljanska c. 24 Domžale": a known town right after the house number, ending the line or
  // followed by punctuation, is the address's too (a form's one-line address)
  const bare = !comma && !newline && preposition === undefined;
  const words = match[4]!.split(/[ \t]+/);
  const wordsStart = match.index + match[0].length - match[4]!.length;
  for (let n = Math.min(words.length, data.maxTownWords); n >= 1; n--) {
    const name = words.slice(0, n).join(" ").replace(/[.,]+$/, "");
    const lower = name.toLowerCase();
    const known = preposition === "v" || preposition === "na" || preposition === "iz"
      ? data.townLocatives.has(`${preposition} ${lower}`) || (preposition === "iz" && data.towns.has(lower))
      : data.towns.has(lower);
    if (bare && !(known && BARE_TOWN_END.test(text.slice(wordsStart + name.length, wordsStart + name.length + 2)))) continue;
    // "Ulici Jožeta Jame 14 v Šentvidu": right after a house number, "v"/"na" and a capitalised
    // word is the place even when the list does not know it.
    if (!known && !(n === 1 && (preposition === "v" || preposition === "na") && !comma && /^\p{Lu}\p{Ll}{2,25}(?:u|i|ah|ih|em|ju)$/u.test(name))) continue;
    // the name's own length in the text (the words were joined by single blanks)
    let end = wordsStart;
    for (let i = 0; i < n; i++) {
      const word = i === n - 1 ? words[i]!.replace(/[.,]+$/, "") : words[i]!;
      end = text.indexOf(word, end) + word.length;
    }
    // a town on the next line is the address's when it is all the line holds
    LINE_END.lastIndex = end;
    if (newline && !LINE_END.test(text)) return null;
    return end;
  }
  return null;
}
