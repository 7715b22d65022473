/**
 * The lower-cased text just before an offset, cut at the previous line break:
 * cue words ("davčna", "version", "order") only count on the same line.
 */
export function lineBefore(text: string, offset: number, maxChars: number): string {
  const from = Math.max(0, offset - maxChars);
  const window = text.slice(from, offset);
  const newline = window.lastIndexOf("\n");
  return (newline === -1 ? window : window.slice(newline + 1)).toLowerCase();
}

/**
 * Where the next line break after `from` is, if it is within `maxChars`; -1 otherwise. Read in a
 * window: a rule asked for every cue on a long line must not search to the line's end each time.
 */
export function lineBreakWithin(text: string, from: number, maxChars: number): number {
  const at = text.slice(from, from + maxChars).indexOf("\n");
  return at === -1 ? -1 : from + at;
}

/**
 * Words that introduce an order, invoice, product or ticket number. A number
 * right after one of them is a reference, not a phone or a tax number; a payment reference
 * keeps its model in front ("sklic SI12 041-123-456", "RF18 …").
 */
const REFERENCE_CUE =
  /(?<!\p{L})(?:order|invoice|ticket|ref(?:erence)?|sklic|naročil\p{L}*|račun\p{L}*|artik\p{L}*|article|product|sku|serial|serijsk\p{L}*|koda|code|šifra|id|pogodb\p{L}*|contract|case|zahtev\p{L}*|dobavnic\p{L}*|no\.|nr\.|#)\s*(?:(?:number|no\.|nr\.|št\.|številka|#|:)\s*){0,2}(?:(?:si|rf|hr)\d{2}\s+)?$/u;

export function followsReferenceCue(text: string, offset: number): boolean {
  return REFERENCE_CUE.test(lineBefore(text, offset, 32));
}
