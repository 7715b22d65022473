import { addressData } from "../../address-data/load";
import { groupLeadingAlternation } from "../grouped-alternation";
import type { Span } from "./street-before-number";

/**
 * Addresses that start with the flat, office or unit and go on in comma-separated segments
 * without a house number on the street, as written in India, the Gulf states and many UK and
 * Irish forms: "Flat No. 402, Sai Residency, 12th Main Road, Indiranagar, Bengaluru 560038",
 * "Office 1204, Al Moosa Tower 2, Sheikh Zayed Road, Dubai". The segments after the unit are
 * capitalised words (a building, a road, a district, a town with its postcode); the address is
 * taken when one of them names a road or a building, and ends before a segment that is prose or
 * a country. At most MAX_SEGMENTS segments of MAX_SEGMENT characters: bounded work per unit.
 */

const UNIT_FIRST = groupLeadingAlternation(
  /(?:Flat|Unit|Office|Suite|Apartment|Apt\.?|Shop|Villa|Plot)(?: No\.?)?[ \t]*#?\d{1,5}[A-Za-z]?(?:[/-]\d{1,4})?[ \t]*,[ \t]*/g,
);
const MAX_SEGMENTS = 6;
const MAX_SEGMENT = 60;
/** Capitalised words and numbers, with the particles of names ("Bur Dubai", "12th Main Road", "Port of Spain"); a lower-case word is prose. */
const SEGMENT = /^[\p{Lu}\d][\p{L}\d'’.-]*(?:[ \t](?:[\p{Lu}\d][\p{L}\d'’.-]*|of|the|on|upon|al|el|de|la|du|bin)){0,5}$/u;
/** A postcode ends the address: "Bengaluru 560038", "Ashford TN24 0GA". */
const ENDS_IN_POSTCODE = /(?:[ \t]\d{4,6}|[ \t][A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})$/;
/** A building or an estate named in a segment ("Sai Residency", "Al Moosa Tower 2"). */
const BUILDING = /(?:^|[ \t])(?:Tower|Towers|Residency|Residence|Apartments|House|Building|Plaza|Centre|Center|Court|Estate|Complex|Mall|Block|Heights|Enclave|Nagar|Colony|Layout|Sector)(?![\p{L}])/u;
const COUNTRY = /^(?:India|UAE|United Arab Emirates|Jordan|Qatar|Oman|Kuwait|Bahrain|Saudi Arabia|Pakistan|Ireland|United Kingdom|UK|Slovenia|Slovenija)$/;

export function unitFirstAddresses(text: string): Span[] {
  const spans: Span[] = [];
  const kinds = addressData().englishKinds;
  UNIT_FIRST.lastIndex = 0;
  for (let hit = UNIT_FIRST.exec(text); hit !== null; hit = UNIT_FIRST.exec(text)) {
    const before = hit.index > 0 ? text[hit.index - 1]! : "\n";
    if (!/[\s:;(,]/.test(before)) continue;
    let end = -1;
    let namesPlace = false;
    let at = hit.index + hit[0].length;
    for (let n = 0; n < MAX_SEGMENTS; n++) {
      let stop = at;
      while (stop < text.length && stop - at < MAX_SEGMENT && !/[,\n\r.;!?]/.test(text[stop]!)) stop++;
      // "No." and "St." inside a segment are no sentence end
      while (stop < text.length && text[stop] === "." && /(?:No|St|Rd|Ave|Co|Dr)$/.test(text.slice(Math.max(at, stop - 3), stop))) {
        stop++;
        while (stop < text.length && stop - at < MAX_SEGMENT && !/[,\n\r.;!?]/.test(text[stop]!)) stop++;
      }
      const segment = text.slice(at, stop).trimEnd();
      if (!SEGMENT.test(segment) || COUNTRY.test(segment)) break;
      if (BUILDING.test(segment) || segment.split(/[ \t]+/).some((word) => kinds.has(word))) namesPlace = true;
      end = at + segment.length;
      if (text[stop] !== "," || ENDS_IN_POSTCODE.test(segment)) break;
      at = stop + 1;
      while (at < text.length && (text[at] === " " || text[at] === "\t")) at++;
    }
    if (end !== -1 && namesPlace) spans.push({ start: hit.index, end });
    UNIT_FIRST.lastIndex = Math.max(UNIT_FIRST.lastIndex, end);
  }
  return spans;
}
