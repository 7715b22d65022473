/** Luhn (ISO/IEC 7812-1) over a string of digits only. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * IBAN lengths per country from the SWIFT IBAN registry (ISO 13616). A length
 * mismatch rejects a candidate before the checksum, which matters because
 * mod-97 alone passes 1 in 97 random strings.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21,
  LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Remainder of the ISO 7064 mod-97-10 computation over an IBAN with letters as 10..35. */
export function ibanRemainder(compact: string): number {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return -1;
    }
  }
  return remainder;
}

/** A compact (no spaces) upper-case IBAN with the right length for its country and mod-97 = 1. */
export function isValidIban(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected === undefined || compact.length !== expected) return false;
  return ibanRemainder(compact) === 1;
}

const EMSO_WEIGHTS = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** EMŠO control digit for the first 12 digits, or null when the rule yields 10 (no valid number). */
export function emsoControlDigit(first12: string): number | null {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * EMSO_WEIGHTS[i]!;
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  if (k === 10) return null;
  return k;
}

/**
 * EMŠO = DDMMYYYRRBBBK. YYY is the year without the millennium digit: 9xx means
 * 1900s, 0xx means 2000s. Region RR 50–59 is Slovenia; other regions belong to
 * the other former Yugoslav republics and would mostly match by chance here.
 */
export function isValidEmso(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const yyy = Number(digits.slice(4, 7));
  const region = Number(digits.slice(7, 9));
  let year: number;
  if (yyy >= 900) year = 1000 + yyy;
  else if (yyy < 100) year = 2000 + yyy;
  else return false;
  if (region < 50 || region > 59) return false;
  if (!isCalendarDate(year, month, day)) return false;
  return emsoControlDigit(digits.slice(0, 12)) === digits.charCodeAt(12) - 48;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Davčna številka control digit (FURS): weights 8..2 over the first seven
 * digits, K = 11 − (sum mod 11); a result of 10 is written as 0 and a result
 * of 11 means no valid number exists for these seven digits (as python-stdnum's si.ddv).
 */
export function siTaxIdControlDigit(first7: string): number | null {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (first7.charCodeAt(i) - 48) * (8 - i);
  const k = 11 - (sum % 11);
  if (k === 11) return null;
  if (k === 10) return 0;
  return k;
}

export function isValidSiTaxId(digits: string): boolean {
  if (!/^[1-9]\d{7}$/.test(digits)) return false;
  return siTaxIdControlDigit(digits.slice(0, 7)) === digits.charCodeAt(7) - 48;
}
