import type { Locale } from "../../i18n/i18n";

// The language we answer a new email ticket in. Clients write Slovenian or English; the
// Content-Language header (RFC 3282) is rare but decisive, otherwise a few very common words
// and the Slovenian letters č/š/ž decide. Unclear text falls back to the configured default.

const SLOVENIAN_WORDS =
  /\b(?:pozdravljeni|pozdrav|lp|spoštovani|hvala|prosim|lahko|ne\s+deluje|deluje|težava|napaka|geslo|zahtevek|računalnik|tiskalnik|sem|smo|je|in|na|za|ki|da|se|ne)\b/giu;
const ENGLISH_WORDS =
  /\b(?:hello|hi|dear|thanks|thank|please|regards|the|is|does|not|working|problem|error|password|could|would|can|and|to|my|you|we)\b/gi;
const SLOVENIAN_LETTERS = /[čšžČŠŽ]/g;

export function guessMailLocale(contentLanguage: string | undefined, text: string, fallback: Locale): Locale {
  const declared = contentLanguage?.trim().toLowerCase().split(/[\s,;]/)[0] ?? "";
  if (/^sl(?:-|$)/.test(declared)) return "sl";
  if (/^en(?:-|$)/.test(declared)) return "en";
  // The first few kilobytes say as much as the whole mail, and bound the work on a huge body.
  const sample = text.slice(0, 4000);
  const slovenian = (sample.match(SLOVENIAN_WORDS)?.length ?? 0) + 2 * (sample.match(SLOVENIAN_LETTERS)?.length ?? 0);
  const english = sample.match(ENGLISH_WORDS)?.length ?? 0;
  if (slovenian > english) return "sl";
  if (english > slovenian) return "en";
  return fallback;
}
