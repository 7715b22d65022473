import type { Detection } from "../types";
import { matchesAt, tooDense } from "./candidate-scan";
import { groupLeadingAlternation } from "./grouped-alternation";
import { decodesToCredentials, isPublishableKey } from "./secret-shapes";

/**
 * Secrets come in two forms. A cue word ("password:", "geslo je") marks the
 * value that follows: only the value is reported, so the cue stays readable
 * ("password: [SECRET]"). Tokens of a well-known shape (AWS, GitHub, Stripe,
 * JWT, PEM keys) are reported whole wherever they appear.
 */

// Also the word for it in the languages of the region and of clients from further away:
// heslo (cs, sk), hasło (pl), jelszó (hu), contraseña (es), senha (pt), mot de passe (fr),
// wachtwoord (nl), lösenord (sv), salasana (fi).
const PASSWORD_WORD = String.raw`passwords?|passwort|passwd|passphrase|pass|pwd|pw|gesl[oa]|geslom|passcode|kennwort|lozink[aeiu]|zaporka|hesl[oa]|has[łl]o|jelsz[óo]|contrase[ñn]a|senha|mot de passe|wachtwoord|l[öo]senord|salasana`;
const TOKEN_WORD = String.raw`api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|secret[_-]?key|client[_-]?secret|secret|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|private[_-]?key`;
// Quoted values may hold spaces; bare values stop at whitespace.
const VALUE = String.raw`(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|([^\s"'<>]{1,200}))`;

/**
 * Configuration keys carry the cue word as their last part: DB_PASSWORD,
 * SMTP_PASS, JWT_SECRET, SENDGRID_API_KEY, APP_KEY. Up to four prefix parts;
 * "key" alone only as a suffix, and only with a token-shaped value (below).
 */
const KEY_PREFIX = String.raw`(?:[A-Za-z][A-Za-z0-9]{0,19}[_.-]){0,4}`;
/** "geslo za WordPress admin:", "password for the VPN:", "password (admin):" – a short qualifier before the colon. */
const QUALIFIER = String.raw`(?:[ \t]+(?:za|for|to|do|of|na|od)[ \t]+[^\n:=]{1,30}?|[ \t]*\([^\n)]{1,30}\))?`;
const KEYWORD_VALUE = new RegExp(
  String.raw`(?<![\p{L}\d_])${KEY_PREFIX}(${PASSWORD_WORD}|${TOKEN_WORD}|(?<=[_.-])key)${QUALIFIER}["']?[ \t]*([:=])>?[ \t]*${VALUE}`,
  "giu",
);
/**
 * "pw", "pass" and the like are also other words ("the bus pass is valid"): after them only a
 * value with a digit or a symbol is a password ("root pass is toor2024", "my pw is summer2023").
 */
const SHORT_PASSWORD_WORD = String.raw`pw|pwd|pass|passwd`;
const IS_SHORT_PASSWORD_WORD = new RegExp(`^(?:${SHORT_PASSWORD_WORD})$`, "iu");
/**
 * "password is X", "geslo je X", "geslo za e-pošto jnovak@example.com je X" (a dot inside an
 * address or a host name does not end the qualifier). Only the nominative "geslo": in "povezava za ponastavitev gesla
 * je potekla" the genitive "gesla" belongs to another subject (the link), so what follows "je"
 * says something about that subject, not the password.
 */
const PHRASE_VALUE = new RegExp(
  String.raw`(?<!\p{L})(password|geslo|pin|${SHORT_PASSWORD_WORD})(?: (?:za|for|to|do|of|od) (?:[^\n:.,]|\.(?=[\p{L}\d])){1,40}?)? (?:is|je|was|bo|will be)(?:[ \t]+(?:bilo|bil|bila|zdaj|sedaj|now|still|še))?[ \t]+${VALUE}`,
  "giu",
);
/** Card security code: "CVV 412", "CVC: 0412". */
const CVV_VALUE = /(?<!\p{L})(?:cvv2?|cvc2?|csc|varnostna koda|security code)[ \t]*(?:[:=]|je|is)?[ \t]*(\d{3,4})(?!\w)/giu;
/**
 * A password without a colon: "user shop@x.si, pass Vrtnica2026", "geslo za
 * portal Lipa_2026", "hub admin password (on the back) HT9Q-XRW3-7KPM". Prose uses the same words ("password reset", "geslo vam
 * pošljem"), so the value must look generated: letters mixed with digits or symbols.
 */
const BARE_VALUE = new RegExp(
  String.raw`(?<![\p{L}\d_=])(?:password|passwort|passwd|passphrase|pass|pwd|geslo|kennwort|lozinka|zaporka)(?:[ \t]+(?:za|for)[ \t]+[^\n:.,"']{1,30}?)?(?:[ \t]+\([^()\n]{1,30}\))?[ \t]+([^\s"'<>()]{6,128})`,
  "giu",
);
/** '<Pass encoding="base64">': an element's attribute after the word, not its value. */
const XML_ATTRIBUTE_NAME = /^[A-Za-z_:-]{1,40}=$/;
/** "pass v1.2.3 to QA": "pass" is also a verb, and a version is never the password. */
const VERSION_LIKE = /^v?\d+(?:\.\d+)+$/i;
/** mysql -u root -pSecret, -p'Zima 2024!': the password is glued to -p (a space would make it prompt), quoted or not. */
const MYSQL_PASSWORD = /(?<![\w-])(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)(?![\w-])[^\n]{0,200}?[ \t]-p(?:'([^'\n]{1,128})'|"([^"\n]{1,128})"|([^\s'"]{1,128}))/g;
/** HTTP Basic credentials: base64 of "user:password", checked by decoding. */
const BASIC_AUTH = /(?<![\w])Basic[ \t]+([A-Za-z0-9+/]{8,4096}={0,2})(?![\w+/=])/g;
const PIN_VALUE = /(?<!\p{L})(?:pin|pin[ -]?koda|pin[ -]?code)[ \t]*(?:[:=]|je|is|è|ist|es|est|jest)?[ \t]*(\d{4,8})(?!\w)/giu;

const KNOWN_SHAPES: readonly RegExp[] = [
  /(?<![\w])(?:AKIA|ASIA)[0-9A-Z]{16}(?![\w])/g, // AWS access key id
  /(?<![\w])gh[pousr]_[A-Za-z0-9]{30,255}(?![\w])/g, // GitHub tokens (36 today; shorter ones pasted cut stay keys)
  /(?<![\w])github_pat_[A-Za-z0-9_]{22,255}(?![\w])/g,
  /(?<![\w])xox[abprs]-[A-Za-z0-9-]{10,255}/g, // Slack
  /(?<![\w])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,255}(?![\w])/g, // Stripe secret and restricted keys (pk_ is publishable)
  /(?<![\w])AIza[0-9A-Za-z_-]{35}(?![\w-])/g, // Google API key
  /(?<![\w-])sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,255}(?![\w-])/g, // OpenAI / Anthropic style
  /(?<![\w-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,4096}/g, // JWT
];
const BEARER = /(?<![\w])Bearer[ \t]+([A-Za-z0-9._~+/-]{16,4096}=*)/g;
/** scheme://user:password@host – the user name and password go, the host stays. */
const URL_CREDENTIALS = /(?<![\w+.-])[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/([^\s:/@?#]{1,128}:[^\s/@]{1,256})@/g;

/** Values that describe the password rather than being it. */
export const NOT_A_VALUE: ReadonlySet<string> = new Set([
  "wrong", "incorrect", "invalid", "expired", "not", "no", "too", "correct", "required", "missing",
  "empty", "blank", "still", "changed", "reset", "the", "a", "an", "same", "ok", "fine", "working",
  "locked", "weak", "strong", "set", "saved", "stored", "sent", "attached", "below", "above", "none",
  "null", "undefined", "hidden", "unknown", "n/a", "napačno", "napačen", "nepravilno", "poteklo",
  "pravilno", "prekratko", "prekratek", "ne", "še", "bilo", "zaklenjeno", "spremenjeno", "isto",
  "enako", "obvezno", "prazno", "potrebno", "v", "na", "za", "in", "pa", "že", "šibko", "močno",
  "spodaj", "zgoraj", "priloženo", "shranjeno", "poslano", "neznano", "see", "glej", "siehe", "vidi",
]);
const PLACEHOLDER_VALUE =
  /^(?:\[[A-Z_]+\]|\*+|•+|x+|\.+|-+|<[^>]*>|\{[^}]*\}|\$\{[^}]*\}|%[A-Za-z_]+%|change_?me|changeit|your[_-]?(?:password|secret|token|api[_-]?key|key)|your[_-][A-Za-z_-]+|placeholder)$/i;

const IS_PASSWORD_WORD = new RegExp(`^(?:${PASSWORD_WORD})$`, "iu");

/*
 * The cue-word patterns start with a lookbehind and a long case-insensitive
 * alternation, so a scan over the whole text tries them at every position. Every
 * match starts at a cue word, or (KEYWORD_VALUE) at the key prefix just before
 * one: one literal scan lists those words and each pattern, sticky, is tried
 * only there (see candidate-scan.ts). Under the "iu" flags "ſ" matches "s" and
 * the Kelvin sign "K" matches "k", so the scan takes them too. Every cue word is
 * made of letters and follows a non-letter, so the scan's non-overlapping hits
 * cannot hide one inside another.
 */
// Grouped by first letter (groupLeadingAlternation): V8 tries a plain alternation's words one by one at every position.
const CUE_WORD = groupLeadingAlternation(
  /(?:pa[sſ]{2}|pwd?|lozin|[k\u212a]ennw|zapor|he[sſ]l|ha[sſ][lł]o|jel[sſ]z|contra[sſ]e|[sſ]enha|mot de|wachtw|l[öo][sſ]en|[sſ]ala[sſ]a|ge[sſ]l|api|acce[sſ]{2}|[sſ]ecret|client|auth|refre[sſ]h|to[k\u212a]en|private|[k\u212a]ey|pin|cvv|cvc|c[sſ]c|varno[sſ]tna|[sſ]ecurity)/gi,
);
/** Longest KEY_PREFIX: four parts of at most 21 characters. */
const MAX_KEY_PREFIX = 84;

/**
 * Cue words by the patterns they may start: all of them for KEYWORD_VALUE; "pass",
 * "pw", "pwd", "gesl" and "pin" for the password phrases and the PIN; "cvv", "cvc", "csc",
 * "varnostna" and "security" for the card code (the first letter tells them apart).
 */
function cueWordStarts(text: string): { all: number[]; password: number[]; cardCode: number[] } {
  const cues = { all: [] as number[], password: [] as number[], cardCode: [] as number[] };
  CUE_WORD.lastIndex = 0;
  for (let hit = CUE_WORD.exec(text); hit !== null; hit = CUE_WORD.exec(text)) {
    cues.all.push(hit.index);
    const first = hit[0].charCodeAt(0) | 0x20; // ASCII lower case; "ſ" stays itself
    if (first === 0x70 || first === 0x67) cues.password.push(hit.index); // p, g
    else if (first === 0x63 || first === 0x76 || first === 0x73 || first === 0x17f) cues.cardCode.push(hit.index); // c, v, s, ſ
  }
  return cues;
}

/** Characters of KEY_PREFIX under "iu": ASCII letters and digits, "ſ", "K" and the separators. */
function isKeyPrefixUnit(unit: number): boolean {
  return (
    (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) ||
    unit === 95 || unit === 46 || unit === 45 || unit === 0x17f || unit === 0x212a
  );
}

/**
 * Where KEYWORD_VALUE may start: at a cue word, or up to MAX_KEY_PREFIX characters
 * before it at the start of a key part ("DB_PASSWORD", "smtp.auth.token") – the
 * start of the run of key characters, or just after a "." or "-" in it (the
 * lookbehind rules out a letter, digit or "_" before the match). Only cue words
 * with a ":" or "=" after them on the same line count: nothing between the key and
 * its ":" or "=" may be a line break. The next ":", "=" and line break are found
 * with indexOf and kept while the cues pass them, so that stays one pass.
 */
function keywordValueStarts(text: string, cues: readonly number[]): number[] {
  const starts: number[] = [];
  let colon = -1;
  let equals = -1;
  let newline = -1;
  for (const cue of cues) {
    if (colon !== Infinity && colon < cue) colon = indexOrInfinity(text, ":", cue);
    if (equals !== Infinity && equals < cue) equals = indexOrInfinity(text, "=", cue);
    if (newline !== Infinity && newline < cue) newline = indexOrInfinity(text, "\n", cue);
    if (Math.min(colon, equals) > newline) continue;
    const from = starts.length > 0 ? starts[starts.length - 1]! + 1 : 0;
    let runStart = cue;
    while (runStart > 0 && cue - runStart < MAX_KEY_PREFIX && isKeyPrefixUnit(text.charCodeAt(runStart - 1))) runStart--;
    for (let p = Math.max(runStart, from); p < cue; p++) {
      const before = p === 0 ? -1 : text.charCodeAt(p - 1);
      if (p === runStart || before === 46 || before === 45) starts.push(p);
    }
    if (cue >= from) starts.push(cue);
  }
  return starts;
}

function indexOrInfinity(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? Infinity : index;
}

/** Where URL_CREDENTIALS may start: the scheme right before each "://", which the lookbehind makes a whole run. */
function urlSchemeStarts(text: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf("://"); at !== -1; at = text.indexOf("://", at + 1)) {
    let start = at;
    while (start > 0 && at - start <= 21 && isSchemeUnit(text.charCodeAt(start - 1))) start--;
    if (at - start >= 2 && at - start <= 21) starts.push(start);
  }
  return starts;
}

function isSchemeUnit(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122) || unit === 43 || unit === 46 || unit === 45;
}

export function detectSecrets(text: string): Detection[] {
  const detections: Detection[] = [];
  const push = (start: number, end: number, confidence: number) => {
    if (end > start) detections.push({ type: "SECRET", start, end, confidence });
  };

  const cues = cueWordStarts(text);
  const keywordStarts = tooDense(cues.all.length, text.length) ? null : keywordValueStarts(text, cues.all);
  for (const match of matchesAt(KEYWORD_VALUE, text, keywordStarts)) {
    const value = valueSpan(match, 3);
    if (!value) continue;
    if (match[2] === "=" && match[5] !== undefined) {
      const delimiter = delimiterIn(text.slice(value.start, value.end), startsConfigLine(text, match.index!));
      if (delimiter === 0) continue;
      if (delimiter > 0) value.end = value.start + delimiter;
    }
    const isPasswordWord = IS_PASSWORD_WORD.test(match[1]!);
    const raw = text.slice(value.start, value.end);
    // PUBLIC_KEY, publishable_key: published by design; a path or a placeholder says where the key is kept.
    if (PUBLIC_KEY_NAME.test(match[0]) || isPathLike(raw) || isPlaceholderToken(raw)) continue;
    // "token: expired" is prose; "JWT_SECRET=supersecretvalue" is configuration.
    if (!isPasswordWord && !looksLikeToken(raw) && !(isConfigKey(match[0], match[1]!) && looksLikeConfigValue(raw, match[5] === undefined)) && !(match[2] === "=" && gluedShortToken(match[0], raw))) continue;
    push(value.start, value.end, 0.9);
  }
  for (const match of matchesAt(PHRASE_VALUE, text, cues.password)) {
    const value = valueSpan(match, 2);
    if (!value) continue;
    const raw = text.slice(value.start, value.end);
    // "the password is stored in the vault": a plain lower-case word that the
    // sentence carries on from is prose; a real value ends the clause or looks like one.
    const endsClause = /^(?:[.,;!?)]|\s*$|\s*\n)/.test(text.slice(value.end, value.end + 2));
    if (!endsClause && /^\p{Ll}+$/u.test(raw)) continue;
    if (describesState(raw)) continue; // "geslo je poteklo", "the password was changed"
    if (IS_SHORT_PASSWORD_WORD.test(match[1]!) && /^\p{L}+$/u.test(raw)) continue;
    push(value.start, value.end, 0.85);
  }
  for (const match of matchesAt(PIN_VALUE, text, cues.password)) {
    const start = match.index + match[0].length - match[1]!.length;
    push(start, start + match[1]!.length, 0.85);
  }
  for (const match of matchesAt(CVV_VALUE, text, cues.cardCode)) {
    const start = match.index + match[0].length - match[1]!.length;
    push(start, start + match[1]!.length, 0.85);
  }
  for (const match of matchesAt(BARE_VALUE, text, cues.password)) {
    const raw = match[1]!.replace(/[.,;:)\]]+$/, "");
    if (!looksGenerated(raw) || PLACEHOLDER_VALUE.test(raw) || VERSION_LIKE.test(raw) || XML_ATTRIBUTE_NAME.test(match[1]!)) continue;
    const start = match.index + match[0].length - match[1]!.length;
    push(start, start + raw.length, 0.7);
  }
  if (text.includes("-p")) {
    for (const match of text.matchAll(MYSQL_PASSWORD)) {
      const value = match[1] ?? match[2] ?? match[3]!;
      const start = match.index + match[0].length - value.length - (match[3] === undefined ? 1 : 0);
      push(start, start + value.length, 0.9);
    }
  }
  if (text.includes("Basic")) {
    for (const match of text.matchAll(BASIC_AUTH)) {
      if (!decodesToCredentials(match[1]!)) continue;
      const start = match.index + match[0].length - match[1]!.length;
      push(start, start + match[1]!.length, 0.95);
    }
  }
  for (const shape of KNOWN_SHAPES) {
    for (const match of text.matchAll(shape)) {
      if (!isPlaceholderToken(match[0])) push(match.index, match.index + match[0].length, 0.99);
    }
  }
  if (text.includes("Bearer")) {
    for (const match of text.matchAll(BEARER)) {
      const value = match[1]!.replace(/\.+$/, ""); // a sentence's full stop, never part of base64
      const start = match.index + match[0].length - match[1]!.length;
      push(start, start + value.length, 0.95);
    }
  }
  if (text.includes("://")) {
    for (const match of matchesAt(URL_CREDENTIALS, text, urlSchemeStarts(text))) {
      const start = match.index + match[0].length - 1 - match[1]!.length;
      push(start, start + match[1]!.length, 0.97);
    }
  }
  for (const key of detectPemPrivateKeys(text)) detections.push(key); // no spread: a huge list would overflow the stack
  return detections;
}

/** Span of the captured value (quoted or bare), trimmed of sentence punctuation; null for non-values. */
function valueSpan(match: RegExpMatchArray, firstGroup: number): { start: number; end: number } | null {
  const quoted = match[firstGroup] ?? match[firstGroup + 1];
  let value = quoted ?? match[firstGroup + 2];
  if (value === undefined) return null;
  const closing = quoted !== undefined ? 1 : 0;
  const start = match.index! + match[0].length - closing - value.length;
  // "geslo je Sonce2025!." – the full stop ends the sentence; "!" may well be part of the password.
  if (quoted === undefined) value = value.replace(/[.,;:)\]]+$/, "");
  // "password: (see vault)", "(glej KeePass)": a bracketed note says where the password is.
  if (quoted === undefined && /^\(\p{L}+$/u.test(value)) return null;
  if (value.length === 0 || NOT_A_VALUE.has(value.toLowerCase()) || PLACEHOLDER_VALUE.test(value) || isPublishableKey(value)) return null;
  return { start, end: start + value.length };
}

/**
 * Where a key=value value ends inside a connection string ("…;Password=x;Encrypt=True"),
 * a query string ("?token=x&format=csv") or a mount's options ("password=x,uid=1000"): at a ";", "&" or "," that starts the
 * next key. Passwords hold these characters too ("DB_PASSWORD=Zima;2025&Pomlad"),
 * so a delimiter not followed by "key=" stays in the value. A trailing ";" ends
 * a connection string, except on a .env line, where the value runs to the end.
 * Returns -1 when the whole value stands.
 */
function delimiterIn(value: string, configLine: boolean): number {
  for (let i = value.search(/[;&,]/); i !== -1 && i < value.length; ) {
    const rest = value.slice(i + 1);
    // A "," only before the next option of a mount's or a driver's list ("password=x,uid=1000").
    if (value[i] === "," ? /^[A-Za-z_][\w.-]{0,40}=/.test(rest) : /^[A-Za-z_][\w .-]{0,40}=/.test(rest) || (!configLine && rest === "")) return i;
    const next = rest.search(/[;&,]/);
    i = next === -1 ? -1 : i + 1 + next;
  }
  return -1;
}

/** The key of a key=value pair that starts its line (a .env or ini file), optionally after "export ". */
function startsConfigLine(text: string, keyStart: number): boolean {
  let i = keyStart - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  if (i >= 5 && text.slice(i - 5, i + 1) === "export") {
    i -= 6;
    while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  }
  return i < 0 || text[i] === "\n";
}

/**
 * A plain lower-case word with the ending of a participle ("potekla", "spremenjeno", "zaklenjen",
 * "expired", "changed") says what happened to the password; a chosen password is rarely one.
 */
const STATE_ENDING = /^\p{Ll}{3,}(?:[aeiou]l[aoie]?|[aeiou]n[aoie]?|[aeiou]t[aoie]|ed)$/u;
function describesState(value: string): boolean {
  return STATE_ENDING.test(value);
}

/** Letters mixed with digits or symbols, as chosen or generated passwords are; "reset" or "e-mail" are not. */
function looksGenerated(value: string): boolean {
  if (!/\p{L}/u.test(value)) return false;
  if (/^[\p{L}-]+$/u.test(value)) return false;
  return /\d/.test(value) || /[!#$%&*_=+?@^~]/.test(value);
}

/**
 * A configuration key (SESSION_SECRET, auth.token, "client_secret") names its value: whatever it
 * holds is the secret, generated-looking or not. A bare "key" suffix (SORT_KEY, CACHE_KEY) names
 * too many ordinary things, so it keeps the token-shape test.
 */
function isConfigKey(matched: string, cue: string): boolean {
  const key = /^[^"'\s:=(]+/.exec(matched)?.[0] ?? "";
  // "x-api-key", "signing-key", "master.key": the word before "key" says what kind of key it is.
  if (/^key$/i.test(cue)) return KIND_OF_SECRET_KEY.test(key);
  return /[_.-]/.test(key) || (key === key.toUpperCase() && /[A-Z]/.test(key));
}

const KIND_OF_SECRET_KEY = /(?:api|access|secret|private|signing|encryption|master|license|licence|auth|client|subscription|app|account|hmac|webhook|session)[_.-]key$/i;

/** A configuration value that can be a secret: eight or more characters, not a flag, a number or a reference. */
function looksLikeConfigValue(value: string, quoted: boolean): boolean {
  if (value.length < 8 || (!quoted && /\s/.test(value))) return false;
  if (/^(?:true|false|null|none|nil|undefined|required|optional|enabled|disabled)$/i.test(value)) return false;
  if (/^[\d.:,-]+$/.test(value)) return false; // a number, a duration, a date
  return !/^(?:https?:\/\/|\/|\.\/|~\/|env:|vault:|secret:|arn:|ref\+|@)/i.test(value); // where it is kept, not what it is
}

/** Long, mixed letters and digits: what generated keys look like, unlike "expired" or "123". */
function looksLikeToken(value: string): boolean {
  return value.length >= 16 && /[A-Za-z]/.test(value) && /\d/.test(value) && !/\s/.test(value);
}

/**
 * A log line's "token=f3a9c1e7b5d2", "secret=Wm9Xk2Lp8QrT": key, "=" and value glued, ten or
 * more characters of letters mixed with digits; a host name or a version is not one.
 */
function gluedShortToken(matched: string, value: string): boolean {
  if (!/[\w]=["']?[^\s]/.test(matched) || value.length < 10 || value.length >= 16) return false;
  return /^[A-Za-z0-9_+/=~-]+$/.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value) && !/^v?\d+(?:[._-]\d+)+/.test(value);
}

/** Key names of public halves: PUBLIC_KEY, publicKey, "publishable_key", pub_key. */
const PUBLIC_KEY_NAME = /^[^:=]*(?:(?:public|publishable|(?<![a-z])pub)[_.-]?(?:key|token)|site[_.-]?key|pusher[_.-]?(?:app[_.-]?)?key|search[_.-]?(?:only[_.-]?)?(?:api[_.-]?)?key)/i;

/** A file path ("~/.ssh/id_ed25519", "/etc/app/jwt.pem", "C:\\keys\\app.pfx"): where a key is kept, not the key. */
export function isPathLike(value: string): boolean {
  return /^(?:~|\.{1,2})?\/[\w.@-]+(?:\/[\w.@-]+)*\/?$/.test(value) && /[a-z]/.test(value) && (value.includes(".") || value.split("/").length > 2) || /^[A-Za-z]:\\/.test(value);
}

/**
 * A documented prefix with a filler body: "sk_test_xxxxxxxxxxxx", "ghp_XXXXXXXX…", "AKIA0000…":
 * what docs and templates show in place of a key. Fewer than four distinct characters after the prefix.
 */
export function isPlaceholderToken(value: string): boolean {
  const body = value.replace(/^(?:[a-z]{1,10}[_-](?:[a-z]{2,8}[_-])?|AKIA|ASIA|AIza)/i, "");
  return body.length >= 8 && new Set(body.toLowerCase()).size < 4;
}

/** PEM keys ("RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY") and OpenPGP's armoured secret keys ("PGP PRIVATE KEY BLOCK"). */
const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK)?-----/g;

/** Scanned with indexOf so that a BEGIN without an END costs one pass, not one per BEGIN. */
function detectPemPrivateKeys(text: string): Detection[] {
  if (!text.includes("PRIVATE KEY")) return [];
  const detections: Detection[] = [];
  const missingFooters = new Set<string>();
  PEM_BEGIN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = PEM_BEGIN.exec(text)) !== null) {
    const footer = `-----END ${match[1]}PRIVATE KEY${match[2] ?? ""}-----`;
    const endAt = missingFooters.has(footer) ? -1 : text.indexOf(footer, PEM_BEGIN.lastIndex);
    if (endAt === -1) missingFooters.add(footer);
    if (endAt === -1) {
      // A truncated key is still a key: redact from BEGIN to the end of the block.
      const blankLine = text.indexOf("\n\n", PEM_BEGIN.lastIndex);
      const end = blankLine === -1 ? text.length : blankLine;
      detections.push({ type: "SECRET", start: match.index, end, confidence: 0.99 });
      PEM_BEGIN.lastIndex = end;
      continue;
    }
    const end = endAt + footer.length;
    detections.push({ type: "SECRET", start: match.index, end, confidence: 0.99 });
    PEM_BEGIN.lastIndex = end;
  }
  return detections;
}
