import type { Detection } from "../../types";
import { isNameValue } from "./structure";

/**
 * A name right before an address, with only a comma between, starting its line or a list item:
 * a delivery or installation list ("1. Kokalj, Zgornje Gorje 45, 4247 Zgornje Gorje", "Novak Ana,
 * Vrtna ulica 6, Kranj"). The address says the words before it name whoever lives there; the
 * words must still read as a name (isNameValue). Run after the detectors, on the addresses they
 * found, as the secret variants are.
 */
const NAME_BEFORE = /(?:^|[\n;•]|\d{1,3}[.)])[ \t]*(\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2}),[ \t]*$/u;
const LOOK_BACK = 60;

export function namesBeforeAddresses(text: string, found: readonly Detection[]): Detection[] {
  const names: Detection[] = [];
  for (const address of found) {
    if (address.type !== "POSTAL_ADDRESS") continue;
    const from = Math.max(0, address.start - LOOK_BACK);
    const before = NAME_BEFORE.exec(text.slice(from, address.start));
    if (before === null || !isNameValue(before[1]!)) continue;
    const start = from + before.index + before[0].indexOf(before[1]!);
    names.push({ type: "PERSON", start, end: start + before[1]!.length, confidence: 0.7 });
  }
  return names;
}
