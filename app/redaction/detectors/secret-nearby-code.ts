import type { Detection } from "../types";
import { scanAll } from "./candidate-scan";
import { REFERENCE_NOUN } from "./secret-prose";

/**
 * Numeric codes handed over near the word that makes them codes, where no linking word joins
 * the two (issue 18, the eleventh development set): "duress code 9110", "alarm code … from 1234
 * to 6071", "the PIN she had written down, 738112, and the PUK …, 26641905", "Our codes are:
 * Accounts 1107, Design 2214", "yes if you know the code\n… installer wrote "8 3 5 1"", "the 4
 * digits on the front are 6 2 1 9", "koda 5190", "sef za ključe: 4826", "G-739201 is your
 * Google verification code".
 *
 * A number in the passage after a code word (CODE_WORD, up to WINDOW characters on, never past
 * a blank line) is taken when it has a code's shape (CODE_NUMBER) and is nothing else: not a
 * year, a time, a date, an amount, a postcode before its town, a product's model number, part
 * of a longer id, or a number that a nearer noun owns ("ticket number 48213", "port 8443").
 */

/** Words that name a code. */
const CODE_WORD =
  /(?<![\p{L}\d_])(?:codes?|kod[aeoi]?|kodo|šifr[aeo]|PIN2?|PUK2?|passcode|OTP|2FA|MFA|alarm\p{L}{0,3}|(?:key|lock)[ \t]?(?:box|safe)|sef(?:a|u)?|ključavnic\p{L}*|Schlüsselsafe|Tresor)(?![\p{L}\d_])/giu;
/**
 * A code word that names another owner's code: an error's, a product's, a postcode's, an
 * order's ("error code", "šifra artikla", "code of the item"). It starts no passage, and it ends
 * the passage of a code word before it ("šifra za alarm je 1357 … Šifra artikla … je 33871").
 */
const OWNER_BEFORE =
  /(?<![\p{L}])(?:error|err|status|product|order|item|article|shipping|tracking|invoice|reference|booking|customer|client|project|cost|stock|sku|naročila|narocila|postal|post|zip|country|area|promo|discount|source|exit|return|returned|response|result|reason|event|http|html|bar|qr|sort|swift|bank|tax|iso|voucher|coupon|gift|colou?r|dialing|dialling|napake|izdelka|države|pošte|poštna|postna|klicna|artikla|Fehler|Status)[ \t-]$/iu;
const OWNER_AFTER = /^[ \t]+(?:artikl\p{L}*|izdelk\p{L}*|napak\p{L}*|države|pošte|products?|items?|errors?|of[ \t]+the[ \t]+(?:product|item|error))(?![\p{L}])/iu;
function namesAnotherCode(text: string, word: RegExpExecArray): boolean {
  const end = word.index + word[0].length;
  return OWNER_BEFORE.test(text.slice(Math.max(0, word.index - 14), word.index)) || OWNER_AFTER.test(text.slice(end, end + 24));
}

/** How far after a code word its number may stand: the rest of its sentence, over a question or a line break ("know the code\n… it's 5-2-8-1"). */
const WINDOW = 160;
/** The longest run of digits and separators a lookahead may need to see past the passage's end. */
const READ_ON = 40;
/**
 * A blank line ends the passage, and so does a second sentence's end: the sentence after the code
 * word's own may still give the code ("The door code changed last week.\nIt used to be 1 2 5 8"),
 * a third is about something else. An ordinal's or an abbreviation's point ends no sentence ("v 2.
 * nadstropju je 4321", "tel. 041…"). A number that labels what follows ("from 57575: …") is left
 * by CODE_NUMBER.
 */
const BLANK_LINE = /\n[ \t]*\r?\n/;
const SENTENCE_END = /(?<!\d|(?<![\p{L}])\p{L}{1,3})[.!?](?=\s|$)/gu;
function passageEnd(text: string, from: number, to: number): number {
  const slice = text.slice(from, to);
  const blank = BLANK_LINE.exec(slice);
  let end = blank ? blank.index : slice.length;
  let ends = 0;
  for (const stop of slice.slice(0, end).matchAll(SENTENCE_END)) {
    if (++ends === 2) {
      end = stop.index;
      break;
    }
  }
  return from + end;
}

/**
 * A code's shapes: 4 to 8 digits; single digits spaced or dashed ("8 3 5 1", "3-7-1-9"); two
 * threes ("503 881", "118-204"); groups of four ("8812 4471", "4418-2093-7715"); pairs of two
 * ("90 44 17 32"); two fives ("48213-90577", a voucher). Nothing joined to it: no letter, no
 * digit group, no decimal, time or date part, no unit or currency after it.
 */
const CODE_NUMBER =
  /(?<![\p{L}\d_#+€$£.,:/\\=&?@-]|[\p{L}\d][ ]?[-/]|\d[ ]|\*[ \t])(\d{4}(?:[ -]\d{4}){1,3}|(?:G-)?\d{4,8}[#*]?|[#*]\d{3,8}[#*]|\d(?:[ -]\d){3,7}|\d{3}[ -]\d{3}|\d{2}(?: \d{2}){3}|\d{5}-\d{5})(?![\p{L}\d_@]|[ -]?\d|[.,/]\d|:|[ \t]?(?:€|eur|usd|gbp|chf|kn|x(?![\p{L}])|%|kb|mb|gb|ms|px|min|dni|days|let|years|st\.)(?![\p{L}]))/giu;

/** "4260 Bled", "1070 Wien": a postcode before its town. */
const BEFORE_TOWN = /^[ \t]+\p{Lu}\p{Ll}/u;
/** "Dell Latitude 5450", "Canon iR-ADV 3926": two names (the second with a capital or a digit) before the number make it a model's. */
const AFTER_MODEL_NAME = /(?:^|[ \t])\p{Lu}[\p{L}\d-]*[ \t]+[\p{L}\d-]*[\p{Lu}\d][\p{L}\d-]*[ \t]+$/u;
/** A label's name before the number ("Accounts 1107, Design 2214") is no model: a list item starts there. */
const LIST_ITEM_START = /(?:^|[,;:(]|\n)[ \t]*\p{Lu}[\p{L}\d-]*[ \t]+$/u;

/** "G-739201 is your Google verification code", "482913 je vaša koda za prijavo": the code before its word. */
const CODE_BEFORE_WORD =
  /(?<![\p{L}\d-])((?:G-)?\d{4,8}|\d{3}[ -]\d{3})[ \t]+(?:is|je)[ \t]+(?:your|vaša|vasa|vaš|tvoja|tvoj)[ \t]+(?:[\p{L}-]+[ \t]+){0,3}?(?:code|koda|PIN|passcode|password|geslo)(?![\p{L}])/giu;

/** "the old card ending 5521", "last 4: 0439": a card's last digits, shown on receipts. */
const LAST_DIGITS = /(?:ending(?:[ \t]+(?:in|with))?|last[ \t]?(?:4|four)(?:[ \t]+digits)?|zadnje[ \t]+(?:4|štiri)(?:[ \t]+števke)?)[ \t:"'*]*$/iu;

/**
 * A code read out in words, as it is dictated on the phone: "nine three seven one", "sedem, tri,
 * nič, dva", "sedem-ena-ena-štiri", "fünf null drei acht". Four to eight digit words in a row.
 */
const DIGIT_WORD =
  "zero|oh|one|two|three|four|five|six|seven|eight|nine|nič|nic|nula|ena|dva|dve|tri|štiri|stiri|pet|šest|sest|sedem|osem|devet|null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|jedan|četiri|sedam|osam";
const SPELLED_CODE = new RegExp(String.raw`(?<![\p{L}])(?:${DIGIT_WORD})(?:(?:[ \t]*[,-][ \t]*|[ \t]+)(?:${DIGIT_WORD})){3,7}(?![\p{L}])`, "giu");

const YEAR = /^(?:19|20)\d{2}$/;
/** "koda 10000003", "code 26548585": a plain "code" before seven or more digits is an article's or a document's; people type four to six. */
const PLAIN_CODE_WORD = /^(?:codes?|kod[aeoi]?|kodo|šifr[aeo])$/iu;
const LONG_RUN = /^\d{7,}$/;
/** "It fails with … and code 28000", "javi napako s kodo 4012": after a failure a plain "code" is the error's. */
const FAILURE_BEFORE = /(?<![\p{L}])(?:fail\p{L}*|error\p{L}*|exception|fatal|returns?|returned|crash\p{L}*|napak\p{L}*|javi|vrne|vrača|Fehler\p{L}*)(?![\p{L}])(?:[^.!?\n]|\.(?!\s)){0,60}$/iu;
/** "the old 73510 invoice", "3310 items": the noun after the number owns it. */
const NOUN_AFTER = /^[ \t]+(?:items?|units?|pcs|kos\p{L}*|users?|tickets?|rows?|lines?|bytes|invoices?|orders?|računov|racunov|račun|izdelk\p{L}*|\p{L}*številk\p{L}*)(?![\p{L}])/iu;
const NEXT_WORD = /^[ \t]+(\p{L}+)/u;
const ONE_DIGIT_REPEATED = /^(\d)\1+$/;

/** "then 2nd floor, office code 2468": a noun before a nearer code word does not own the number. */
const CODE_WORD_IN_LINE = /(?:code|koda|kodo|kode|PIN|PUK|šifr\p{L}|passcode)(?![\p{L}])/giu;
function afterLastCodeWord(line: string): string {
  let cut = 0;
  for (const hit of line.matchAll(CODE_WORD_IN_LINE)) cut = hit.index + hit[0].length;
  return line.slice(cut);
}

export function detectNearbyCodes(text: string): Detection[] {
  const detections: Detection[] = [];
  const push = (start: number, end: number) => detections.push({ type: "SECRET", start, end, confidence: 0.7 });
  let readUntil = 0;
  const words = [...scanAll(CODE_WORD, text)];
  const other = words.map((word) => namesAnotherCode(text, word));
  for (const [i, word] of words.entries()) {
    if (other[i]) continue;
    const from = Math.max(word.index + word[0].length, readUntil);
    let to = passageEnd(text, from, Math.min(text.length, word.index + word[0].length + WINDOW));
    // the next code word that names another owner's code ends the passage (at most WINDOW on)
    for (let k = i + 1; k < words.length && words[k]!.index < to; k++) if (other[k]) to = words[k]!.index;
    if (to <= from) continue;
    readUntil = to;
    // what the word says of every number after it, read once per word
    const plainWord = PLAIN_CODE_WORD.test(word[0]);
    const plainAfterFailure = plainWord && FAILURE_BEFORE.test(text.slice(Math.max(0, word.index - 80), word.index));
    // A number must start inside the passage; the slice runs on past its end so that one running
    // over the end is read whole (never cut into a code), and a character before it keeps the
    // lookbehinds honest.
    const offset = Math.max(0, from - 2);
    const passage = text.slice(offset, to + READ_ON);
    CODE_NUMBER.lastIndex = from - offset;
    for (let number = CODE_NUMBER.exec(passage); number !== null && offset + number.index < to; number = CODE_NUMBER.exec(passage)) {
      const start = offset + number.index;
      const value = number[1]!;
      const digits = value.replace(/[ -]/g, "");
      if (YEAR.test(value) || ONE_DIGIT_REPEATED.test(digits)) continue;
      if (plainAfterFailure || (plainWord && LONG_RUN.test(value))) continue;
      const after = text.slice(start + value.length, start + value.length + 24);
      if (/^\d{4}$/.test(value) && BEFORE_TOWN.test(after)) continue;
      const nextWord = NEXT_WORD.exec(after)?.[1];
      if (NOUN_AFTER.test(after) || (nextWord !== undefined && REFERENCE_NOUN.test(nextWord))) continue;
      const lineBefore = afterLastCodeWord(text.slice(Math.max(from, start - 40), start).split("\n").at(-1)!);
      if (REFERENCE_NOUN.test(lineBefore.split(/[.!?;]/).at(-1)!) || LAST_DIGITS.test(lineBefore)) continue;
      const before = text.slice(Math.max(0, start - 60), start);
      if (AFTER_MODEL_NAME.test(before) && !LIST_ITEM_START.test(before)) continue;
      push(start, start + value.length);
    }
    if (passage.length > 16) {
      SPELLED_CODE.lastIndex = from - offset;
      for (let spelled = SPELLED_CODE.exec(passage); spelled !== null && offset + spelled.index < to; spelled = SPELLED_CODE.exec(passage)) {
        push(offset + spelled.index, offset + spelled.index + spelled[0].length);
      }
    }
  }
  if (/\d/.test(text)) {
    for (const match of scanAll(CODE_BEFORE_WORD, text)) {
      const start = match.index + match[0].indexOf(match[1]!);
      if (!YEAR.test(match[1]!)) push(start, start + match[1]!.length);
    }
  }
  return detections;
}
