/**
 * An address given in keyed fields, one part per field, in whatever syntax the export used:
 * a form ("Street: 77 Lakeshore Road East", "Town / City: Bristol", "Street/No ..... Ob Savinji 3"),
 * JSON ("line1": "1200 Main St Apt 4B", "city": "Springfield", "zip": "62704") or XML
 * (<BuyerStreet>…</BuyerStreet><BuyerPostCode>8000</BuyerPostCode>). Once a street field holds a
 * street, the town, postcode, state and second-line fields that follow it (same record: the next
 * six lines) are parts of the same address, though a town alone elsewhere is not.
 */

import { keyedFields, plainKey, type FieldSpan } from "../keyed-fields";
import { COMPANY } from "./before-postcode";

/** Cheap test before any field is parsed: some street key is in the text. */
const STREET_KEY_HINT = /street|stra(?:ß|ss)e|addr|line ?1|<line |d_3042|naslov|ulica|anschrift|adresse|seat|sede[žz]/i;

/** Whose address a key names ("BuyerCity", "shipping_zip", "applicant address 1"): the rest says what. */
const WHOSE = /^(?:billing|shipping|ship to|delivery|invoice|bill|ship|mailing|postal|home|customer|client|buyer|seller|recipient|payer|applicant|contact|prejemnik|kupec|registrant|admin|tech|owner|holder|formatted)[ ]?/;

function normalisedKey(key: string): string {
  // "address_line1", "addressLine2": the line's number as its own word
  const plain = plainKey(key).replace(/([a-z])(\d)$/, "$1 $2");
  // "postal code" is a key by itself; "postal street" is a street
  return STREET_KEYS.has(plain) || PART_KEYS.has(plain) ? plain : plain.replace(WHOSE, "");
}

// with the names of UBL's address elements (StreetName, CityName, PostalZone), as e-invoices write them,
// eSlog's data elements (D_3042 street, D_3164 town, D_3251 postcode) and FHIR's address (line, city)
const STREET_KEYS = new Set([
  "street", "street address", "street/no", "street no", "street and number", "address", "address 1", "address line 1",
  "addr", "addr 1", "addr.", "line 1", "naslov", "ulica", "ulica in hišna številka", "straße", "strasse", "adresse",
  "anschrift", "seat", "registered office", "sedež", "sedez", "street name", "additional street name", "line", "d 3042",
]);
const HOUSE_NUMBER_FIELDS = ["building number", "house no.", "house no", "house number", "house nr", "street number", "hišna številka", "hišna št.", "hisna stevilka", "hisna st", "hišna št", "hausnummer"];
const PART_KEYS = new Set([
  "city", "town", "town/city", "city/town", "city/state", "city/state/zip", "state", "province", "county", "region",
  "state/province", "zip", "zip code", "postcode", "post code", "postal code", "eircode", "address 2", "address line 2",
  "addr 2", "line 2", "kraj", "mesto", "pošta", "posta", "poštna številka", "postna stevilka", "ort", "plz", "plz/ort",
  "wohnort", "post code/town", "postcode/town", "zip/city", "post town", "city name", "postal zone",
  "country subentity", ...HOUSE_NUMBER_FIELDS, "flat", "apartment", "apt", "stanovanje", "d 3164", "d 3251",
]);
/**
 * The fields that hold a house number alone, after a street field that holds only the street's
 * name; a bare "No." or "Nr." only there, where a street comes before it.
 */
const HOUSE_NUMBER_KEYS = new Set([...HOUSE_NUMBER_FIELDS, "no.", "nr.", "št.", "number", "no", "nr"]);
/** A street's name without its number ("Pot na Fužine", "Kossuth Lajos utca"). */
const STREET_NAME_ONLY = /^\p{Lu}[\p{L}.'’-]*(?: [\p{L}.'’-]+){0,5}$/u;

/**
 * A street as a field or a table cell holds it: words then a house number ("Vrtna ulica 6",
 * "Wiener Straße 5", "Cesta v Gorice 8a", "Prešernova 17/II"), or a number then capitalised words
 * ("17 Beech Road"); a ticket title with a number inside ("Tiskalnik HP 404 ne dela") is not one.
 * Street columns of pasted tables (postal-address.ts) are judged by it too.
 */
/** A street cell; a Hungarian one ends its number with a full stop and may give the floor and door ("Váci utca 12. 3. em. 4."). */
export const STREET_SHAPE = /^(?:\p{Lu}[\p{L}.'’-]*(?: [\p{L}.'’-]+){0,5} \d{1,4}[a-zA-Z]?(?:[/-][\dA-Za-z]{1,4})?(?:\.(?: (?:em\.|fszt\.?|[IVX]{1,4}\.?|\d{1,3}(?:\/\d{1,3})?\.?)){0,4})?|\d{1,5}[A-Za-z]?(?:-\d{1,5})? (?:\p{Lu}[\p{L}'’.-]*)(?: \p{Lu}[\p{L}'’.-]*){0,4})$/u;
/** A whole address in one field, without a house number: "Main Street, Kinsale, Co. Cork P17 X662". */
const WHOLE_ADDRESS_VALUE = /^\p{Lu}[\p{L}.'’ -]{1,40},[ \t]*\p{Lu}[^\n]{0,60}\d/u;
/** A street field that starts with the unit: "Unit 3B, Gortnaskehy Business Park", "Flat 2, Kingsley House". */
const UNIT_VALUE = /^(?:Unit|Flat|Apt\.?|Apartment|Suite|Office|Stanovanje)[ \t]*#?\d{1,4}[A-Za-z]?,[ \t]*\p{Lu}/u;
const MAX_RECORD_LINES = 6;
const MAX_PARTS_BEFORE = 200;
const COUNTRY_AT_END = /,[ \t]*(?:Slovenia|Slovenija|Austria|Österreich|Avstrija|Germany|Deutschland|Nemčija|Italy|Italia|Italija|Croatia|Hrvatska|Hrvaška|Hungary|Madžarska|United Kingdom|UK|Ireland|USA|United States|Serbia|Srbija|Bosnia and Herzegovina|BiH)[ \t]*$/;
const MAX_RECORD_CHARS = 600;

/**
 * The spans of every keyed address field: a street field's whole value when it holds a street
 * (found by the other rules, or shaped as one), and the part fields after it in the same record.
 */
export function keyedAddressFields(text: string, found: readonly FieldSpan[]): FieldSpan[] {
  if (!STREET_KEY_HINT.test(text)) return [];
  const spans: FieldSpan[] = [];
  // the fields come in text order: one pointer into the found spans, sorted by start, not a search per field
  const sorted = [...found].sort((a, b) => a.start - b.start);
  let next = 0;
  let streetAt = -Infinity;
  let recordEnd = -1;
  // "Street: Pot na Fužine" then "House no.: 43": a street's name waits for its number
  let nameOnly: FieldSpan | null = null;
  // "Town: Bled" then "Street: Ljubljanska cesta 7": parts may come first; they wait for a street
  // of the same record (MAX_PARTS_BEFORE characters on, no blank line between)
  let partsBefore: FieldSpan[] = [];
  const streetFound = (at: number, end: number) => {
    for (const part of partsBefore) if (at - part.end <= MAX_PARTS_BEFORE && !/\n[ \t]*\n/.test(text.slice(part.end, at))) spans.push(part);
    partsBefore = [];
    streetAt = end;
    recordEnd = endOfRecord(text, end);
  };
  for (const raw of keyedFields(text)) {
    const field = { ...raw, key: normalisedKey(raw.key) };
    const waiting = nameOnly;
    nameOnly = null;
    if (waiting !== null && HOUSE_NUMBER_KEYS.has(field.key) && /^\d{1,4}[a-zA-Z]?$/.test(text.slice(field.start, field.end))) {
      spans.push(waiting, { start: field.start, end: field.end });
      streetFound(waiting.start, field.end);
      continue;
    }
    if (STREET_KEYS.has(field.key)) {
      const value = text.slice(field.start, field.end);
      while (next < sorted.length && sorted[next]!.start < field.end) next++;
      const overlapping: FieldSpan[] = [];
      for (let k = next - 1; k >= 0 && k >= next - 8; k--) if (sorted[k]!.end > field.start) overlapping.push(sorted[k]!);
      if (overlapping.length > 0 || STREET_SHAPE.test(value) || WHOLE_ADDRESS_VALUE.test(value) || UNIT_VALUE.test(value)) {
        // "Seat: Gradišče nad Pijavo Gorico 19": the words before a street found inside the value
        // belong to it, but not a firm before a comma ("Address: Kovač d.o.o., Vrtna 6").
        const first = Math.min(...overlapping.map((d) => d.start), field.end);
        const before = text.slice(field.start, first);
        const start = overlapping.length === 0 || !before.includes(",") || !COMPANY.test(before) ? field.start : first;
        // "Breg 14, 1000 Ljubljana, Slovenia": the country that ends the value names no one's address
        const country = COUNTRY_AT_END.exec(value);
        const end = country !== null && overlapping.every((d) => d.end <= field.end - country[0].length) ? field.end - country[0].length : field.end;
        spans.push({ start, end: Math.max(end, ...overlapping.map((d) => d.end)) });
        streetFound(field.start, field.end);
      } else if (STREET_NAME_ONLY.test(value)) nameOnly = { start: field.start, end: field.end };
    } else if (PART_KEYS.has(field.key) && /[\p{L}\d]/u.test(text.slice(field.start, field.end))) {
      if (field.start > streetAt && field.start < recordEnd) spans.push({ start: field.start, end: field.end });
      else if (!HOUSE_NUMBER_KEYS.has(field.key)) partsBefore = partsBefore.slice(-3).concat({ start: field.start, end: field.end });
    }
  }
  return spans;
}

/** The end of the sixth line after `from`, or 600 characters on: a window, never a search to the end of a long line. */
function endOfRecord(text: string, from: number): number {
  const window = text.slice(from, from + MAX_RECORD_CHARS);
  let end = 0;
  for (let n = 0; n < MAX_RECORD_LINES && end !== -1; n++) end = window.indexOf("\n", end + 1);
  return from + (end === -1 ? window.length : end);
}
