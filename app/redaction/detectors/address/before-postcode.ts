import { addressData, type AddressData } from "../../address-data/load";
import { matchesAt } from "../candidate-scan";
import type { Span } from "./street-before-number";
import { unitBefore } from "./tails";

/**
 * A postcode is the strongest sign of an address, in any country's shape. From a postcode the
 * address is read backwards, segment by segment (separated by commas or line breaks, at most
 * MAX_SEGMENTS, each at most MAX_SEGMENT characters): "Unit 3B, Meridian Trading Estate, Bugsby's
 * Way, London SE7 7SJ", "Herrengasse 6–8, Stiege 1, Top 5, 1010 Wien", "Flat 12, Kingsley
 * House\n45 Wandsworth Road\nLondon\nSW8 2LF". The address reaches back to the furthest segment
 * with a house number (or, for a UK postcode, a street or building word), and stops at a label
 * ("Naslov:"), a company ("d.o.o.", "Ltd") or prose (lower-case words that no address uses).
 */

const MAX_SEGMENTS = 5;
/**
 * A letterhead's or a signature's separators between its parts ("Wessels Logistik GmbH & Co. KG ·
 * Am Holzhafen 12, 28217 Bremen", "Firma | Cesta 5 | 1000 Ljubljana"): the street's segment starts after one.
 */
const LETTERHEAD_SEPARATOR = new Set(["·", "|", "•"]);
const MAX_SEGMENT = 90;
/**
 * Postcodes that carry their own country shape (UK, Canada, Ireland, Australia, US with the state
 * abbreviated or spelled out after a comma, Netherlands, Sweden and Czechia, Poland, Portugal, Japan).
 */
const POSTCODE =
  /(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d|[A-Z]\d{2} [A-Z\d]{4}|(?:NSW|VIC|QLD|TAS|ACT|NT|WA|SA) \d{4}|[A-Z]{2} \d{5}(?:-\d{4})?|\d{4} [A-Z]{2}(?= \p{Lu})|\d{3} \d{2}(?= \p{Lu})|\d{2}-\d{3}(?= \p{Lu})|\d{4}-\d{3}(?= \p{Lu})|\d{3}-\d{4}|(?<=, ?)(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming) \d{5}(?:-\d{4})?)(?![A-Za-z0-9])/gu;
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;
/** An Irish Eircode ("D02 X285"): its second part, letters and digits mixed, names one building. */
const EIRCODE = /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W) (?=[\dA-Z]*[A-Z])(?=[\dA-Z]*\d)[\dAC-FHKNPRTV-Y]{4}$/;
/** The town after a postcode that precedes it, with a district number ("120 00 Praha 2"). */
const TOWN_AFTER = /(?: \p{Lu}[\p{L}-]{1,25}){1,3}(?: \d{1,2}(?![\d.,:]))?/uy;
/** Company forms, as whole words: "Cincinnati" holds an "inc" and "Galtdale" an "ltd". */
export const COMPANY = /(?:d\.o\.o\.|d\.d\.|(?<![\p{L}])s\.p\.|\bGmbH\b|\bLtd\b\.?|\bInc\b\.?|\bLLC\b|\bAG\b|S\.p\.A\.|s\.r\.l\.|\bKft\b\.?|\bplc\b)/iu;
/** Lower-case words that appear inside addresses; any other lower-case word is prose. */
const ADDRESS_LOWER = new Set(
  ("de la le du des del della di da van von der den die das the of on upon am an im auf na pri ob v pod nad ul ulica cesta trg " +
    "utca út ut straße gasse weg links rechts kbr kbr. br. st. no. nr. apt apt. floor stan. stanovanje nadstropje vhod c/ bis " +
    "street road lane avenue way etc rue via e y i u a od do za po iz zona bb b.b. snc s.n.c. s.n.").split(" "),
);
const ADDRESS_LABELS = new Set(["Address", "Addr", "Naslov", "Adresa", "Adresse", "Anschrift", "Indirizzo", "Location", "Lokacija"]);
const BUILDING = /\b(?:House|Building|Tower|Estate|Park|Court|Residency|Residence|Quay|Mews|Cottage|Farm|Lodge|Granary|Flat|Unit|Apt|Suite|Room|Level|Office|Floor|Block)\b/;
/** A job title names no building, though it holds "Office" or "House" ("Office Manager", "Front of House Lead"). */
const JOB_TITLE = /\b(?:Manager|Director|Assistant|Officer|Administrator|Coordinator|Secretary|Receptionist|Executive|Partner|Lead|Head)\b/;
/** A named business before an address is a look-alike the technician needs ("The Grand Hotel"). */
const BUSINESS = /\b(?:Hotel|Inn|Bank|Centre|Center|Café|Cafe|Restaurant|Pub|Bar|Clinic|Hospital|Group|Company|Shop|Store|Gallery|Museum|Theatre|School|College|University|Club|Studio)\b/;
const UNIT_FIRST = /^(?:Flat|Unit|Apt\.?|Apartment|Suite|Room|Level|Office|Floor|Stanovanje|stanovanje|Top|Stiege|\d{1,2}\. ?(?:OG|Stock|nadstropje|floor|kat|piano|etaža)\b)/;
/** "Dublin 2", "Praha 2", "Wien 3": a town with its district number, not a street with a house number. */
const TOWN_DISTRICT = /^\p{Lu}\p{Ll}{2,20} \d{1,2}$/u;
/** A segment that names a street by its kind or a direction is a street even with a four-digit house number. */
const DIRECTION = /^(?:N|S|E|W|NE|NW|SE|SW)\.?$/;
const STREET_LINE = /^\p{Lu}[\p{L}.'’-]{0,25}(?: [\p{L}.'’-]{1,25}){0,4} \d{1,4}[a-zA-Z]?(?:[/–-][\dA-Za-z]{1,4})?$/u;
/** A house number, or the mark of a house without one: Croatian and Bosnian "bb" (bez broja), Italian "snc" (senza numero civico). */
const HOUSE_NUMBER_TOKEN = /^(?:(?:No\.?|[IVX]{1,4}\/)?\d{1,4}[a-zA-Z]?(?:[/–-](?:\d{1,4}[a-zA-Z]?|[IVX]{1,4}))*|bb|b\.b\.|BB|snc|s\.n\.c\.|SNC|s\.n\.)[,.]?$/;

/** The end of a postcode's first part and its separator: "SW1A 1AA", "1234 AB", "NY 10118", "00-950". */
const TOKEN_BEFORE_SEPARATOR = /[A-Z\d][ -](?=[A-Z\d])/g;
/** Where a US state spelled out may start: after a comma ("Cincinnati, Ohio 45202"). */
const AFTER_COMMA = /, ?(?=[A-Z])/g;

function isAsciiAlnum(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122);
}

/**
 * Where POSTCODE may start. Its alternation has no literal start, so V8 would try it at every
 * position; but each postcode begins with a token of at most four capitals and digits that a
 * blank or a hyphen follows ("SW1A", "D02", "NSW", "1234", "12-"), at a word start, or is a state
 * after a comma. Both are found by plain scans, and the pattern is tried only there.
 */
function postcodeStarts(text: string): number[] {
  const starts: number[] = [];
  TOKEN_BEFORE_SEPARATOR.lastIndex = 0;
  for (let hit = TOKEN_BEFORE_SEPARATOR.exec(text); hit !== null; hit = TOKEN_BEFORE_SEPARATOR.exec(text)) {
    let start = hit.index;
    while (start > 0 && hit.index - start < 3 && isAsciiAlnum(text.charCodeAt(start - 1)) && !/[a-z]/.test(text[start - 1]!)) start--;
    if (start > 0 && isAsciiAlnum(text.charCodeAt(start - 1))) continue;
    if (starts.length === 0 || start > starts[starts.length - 1]!) starts.push(start);
  }
  const states: number[] = [];
  AFTER_COMMA.lastIndex = 0;
  for (let hit = AFTER_COMMA.exec(text); hit !== null; hit = AFTER_COMMA.exec(text)) states.push(hit.index + hit[0].length);
  if (states.length === 0) return starts;
  return [...new Set(starts.concat(states))].sort((a, b) => a - b);
}

export function addressesAroundPostcodes(text: string): Span[] {
  const spans: Span[] = [];
  for (const hit of matchesAt(POSTCODE, text, postcodeStarts(text))) {
    if (hit.index > 0 && /[A-Za-z0-9]/.test(text[hit.index - 1]!)) continue;
    let end = hit.index + hit[0].length;
    if (/^\d/.test(hit[0]) && !/^\d{3}-/.test(hit[0])) {
      TOWN_AFTER.lastIndex = end; // "3024 SJ Rotterdam", "111 34 Stockholm": the town follows
      const town = TOWN_AFTER.exec(text);
      if (town !== null) end += town[0].length;
    }
    // a UK postcode or an Eircode: a street or building word counts as the street, since Irish
    // and rural UK addresses often have no house number ("Main Street, Bagenalstown, Co. Carlow R21 HX60")
    const eircode = EIRCODE.test(hit[0]);
    const start = streetBefore(text, hit.index, UK_POSTCODE.test(hit[0]) || eircode) ?? (eircode ? townlandBefore(text, hit.index) : null);
    if (start !== null) spans.push({ start: unitBefore(text, start), end });
    else if (UK_POSTCODE.test(hit[0]) || EIRCODE.test(hit[0])) spans.push({ start: hit.index, end }); // a full UK postcode names a few houses, an Eircode one
  }
  return spans;
}

/**
 * A rural Irish address names no street: a townland and a village before the county ("Cloonagh,
 * Ballymore, Co. Westmeath, N91 X2P4"). Before an Eircode, one or two capitalised place segments
 * and the county are the address.
 */
const TOWNLAND_BEFORE = /(?:^|[\s:;("])((?:\p{Lu}[\p{L}'’-]+(?:[ \t]\p{Lu}[\p{L}'’-]+){0,2},[ \t]*){1,2}(?:Co\.|County)[ \t]+\p{Lu}[\p{L}'’-]+,?[ \t]*)$/u;
function townlandBefore(text: string, at: number): number | null {
  const from = Math.max(0, at - 120);
  const match = TOWNLAND_BEFORE.exec(text.slice(from, at));
  return match === null ? null : from + match.index + match[0].length - match[1]!.length;
}

/**
 * Where the address that ends in a postcode at `at` starts, or null when nothing before it looks
 * like a street. Used for "NNNN Town" postcode lines too (see postal-address.ts).
 */
export function streetBefore(text: string, at: number, buildingsCount = false): number | null {
  const data = addressData();
  let pos = at;
  // The town just before the postcode on the same segment: "London SW8", "Bondi NSW 2026", "Cincinnati, Ohio 45202".
  let best: number | null = null;
  let bestIsUnit = false;
  let bestIsKindOnly = false;
  for (let segments = 0; segments < MAX_SEGMENTS; segments++) {
    // the separator before pos: blanks, then a comma, a line break or a vCard "\n"
    let i = pos;
    while (i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
    let segmentEnd = i;
    if (segments > 0 || i < pos) {
      if (text[i - 1] === "," || LETTERHEAD_SEPARATOR.has(text[i - 1]!)) i--;
      else if (text[i - 1] === "\n") i = text[i - 2] === "\r" ? i - 2 : i - 1;
      else if (text[i - 1] === "n" && text[i - 2] === "\\") i -= 2;
      else if (segments > 0) break;
      segmentEnd = i;
      while (i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
      segmentEnd = i;
    }
    let segmentStart = segmentEnd;
    while (
      segmentStart > 0 && segmentEnd - segmentStart < MAX_SEGMENT && text[segmentStart - 1] !== "," && text[segmentStart - 1] !== "\n" &&
      !(text[segmentStart - 1] === "n" && text[segmentStart - 2] === "\\") && !LETTERHEAD_SEPARATOR.has(text[segmentStart - 1]!)
    ) segmentStart--;
    const raw = text.slice(segmentStart, segmentEnd);
    if (raw.trim() === "" && segments === 0) {
      pos = segmentStart; // the postcode starts its line or follows a comma: the street is before that
      if (segmentStart === 0) break;
      continue;
    }
    if (raw.trim() === "" || COMPANY.test(raw)) break;
    const { start: usableStart, whole } = usableSuffix(raw, data);
    if (usableStart === raw.length) break;
    const segment = raw.slice(usableStart);
    const from = segmentStart + usableStart + (segment.length - segment.trimStart().length);
    const tokens = segment.trim().split(/\s+/);
    const digits = segment.replace(/\D/g, "").length;
    // Another address's postcode, or a phone number: this address does not reach back over it
    // ("8800 SUNSET BLVD STE 210", "2250 W. Broadway" are streets: they name a kind or a direction).
    const namesStreet = tokens.some((t) => data.englishKinds.has(t) || data.englishKinds.has(capitalised(t)) || DIRECTION.test(t));
    if (segments > 0 && !namesStreet && (digits > 6 || /\d{4,5}[ \t]+\p{Lu}|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}/u.test(segment))) break;
    if (segments > 0 && namesStreet && digits > 9) break;
    // digits alone after a country code are a phone number's groups ("+49 69 7104 9922 Germany"), no street
    const phoneGroups = !/\p{L}/u.test(segment) && /\+\d{1,3}[ \t]*$/.test(raw.slice(0, usableStart));
    const hasHouseNumber = tokens.some((token) => HOUSE_NUMBER_TOKEN.test(token)) && digits <= (namesStreet ? 9 : 6) && !phoneGroups;

    // One street per address: a second numbered segment further back is another address,
    // unless it names a flat or unit ("Flat 12, Kingsley House\n45 Wandsworth Road").
    // (or the nearer one was the unit: "Herrengasse 6–8, Stiege 1, Top 5").
    const isUnit = UNIT_FIRST.test(segment.trim()) || (best === null && TOWN_DISTRICT.test(segment.trim()));
    if (best !== null && hasHouseNumber && !isUnit && !bestIsUnit) break;
    // A UK house name before the numbered street ("The Laurels, 4 Vicarage Lane") starts its line;
    // after prose words it is more often a business ("… at The Ivy, 9 West Street").
    const houseName = buildingsCount && best !== null && startsLine(text, from) && /^The(?: \p{Lu}[\p{Ll}'’]+){1,3}$/u.test(segment.trim()) && !BUSINESS.test(segment);
    // "Rožni dolini, cesta IV/32": a street kind without its name takes the segment before it.
    const nameBefore: boolean = best !== null && bestIsKindOnly && /^\p{Lu}[\p{L}]+(?: [\p{L}]+){0,3}$/u.test(segment.trim());
    if (hasHouseNumber || houseName || nameBefore || (buildingsCount && !JOB_TITLE.test(segment) && (BUILDING.test(segment) || tokens.some((t) => data.englishKinds.has(t))))) {
      bestIsKindOnly = !nameBefore && /^(?:cesta|ulica|trg|pot|c\.|ul\.)\s/.test(segment.trim());
      best = from;
      bestIsUnit = isUnit;
    }
    if (!whole) break;
    pos = segmentStart;
    if (segmentStart === 0) break;
  }
  return best;
}

/**
 * Whether only blanks stand between the line's start and `from`. Read back over blanks only: the
 * search for the line's start ran back over a whole long line for every postcode on it.
 */
function startsLine(text: string, from: number): boolean {
  let i = from;
  while (i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
  return i === 0 || text[i - 1] === "\n";
}

/**
 * "Naš novi naslov je Vrhpolje 23", "Dobite nas na Lokev 15": a sentence before the street, whose
 * first word names no street, and a lower-case word before a capitalised one. A street name that
 * holds lower-case words starts with its kind, a preposition or a village prefix ("Ulica heroja
 * Staneta 4", "Ob železnici 16", "Gorenja vas 102") and has no capital after them but a place's.
 */
/** Lower-case words inside foreign street names: "Rue de la Paix 5", "Via della Spiga 3", "Am Hof 2", "Zmaja od Bosne 8". */
const NAME_PARTICLES = new Set(["de", "la", "le", "les", "du", "des", "del", "della", "delle", "dei", "di", "da", "do", "dos", "das", "van", "von", "der", "den", "die", "am", "an", "im", "auf", "zum", "zur", "the", "of", "upon", "on", "y", "e", "i", "u", "od"]);
const STREET_PREPOSITION = /^(?:Pod|Nad|Ob|Na|Za|Pri|Med|Pred|Po|V|K|Pot|Cesta|Ulica|Trg)$/;
function proseBeforeName(line: string, data: AddressData): boolean {
  const words = line.split(/\s+/);
  const first = words[0]!;
  if (data.kindBeforeName.has(first) || data.villagePrefixes.has(first) || STREET_PREPOSITION.test(first)) return false;
  for (let k = 1; k + 1 < words.length; k++) {
    if (/^\p{Ll}/u.test(words[k]!) && !NAME_PARTICLES.has(words[k]!) && /^\p{Lu}/u.test(words[k + 1]!)) return true;
  }
  return false;
}

function capitalised(token: string): string {
  return token.charAt(0) + token.slice(1).toLowerCase();
}

/**
 * The part of a segment that can belong to an address, read from its end: capitalised words,
 * numbers and address words; it stops at a label's colon or a prose word. `whole` when the
 * segment was usable to its start (the walk may go on to the segment before).
 */
function usableSuffix(segment: string, data: AddressData): { start: number; whole: boolean } {
  const kinds = data.kindAfterName;
  const colon = segment.lastIndexOf(":");
  const limit = colon === -1 ? 0 : colon + 1;
  // "Ob železnici 16", "Pot k izviru 4": a capitalised street line of a few words and a number is whole.
  // an SQL string's or a quoted field's opening quote is no part of the street ("'Ob železnici 16, …'")
  const quote = /^[ \t]*['"]/.exec(segment.slice(limit));
  const part = segment.slice(quote === null ? limit : limit + quote[0].length);
  const partAt = quote === null ? limit : limit + quote[0].length;
  if (STREET_LINE.test(part.trim()) && !proseBeforeName(part.trim(), data)) return { start: partAt + (part.length - part.trimStart().length), whole: colon === -1 && quote === null };
  // "… hvala. Pod gradom 3": the street line after a sentence in the same segment.
  const sentenceEnd = part.lastIndexOf(". ");
  if (sentenceEnd !== -1 && STREET_LINE.test(part.slice(sentenceEnd + 2).trim())) return { start: partAt + sentenceEnd + 2, whole: false };
  const tokens = [...part.matchAll(/\S+/g)];
  // "naslov je Pod gradom 3", "finden Sie uns in der Herrengasse 6–8": the street line after prose
  // words, from the capitalised word nearest the number that a lower-case word precedes.
  for (let k = tokens.length - 2; k >= Math.max(1, tokens.length - 6); k--) {
    const token = tokens[k]![0];
    if (/^\p{Lu}/u.test(token) && /^\p{Ll}+$/u.test(tokens[k - 1]![0]) && STREET_LINE.test(part.slice(tokens[k]!.index).trim())) {
      return { start: partAt + tokens[k]!.index!, whole: false };
    }
  }
  let start = segment.length;
  for (let k = tokens.length - 1; k >= 0; k--) {
    let token = tokens[k]![0];
    let index = tokens[k]!.index!;
    // a quote, an equals sign or a bracket glued before a word opens the value: 'new="Unit 2,
    // Monread Road', "(9 Quay Street, Galway H91 E2K6)", an SQL string's "'Obala 33, 6320 Portorož'"
    const opening = /^[^"=]*["=]+(?=[^"=])|^[('](?=[\p{L}\d])/u.exec(token);
    if (opening !== null) {
      token = token.slice(opening[0].length);
      index += opening[0].length;
    }
    const word = token.replace(/[(),.;'’"]+$/g, "");
    // "Address 4/12 Smith Street, …": a label without its colon is no part of the address
    const ok = (/^[\p{Lu}\d#(]/u.test(token) && !ADDRESS_LABELS.has(word)) || ADDRESS_LOWER.has(word.toLowerCase()) || kinds.has(word.toLowerCase()) || /^[\d/–-]+$/.test(word);
    if (!ok) return { start, whole: false };
    start = partAt + index;
    if (opening !== null) return { start, whole: false };
  }
  return { start, whole: colon === -1 && quote === null };
}
