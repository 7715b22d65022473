import { IBAN_LENGTHS } from "../checksums";
import type { Detection } from "../types";

/**
 * Values whose shape OCR damaged past what the text engine accepts, found on the OCR text with
 * those damages allowed. Pure; run by map-findings-to-boxes on the words as read and on the
 * words re-joined where OCR split a token (pass 2), so the words a match touches are painted.
 *
 *  - A URL's credentials: "postgres://app:<password>@host" read as "postgres:/, '/app:<pw>…",
 *    with the "@" lost ("…%_JEredb-prod-2"): for a scheme that carries logins (databases,
 *    queues, mail, file transfer), the password runs to the "@" or, with none, to the end of
 *    the token. A host's port ("db:5432/shop") is not a password.
 *  - A secret query parameter with its "=" read as "-" or ":" ("&password-%38Pg…").
 *  - An IBAN's exact shape whose checksum a misread digit broke, a North American number's
 *    written shape whatever its exchange, and a Slovenian number whose trunk 0 was read as 6 or 8.
 *  - An address in angle brackets after a name ("Polona Žagar <zagar.'.polonaggmail.com>"),
 *    its "@" read as a letter: the brackets and the domain ending say what it is.
 */

/** Schemes whose URLs hold a user's password when they hold a "user:" at all. */
const LOGIN_SCHEME =
  /^(?:jdbc:)?(?:postgres(?:ql)?|psql|mysql[x2]?|mariadb|redis|rediss|mongodb(?:\+srv)?|amqps?|mssql|sqlserver|oracle|clickhouse|cockroachdb|couchdb|nats|kafka|ldaps?|smtps?|imaps?|pop3s?|ftps?|sftp|ssh|rabbitmq|memcached|neo4j|cassandra)$/i;

/**
 * scheme (OCR may lose it) ":" then what OCR made of "//" (at least one slash-like mark) then "user:" then the rest
 * of the token. The scheme may carry a glued key before it ("DATABASE_URL=postgres:").
 */
const URL_LOGIN = /(?:^|[\s=("'`])((?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]{1,20})?:[/\\|,'`.]*[/\\|][/\\|,'`.]*([^\s:/@'",]{1,64}):(\S{1,400})/g;
const PORT = /^\d{1,5}(?:[/?]|$)/;
/**
 * The same login read with blanks in it ("URLzpostgres:/, //crm_admin: 'ferm Xk9…@db."): the "@"
 * a few words on still ends the password, so the words up to it go. Bounded runs keep it linear.
 */
const URL_LOGIN_SPACED =
  /(?:^|[\s=("'`])(?:(?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]{1,20})?:[/\\|,'`. ]{0,6}[/\\|][/\\|,'`.]{0,6}[^\s:/@'",]{1,64}:[ \t]?((?:[^\s@]{1,64}[ \t]){0,2}[^\s@]{1,64})@/g;

const QUERY_SECRET = /[?&;](?:password|passwd|pwd|pass|secret|client_secret|token|access_token|api_?key|apikey)[-:=~]([^\s&#]{3,400})/gi;

/**
 * An IBAN's shape read with a digit misread ("SI56 6201 0543 0768 568" for 0201 0543 0708 508: a
 * monospace font's dotted zero read as 6 or 8), so its checksum fails: a registered country, two
 * check digits and groups of four that add up to exactly that country's length. On a screen
 * nothing else has that shape, so it is painted (fail closed) without the checksum.
 */
const IBAN_SHAPE = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}(?: ?\d{4}){2,7}(?: ?\d{1,3})?(?![A-Za-z0-9])/g;

/**
 * A North American number in its written shape, "(312) 002-6293": the text engine wants a valid
 * exchange (no leading 0 or 1), but on a screen nothing else is written so, and an invalid one
 * there is a misread digit or a made-up number as readable as a real one.
 */
const NANP_SHAPE = /(?<![\w)])\(\d{3}\) ?\d{3}[-.]\d{4}(?!\w)/g;

/**
 * A Slovenian number in its written groups whose trunk 0 OCR read as 6 or 8 ("62 608 43 62" for
 * 02 608 43 62: a monospace font's dotted zero): with the 0 back it is a landline or a mobile.
 */
const MISREAD_TRUNK = /(?<![\w+.,])[68](?:\d [0-9]{3} [0-9]{2} [0-9]{2}|[0-9]{2} [0-9]{3} [0-9]{3})(?![\w.,]?\d)/g;
const SLOVENIAN_WITH_TRUNK = /^0[1-7]/;

/**
 * An address at a mail provider whose "@" OCR read as letters or lost ("amelia.sinclairdjgmail.com",
 * "grace.bennettgibtinternet.com"), or whose ending it lost ("harry_whitaker@btinternet"): the
 * provider's name glued to a word is an address on a screen, whatever came before it. Providers
 * people write from: free mail and the ISPs of the countries the clients are in.
 */
const MAIL_PROVIDER = String.raw`(?:gmail|googlemail|outlook|hotmail|icloud|yahoo|gmx|protonmail|btinternet|virginmedia|siol|amis|t-2|telemach|guest\.arnes|t-online)`;
const PROVIDER_GLUED = new RegExp(String.raw`(?<![\w.+-])[A-Za-z0-9][\w.+-]{2,63}?(?:@|(?<=[A-Za-z0-9]))${MAIL_PROVIDER}(?:\.(?:com|net|si|de|at|co\.uk|me))(?![\w.-])|(?<![\w.+-])[A-Za-z0-9][\w.+-]{1,63}@${MAIL_PROVIDER}(?![\w.-])`, "gi");

/** "<local.domain.tld>" after a word: an email, whatever OCR made of its "@". */
const BRACKETED = /(?<=\S[ \t]+)<([^\s<>]{2,64}\.[a-z]{2,6})>/g;
/** "<ashworth hannah@ic Loud com>": an "@" in angle brackets is an address, with whatever blanks and lost dots OCR gave it. */
const BRACKETED_AT = /<([^<>\n@]{1,40}@[^<>\n@]{2,60})>/g;

export function detectOcrShapes(text: string): Detection[] {
  const out: Detection[] = [];
  if (text.includes(":")) {
    for (const m of text.matchAll(URL_LOGIN)) {
      const scheme = m[1] ?? ""; // OCR may lose the scheme ("URL: ://app:…@db"): the "@" still ends a login
      const rest = m[3]!;
      const restStart = m.index! + m[0].length - rest.length;
      const at = rest.lastIndexOf("@");
      if (PORT.test(rest)) continue;
      if (at > 0) out.push({ type: "SECRET", start: restStart, end: restStart + at, confidence: 0.9 });
      else if (at < 0 && LOGIN_SCHEME.test(scheme) && !/\./.test(m[2]!)) {
        // No "@" left to end it: the password and the host OCR glued to it go together.
        out.push({ type: "SECRET", start: restStart, end: restStart + rest.length, confidence: 0.8 });
      }
    }
  }
  if (text.includes("@") && text.includes(":")) {
    for (const m of text.matchAll(URL_LOGIN_SPACED)) {
      if (!/[ \t]/.test(m[0].slice(1))) continue; // read without blanks: URL_LOGIN has it
      const value = m[1]!;
      const start = m.index! + m[0].length - 1 - value.length;
      out.push({ type: "SECRET", start, end: start + value.length, confidence: 0.85 });
    }
  }
  if (/[?&;]/.test(text)) {
    for (const m of text.matchAll(QUERY_SECRET)) {
      const value = m[1]!;
      const start = m.index! + m[0].length - value.length;
      out.push({ type: "SECRET", start, end: start + value.length, confidence: 0.85 });
    }
  }
  for (const m of text.matchAll(IBAN_SHAPE)) {
    const length = IBAN_LENGTHS[m[1]!];
    if (length !== undefined && m[0].replace(/ /g, "").length === length) out.push({ type: "IBAN", start: m.index!, end: m.index! + m[0].length, confidence: 0.8 });
  }
  for (const m of text.matchAll(MISREAD_TRUNK)) {
    if (SLOVENIAN_WITH_TRUNK.test("0" + m[0].slice(1).replace(/ /g, ""))) out.push({ type: "PHONE", start: m.index!, end: m.index! + m[0].length, confidence: 0.7 });
  }
  if (text.includes("(")) for (const m of text.matchAll(NANP_SHAPE)) out.push({ type: "PHONE", start: m.index!, end: m.index! + m[0].length, confidence: 0.75 });
  for (const m of text.matchAll(PROVIDER_GLUED)) out.push({ type: "EMAIL", start: m.index!, end: m.index! + m[0].length, confidence: 0.75 });
  if (text.includes("<")) {
    if (text.includes("@")) for (const m of text.matchAll(BRACKETED_AT)) out.push({ type: "EMAIL", start: m.index! + 1, end: m.index! + 1 + m[1]!.length, confidence: 0.8 });
    for (const m of text.matchAll(BRACKETED)) {
      const inner = m[1]!;
      // A tag or a placeholder ("<div.md>", "<file.txt>") has no dot before its last part's dot.
      if (!/[A-Za-z0-9]{2,}[._'-]/.test(inner.slice(0, inner.lastIndexOf(".")))) continue;
      out.push({ type: "EMAIL", start: m.index! + 1, end: m.index! + 1 + inner.length, confidence: 0.8 });
    }
  }
  return out;
}
