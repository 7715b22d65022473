import { passesLuhn } from "../checksums";
import type { Detection } from "../types";
import { followsReferenceCue, lineBefore } from "./context";
import { digitsOnly, readingsAtGroupBoundaries } from "./digit-groups";

/** 13–19 digits with optional single space, dash or dot separators. */
// A comma before or after is a column separator in a pasted table ("J SMITH,4366…,04/28"):
// no decimal number has 13 or more digits before its comma.
const CARD_CANDIDATE = /(?<![\w.-])(?<![A-Z]{2}\d{2} )\d(?:[ .-]?\d){12,18}(?!\w|\.\d)/g;
/**
 * Dots separate the groups of a card only as printed ("4111.1111.1111.1111", Amex 4.6.5);
 * any other dotted run of digits is an amount, a version or an id.
 */
const DOTTED_CARD = /^\d{4}(?:\.\d{4}){2,3}(?:\.\d{1,3})?$|^\d{4}\.\d{6}\.\d{4,5}$/;

/**
 * Issuer identification ranges with their allowed lengths: a Luhn pass alone
 * happens for 1 in 10 random numbers, the IIN makes it much rarer.
 */
const ISSUERS: ReadonlyArray<{ prefix: RegExp; lengths: readonly number[] }> = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^(?:30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefix: /^(?:50|5[6-9]|6[0-9])/, lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro
];

export function isPlausibleCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const knownIssuer = ISSUERS.some((issuer) => issuer.prefix.test(digits) && issuer.lengths.includes(digits.length));
  return knownIssuer && passesLuhn(digits);
}

/** A card word on the line wins over an order cue: "card for order: 4111 …" is still a card. */
const CARD_CUE = /kartic|card|visa|master|maestro|amex|american express|diners|discover|pan(?!\p{L})|cc(?!\p{L})/u;

/**
 * "Order ID: 4000120261115008" passes Luhn one time in ten. The text says it
 * is a reference, so it stays; without that cue right before it, it goes.
 */
function isLabelledReference(text: string, start: number): boolean {
  return followsReferenceCue(text, start) && !CARD_CUE.test(lineBefore(text, start, 60));
}

/**
 * Card numbers that payment providers publish for their sandboxes (Stripe, Adyen, Braintree,
 * PayPal docs): no one's card. Only when the text says so ("test card", "testna kartica",
 * "sandbox", "staging"), since a customer could still type one in as a real payment.
 */
const PUBLISHED_TEST_CARDS = new Set([
  "4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222", "5200828282828210",
  "5105105105105100", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
  "3056930009020004", "36227206271667", "3566002020360505", "6200000000000005", "4111111111111111",
  "4012888888881881", "4000000000000002", "4000000000009995", "4000002500003155", "4000000000003220",
]);
const TEST_CUE = /test|sandbox|staging|dummy|primer|example|demo/i;
function isPublishedTestCard(digits: string, text: string, start: number): boolean {
  if (!PUBLISHED_TEST_CARDS.has(digits)) return false;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", start);
  return TEST_CUE.test(text.slice(Math.max(lineStart, start - 80), lineEnd === -1 ? Math.min(text.length, start + 80) : Math.min(lineEnd, start + 80)));
}

export function detectCreditCards(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const candidate = match[0];
    const separators = new Set(candidate.replace(/\d/g, ""));
    if (separators.size > 1) continue; // "4111-1111 1111" mixes styles: not how cards are written
    const dotted = separators.has(".");
    const leadingDigits = digitsOnly(candidate.slice(0, 9));
    const issuers = ISSUERS.filter((issuer) => issuer.prefix.test(leadingDigits));
    if (issuers.length === 0) continue; // cheap reject: "1 2 3 …" belongs to no card network
    if (isLabelledReference(text, match.index)) continue;
    for (const { end, digitCount } of readingsAtGroupBoundaries(candidate)) {
      if (!issuers.some((issuer) => issuer.lengths.includes(digitCount))) continue;
      if (dotted && !DOTTED_CARD.test(candidate.slice(0, end))) continue;
      if (passesLuhn(digitsOnly(candidate.slice(0, end)))) {
        if (isPublishedTestCard(digitsOnly(candidate.slice(0, end)), text, match.index)) break;
        detections.push({ type: "CREDIT_CARD", start: match.index, end: match.index + end, confidence: 0.95 });
        break;
      }
    }
  }
  return detections;
}
