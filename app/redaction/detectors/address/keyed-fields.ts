/**
 * An address given in keyed fields, one part per field, in whatever syntax the export used:
 * a form ("Street: 77 Lakeshore Road East", "Town / City: Bristol", "Street/No ..... Ob Savinji 3"),
 * JSON ("line1": "1200 Main St Apt 4B", "city": "Springfield", "zip": "62704") or XML
 * (<BuyerStreet>…</BuyerStreet><BuyerPostCode>8000</BuyerPostCode>). Once a street field holds a
 * street, the town, postcode, state and second-line fields that follow it (same record: the next
 * six lines) are parts of the same address, though a town alone elsewhere is not.
 */

export interface FieldSpan {
  start: number;
  end: number;
}

/** Cheap test before any field is parsed: some street key is in the text. */
const STREET_KEY_HINT = /street|stra(?:ß|ss)e|addr|line ?1|naslov|ulica|anschrift|adresse|seat|sede[žz]/i;

// "key: value" (also "key = value" and dot leaders), "\"key\": \"value\"", "<Key>value</Key>"
const FIELD =
  /(?:^[ \t]*([A-Za-zÀ-žß][\wÀ-žß /.-]{0,30}?)(?:[ \t]*[:=]|[ \t]*\.{2,})[ \t.]*([^\s.][^\n]{0,80}?)[ \t]*\r?$)|(?:"([A-Za-z_][\w-]{0,30})"[ \t]*:[ \t]*"([^"\n]{1,80})")|(?:<([A-Za-z][\w:.-]{0,40})>([^<\n]{1,80})<\/\5>)/gm;

/** Whose address a key names ("BuyerCity", "shipping_zip", "applicant address 1"): the rest says what. */
const WHOSE = /^(?:billing|shipping|ship to|delivery|invoice|bill|ship|mailing|postal|home|customer|client|buyer|seller|recipient|payer|applicant|contact|prejemnik|kupec)[ ]?/;

function normalisedKey(key: string): string {
  const plain = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[_-]+/g, " ")
    .replace(/[ \t]*\/[ \t]*/g, "/")
    .replace(/(\p{L})(\d)$/u, "$1 $2")
    .trim();
  // "postal code" is a key by itself; "postal street" is a street
  return STREET_KEYS.has(plain) || PART_KEYS.has(plain) ? plain : plain.replace(WHOSE, "");
}

// with the names of UBL's address elements (StreetName, CityName, PostalZone), as e-invoices write them
const STREET_KEYS = new Set([
  "street", "street address", "street/no", "street no", "street and number", "address", "address 1", "address line 1",
  "addr", "addr 1", "addr.", "line 1", "naslov", "ulica", "ulica in hišna številka", "straße", "strasse", "adresse",
  "anschrift", "seat", "registered office", "sedež", "sedez", "street name", "additional street name",
]);
const PART_KEYS = new Set([
  "city", "town", "town/city", "city/town", "city/state", "city/state/zip", "state", "province", "county", "region",
  "state/province", "zip", "zip code", "postcode", "post code", "postal code", "eircode", "address 2", "address line 2",
  "addr 2", "line 2", "kraj", "mesto", "pošta", "posta", "poštna številka", "postna stevilka", "ort", "plz", "plz/ort",
  "wohnort", "post code/town", "postcode/town", "zip/city", "post town", "city name", "postal zone",
  "country subentity", "building number",
]);

/** A street value: words then a house number, or a number then capitalised words. */
const STREET_VALUE = /^(?:\p{Lu}[\p{L}.'’-]*(?: [\p{L}.'’-]+){0,5} \d{1,4}[a-zA-Z]?(?:[/-][\dA-Za-z]{1,4})?|\d{1,5}[A-Za-z]?(?:-\d{1,5})? (?:\p{Lu}[\p{L}'’.-]*)(?: \p{Lu}[\p{L}'’.-]*){0,4})$/u;
/** A whole address in one field, without a house number: "Main Street, Kinsale, Co. Cork P17 X662". */
const WHOLE_ADDRESS_VALUE = /^\p{Lu}[\p{L}.'’ -]{1,40},[ \t]*\p{Lu}[^\n]{0,60}\d/u;
const MAX_RECORD_LINES = 6;
const MAX_RECORD_CHARS = 600;

interface Field {
  key: string;
  start: number;
  end: number;
}

function* fieldsIn(text: string, from: number, to: number): Generator<Field> {
  const region = text.slice(from, to);
  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(region); m !== null; m = FIELD.exec(region)) {
    const key = m[1] ?? m[3] ?? m[5]!;
    const value = m[2] ?? m[4] ?? m[6]!;
    const start = from + m.index + m[0].lastIndexOf(value);
    yield { key: normalisedKey(key), start, end: start + value.length };
  }
}

/**
 * The spans of every keyed address field: a street field's whole value when it holds a street
 * (found by the other rules, or shaped as one), and the part fields after it in the same record.
 */
export function keyedAddressFields(text: string, found: readonly FieldSpan[]): FieldSpan[] {
  if (!STREET_KEY_HINT.test(text)) return [];
  const spans: FieldSpan[] = [];
  let streetAt = -Infinity;
  let recordEnd = -1;
  for (const field of fieldsIn(text, 0, text.length)) {
    if (STREET_KEYS.has(field.key)) {
      const value = text.slice(field.start, field.end);
      const overlapping = found.filter((d) => d.start < field.end && d.end > field.start);
      if (overlapping.length > 0 || STREET_VALUE.test(value) || WHOLE_ADDRESS_VALUE.test(value)) {
        // "Seat: Gradišče nad Pijavo Gorico 19": the words before a street found inside the value
        // belong to it, but not a firm before a comma ("Address: Kovač d.o.o., Vrtna 6").
        const first = Math.min(...overlapping.map((d) => d.start), field.end);
        const start = overlapping.length === 0 || !text.slice(field.start, first).includes(",") ? field.start : first;
        spans.push({ start, end: Math.max(field.end, ...overlapping.map((d) => d.end)) });
        streetAt = field.end;
        recordEnd = endOfRecord(text, field.end);
      }
    } else if (PART_KEYS.has(field.key) && field.start > streetAt && field.start < recordEnd && /[\p{L}\d]/u.test(text.slice(field.start, field.end))) {
      spans.push({ start: field.start, end: field.end });
    }
  }
  return spans;
}

function endOfRecord(text: string, from: number): number {
  let end = from;
  for (let n = 0; n < MAX_RECORD_LINES && end !== -1; n++) end = text.indexOf("\n", end + 1);
  return Math.min(end === -1 ? text.length : end, from + MAX_RECORD_CHARS);
}
