import { addressData } from "../address-data/load";
import type { Detection } from "../types";
import { addressesAroundPostcodes, streetBefore } from "./address/before-postcode";
import { poBoxes, vcardAddresses } from "./address/boxes-and-cards";
import { isVillageOnlyPrefix, lowerCasePostcodeTowns, lowerCaseStreets } from "./address/lower-case";
import { capitalStretches, inAddressCase } from "./address/capitals";
import { labelledPlaces, labelledValueStarts, withLabelledPrefix } from "./address/labelled";
import { unitFirstAddresses } from "./address/unit-first";
import { prepositionStreets, streetsBeforeNumbers } from "./address/street-before-number";
import { unitBefore, withTail } from "./address/tails";
import { matchesAt } from "./candidate-scan";
import { columnValues } from "./csv-columns";
import { groupLeadingAlternation } from "./grouped-alternation";
import { keyedAddressFields, STREET_SHAPE } from "./address/keyed-fields";
import { isLetterUnit } from "./letter-units";

/**
 * Street lines and postcode lines are found separately and then joined when
 * they are adjacent ("Dunajska cesta 5, 1000 Ljubljana" is one address).
 */

const HOUSE_NUMBER = String.raw`\d{1,4}\s?[a-zA-Z]?(?![\p{L}\d]|[.,]\d)`;
const STREET_KIND = String.raw`(?:cesta|ulica|trg|pot|nabrežje|drevored|steza|breg|c\.|ces\.|ul\.|nab\.)`;
const GERMAN_STREET = new RegExp(String.raw`\p{Lu}\p{Ll}{1,30}(?:straße|strasse|gasse|weg|platz|allee|ring|damm) ${HOUSE_NUMBER}`, "yu");
const GERMAN_ADJECTIVE_BEFORE = /(?<![\p{L}])(?:\p{Lu}\p{Ll}{2,20}er|Alte|Neue|Große|Grosse|Kleine|Obere|Untere|Hohe|Lange|Breite|Hintere|Vordere|Innere|Äußere)[ \t]$/u;
// Each pattern has an anchor: a literal that V8 can scan for quickly. The
// full pattern is only tried (sticky) at the start of the word before it,
// which keeps unicode letter classes off the hot path.
interface StreetPattern {
  anchor: RegExp;
  /** How far back from the anchor the street name may start. */
  lookBack: number;
  pattern: RegExp;
}
/** English street kinds from address-data, longest first so that "St." wins over "St". */
const ENGLISH_KINDS = [...addressData().englishKinds]
  .sort((a, b) => b.length - a.length)
  .map((kind) => kind.replace(/\./g, "\\."))
  .join("|");
const STREETS: readonly StreetPattern[] = [
  // "Dunajska cesta 5", "Prešernov trg 2", "Slovenska c. 55a", "Kolodvorska ces. 12b"
  {
    anchor: / (?:cesta|ulica|trg|pot|nabrežje|drevored|steza|breg|c\.|ces\.|ul\.|nab\.) \d/g,
    lookBack: 22,
    pattern: new RegExp(String.raw`\p{Lu}\p{Ll}{2,20} ${STREET_KIND} ${HOUSE_NUMBER}`, "yu"),
  },
  // "Celovška 150", "Cankarjeva 10", "Vrtna 6", "Sončna 14": the street kind is often left out in
  // Slovenian, the adjective stays. "-na" after a consonant other than "r" ("Tovarna 2", "Pisarna
  // 3" are a factory's or an office's number).
  {
    anchor: /(?:sk|šk|čk|ov|ev|[bcčdfghjklmnpstvzšž]n)a \d/g,
    lookBack: 22,
    // a year after an adjective is a title ("Letna 2024", "Jesenska 2025"), not a house number
    pattern: new RegExp(String.raw`\p{Lu}\p{Ll}{1,20}(?:ska|ška|čka|ova|eva|[bcčdfghjklmnpstvzšž]na) (?!(?:19|20)\d\d(?!\d))${HOUSE_NUMBER}`, "yu"),
  },
  // "Friedrichstraße 123", "Herrengasse 5": German and Austrian street names end in the street kind
  {
    anchor: /(?:straße|strasse|gasse|weg|platz|allee|ring|damm) \d/g,
    lookBack: 30,
    pattern: GERMAN_STREET,
  },
  // "221B Baker Street", "1600 Amphitheatre Parkway"
  {
    anchor: new RegExp(String.raw` (?:${ENGLISH_KINDS})(?![a-z])`, "g"),
    lookBack: 75,
    // "350 Fifth Avenue", "123 N Main St.", "42 W 42nd Street", "12-14 High St", "21a Elm Road",
    // "28 Upper O'Connell Street", "315 W Ponce de Leon Ave"
    pattern: new RegExp(
      String.raw`(?<![\w])\d{1,5}[A-Za-z]?(?:-\d{1,5})? (?:(?:N|S|E|W|NE|NW|SE|SW)\.? )?(?:(?:\p{Lu}[\p{Ll}'’]{1,20}(?:\p{Lu}\p{Ll}{1,20})?|\d{1,3}(?:st|nd|rd|th)) (?:(?:de|del|la|le|du|van|von|of|the) )?){1,3}(?:${ENGLISH_KINDS})(?!\p{L})`,
      "gu",
    ),
  },
];

const DIRECTION_AFTER = /^[ \t]+(?:East|West|North|South|NE|NW|SE|SW|E|W|N|S)\.?(?![\p{L}\d])/u;
/**
 * ", London E14 5AB" or ", New York, NY 10118" after an English street line.
 * The town is only taken with a UK or US postcode after it: "221B Baker
 * Street, London." stays as it was, the town alone identifies no one.
 */
const ENGLISH_TOWN_AND_POSTCODE =
  /,[ \t]*\p{Lu}\p{Ll}{1,20}(?: \p{Lu}\p{Ll}{1,20}){0,2},?[ \t]+(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]{2} \d{5}(?:-\d{4})?)(?![\w])/uy;

function findStreets(text: string): Array<{ start: number; end: number; complete?: boolean }> {
  const streets: Array<{ start: number; end: number; complete?: boolean }> = [];
  for (const { anchor, lookBack, pattern } of STREETS) {
    for (const hit of text.matchAll(anchor)) {
      if (pattern.sticky) {
        // Start of the word that ends at the anchor (or the anchor itself when lookBack is 0).
        let start = hit.index;
        if (lookBack > 0) {
          const wordEnd = hit[0].startsWith(" ") ? hit.index : hit.index + hit[0].indexOf("a ") + 1;
          start = wordEnd;
          while (start > 0 && wordEnd - start < lookBack && isLetterUnit(text.charCodeAt(start - 1))) start--;
        }
        if (start > 0 && isLetterUnit(text.charCodeAt(start - 1))) continue;
        pattern.lastIndex = start;
        const match = pattern.exec(text);
        // "Landstraßer Hauptstraße 71", "Alte Landstraße 5": a German street may carry an adjective before it.
        const adjective = match && pattern === GERMAN_STREET ? GERMAN_ADJECTIVE_BEFORE.exec(text.slice(Math.max(0, start - 25), start)) : null;
        if (match) streets.push({ start: adjective ? start - adjective[0].length : start, end: start + match[0].length });
      } else {
        // English: the house number comes before the name; search a short window.
        const from = Math.max(0, hit.index - lookBack);
        const window = text.slice(from, hit.index + hit[0].length);
        if (!/\d/.test(window)) continue; // no house number before the kind word: "Dr. Novak", "Hyde Park"
        for (const match of window.matchAll(pattern)) {
          if (from + match.index + match[0].length === hit.index + hit[0].length) {
            // "77 Lakeshore Road East", "1600 Pennsylvania Ave NW": a direction after the kind
            const direction = DIRECTION_AFTER.exec(text.slice(from + match.index + match[0].length, from + match.index + match[0].length + 8));
            const end = from + match.index + match[0].length + (direction ? direction[0].length : 0);
            ENGLISH_TOWN_AND_POSTCODE.lastIndex = end;
            const tail = ENGLISH_TOWN_AND_POSTCODE.exec(text);
            streets.push({ start: from + match.index, end: end + (tail ? tail[0].length : 0), complete: tail !== null });
          }
        }
      }
    }
  }
  return streets.sort((a, b) => a.start - b.start);
}

// Slovenian and Austrian postcodes have four digits, German five; a
// five-digit one (or a Norwegian or Danish one led by 0, "0154 Oslo") is only taken right after a street line. A saint's town keeps its
// abbreviation ("3100 St. Pölten", "2230 Sv. Trojica"); a town's connecting words stay with it
// ("6060 Hall in Tirol", "87509 Immenstadt i. Allgäu", "30027 San Donà di Piave"); the Slovenian "in"
// ("1000 Ljubljana in Maribor") joins two towns, so only a region's "in" counts. A bilingual town
// keeps its second name ("9150 Bleiburg/Pliberk", "9220 Lendava / Lendva"), and a country code may follow ("(SLO)").
const POSTCODE_TOWN =
  /(?<!(?<!\\)[\w./-])((?:SI|A|AT|D|DE|HR|I|IT|CH)-? ?)?(?:[1-9]\d{3}|(\d{5}|0\d{3})) (?:(?:St|Sv)\. )?(\p{Lu}\p{Ll}{1,25})(?: (?:\p{Lu}\p{Ll}{1,25}|ob|pri|na|nad|pod|mesto|mestu|v|am|an|der|bei|im|in(?= (?:Tirol|Kärnten|Bayern|Holstein|Westfalen|Sachsen|Oberbayern|Niederbayern|der))|(?:i\.|di|del)(?= \p{Lu})|goricah|gorici|polju|dolini|vasi|vas|toplicah)(?!\p{L})){0,4}(?: ?[-/] ?\p{Lu}\p{Ll}{1,25}(?: \p{Lu}\p{Ll}{1,25})?)?(?: (?:\([A-Z]{2,3}\)|\(?[A-Z]{2}\)?)(?![\w]))?/gu;
const DIGITS_THEN_SPACE = /\d{4,5} /g;

/**
 * Where POSTCODE_TOWN may start: its four or five digits are a whole run of digits
 * followed by a space, so each such run is tried, with room for an "SI-" prefix
 * before it. The lookbehind and the optional prefix at the front of the pattern
 * would otherwise make V8 try it at every position.
 */
function postcodeStarts(text: string): number[] {
  const starts: number[] = [];
  // exec on the shared pattern rather than matchAll, which copies the pattern on every call
  DIGITS_THEN_SPACE.lastIndex = 0;
  for (let hit = DIGITS_THEN_SPACE.exec(text); hit !== null; hit = DIGITS_THEN_SPACE.exec(text)) {
    for (let start = hit.index - 4; start <= hit.index; start++) {
      const first = text.charCodeAt(start);
      if (start < hit.index && !(first >= 65 && first <= 90)) continue; // a prefix ("SI-", "A-", "HR-") starts with a capital
      if (start >= 0 && (starts.length === 0 || start > starts[starts.length - 1]!)) starts.push(start);
    }
  }
  return starts;
}
/**
 * Before an accepted postcode line, a street of any shape: "Ob železnici 16",
 * "Obala 33", "Pot k izviru 4". Only tried there, because on its own
 * "Capitalised words + number" is as often "Windows 11" or "Korak 3".
 */
const STREET_BEFORE_POSTCODE =
  /(?:^|[\s:;(])(\p{Lu}[\p{L}.'’-]{0,25}(?: [\p{L}.'’-]{1,25}){0,4} \d{1,4}[a-zA-Z]?)[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?$/u;

/**
 * A bare "1000 Ljubljana" needs a known town: "1500 Users" and "2026 Annual" must stay.
 * With the "SI-" prefix or right after a street line, any town is accepted.
 */
const TOWNS = {
  /** First words of known towns, and their locatives ("v 1230 Domžalah"). */
  has(word: string): boolean {
    const data = addressData();
    return data.townFirstWords.has(word) || data.townLocatives.has(`v ${word.toLowerCase()}`) || data.townLocatives.has(`na ${word.toLowerCase()}`);
  },
};
/** "Word + number" that names a product, a step or a page, not a street ("Windows 11", "Korak 3"). */
const NOT_A_STREET = new Set(
  (
    "Windows Office Server Ubuntu Debian Android Python Node Java Model Paket Plan Verzija Version Različica Build " +
    "Release Korak Step Priloga Stran Page Poglavje Chapter Točka Faza Phase Soba Room Nadstropje Floor Vrata Port Kanal"
  ).split(" "),
);

function looksLikeStreetName(street: string): boolean {
  const words = street.split(" ").slice(0, -1); // without the house number
  if (NOT_A_STREET.has(words[0]!)) return false;
  // One word must look like a Slovenian street name ("Obala", "Kidričeva"): capital, then lower case.
  return words.length > 1 || /^\p{Lu}\p{Ll}{3,}$/u.test(words[0]!);
}

const WORD_BEFORE = /(?<![\p{L}])\p{Lu}\p{Ll}{1,20}[ \t]$/u;
const CONNECTOR_TAIL = / (?:ob|pri|na|nad|pod|v)$/;
/** A comma, blanks and one line break, or a vCard's escaped "\\n", between a street and its postcode line. */
const BETWEEN_STREET_AND_POSTCODE = /^[ \t]*,?[ \t]*(?:\r?\n[ \t]*|\\n)?$/;

/** streetBefore, unless what it found starts with a product or a step ("Windows 11, 1000 Ljubljana"). */
function streetStartBefore(text: string, postcodeStart: number): number | null {
  const start = streetBefore(text, postcodeStart);
  if (start === null) return null;
  const firstWord = /^[\p{L}]+/u.exec(text.slice(start, start + 30))?.[0];
  return firstWord !== undefined && NOT_A_STREET.has(firstWord) ? null : start;
}

/** The street that ends at most 8 characters before `start`, with only a comma, blanks or one line break between. */
function streetEndingBefore(
  streetsByEnd: ReadonlyMap<number, { start: number; end: number }>,
  text: string,
  start: number,
): { start: number; end: number } | undefined {
  for (let end = start; end >= Math.max(0, start - 8); end--) {
    const street = streetsByEnd.get(end);
    if (street !== undefined && BETWEEN_STREET_AND_POSTCODE.test(text.slice(end, start))) return street;
  }
  return undefined;
}

/**
 * A map link's place ("maps.google.com/?q=Zgornja+Polskava+112,+2314+Zgornja+Polskava",
 * "google.com/maps/place/Letali%C5%A1ka+cesta+29c,+1000+Ljubljana/@46.06,…"): URL-encoded, so the
 * street rules do not read it, but a map query with a house number is an address by what it is.
 */
const MAP_PLACE = /(?:maps\.google\.[a-z.]{2,6}\/|google\.[a-z.]{2,6}\/maps\/?|maps\.apple\.com\/|openstreetmap\.org\/)[^\s?#]{0,40}?(?:\?(?:[^\s#]{0,200}?&)?(?:q|query|destination|daddr|saddr|address)=|place\/|dir\/(?:[^\s/]{1,200}\/)?)([^\s&#/@]{3,200})/gi;
function mapPlaces(text: string): Detection[] {
  if (!/maps|openstreetmap/i.test(text)) return [];
  const places: Detection[] = [];
  for (const match of text.matchAll(MAP_PLACE)) {
    const place = match[1]!;
    if (!/\d/.test(place) || !/\p{L}{3}/u.test(place) || /^-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?$/.test(place)) continue; // coordinates name no house
    const start = match.index + match[0].length - place.length;
    places.push({ type: "POSTAL_ADDRESS", start, end: start + place.length, confidence: 0.8 });
  }
  return places;
}

export function detectPostalAddresses(text: string): Detection[] {
  const columns = addressColumns(text);
  const detections = addressesIn(text, columns).concat(mapPlaces(text));
  for (const span of lowerCasePostcodeTowns(text)) detections.push({ type: "POSTAL_ADDRESS", ...span, confidence: 0.75 });
  // Stretches written again in the case an address has, and read at their place in the text:
  // "DUNAJSKA CESTA 5, 1000 LJUBLJANA" (address/capitals.ts), "naslov: presernova 8 kamnik"
  // (address/lower-case.ts).
  const rewritten = capitalStretches(text)
    .map((stretch) => ({ start: stretch.start, text: inAddressCase(text.slice(stretch.start, stretch.end)) }))
    .concat(lowerCaseStreets(text));
  for (const stretch of rewritten) {
    for (const found of addressesIn(stretch.text)) detections.push({ ...found, start: stretch.start + found.start, end: stretch.start + found.end });
  }
  // the cells of an address table's town and postcode columns stay, though they hold no number
  const columnCells = new Set(columns.map((cell) => cell.start));
  return mergeOverlapping(text, detections).flatMap((found) => withinOneCell(text, found, columnCells));
}

/**
 * A tab separates a table's cells, and an address is one cell: a span read across tabs
 * ("Lucija⇥Intern⇥Partizanska cesta 12, Maribor") keeps only its cells that hold a number, and a
 * street's name in the cell before a cell that is only its house number ("Pot na Fužine⇥43"), and
 * the cells of an address table's town and postcode columns ("80 Mill Lane⇥Bristol" under
 * "Address⇥City").
 */
function withinOneCell(text: string, found: Detection, columnCells: ReadonlySet<number>): Detection[] {
  const value = text.slice(found.start, found.end);
  if (!value.includes("\t")) return [found];
  const cells: Array<{ start: number; end: number; text: string }> = [];
  let at = found.start;
  for (const part of value.split("\t")) {
    cells.push({ start: at, end: at + part.length, text: part });
    at += part.length + 1;
  }
  return cells
    .filter((cell, i) => /\d/.test(cell.text) || /^[ ]*\d{1,4}[a-zA-Z]?[ ]*$/.test(cells[i + 1]?.text ?? "") || columnCells.has(cell.start + cell.text.length - cell.text.trimStart().length))
    .filter((cell) => cell.text.trim() !== "")
    .map((cell) => ({ ...found, start: cell.start, end: cell.end }));
}

/**
 * The addresses of a text, unmerged: spans found from different ends of one address overlap.
 * `columns`: its addressColumns, when the caller has them already.
 */
function addressesIn(text: string, columns: ReadonlyArray<{ start: number; end: number }> = addressColumns(text)): Detection[] {
  const labelled = labelledValueStarts(text);
  const streets = findStreets(text)
    .concat(streetsBeforeNumbers(text), poBoxes(text), labelledPlaces(text, labelled))
    .map((street: { start: number; end: number; complete?: boolean }) => {
      const tailed = withTail(text, street);
      return street.complete ? { ...tailed, complete: true } : tailed;
    })
    .concat(prepositionStreets(text).flatMap((street) => {
      // "Pod gradom 3, 4290 Tržič", "Ob Dravi 12, Maribor": a comma or a line break before the town.
      // "… v Tržiču" only mid-sentence, where the capital says a name ("živim Pod gradom 3 v
      // Tržiču"); at a sentence start it is prose ("Na sestanku 5 v Ljubljani …").
      const tailed = withTail(text, street);
      if (!tailed.complete) return [];
      const locative = /^[ \t]+(?:v|na|in|iz)[ \t]/.test(text.slice(street.end, street.end + 5));
      const midSentence = /\p{Ll}[ \t]+$/u.test(text.slice(Math.max(0, street.start - 3), street.start));
      return !locative || midSentence ? [tailed] : [];
    }))
    .sort((a, b) => a.start - b.start);

  // By end, the longest street for each: a postcode line looks up the street that ends just before it.
  const streetsByEnd = new Map<number, { start: number; end: number }>();
  for (const street of streets) {
    if (street.complete) continue;
    const known = streetsByEnd.get(street.end);
    if (known === undefined || street.start < known.start) streetsByEnd.set(street.end, street);
  }
  const detections: Detection[] = streets.map((street) => ({ type: "POSTAL_ADDRESS", ...street, confidence: 0.7 }));
  // "8230 Balatonfüred, Petőfi Sándor utca 41/A": Hungarian addresses put the postcode and town first
  const streetStarts = new Set(streets.map((street) => street.start));
  const streetFollows = (end: number) => {
    const comma = /^,[ \t]*/.exec(text.slice(end, end + 4));
    return comma !== null && streetStarts.has(end + comma[0].length);
  };
  for (const match of matchesAt(POSTCODE_TOWN, text, postcodeStarts(text))) {
    let value = match[0];
    while (CONNECTOR_TAIL.test(value)) value = value.replace(CONNECTOR_TAIL, "");
    const start = match.index;
    const end = start + value.length;
    const street = streetEndingBefore(streetsByEnd, text, start);
    if (street) {
      // "Knez Mihailova 10, 11000 Beograd": read back from the postcode, the street may start one
      // capitalised word earlier than its shape said
      const wordBefore = WORD_BEFORE.exec(text.slice(Math.max(0, street.start - 22), street.start));
      const before = wordBefore === null ? null : streetStartBefore(text, start);
      const oneWordMore = before !== null && before === street.start - wordBefore![0].length;
      detections.push({ type: "POSTAL_ADDRESS", start: oneWordMore ? before : street.start, end, confidence: 0.85 });
    } else if (streetStartBefore(text, start) !== null) {
      // "Hotedršica 12, 1372 Hotedršica", "Kossuth Lajos utca 12, 8900 Zalaegerszeg": after a
      // street line any town goes with its postcode.
      detections.push({ type: "POSTAL_ADDRESS", start: unitBefore(text, streetStartBefore(text, start)!), end, confidence: 0.8 });
    } else if ((match[2] === undefined && match[1]) || TOWNS.has(match[3]!) || (match[2] === undefined && isVillageOnlyPrefix(match[3]!)) || streetFollows(end)) {
      const from = Math.max(0, start - 60);
      let before = STREET_BEFORE_POSTCODE.exec(text.slice(from, start));
      if (before && !looksLikeStreetName(before[1]!)) before = null;
      const streetStart = before ? from + before.index + before[0].indexOf(before[1]!) : start;
      detections.push({ type: "POSTAL_ADDRESS", start: streetStart, end, confidence: before ? 0.8 : 0.75 });
    }
  }
  for (const span of addressesAroundPostcodes(text)) detections.push({ type: "POSTAL_ADDRESS", ...span, confidence: 0.8 });
  for (const span of unitFirstAddresses(text)) detections.push({ type: "POSTAL_ADDRESS", ...span, confidence: 0.75 });
  for (const card of vcardAddresses(text)) detections.push({ type: "POSTAL_ADDRESS", ...card, confidence: 0.9 });
  for (const cell of columns) detections.push({ type: "POSTAL_ADDRESS", ...cell, confidence: 0.8 });
  for (const field of keyedAddressFields(text, detections)) detections.push({ type: "POSTAL_ADDRESS", ...field, confidence: 0.8 });
  for (const span of withLabelledPrefix(text, detections, labelled)) detections.push({ type: "POSTAL_ADDRESS", ...span, confidence: 0.8 });
  return detections;
}

/**
 * Spans of one address found from different ends (or its parts found apart, with a comma between) ("Gartenstraße 15a, 3. OG" from the street,
 * "3. OG links, 70174 Stuttgart" from the postcode) overlap: the address is their union, where
 * the overlap rule of detect() would keep only the longer one and let the rest through.
 */
function mergeOverlapping(text: string, detections: Detection[]): Detection[] {
  if (detections.length < 2) return detections;
  const textBetween = (from: number, to: number) => (to - from > 0 && to - from <= 4 ? text.slice(from, to) : "x");
  const sorted = [...detections].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Detection[] = [];
  for (const detection of sorted) {
    const last = merged[merged.length - 1];
    // Overlapping, or only ", " between ("Kidričeva 7, p. p. 12, 3000 Celje"): one address. A bare
    // comma is a table's column separator, and the columns stay apart.
    if (last !== undefined && (detection.start < last.end || /^,[ \t]+$/.test(textBetween(last.end, detection.start)))) {
      if (detection.end > last.end) merged[merged.length - 1] = { ...last, end: detection.end, confidence: Math.max(last.confidence, detection.confidence) };
    } else merged.push(detection);
  }
  return merged;
}

/**
 * Cells of a pasted table under an address header ("naslov", "ulica", "posta", "kraj", "Straße",
 * "PLZ", "Ort", "street", "postcode", "city"): in an address table the town and postcode cells are
 * parts of the address, though a town alone elsewhere is not.
 */
const ADDRESS_HEADER_HINT = groupLeadingAlternation(/(?:naslov|ulic|po[sš]t|kraj|mesto|stra(?:ß|ss)e|plz|ort|street|address|addr|post|zip|city|town|hi[sš]n|house|haus)/i);
function isAddressHeader(field: string): boolean {
  return isHouseNumberHeader(field) || /^(?:naslov|ulica|ulica in hišna številka|hišna številka|po[sš]ta|po[sš]tna [sš]t(?:evilka|\.)?|po[sš]tna[ _-][sš]t(?:evilka|\.)?|dodatek|kraj|mesto|stra(?:ß|ss)e|str\.|hausnummer|plz|ort|wohnort|adresse|street|street address|address|address line ?[12]|addr(?:ess)?_?[12]?|postcode|post code|postal code|postal_code|zip|zip code|city|town)$/.test(field);
}
/** A street column: its cells hold a house number ("Naslov" is also a ticket's title). */
function isStreetHeader(field: string): boolean {
  return /^(?:naslov|ulica|ulica in hišna številka|stra(?:ß|ss)e|str\.|adresse|street|street address|address|address line ?1|addr(?:ess)?_?1?)$/.test(field);
}
/**
 * In every line that holds a field isAddressHeader accepts (so columnValues splits only these
 * lines, not every line of prose with a comma in it).
 */
const ADDRESS_HEADER_LINE = groupLeadingAlternation(/(?:naslov|ulic|po[sš]t|kraj|mesto|stra(?:ß|ss)e|str\.|plz|ort|street|addr|adres|zip|city|town|hi[sš]na|house|hausnummer)/i);
/**
 * A shop export names whose address a column holds: "Billing Street", "shipping_city",
 * "Delivery Zip", Outlook's "Business Postal Code". The prefix says whose, the rest what.
 */
const WHOSE_ADDRESS = /^(?:billing|shipping|delivery|invoice|bill|ship|mailing|postal|home|customer|client|business|work|office|private|other)[ _-]?/;
// "postal_code" is a header as it stands: its "postal" names no owner
const addressField = (field: string): string => (isAddressHeader(field) ? field : field.replace(WHOSE_ADDRESS, ""));
/** A street column's cell: a street, or a street with its postcode and town ("Podlubnik 158, 4220 Škofja Loka"). */
function isStreetCell(cell: string): boolean {
  if (STREET_SHAPE.test(cell)) return true;
  const comma = cell.indexOf(", ");
  return comma > 0 && STREET_SHAPE.test(cell.slice(0, comma)) && /^(?:[A-Z]{1,2}-)?\d{4,5}[ ]\p{Lu}[\p{L} .'’-]{1,40}$/u.test(cell.slice(comma + 2));
}
/** A house-number column beside a street column without numbers ("ulica;hisna_st", "Street,HouseNo"). */
function isHouseNumberHeader(field: string): boolean {
  return /^(?:hi[sš]na[ _-]?(?:[sš]t\.?|[sš]tevilka)|house[ _-]?(?:no\.?|nr\.?|number)|houseno|hausnummer|hnr\.?|hs\.?[ _-]?nr\.?)$/.test(field);
}
const STREET_NAME_CELL = /^\p{Lu}[\p{L}.'’ -]{2,40}$/u;
function addressColumns(text: string): Array<{ start: number; end: number }> {
  const isStreetColumn = (field: string) => isStreetHeader(addressField(field));
  // With a house-number column beside it, the street column holds the names alone (looked for
  // only when a street cell has no number).
  let numbered: boolean | undefined;
  const hasNumberColumn = () => (numbered ??= columnValues(text, ADDRESS_HEADER_HINT, (field) => isHouseNumberHeader(addressField(field)), ADDRESS_HEADER_LINE).length > 0);
  const streets = columnValues(text, ADDRESS_HEADER_HINT, isStreetColumn, ADDRESS_HEADER_LINE).filter((cell) => {
    const value = text.slice(cell.start, cell.end);
    return isStreetCell(value) || (STREET_NAME_CELL.test(value) && hasNumberColumn());
  });
  if (streets.length === 0) return [];
  // The town and postcode cells count in a table that holds streets.
  const parts = columnValues(text, ADDRESS_HEADER_HINT, (field) => isAddressHeader(addressField(field)) && !isStreetColumn(field), ADDRESS_HEADER_LINE);
  return streets.concat(parts.filter((cell) => /[\p{L}\d]/u.test(text.slice(cell.start, cell.end))));
}
