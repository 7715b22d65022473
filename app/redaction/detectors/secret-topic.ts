import type { Detection } from "../types";
import { scanAll } from "./candidate-scan";
import { lineBefore } from "./context";
import { isChosen } from "./secret-prose";

/**
 * Passwords that no cue word introduces, in a text that is about credentials (issue 18, the
 * eighth development set): chats and mails hand them over bare, after any verb ("daj kar
 * NoviceKmetija!24", "jaz sem vpisovala Golob!Adobe2023", "wait maybe with small b,
 * blagajna2!"), in lists of accounts ("CRM: gvidmar / Crm#Nov-2024", "test@test.si /
 * Test1234!") and as a code typed at a door ("vpiši 8841 in potem #").
 *
 * Each rule needs the topic: a word about credentials within TOPIC_BEFORE characters before the
 * value or TOPIC_AFTER after it. A value alone must look made up by a person: letters, a digit
 * or both cases, and a symbol that words, ids and versions do not carry (! # $ % & * ? ^ ~).
 */

const TOPIC =
  /(?<![\p{L}])(?:passw\p{L}*|pass|pw|pwd|gesl\p{L}*|kennw\p{L}*|passwort\p{L}*|lozink\p{L}*|zaporka|log[ -]?in\p{L}*|sign[ -]?in|logins|prijav\p{L}*|credential\p{L}*|creds|dostop\p{L}*|zugang\p{L}*|account\p{L}*|račun\p{L}*|uporabni\p{L}*|user\p{L}*|pin|puk|kod[aeiou]?|code\p{L}*|šifr\p{L}*|wi-?fi\p{L}*|wlan|2fa|mfa|otp|auth\p{L}*)(?![\p{L}])/giu;
const TOPIC_BEFORE = 400;
const TOPIC_AFTER = 200;

/**
 * A symbol people put in a password and that prose, ids and versions rarely carry. Not "@" and
 * "+" alone: user@host, actions/checkout@v4 and gitlab+deploy-token-12 carry them.
 */
const STRONG_SYMBOL = /[!#$%&*?^~]/g;
/** What ends a token around a symbol: blanks, quotes, brackets and list punctuation (a table by unit: this runs per character). */
const TOKEN_END_UNITS = new Set([..."\"'`“”„«»()<>[]{},;|"].map((c) => c.charCodeAt(0)));
function endsToken(unit: number): boolean {
  return unit <= 32 || TOKEN_END_UNITS.has(unit) || unit === 0xa0 || (unit >= 0x2000 && unit <= 0x200b) || unit === 0x2028 || unit === 0x2029 || unit === 0x3000;
}

/** Positions of topic words, in order. */
function topicPositions(text: string): number[] {
  const at: number[] = [];
  for (const hit of scanAll(TOPIC, text)) at.push(hit.index);
  return at;
}

/** Whether a topic word stands near [start, end); `cursor` walks the sorted positions once. */
function nearTopic(topics: number[], cursor: { i: number }, start: number, end: number): boolean {
  while (cursor.i < topics.length && topics[cursor.i]! < start - TOPIC_BEFORE) cursor.i++;
  const next = topics[cursor.i];
  return next !== undefined && next <= end + TOPIC_AFTER;
}

/**
 * A made-up password on its own: "Kmetija.Rozman!5", "q$7Vw!m2Zr9e#Lp", "Kolar2024!". Not a
 * shell prompt (root@web01:~#), a call or a comparison (a!=b, f(x)), markdown (**Teams), a
 * hashtag, a mention or a variable, a URL, an e-mail address or a path.
 */
export function looksMadeUp(token: string): boolean {
  if (token.length < 6 || token.length > 64) return false;
  if (/^[#@$*_]|[*_]$|[=()]|:~|%[0-9A-Fa-f]{2}|&\w+;|:\/\/|^[/~.]|^[\w.-]+@[\w.-]+:/.test(token)) return false;
  if (/@/.test(token) && /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(token)) return false;
  // The symbol must be inside, or the token must be a chosen password with a closing "!" or "#" (Test1234!, AvtoS3rv-2025#; a closing "?" asks)
  const inner = token.slice(0, -1);
  if (!/[!#$%&*?^~]/.test(inner) && !(/[!#]$/.test(token) && /\p{Lu}/u.test(inner) && /\d/.test(inner))) return false;
  // "FRITZ!Box7590": a brand that carries its "!"
  if (/^FRITZ!Box/i.test(token)) return false;
  return isChosen(token);
}

/**
 * A bank statement's MT940 line (":86:166?00SEPA CREDIT TRANSFER?20EREF+…"): "?20" opens a
 * subfield there, in a line led by a SWIFT tag.
 */
const SWIFT_TAG_LINE = /^:\d{2}[A-Z]?:/i;
function isSwiftSubfields(text: string, start: number, token: string): boolean {
  if (!/\?\d{2}/.test(token)) return false;
  // an MT940 line is short: its start is looked for within 400 characters (a longer line is none)
  const before = lineBefore(text, start, 400);
  if (before.length === 400 && start > 400) return false;
  return SWIFT_TAG_LINE.test(before + text.slice(start, start + 6));
}

/**
 * "CRM: gvidmar / Crm#Nov-2024", "test@test.si / Test1234!", "x@gmail.com / mesar1964lesjak",
 * "shop backend – admin – Cheddar&Chutney!" (a dash, with the value ending its line),
 * "**admin** / **Start!01**". The slash between blanks is found first; the user is read back from
 * it and the password forward (a pattern led by the user's characters was tried at every position).
 */
const SLASH_BETWEEN_BLANKS = /[ \t]+(?:\/|–|—)[ \t]+/g;
const USER_BEFORE_SLASH = /(?<![\p{L}\d_./-])([\p{L}\d._%+-]{2,64}(?:@[\p{L}\d.-]+\.[a-z]{2,})?)(?:\*\*|`)?$/u;
const PASSWORD_AFTER_SLASH = /(?:\*\*|`)?([^\s`"'<>,;*]{6,64})/uy;

/** "vpiši 8841 in potem #", "probaj 8814", "try 4471", "I put 240361", "nastavil sem na 5520": a code typed or set after a verb of entering. */
const ENTERED_CODE =
  /(?<![\p{L}])(?:vpiši|vpišite|vtipkaj|vnesi|vnesite|probaj|poskusi|pritisni|daj|try|enter|type|dial|press|tippe|gib|put|set|chose|typed|entered|vpisal[a]?|vnesl[a]|vnesel|nastavil[a]?|dal[a]?|izbral[a]?)[ \t]+(?:(?:kar|še|the|code|kodo|it[ \t]+to|na|to)[ \t]+)?(\d{4,8})(?![\d:/-]|[.,]\d)/giu;

/**
 * "probaj Kava2024sh0p pa mi javi", "just use Pivka-Lake-09 for the admin", "try Hunter-22": a
 * value handed over after a verb of trying or typing. It must look chosen (isChosen), and not be a
 * product with its number ("use Office365", "try Win-10").
 */
const ENTERED_VALUE =
  /(?<![\p{L}])(?:try|use|enter|type|probaj|poskusi|uporabi|vpiši|vpišite|vnesi|vnesite|vtipkaj)[ \t]+(?:(?:kar|še|the[ \t]+password|geslo)[ \t]+)?["'„“`]?([^\s"'“”`<>,;()]{6,64})/giu;
/** Besides the topic words, an account being reset or administered makes a handed-over value its password. */
const ACCOUNT_TALK = /(?<![\p{L}])(?:admin\p{L}*|root|reset\p{L}*|ponastav\p{L}*|resetir\p{L}*)(?![\p{L}])/iu;
/** An e-mail address, then a slash between blanks: a login written without any word about it. */
const EMAIL_THEN_SLASH = /@[\p{L}\d.-]+\.[a-z]{2,}[ \t]+\/[ \t]+\S/u;
const PRODUCT_WITH_NUMBER = /^\p{L}+[-_ ]?\d{1,4}$/u;

export function detectTopicSecrets(text: string): Detection[] {
  const detections: Detection[] = [];
  const topics = topicPositions(text);
  if (topics.length === 0 && !ACCOUNT_TALK.test(text) && !EMAIL_THEN_SLASH.test(text)) return detections;
  const push = (start: number, end: number, confidence: number) => detections.push({ type: "SECRET", start, end, confidence });

  const cursor = { i: 0 };
  let tokenEnd = 0;
  STRONG_SYMBOL.lastIndex = 0;
  for (let symbol = STRONG_SYMBOL.exec(text); symbol !== null; symbol = STRONG_SYMBOL.exec(text)) {
    if (symbol.index < tokenEnd) continue;
    // most symbols ("?" in prose) stand far from any credential word: nothing more to read there
    if (!nearTopic(topics, cursor, symbol.index, symbol.index)) continue;
    let start = symbol.index;
    while (start > 0 && symbol.index - start < 64 && !endsToken(text.charCodeAt(start - 1))) start--;
    let end = symbol.index + 1;
    while (end < text.length && end - symbol.index < 64 && !endsToken(text.charCodeAt(end))) end++;
    tokenEnd = end;
    // A sentence's punctuation after the value is not part of it ("… je Sejna#2024.")
    let token = text.slice(start, end).replace(/[.,;:]+$/, "");
    // "**Intranet!Start-01**": Markdown's emphasis around the value is not part of it
    const emphasis = /^[*_]{1,2}(?=[^*_])/.exec(token)?.[0].length ?? 0;
    if (emphasis > 0 && token.endsWith(token.slice(0, emphasis))) {
      token = token.slice(emphasis, -emphasis);
      start += emphasis;
    }
    if (/[!?]{2}$/.test(token)) token = token.replace(/[!?]+$/, "");
    if (looksMadeUp(token) && !isSwiftSubfields(text, start, token)) push(start, start + token.length, 0.7);
  }

  cursor.i = 0;
  if (text.includes(" / ") || text.includes(" – ") || text.includes(" — ")) {
    SLASH_BETWEEN_BLANKS.lastIndex = 0;
    for (let slash = SLASH_BETWEEN_BLANKS.exec(text); slash !== null; slash = SLASH_BETWEEN_BLANKS.exec(text)) {
      const user = USER_BEFORE_SLASH.exec(text.slice(Math.max(0, slash.index - 90), slash.index))?.[1];
      // An e-mail address and a made-up value after its slash are a login by themselves
      // ("tajnistvo@zavod.si / Sonce#Tajn2019" in a migration note); other pairs need the topic.
      const topical = nearTopic(topics, cursor, slash.index, slash.index);
      if (!topical && !user?.includes("@")) continue;
      PASSWORD_AFTER_SLASH.lastIndex = slash.index + slash[0].length;
      const after = PASSWORD_AFTER_SLASH.exec(text);
      if (user === undefined || after === null || /^\d+$/.test(user)) continue;
      const value = after[1]!.replace(/[.,;:)]+$/, "");
      const start = after.index + after[0].length - after[1]!.length;
      // "paypal – orders@shop.co.uk – Paypal4Cheese2023": a dash joins prose too, so after one the value must end its line
      if (slash[0].trim() !== "/" && !/^[ \t]*(?:\r?\n|$)/.test(text.slice(start + value.length, start + value.length + 3))) continue;
      // After an e-mail address, a word with digits is enough; after a plain user name the value must look made up.
      const password = topical ? looksMadeUp(value) || isChosen(value) || (user.includes("@") && /^(?=.*\p{L})(?=.*\d)[\p{L}\d]{8,64}$/u.test(value)) : looksMadeUp(value);
      if (password) push(start, start + value.length, 0.75);
    }
  }

  cursor.i = 0;
  for (const entered of scanAll(ENTERED_VALUE, text)) {
    const value = entered[1]!.replace(/[.!?:]+$/, "");
    if (!isChosen(value) || PRODUCT_WITH_NUMBER.test(value)) continue;
    const start = entered.index + entered[0].length - entered[1]!.length;
    const around = text.slice(Math.max(0, entered.index - TOPIC_AFTER), start + value.length + TOPIC_AFTER);
    if (nearTopic(topics, cursor, entered.index, start + value.length) || ACCOUNT_TALK.test(around)) push(start, start + value.length, 0.7);
  }

  cursor.i = 0;
  for (const entered of scanAll(ENTERED_CODE, text)) {
    const start = entered.index + entered[0].length - entered[1]!.length;
    if (/^(?:19|20)\d{2}$/.test(entered[1]!)) continue; // a year
    if (nearTopic(topics, cursor, entered.index, start + entered[1]!.length)) push(start, start + entered[1]!.length, 0.7);
  }
  return detections;
}
