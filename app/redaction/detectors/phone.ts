import type { Detection } from "../types";
import { followsReferenceCue } from "./context";
import { digitsOnly, readingsAtGroupBoundaries } from "./digit-groups";
import { groupLeadingAlternation } from "./grouped-alternation";

/**
 * A run of digits with single separators, optionally led by "+" or "00".
 * Each repetition consumes at least one digit, so a failed attempt costs at
 * most 19 steps: no catastrophic backtracking. Starting in the middle of a
 * word, a version ("1.041"), or after "#" is ruled out by the lookbehinds. A comma
 * before or after is allowed: in a CSV row ("12,041123456,Ljubljana") it separates columns,
 * and a decimal number never has the nine digits of a national number after its comma.
 * Two shapes widen it: a label glued to the number ("GSM041 123 456", "Tel041…"), and an area
 * code set off by a spaced slash, as German and Austrian signatures write it ("089 / 1234 5678", "041/ 330 220").
 * The country code may stand in parentheses ("(+386) 41 123 456"), a blank may follow the plus
 * ("+ 386 …"), and mail signatures often separate the groups with non-breaking spaces.
 */
const PHONE_CANDIDATE =
  /(?<![\w+@#/-](?<!(?<![A-Za-z])(?:GSM|Gsm|gsm|TEL|Tel|tel|MOB|Mob|mob|FAX|Fax|fax)))(?<!\d\.)(?:0\d{1,4}(?: \/ ?|\/ )(?=\d)|\(\+\d{1,3}\)[ \u00a0]?(?=\d)|(?:\+[ \u00a0]?|00)?(?:\(\d{1,4}\)|\d))(?:(?:[ \u00a0]?[-–][ \u00a0]?|[ \-/.\u00a0\u202f])?(?:\(\d{1,4}\)|\d)){6,18}(?!\w|[.:]\d)/g;

const STRAY_GROUP = /^\d{1,2}(?= [0+(])/;
const IBAN_HEAD_BEFORE = /(?<![A-Za-z])[A-Z]{2}\d{2} ?$/;
/**
 * A group of capitals and digits right before the number ("1Z 999 AA1 01 2345 6784", a UPS
 * tracking number): the digits continue that id, which no phone number is written after.
 */
const MIXED_ID_GROUP_BEFORE = /(?<![\p{L}\d])(?=[A-Z\d]*[A-Z])(?=[A-Z\d]*\d)[A-Z\d]{2,6} $/u;
const SLOVENIAN_NSN = /^[1-7]\d{7}$/; // 01–05, 07 landlines and 03x–07x mobile/VoIP, without the trunk 0

/**
 * A form-encoded phone field ("&phone=%2B34%20612%20345%20678", "?tel=041+123+456"): the value is
 * decoded as a browser encodes it ("+" a blank, "%2B" a plus) and read as a phone; the encoded
 * value is what the text holds, so that is reported.
 */
const ENCODED_PHONE_FIELD = /(?:^|[?&;])(?:phone|tel|telephone|telefon|mobile|mob|gsm|cell|phone_?number|phoneNumber|mobile_?phone)=([%+\dA-Fa-f().-]{7,80})(?=[&#\s]|$)/gim;

function encodedPhones(text: string, detections: Detection[]): void {
  for (const match of text.matchAll(ENCODED_PHONE_FIELD)) {
    const raw = match[1]!;
    if (!raw.includes("%") && !raw.includes("+")) continue; // a plain value is read by the main scan
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw.replace(/\+/g, " "));
    } catch {
      continue;
    }
    const phone = detectPhones(decoded).find((d) => d.start <= 1 && d.end >= decoded.trimEnd().length - 1);
    if (phone === undefined) continue;
    const start = match.index + match[0].length - raw.length;
    detections.push({ type: "PHONE", start, end: start + raw.length, confidence: phone.confidence });
  }
}

/** Any form field whose value is an encoded international number ("Caller=%2B447700900482", Twilio's webhooks). */
const ENCODED_PLUS_FIELD = /(?:^|[?&;])[A-Za-z_][\w.-]{0,30}=(%2B\d{8,15})(?=[&#\s]|$)/gi;

function encodedInternationalFields(text: string, detections: Detection[]): void {
  for (const match of text.matchAll(ENCODED_PLUS_FIELD)) {
    const start = match.index + match[0].length - match[1]!.length;
    detections.push({ type: "PHONE", start, end: start + match[1]!.length, confidence: 0.85 });
  }
}

/**
 * A number right after a phone label is a phone in any country's shape, even one the shapes
 * above leave because, unlabelled, it reads as often as an order number: "cell. 335 81 44 920"
 * (an Italian mobile has no trunk 0), "Phone: 1-646-555-0127", "msisdn=38640771203", whois's
 * "Phone: +386.15640221", "SMS_ALERT_NUMBER=00385996041152". Eight to fifteen digits, single
 * separators between them.
 */
// Led by its words, without a lookbehind (V8 would try one at every position); the unit before is checked apart.
const PHONE_LABEL = groupLeadingAlternation(
  /(?:[Tt]el(?:efon\p{L}{0,3}|ephone)?|TEL|[Pp]hone|PHONE|[Mm]obile|[Mm]obil|[Mm]ob|MOB|[Mm]obitel|[Gg]sm|GSM|[Cc]ell(?:ulare|phone)?|[Hh]andy|[Ff]ax|FAX|[Mm]sisdn|MSISDN|[Ww]hats[Aa]pp|[Vv]iber)\.?(?:[ \t]*(?:number|no\.|nr\.|št\.|številka|#))?(?:[ \t]*\((?:mobile|work|home|office|shop|private|privat|službeni|domači)\))?[ \t]*[:=.]?[ \t]*["']?(?=[+\d])/gu,
);
/** An env key naming a phone ("SMS_ALERT_NUMBER=", "ADMIN_PHONE="), found from its word and read back to the key's start. */
const PHONE_KEY_WORD = /(?:PHONE|MOBILE|MSISDN|GSM|NUMBER)[A-Z0-9_]*[ \t]*[=:][ \t]*["']?(?=[+\d])/g;
const LABELLED_NUMBER = /(?:\+|00)?\d(?:[ \-./]?\d){7,14}(?![\d]|[.,]\d)/y;

function labelEnds(text: string): number[] {
  const ends: number[] = [];
  for (const label of text.matchAll(PHONE_LABEL)) {
    if (label.index > 0 && /[\p{L}\d]/u.test(text[label.index - 1]!)) continue; // inside a word
    ends.push(label.index + label[0].length);
  }
  for (const key of text.matchAll(PHONE_KEY_WORD)) {
    let start = key.index;
    while (start > 0 && key.index - start < 40 && /[A-Z0-9_]/.test(text[start - 1]!)) start--;
    if (start > 0 && /\w/.test(text[start - 1]!)) continue;
    // a bare "…NUMBER=" names a phone only as an SMS's
    if (key[0].startsWith("NUMBER") && !text.slice(start, key.index).includes("SMS_")) continue;
    ends.push(key.index + key[0].length);
  }
  return ends;
}

function labelledPhones(text: string, detections: Detection[]): void {
  for (const end of labelEnds(text)) {
    LABELLED_NUMBER.lastIndex = end;
    const number = LABELLED_NUMBER.exec(text);
    if (number === null) continue;
    const digits = digitsOnly(number[0]).length;
    if (digits < 8 || digits > 15) continue;
    detections.push({ type: "PHONE", start: number.index, end: number.index + number[0].length, confidence: 0.8 });
  }
}

/**
 * Click-to-chat links carry the number in international form without its "+": "wa.me/38641123456",
 * "api.whatsapp.com/send?phone=386…", "viber://chat?number=%2B386…". Only the number is reported.
 */
const CHAT_LINK_NUMBER = /(?:wa\.me\/|whatsapp\.com\/send\/?\?phone=|viber:\/\/(?:chat|add)\?number=)(?:%2B|\+)?(\d{8,15})(?!\d)/gi;

function chatLinkPhones(text: string, detections: Detection[]): void {
  for (const match of text.matchAll(CHAT_LINK_NUMBER)) {
    const confidence = phoneConfidence(`+${match[1]!}`);
    if (confidence === null) continue;
    const end = match.index + match[0].length;
    detections.push({ type: "PHONE", start: end - match[1]!.length, end, confidence });
  }
}

export function detectPhones(text: string): Detection[] {
  const detections: Detection[] = [];
  if (text.includes("wa.me/") || text.includes("whatsapp.com/") || text.includes("viber:")) chatLinkPhones(text, detections);
  if (text.includes("=") && (text.includes("%") || text.includes("+"))) encodedPhones(text, detections);
  if (text.includes("%2B") || text.includes("%2b")) encodedInternationalFields(text, detections);
  labelledPhones(text, detections);
  PHONE_CANDIDATE.lastIndex = 0;
  for (let match = PHONE_CANDIDATE.exec(text); match !== null; match = PHONE_CANDIDATE.exec(text)) {
    const start = match.index;
    // Read "(+386) 41…" as "+386 41…" and non-breaking spaces as blanks, keeping the length, so
    // the readings' offsets are the text's.
    // "041 - 66 - 77 - 88": a dash set off by blanks (or an en dash) reads as a plain dash.
    const candidate = match[0].replace(/^\(\+(\d{1,3})\)/, "+$1  ").replace(/[\u00a0\u202f]/g, " ").replace(/–/g, "-");
    const first = candidate[0];
    // "386 41 123 456": the country code written without "+" or "00", always with a separator after it.
    const bareCountryCode = first === "3" && /^386[ \-/.]/.test(candidate);
    const northAmerican = first !== undefined && first >= "2" && first <= "9" && /^[2-9]\d{2}[.-][2-9]\d{2}[.-]\d{4}/.test(candidate);
    if (first !== "+" && first !== "0" && first !== "(" && !bareCountryCode && !northAmerican) {
      // ",4 015131169": a stray digit or two before a blank (OCR's reading of an icon) is no part of
      // the number after it; the search goes on from the blank (cheap reject before any parsing)
      const stray = STRAY_GROUP.exec(candidate);
      if (stray !== null) PHONE_CANDIDATE.lastIndex = start + stray[0].length;
      continue;
    }
    if (followsReferenceCue(text, start)) continue;
    // "SI56 0201 0001 2345 679": the groups after an IBAN's country and check digits are its account, valid or not
    if (IBAN_HEAD_BEFORE.test(text.slice(Math.max(0, start - 5), start))) continue;
    if (MIXED_ID_GROUP_BEFORE.test(text.slice(Math.max(0, start - 8), start))) continue;
    const national = (first === "0" && candidate[1] !== "0") || /^\(0[1-9]/.test(candidate);
    for (const { end, digitCount } of readingsAtGroupBoundaries(candidate)) {
      if (national ? digitCount < 9 || digitCount > 12 : bareCountryCode ? digitCount !== 11 : digitCount < 8 || digitCount > 17) continue;
      const raw = candidate.slice(0, end);
      const confidence = bareCountryCode
        ? bareSlovenianConfidence(raw)
        : NANP.test(raw)
          ? 0.75
          : national && digitCount > 9
            ? foreignNationalConfidence(raw)
            : phoneConfidence(raw);
      if (confidence !== null) {
        detections.push({ type: "PHONE", start, end: start + end, confidence });
        break;
      }
    }
  }
  return detections;
}

/**
 * North American numbers as written there: "(415) 555-0187", "512.555.0176", "415-555-0187" –
 * area code and exchange never start with 0 or 1, and the groups are 3-3-4 with a separator.
 */
const NANP = /^(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[.-])[2-9]\d{2}[.-]\d{4}$/;

/**
 * A national number of a neighbouring or English-speaking country, written with its trunk 0:
 * "0664 123 45 67", "0171 9876543", "07911 234 567", "06 98 76 54 32", "091 111 2222",
 * "(030) 1234567", "0151 23456789" – ten to twelve digits, grouped by blanks, dashes or a slash, the first group a 2–5 digit area code.
 * Compact, such a number is as often an order or a customer number, so it must be grouped.
 */
function foreignNationalConfidence(raw: string): number | null {
  // "(030) 1234567": the area code in parentheses, as German and British numbers are written.
  const areaInParentheses = /^\(0\d{1,4}\)[ ]?\d/.test(raw);
  if (areaInParentheses) raw = raw.replace(/^\((0\d{1,4})\)[ ]?/, "$1 ");
  if (/[.()]/.test(raw)) return null;
  const digitCount = digitsOnly(raw).length;
  const groups = raw.split(/[ \-/]+/).filter(Boolean);
  // Twelve digits only as a German mobile or a long area code writes them: "0151 23456789",
  // "0151 2345 6789", "0711 2233 4455".
  // The area code set off by a spaced slash (DIN 5008's older form, "0151 / 422 98 311") is a phone's by itself.
  const dinSlash = /^0\d{2,4} \/ \d/.test(raw);
  if (digitCount === 12 && !dinSlash && !(groups[0]!.length >= 4 && groups.length <= 3 && groups.slice(1).every((group) => group.length >= 4))) return null;
  if (groups.length < 2 || groups[0]!.length < 2 || groups[0]!.length > 5 || groups[0]![1] === "0") return null;
  // Free-phone and premium service lines (0800, 0808, 0900 in Germany, Austria, Britain, Croatia):
  // a company's, not a person's, as Slovenian 080 and 090 numbers are left.
  if (/^0(?:80[0-8]|90[0-9])$/.test(groups[0]!)) return null;
  if (groups.some((group) => group.length < 2)) return null;
  return 0.75;
}

/** "386 41 123 456" is a Slovenian number only when what follows 386 is a valid national number. */
function bareSlovenianConfidence(raw: string): number | null {
  if (raw.includes(".")) return null;
  return SLOVENIAN_NSN.test(digitsOnly(raw).slice(3)) ? 0.8 : null;
}

/** Dots only in the shapes people write: "041.123.456", "01.234.56.78", "+386.41.123.456". */
const DOTTED_PHONE = /^0\d{1,2}\.\d{3}\.\d{3,4}$|^0\d\.\d{3}\.\d{2}\.\d{2}$|^(?:\+|00)\d{1,3}(?:\.\d{1,4}){2,5}$/;

/** Country calling codes (ITU-T E.164) of the countries whose numbers reach a Slovenian help desk. */
const COUNTRY_CODES = new Set(
  ("1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 52 54 55 61 64 81 82 86 90 91 351 352 353 354 355 " +
    "356 357 358 359 370 371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423 971 972").split(" "),
);

export function phoneConfidence(raw: string): number | null {
  if (/[.]/.test(raw) && !DOTTED_PHONE.test(raw)) return null;
  const international = raw.startsWith("+") || raw.startsWith("00");
  if (international) {
    const digits = digitsOnly(raw.replace("(0)", "")).slice(raw.startsWith("00") ? 2 : 0);
    if (digits.startsWith("386")) {
      let nsn = digits.slice(3);
      if (nsn.length === 9 && nsn.startsWith("0")) nsn = nsn.slice(1); // "+386 041 …" is a common slip
      return SLOVENIAN_NSN.test(nsn) ? 0.95 : null;
    }
    // "0049 89 1234567": 00 with a known country code and a separator after it is a foreign
    // number; compact ("00123456789") it is far more often an order number.
    if (raw.startsWith("00") && !(/^00\d{1,3}[ \-/.(]/.test(raw) && COUNTRY_CODES.has(digitsOnly(raw.slice(2, raw.search(/[ \-/.(]/)))))) {
      return null;
    }
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith("0") ? 0.9 : null;
  }
  // "(0)41 123 456", "0 41 123 456": the trunk 0 written apart from the area code, as after "+386 (0)".
  if (/^(?:\(0\)[ ]?|0[ ])[1-7]\d?[ \-/]/.test(raw)) raw = "0" + raw.replace(/^\(0\)[ ]?|^0[ ]/, "");
  if (raw.includes("(0)")) return null;
  const digits = digitsOnly(raw);
  const groups = raw.split(/[ \-/.()]+/).filter(Boolean);
  // Croatian mobiles keep nine digits too ("098/123-456", "091 234 567"); Slovenian 090 is a
  // premium-rate service line. Compact, nine digits from 09 read as often as an order number.
  const croatianMobile = /^09[1-9]/.test(digits) && groups.length > 1;
  if (digits.length !== 9 || !(/^0[1-7]/.test(digits) || croatianMobile)) return null;
  if (groups.length > 1 && (groups[0]!.length < 2 || groups[0]!.length > 4)) return null;
  if (groups.some((group) => group.length === 1)) return null;
  return 0.85;
}
