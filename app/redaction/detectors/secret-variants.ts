import type { Detection } from "../types";

/**
 * A secret typed again with a slip, corrected or changed by a character, near where it was found:
 * "the holder says 7702 … sorry, typo, it is 7720", "Kolar2O24! namesto Kolar2024!", "probaj
 * Blagajna2! … maybe with small b, blagajna2!", "GreenHouse0ak … should be GreenHouseOak". Each is
 * as good as the secret to whoever reads it. A token within VARIANT_WINDOW characters of a secret
 * found, one edit away from it (two for a value of eight or more; a swap of neighbours is one
 * edit), is a secret too. Run after the detectors, on what they found (as repeated values are).
 */
const VARIANT_WINDOW = 400;
/** Only the first secrets are looked around: a text with more is a dump, read by the other rules. */
const MAX_SECRETS = 30;
const MIN_LENGTH = 4;
/** People retype and mistype passwords and PINs; a generated key is pasted, and its public twin (pk_ of sk_) is one letter off. */
const MAX_LENGTH = 24;
const TOKEN = /[^\s"'`“”„«»()<>[\]{},;|]{4,64}/g;
/**
 * "zdej je 9173, star 3791 ne dela več", "it's 3310, the old 1234 was disabled", "Stara (1805)
 * ne dela več": a code changed, the old one named beside the new. A number of as many digits
 * right after such a word is the other code, whatever its digits.
 */
const CHANGED_CODE_WORD =
  /(?<![\p{L}])(?:old|new|previous|previously|former|formerly|before|current|star[aiop]?|nov[aiop]?|prej|prejšnj\p{L}*|prejsnj\p{L}*|trenutn\p{L}*|alt\p{L}*|neu\p{L}*|vorher)(?:[ \t]+(?:one|code|pin|koda|kodo|PIN|Code))?[ \t]*\(?$/iu;

export function secretVariants(text: string, found: readonly Detection[]): Detection[] {
  const secrets = found.filter((d) => d.type === "SECRET" && d.end - d.start >= MIN_LENGTH && d.end - d.start <= MAX_LENGTH).slice(0, MAX_SECRETS);
  if (secrets.length === 0) return [];
  // found is sorted and without overlaps (resolveOverlaps): a binary search for the first that ends after start
  const covered = (start: number, end: number) => {
    let low = 0;
    let high = found.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (found[mid]!.end <= start) low = mid + 1;
      else high = mid;
    }
    return low < found.length && found[low]!.start < end;
  };
  const variants: Detection[] = [];
  for (const secret of secrets) {
    const value = text.slice(secret.start, secret.end);
    const allowed = value.length >= 8 ? 2 : 1;
    const code = /^[\d][\d \-*#]*$/.test(value) ? keyed(value) : undefined;
    TOKEN.lastIndex = Math.max(0, secret.start - VARIANT_WINDOW);
    const to = Math.min(text.length, secret.end + VARIANT_WINDOW);
    for (let token = TOKEN.exec(text); token !== null && token.index < to; token = TOKEN.exec(text)) {
      const candidate = token[0].replace(/[.,:;!?]+$/, (tail) => (value.endsWith(tail) ? tail : ""));
      const start = token.index;
      const end = start + candidate.length;
      if (candidate.length < MIN_LENGTH || candidate === value || Math.abs(keyed(candidate).length - keyed(value).length) > allowed) continue;
      // a plain word is no variant of a password; an inner capital makes one ("GreenHouseOak")
      if (!/\d/.test(candidate) && !/[^\p{L}]/u.test(candidate) && !/\p{Ll}\p{Lu}/u.test(candidate)) continue;
      if (covered(start, end) || variants.some((v) => v.start === start)) continue;
      const changed = code !== undefined && /^\d[\d-]*[#*]?$/.test(candidate) && keyed(candidate).length === code.length && CHANGED_CODE_WORD.test(text.slice(Math.max(0, start - 24), start));
      if (changed || editDistance(keyed(candidate), keyed(value), allowed) <= allowed) variants.push({ type: "SECRET", start, end, confidence: 0.6 });
    }
  }
  return variants;
}

/** A code as its keys are pressed: "5-1-8-3", "5183*" and "5 1 8 3" are the same four digits. */
function keyed(value: string): string {
  return /^[\d][\d \-*#]*$/.test(value) ? value.replace(/[ \-*#]/g, "") : value;
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and swaps of
 * neighbours), stopping early once every way is past `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrevious[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}
