import { wordlist } from "@scure/bip39/wordlists/english.js";
import type { Detection } from "../types";

/**
 * A wallet's recovery phrase (BIP39): twelve to twenty-four words from the standard list of 2 048,
 * written in a row, one per line or numbered ("1. orbit 2. velvet …"). The phrase is the wallet:
 * whoever reads it owns the coins. Prose does not run for twelve words inside that list (it has no
 * "the", "and", "is"), so twelve in a row are a phrase wherever they stand, cue or not.
 */
const BIP39_WORDS: ReadonlySet<string> = new Set(wordlist);
const MIN_WORDS = 12;
const MAX_WORDS = 24;
/** A lower-case word, with the number a list puts before it ("3. ", "3) ", "03 "). */
const WORD = /(?:\d{1,2}[.):]?[ \t]+)?([a-z]{3,8})(?![\p{L}\d])/uy;
const BETWEEN = /[ \t]*(?:,[ \t]*)?(?:\r?\n[ \t]*)?/y;
const WORD_START = /(?<![\p{L}\d])(?:\d{1,2}[.):]?[ \t]+)?[a-z]{3,8}(?![\p{L}\d])/gu;

export function detectSeedPhrases(text: string): Detection[] {
  const detections: Detection[] = [];
  WORD_START.lastIndex = 0;
  for (let hit = WORD_START.exec(text); hit !== null; hit = WORD_START.exec(text)) {
    const run = phraseAt(text, hit.index);
    if (run.words === 0) continue;
    if (run.words >= MIN_WORDS) detections.push({ type: "SECRET", start: run.start, end: run.end, confidence: 0.9 });
    WORD_START.lastIndex = Math.max(WORD_START.lastIndex, run.end);
  }
  return detections;
}

/** The run of list words from `at`: where its first word starts, where its last ends, how many. */
function phraseAt(text: string, at: number): { start: number; end: number; words: number } {
  let start = -1;
  let end = at;
  let words = 0;
  for (let from = at; words < MAX_WORDS; ) {
    WORD.lastIndex = from;
    const word = WORD.exec(text);
    if (word === null || !BIP39_WORDS.has(word[1]!)) break;
    if (start === -1) start = word.index + word[0].length - word[1]!.length;
    end = word.index + word[0].length;
    words++;
    BETWEEN.lastIndex = end;
    from = end + BETWEEN.exec(text)![0].length;
  }
  return { start, end, words };
}
