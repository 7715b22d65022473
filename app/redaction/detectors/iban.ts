import { IBAN_LENGTHS, isValidIban } from "../checksums";
import type { Detection } from "../types";

/**
 * Country code, check digits, then the BBAN either compact or in groups of four
 * separated by one space. Bounded repetitions keep a failed attempt short.
 * Clients also type IBANs in lower case ("si56 1910 …"); the checksum is
 * computed on the upper-cased value, so that costs no precision. Groups may also be joined by
 * dashes ("SI56-1910-0000-0123-438") or wrapped onto the next line by a mail client; the
 * checksum decides either way.
 */
const IBAN_CANDIDATE =
  /(?<![A-Za-z0-9])(?:[A-Z]{2}|[a-z]{2})\d{2}(?:(?:[ -]|[ \t]?\r?\n[ \t]{0,8})?[A-Za-z0-9]{4}){2,7}(?:(?:[ -]|[ \t]?\r?\n[ \t]{0,8})?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])/g;
const AFTER_SUBFIELD = /\?\d{2}([A-Z]{2}\d{2}[A-Z0-9]{8,30})(?![A-Za-z0-9])/g;
/** Cheap prefilter: without a two-letter country code followed by two digits there is nothing to check. */
const HAS_COUNTRY_AND_CHECK = /[A-Za-z]{2}\d{2}/;

export function detectIbans(text: string): Detection[] {
  if (!HAS_COUNTRY_AND_CHECK.test(text)) return [];
  const detections: Detection[] = [];
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    const length = ibanLengthWithin(match[0].toUpperCase());
    if (length !== null) {
      detections.push({ type: "IBAN", start: match.index, end: match.index + length, confidence: 0.99 });
    }
  }
  // In a bank statement's MT940 line the IBAN follows its subfield code ("?31AT213200018545971450").
  if (text.includes("?")) {
    for (const match of text.matchAll(AFTER_SUBFIELD)) {
      const length = ibanLengthWithin(match[1]!);
      const start = match.index + 3;
      if (length !== null) detections.push({ type: "IBAN", start, end: start + length, confidence: 0.95 });
    }
  }
  return detections;
}

/**
 * The IBAN may be followed by more groups of digits ("SI56 1910 0000 0123 438 0001"),
 * so cut the candidate at the country's registered length when that falls at the end of a group.
 */
function ibanLengthWithin(candidate: string): number | null {
  const expected = IBAN_LENGTHS[candidate.slice(0, 2)];
  if (expected === undefined) return null;
  let alnum = 0;
  const separators = new Set(candidate.replace(/[A-Za-z0-9\r\n\t]/g, ""));
  if (separators.size > 1) return null; // "SI56 1910-0000": one style per number
  for (let i = 0; i < candidate.length; i++) {
    if (!isAlphanumeric(candidate.charCodeAt(i))) continue;
    alnum++;
    if (alnum === expected) {
      const next = candidate.charCodeAt(i + 1);
      if (i + 1 < candidate.length && isAlphanumeric(next)) return null;
      return isValidIban(candidate.slice(0, i + 1).replace(/[^A-Za-z0-9]/g, "")) ? i + 1 : null;
    }
  }
  return null;
}

function isAlphanumeric(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122);
}
