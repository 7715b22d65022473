import type { Detection } from "../types";
import { scanAll } from "./candidate-scan";
import { lineBreakWithin } from "./context";
import { detectColumnSecrets } from "./secret-columns";
import { detectProseSecrets } from "./secret-prose";
import { detectSecretShapes, isPublishableKey } from "./secret-shapes";

/**
 * Secrets in configuration and command lines that the cue-word patterns of secret.ts do not
 * reach, each found from a literal anchor with bounded repetitions:
 * - a key with a secret word anywhere in it, glued or not: PGPASSWORD=…, PASSWORD_SALT: "…",
 *   define('AUTH_KEY', '…'), a Kubernetes `- name: REDIS_PASSWORD` followed by `value: …`;
 * - command-line flags: --requirepass X, --password=X, redis-cli -a X;
 * - a password in a sentence, in several languages, after a linking word: "Das Passwort … lautet
 *   X", "lozinka za wifi je X", "the database password is still X", "changed it to X";
 * - app passwords written in groups of four ("password: sPZF W3t1 Z8xl 43cg").
 */

// "pw" and "psk" only as a whole part of the key (mysqli.default_pw, DB_PW, psk=, wpa_psk): inside words they are other words.
const SECRET_IN_KEY = /password|passwd|passwort|passphrase|secret|token|salt|api_?key|auth_?key|(?:wifi|wlan|wpa2?|network)_?key|private_?key|preshared_?key|credential|pwd|key-data|appid|app_?key|subscription_?key|snmp_?community|community_?string|pre-shared-key|(?<![A-Za-z])(?:pw|psk)(?![A-Za-z])|pass(?![A-Za-z0-9_])/gi;
/**
 * "pass" is a key alone or glued to what it opens (smtppass, dbpass); inside other words (bypass,
 * compass) it is none. Checked after the match: a lookbehind with these words made the scan slow.
 */
const GLUED_PASS = /(?:^|[^A-Za-z])(?:db|require|smtp|mail|ftp|admin|root|sql|imap|pop3?|ldap|bind|vpn|proxy|master|mysql|pg|redis|mongo|user|wifi)$/i;
function passStandsAsKey(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 7), at);
  return !/[A-Za-z]$/.test(before) || GLUED_PASS.test(before);
}
const KEY_UNIT = /[A-Za-z0-9_.-]/;
const VALUE_AFTER_KEY = /["']?\]?[ \t]*(?:[:=]|=>|,)[ \t]*(?:"([^"\n]{1,300})"|'([^'\n]{1,300})'|([^\s"'<>,;)&]{1,300}))/y;
/** Key endings that name a property of the secret, not the secret: PASSWORD_MIN_LENGTH, TOKEN_TTL, SECRET_NAME. */
const NOT_THE_SECRET = /(?:_|\.|-)(?:name|file|path|url|uri|host|port|ttl|expiry|expires|expiration|length|len|min|max|enabled|type|id|ref|policy|endpoint|header|field|hash|algorithm|alg|lifetime|timeout|count|prefix|label|env|source|key_?ref|maps?|dir|directory|command|cmd|method|mode|store|provider|manager|class|format|param|parameter)$/i;
/** The same endings in camelCase keys: passwordMinLength, accessTokenTtl, clientSecretName. */
const NOT_THE_SECRET_CAMEL = /[a-z](?:Name|File|Path|Url|Uri|Host|Port|Ttl|Expiry|Expires|Expiration|Length|Len|Min|Max|Enabled|Type|Id|Ref|Policy|Endpoint|Header|Field|Hash|Algorithm|Lifetime|Timeout|Count|Prefix|Label|Env|Source|Dir|Command|Method|Mode|Store|Provider|Manager|Class|Format|Param)$/;
const PLACEHOLDER = /^(?:\$\{[^}]*\}|\$[A-Z_]+|<[^>]*>|\{\{[^}]*\}\}|%[A-Z_]+%|\*+|x+|changeme|change_me|changeit|your[_-]?\w*|placeholder|secret|password|todo|tbd|null|none|true|false|yes|no|required|optional|\d{1,6})$/i;

const K8S_NAME_VALUE = /-[ \t]*name:[ \t]*["']?([A-Za-z0-9_.-]{0,60}(?:PASSWORD|PASS|PWD|SECRET|TOKEN|KEY|SALT))["']?[ \t]*\r?\n[ \t]*value:[ \t]*(?:"([^"\n]{1,300})"|'([^'\n]{1,300})'|([^\s"']{1,300}))/gi;
/** Any tool's long option named for a secret: --requirepass X, --password=X, --api-token X, rclone's --b2-key X; not a public key, a path or the next flag. */
const CLI_FLAG = /--(?![\w-]*public)[\w-]{0,30}?(?:requirepass|key|token|secret|password|passwd|pass)(?![\w-])(?:[ \t]+|=|["'],[ \t]*)(?!-|~\/|\.{0,2}\/)(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|([^\s"'<>]{1,200}))/gi;
const REDIS_CLI_A = /redis-cli[^\n]{0,120}?[ \t]-a[ \t]+(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|([^\s"'<>]{1,200}))/g;

// With the words of the languages clients write in: heslo (cs, sk), hasło (pl), jelszó (hu),
// contraseña (es), mot de passe (fr), parola (it, ro), wachtwoord (nl), senha (pt), lösenord (sv).
const PASSWORD_WORD = /passwor[dt]|kennwort|geslo|gesla|geslom|geslu|lozink[aeiu]|šifr[aeiu]|password|wifi[ -]key|pin|hesl[oa]|has[łl]o|jelsz[óo]\p{L}*|contrase[ñn]a|mot de passe|parola|wachtwoord|senha|l[öo]senord/giu;
/**
 * After the password word, the same clause, then a linking word, then the value ("Geslo je zmer
 * isto, X": said to be unchanged first). The value may stand alone on the next line, where a chat
 * bubble or a mail client wrapped it ("Geslo za wifi v stanovanju je\n_&Lfq34dP9*R"); not a
 * line of fields (a .pgpass entry) there.
 */
const LINKED_VALUE = /[^\n.!?]{0,50}?(?:(?<![\p{L}])(?:is|was|lautet|ist|war|je|bila|bilo|glasi|è|to|na|pa|still|remains|est|es|é|jest|är|era|wynosi)|→|=|:)(?:[ \t]+|[ \t]*\r?\n[ \t]*(?=[^\s:]+[ \t]*(?:\r?\n|$)))(?:still[ \t]+|še[ \t]+|noch[ \t]+|bilo[ \t]+|bil[ \t]+|bila[ \t]+|zdaj[ \t]+|sedaj[ \t]+|now[ \t]+|zmer[ \t]+|zmeraj[ \t]+|vedno[ \t]+|always[ \t]+)?(?:(?:isto|enako|the same(?:[ \t]+as before)?)[ \t]*,[ \t]*)?["'„“]?([^\s"'“”<>]{4,128})/iuy;
/** App passwords and TOTP setup keys shown in groups of four: "password: sPZF W3t1 Z8xl 43cg", "setup key: JBSW Y3DP EHPK 3PXP". */
const APP_PASSWORD = /(?<![A-Za-z\d])(?:password|passwort|geslo|lozinka|app[ _-]password|pass|(?:setup|secret|2fa|totp|mfa)[ _-]key|ključ za nastavitev)[^\n:=]{0,20}[:=][ \t]*([A-Za-z0-9]{4}(?:[ \t][A-Za-z0-9]{4}){3,7})(?![\w])/giu;

/**
 * A code kept as a configuration value ("alarm_code: "8080"", "door_pin = 4471", "PIN_CODE=0912"):
 * four to eight digits, which PLACEHOLDER would read as a port or a count under another key.
 * "code" alone names a status or an error, so it needs what the code opens.
 */
const CODE_KEY_END = /(?:code|pin)["']?[ \t]*[:=][ \t]*["']?(\d{4,8})(?![\d.:])/gi;
const CODE_KEY = /(?<![A-Za-z])(?:(?:alarm|door|gate|garage|safe|keypad|access|entry|disarm|lock|sim|card|admin|master)[_-]?(?:code|pin|pin[_-]?code)|pin(?:[_-]?code)?)$/i;

/**
 * Storage remotes (rclone, restic, B2, Azure): "account = 08f93d9b…" is the key id that goes
 * with "key = …", generated like it. Only a generated-looking value of 20 or more characters:
 * "account = marketing" names an account.
 */
const REMOTE_ACCOUNT = /^[ \t]*(?:account|account_id|key_id|application_key_id|user_key)[ \t]*[=:][ \t]*([A-Za-z0-9+/=_-]{20,200})[ \t]*$/gm;

export function detectConfigSecrets(text: string): Detection[] {
  const detections: Detection[] = [];
  const push = (start: number, end: number, confidence: number) => {
    if (end > start) detections.push({ type: "SECRET", start, end, confidence });
  };
  let resumeAt = 0;
  SECRET_IN_KEY.lastIndex = 0;
  for (let hit = SECRET_IN_KEY.exec(text); hit !== null; hit = SECRET_IN_KEY.exec(text)) {
    if (hit.index < resumeAt || (hit[0].length === 4 && /^pass$/i.test(hit[0]) && !passStandsAsKey(text, hit.index))) continue;
    let keyStart = hit.index;
    while (keyStart > 0 && hit.index - keyStart < 60 && KEY_UNIT.test(text[keyStart - 1]!)) keyStart--;
    let keyEnd = hit.index + hit[0].length;
    while (keyEnd < text.length && keyEnd - hit.index < 60 && KEY_UNIT.test(text[keyEnd]!)) keyEnd++;
    const key = text.slice(keyStart, keyEnd);
    const named = isConfigKey(key) || isQuotedKey(text, keyStart, keyEnd) || startsKeyLine(text, keyStart, keyEnd) || isVariable(text, keyStart) || isRedisRequirepass(key);
    if (!named || namesNoSecret(key)) continue;
    VALUE_AFTER_KEY.lastIndex = keyEnd;
    const value = VALUE_AFTER_KEY.exec(text) ?? spacedValue(text, keyStart, keyEnd, key);
    if (value === null) continue;
    const read = value[1] ?? value[2] ?? value[3]!;
    const start = value.index + value[0].length - read.length - (value[3] === undefined ? 1 : 0);
    // "encryption_passphrase = correct horse battery staple": an unquoted passphrase runs to the line's end
    const raw = value[3] !== undefined && /passphrase/i.test(key) ? restOfLine(text, start) : read;
    if (PLACEHOLDER.test(raw) || isPublishableKey(raw) || raw.length < 6 || (value[3] !== undefined && /^(?:https?:|\/|\.\/|~\/)|^[a-z]{2,10}:\//.test(raw))) continue; // a file or a URL: where it is kept
    // A CSV header ("api_token,token_type,created_at"): after a comma, a bare name is the next column's.
    if (value[3] !== undefined && /^["']?\]?[ \t]*,/.test(value[0]) && /^\p{L}+(?:_\p{L}+)*$/u.test(raw)) continue;
    // A lone lower-case word as the key ("token: expired", "secret = abcdefghijklmnop"): the value must not read as a word.
    if (!isConfigKey(key) && !isQuotedKey(text, keyStart, keyEnd) && /^\p{Ll}{1,11}$/u.test(raw)) continue;
    push(start, start + raw.length, 0.85);
    resumeAt = start + raw.length;
  }
  // found from the key's last word and its digits, then the key read back: led by its qualifiers,
  // the pattern was tried at every position
  for (const match of scanAll(CODE_KEY_END, text)) {
    const keyEnd = match.index + match[0].search(/["']?[ \t]*[:=]/);
    if (!CODE_KEY.test(text.slice(Math.max(0, keyEnd - 20), keyEnd))) continue;
    const start = match.index + match[0].length - match[1]!.length;
    push(start, start + match[1]!.length, 0.8);
  }
  if (text.includes("account") || text.includes("key_id") || text.includes("user_key")) {
    for (const match of text.matchAll(REMOTE_ACCOUNT)) {
      if (!/[A-Za-z]/.test(match[1]!) || !/\d/.test(match[1]!)) continue;
      const start = match.index + match[0].indexOf(match[1]!, match[0].search(/[=:]/));
      push(start, start + match[1]!.length, 0.8);
    }
  }
  if (text.includes("value:")) {
    for (const match of text.matchAll(K8S_NAME_VALUE)) pushGroup(match, 2, push);
  }
  if (text.includes("--")) for (const match of text.matchAll(CLI_FLAG)) pushGroup(match, 1, push);
  if (text.includes("redis-cli")) for (const match of text.matchAll(REDIS_CLI_A)) pushGroup(match, 1, push);
  PASSWORD_WORD.lastIndex = 0;
  let windowEnd = 0;
  for (let hit = PASSWORD_WORD.exec(text); hit !== null; hit = PASSWORD_WORD.exec(text)) {
    if (hit.index > 0 && /\p{L}/u.test(text[hit.index - 1]!)) continue;
    // "password_hash: argon2id", "password.min-length = 12": part of a key, which the key rules above read.
    if (/^(?:_|[.-]\w|[A-Z])/.test(text.slice(hit.index + hit[0].length, hit.index + hit[0].length + 2))) continue;
    // A password word inside the clause that the previous one already searched adds nothing
    // but cost: "password: " a hundred thousand times stays one pass.
    if (hit.index < windowEnd) continue;
    // LINKED_VALUE's gap stops at a sentence's end: a password word after it gets its own reading.
    windowEnd = clauseEnd(text, hit.index + hit[0].length, 60);
    LINKED_VALUE.lastIndex = hit.index + hit[0].length;
    const linked = LINKED_VALUE.exec(text);
    if (linked === null) continue;
    const raw = linked[1]!.replace(/[.,;:)\]]+$/, "");
    if (!looksChosen(raw)) continue;
    // "Geslo za wifi sem spremenil, usmerjevalnik je FritzBox7590": past a comma the clause has
    // another subject, and only a value with a symbol still reads as the password.
    if (text.slice(hit.index, linked.index + linked[0].length - linked[1]!.length).includes(",") && !/[^\p{L}\d]/u.test(raw)) continue;
    const start = linked.index + linked[0].length - linked[1]!.length;
    push(start, start + raw.length, 0.8);
  }
  if (/[:=][ \t]*[A-Za-z0-9]{4} [A-Za-z0-9]{4} /.test(text)) {
    for (const match of scanAll(APP_PASSWORD, text)) push(match.index + match[0].length - match[1]!.length, match.index + match[0].length, 0.85);
  }
  for (const shape of detectSecretShapes(text)) detections.push(shape);
  for (const prose of detectProseSecrets(text)) detections.push(prose);
  for (const cell of detectColumnSecrets(text)) detections.push(cell);
  return detections;
}

/** Where the clause after `from` ends (a line break or a sentence's end), at most `max` characters on. */
function clauseEnd(text: string, from: number, max: number): number {
  const to = Math.min(text.length, from + max);
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 10 || unit === 46 || unit === 33 || unit === 63) return i; // \n . ! ?
  }
  return to;
}

/** Groups first, first+1 are a double- or single-quoted value (the match ends at the closing quote), first+2 a bare one. */
function pushGroup(match: RegExpMatchArray, first: number, push: (start: number, end: number, confidence: number) => void) {
  const quoted = match[first] ?? match[first + 1];
  const raw = quoted ?? match[first + 2];
  if (raw === undefined || PLACEHOLDER.test(raw)) return;
  const end = match.index! + match[0].length - (quoted !== undefined ? 1 : 0);
  push(end - raw.length, end, 0.85);
}

/**
 * The text from `start` to the end of its line, without trailing blanks (at most 128 characters):
 * the line break is looked for in that window only, not to the end of a long line.
 */
function restOfLine(text: string, start: number): string {
  const newline = lineBreakWithin(text, start, 128);
  return text.slice(start, newline === -1 ? start + 128 : newline).replace(/[ \t\r]+$/, "");
}

/** PUBLIC_KEY, publicKey, publishable_key: the public half, published by design. */
const PUBLIC_KEY = /public|publishable|(?:^|[_.-])pub(?:[_.-]|$)|site[_.-]?key|pusher[_.-]?(?:app[_.-]?)?key|search[_.-]?(?:only[_.-]?)?(?:api[_.-]?)?key/i;

/** 'password' => '…' (PHP), "token": "…" (JSON): a key in quotes is an identifier too. */
function isQuotedKey(text: string, keyStart: number, keyEnd: number): boolean {
  const before = text[keyStart - 1];
  return (before === '"' || before === "'") && text[keyEnd] === before;
}

/**
 * A key that starts its line, in an INI, TOML, YAML or properties file ("secret = …",
 * "  token: …", "credentials: …"): what follows its ":" or "=" is its value.
 */
function startsKeyLine(text: string, keyStart: number, keyEnd: number): boolean {
  return opensLine(text, keyStart) && /^[ \t]*[:=]/.test(text.slice(keyEnd, keyEnd + 4));
}

/**
 * Whether only blanks, a list's dash or a comment's mark stand before the key on its line: a
 * commented-out key keeps its value ("#psk=\"Kamille&Salbei21\"", "; password = …").
 */
function opensLine(text: string, keyStart: number): boolean {
  let i = keyStart - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t" || text[i] === "-")) i--;
  if (i >= 0 && (text[i] === "#" || text[i] === ";")) i--;
  else if (i >= 1 && text[i] === "/" && text[i - 1] === "/") i -= 2;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  return i < 0 || text[i] === "\n";
}

/** redis.conf's "requirepass": one lower-case word, yet a key whose value is the password. */
const isRedisRequirepass = (key: string) => /^requirepass$/i.test(key);
/**
 * "remote_password Paradajz-Mqtt-551", "requirepass r3d1s-pass": a key and its value apart by
 * blanks, alone on their line (mosquitto, redis.conf, sshd and other space-separated configs).
 * Its groups are VALUE_AFTER_KEY's: a double-quoted, a single-quoted or a bare value.
 */
const SPACED_VALUE = /[ \t]+(?:"([^"\n]{1,300})"|'([^'\n]{1,300})'|([^\s"'<>]{6,200}))(?=[ \t]*(?:\r?\n|$))/y;
function spacedValue(text: string, keyStart: number, keyEnd: number, key: string): RegExpExecArray | null {
  if (!opensLine(text, keyStart) || !(isConfigKey(key) || isRedisRequirepass(key))) return null;
  SPACED_VALUE.lastIndex = keyEnd;
  return SPACED_VALUE.exec(text);
}

/** "public $smtppass = …", "$CFG->dbpass = …": a PHP variable or property is an identifier. */
function isVariable(text: string, keyStart: number): boolean {
  return text[keyStart - 1] === "$" || (text[keyStart - 1] === ">" && text[keyStart - 2] === "-");
}

/**
 * Whether a field's name says its value is a secret (a table's column "api_token", "client_secret",
 * "login_password"): a secret word in it, and no ending that names a property of the secret
 * ("password_hash", "token_type") or a public key.
 */
export function namesSecret(name: string): boolean {
  SECRET_IN_KEY.lastIndex = 0;
  const hit = SECRET_IN_KEY.exec(name);
  if (hit === null || (/^pass$/i.test(hit[0]) && !passStandsAsKey(name, hit.index))) return false;
  return !namesNoSecret(name);
}

/** A key whose ending names a property of the secret (PASSWORD_MIN_LENGTH, tokenTtl) or a public key. */
function namesNoSecret(key: string): boolean {
  return NOT_THE_SECRET.test(key) || NOT_THE_SECRET_CAMEL.test(key) || PUBLIC_KEY.test(key);
}

/** DB_PASSWORD, PGPASSWORD, auth.token, "client_secret": an identifier, not a word in a sentence. */
function isConfigKey(key: string): boolean {
  if (/[_.-]/.test(key) || /[a-z][A-Z]/.test(key)) return true; // DB_PASSWORD, auth.token, dbPassword, clientSecret
  return key.length >= 4 && key === key.toUpperCase() && /[A-Z]/.test(key);
}

/** A chosen password: letters with digits or symbols ("Fichte!2026#ftp", "Jadran-more-77"), not a word or a number. */
function looksChosen(value: string): boolean {
  if (value.length < 6 || !/\p{L}/u.test(value)) return false;
  if (/^v?\d+(?:\.\d+)+$/.test(value) || /^https?:/i.test(value)) return false;
  return /\d/.test(value) && (/[\p{L}]/u.test(value) && (/[^\p{L}\d]/u.test(value) || /\p{Lu}/u.test(value) || /\d\p{L}|\p{L}\d/u.test(value)));
}
