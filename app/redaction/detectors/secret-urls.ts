import type { Detection } from "../types";
import { presentMarkers } from "./candidate-scan";
import { isPublishableKey } from "./secret-shapes";

/**
 * Secrets carried by URLs and HTTP headers, found by literal anchors (indexOf or a regex that
 * starts with a literal), each repetition bounded:
 * - webhook URLs that are a credential by themselves (Slack, Teams, Discord), and the links of
 *   secret-sharing services (Bitwarden Send, 1Password, Password Pusher, Yopass, One-Time Secret,
 *   Privnote): replaced whole, because anyone holding the URL can post or read;
 * - the key of a DSN ("https://<key>@o1.ingest.sentry.io/42") and a password with no user
 *   ("redis://:<password>@cache:6379");
 * - signature and token parameters of signed URLs (X-Amz-Signature, X-Goog-Signature, sig=, token=);
 * - cookie values in Cookie and Set-Cookie headers, and the value of an Authorization header.
 */

const BEARER_URLS: readonly { marker: string; pattern: RegExp }[] = [
  { marker: "hooks.slack.com/", pattern: /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers|actions)\/[A-Za-z0-9_/-]{8,300}/g },
  { marker: ".webhook.office.com/", pattern: /https?:\/\/[A-Za-z0-9-]{1,63}\.webhook\.office\.com\/[^\s"'<>)\]]{8,800}/g },
  { marker: "outlook.office.com/webhook", pattern: /https?:\/\/outlook\.office(?:365)?\.com\/webhook\/[^\s"'<>)\]]{8,800}/g },
  { marker: "hooks.zapier.com/", pattern: /https?:\/\/hooks\.zapier\.com\/hooks\/catch\/\d{3,20}\/[A-Za-z0-9]{4,40}\/?/g },
  { marker: "maker.ifttt.com/", pattern: /https?:\/\/maker\.ifttt\.com\/trigger\/[^\s/"'<>]{1,100}\/(?:json\/)?with\/key\/[A-Za-z0-9_-]{10,100}/g },
  { marker: ".make.com/", pattern: /https?:\/\/hook\.[a-z0-9]{2,6}\.make\.com\/[A-Za-z0-9]{16,64}/g },
  { marker: "/api/webhooks/", pattern: /https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{8,200}/g },
  // The links of secret-sharing services carry the key that opens the secret (often in the
  // fragment): Bitwarden Send, 1Password's shared items, Password Pusher, Yopass, One-Time Secret, Privnote.
  { marker: "send.bitwarden.com/", pattern: /https?:\/\/send\.bitwarden\.com\/#[A-Za-z0-9_/-]{8,300}/g },
  { marker: "bitwarden.com/#/send/", pattern: /https?:\/\/vault\.bitwarden\.(?:com|eu)\/#\/send\/[A-Za-z0-9_/-]{8,300}/g },
  { marker: "share.1password.com/", pattern: /https?:\/\/share\.1password\.com\/s#[A-Za-z0-9_=&/-]{8,600}/g },
  { marker: "pwpush.com/", pattern: /https?:\/\/(?:[a-z]{2,3}\.)?pwpush\.com\/(?:en\/)?(?:p|f|r)\/[A-Za-z0-9_-]{8,100}(?:\/r)?/g },
  { marker: "yopass.se/", pattern: /https?:\/\/(?:www\.)?yopass\.se\/#\/(?:s|c|f|d)\/[A-Za-z0-9_/-]{8,300}/g },
  { marker: "onetimesecret.com/", pattern: /https?:\/\/(?:[a-z]{2}\.)?onetimesecret\.com\/(?:secret|private)\/[A-Za-z0-9]{8,100}/g },
  { marker: "privnote.com/", pattern: /https?:\/\/privnote\.com\/[A-Za-z0-9]{6,40}#[A-Za-z0-9]{6,60}/g },
];

/** scheme://key@host (a DSN) or scheme://:password@host: the userinfo has no "user:password" pair. */
/** A comma ends the URL: a CSV row's next cell may be an e-mail address ("https://site.com,ana@x.si"). */
const USERINFO_WITHOUT_PAIR = /(:?)([^\s:/@?#"'<>,]{1,256})@[A-Za-z0-9.-]{1,253}/y;

/**
 * Query parameters whose value is a signature or a bearer credential. Names compared in lower case.
 * "X-Amz-Credential" holds the access key id and its scope; the signature alone is not enough
 * to replay without it, but together they are, so both go.
 */
const SIGNED_PARAMETERS = new Set([
  "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature", "x-goog-credential",
  "signature", "sig", "token", "access_token", "id_token", "refresh_token", "auth", "auth_token", "apikey",
  "api_key", "api-key", "key", "code", "client_secret", "secret", "password", "passwd", "pwd", "jwt", "session",
  "sessionid", "session_id", "sid", "hmac", "policy", "key-pair-id", "otp", "reset_token", "ticket", "st",
  "reset_password_token", "password_reset_token", "confirmation_token", "invitation_token", "rlkey",
]);
/** Parameters whose short or word-like values are still credentials. */
const ALWAYS_SECRET = new Set(["password", "passwd", "pwd", "client_secret", "secret"]);
const QUERY_PARAMETER = /[?&]([A-Za-z][A-Za-z0-9_-]{0,30})=([^\s&#"'<>]{1,4096})/g;

/**
 * A one-time token as a path segment: "/password/reset/9f3b…", "/reset-password/<token>",
 * "/verify-email/<token>", "/invite/<token>", "/magic-link/<token>": whoever holds the link can use it.
 * The segment must look generated (an id like "/reset/42" or "/activate/account" stays).
 */
const TOKEN_IN_PATH = /\/(?:reset|password[_-]?reset|reset[_-]?password|pwreset|recover|recovery|verify|verify[_-]?email|verification|activate|activation|confirm|confirmation|invite|invitation|magic[_-]?link|login[_-]?link|one[_-]?time[_-]?login|set[_-]?password|new[_-]?password)\/([A-Za-z0-9_-]{16,256})(?![A-Za-z0-9_-])/gi;

/**
 * A webhook's signature header ("X-Hub-Signature-256: sha256=…", "Stripe-Signature: t=…,v1=…",
 * "X-Shopify-Hmac-Sha256: …"): the HMAC of the body under the shared secret. Each long generated
 * part of the value goes; "t=1492774577" and "sha256=" stay.
 */
const SIGNATURE_HEADER = /(?:signature|hmac)(?:-sha\d{1,3}|-\d{3})?[ \t]*:[ \t]*([^\r\n]{16,1024})/gi;
const SIGNATURE_PART = /(?:^|[=,; \t])([A-Za-z0-9+/_-]{24,512}={0,2})(?![A-Za-z0-9+/=_-])/g;
/** HTTP Digest's response="…": the hash of the password with the nonce, replayable while the nonce lives. */
const DIGEST_RESPONSE = /(?<![\w-])response="([0-9a-f]{32,128})"/g;

/** "Cookie: a=1; b=2" (request) and "Set-Cookie: a=1; Path=/" (response), at a line start or after a quote or "-H". */
const COOKIE_HEADER = /(?<![\w-])(set-)?cookie[ \t]*:[ \t]*([^\r\n"']{1,8192})/giy;
const COOKIE_PAIR = /([^\s=;,]{1,128})=("?)([^;\s",]{1,4096})\2/g;
/** Cookie values that are preferences, not credentials: "lang=sl", "theme=dark". */
const HARMLESS_COOKIE = /^(?:lang|language|locale|theme|tz|timezone|currency|country|consent|cookie_?consent|_ga|_gid|_gat|_fbp|ajs_anonymous_id)$/i;
const CREDENTIAL_COOKIE = /sess|sid|token|auth|jwt|csrf|xsrf|remember|login|key|secret|user/i;

/** "Authorization: Token abc…", "Basic …", "Digest …": the value after the scheme, whatever it decodes to. */
const AUTHORIZATION = /(?<![\w-])(?:proxy-)?authorization[ \t]*:[ \t]*(?:([A-Za-z][A-Za-z0-9_-]{1,20})[ \t]+)?([^\s"']{8,4096})/giy;

export function detectSecretsInUrls(text: string): Detection[] {
  const detections: Detection[] = [];
  const push = (start: number, end: number, confidence: number) => {
    if (end > start) detections.push({ type: "SECRET", start, end, confidence });
  };
  const present = presentMarkers(text, BEARER_URLS);
  for (const { marker, pattern } of BEARER_URLS) {
    if (!present.has(marker)) continue;
    pattern.lastIndex = 0;
    for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) push(hit.index, hit.index + trimUrl(hit[0]).length, 0.99);
  }
  for (let at = text.indexOf("://"); at !== -1; at = text.indexOf("://", at + 3)) {
    USERINFO_WITHOUT_PAIR.lastIndex = at + 3;
    const userinfo = USERINFO_WITHOUT_PAIR.exec(text);
    if (userinfo === null) continue;
    const start = at + 3 + userinfo[1]!.length;
    const value = userinfo[2]!;
    if (userinfo[1] === ":" || looksLikeKey(value)) push(start, start + value.length, 0.95);
  }
  if (text.includes("=") && (text.includes("?") || text.includes("&"))) {
    QUERY_PARAMETER.lastIndex = 0;
    for (let hit = QUERY_PARAMETER.exec(text); hit !== null; hit = QUERY_PARAMETER.exec(text)) {
      const name = hit[1]!.toLowerCase();
      if (!SIGNED_PARAMETERS.has(name)) continue;
      const value = trimUrl(hit[2]!);
      if (!ALWAYS_SECRET.has(name) && !looksLikeKey(value) && !(name.includes("sig") && value.length >= 8)) continue;
      const start = hit.index + hit[0].length - hit[2]!.length;
      push(start, start + value.length, 0.9);
    }
  }
  if (text.includes("/")) {
    for (const hit of text.matchAll(TOKEN_IN_PATH)) {
      const value = hit[1]!;
      if (!looksLikeKey(value) && !/^[0-9a-f]{20,}$/i.test(value)) continue;
      const start = hit.index + hit[0].length - value.length;
      push(start, start + value.length, 0.9);
    }
  }
  if (text.includes("ignature") || text.includes("mac") || text.includes("MAC")) {
    for (const header of text.matchAll(SIGNATURE_HEADER)) {
      const before = header.index === 0 ? "\n" : text[header.index - 1]!;
      if (!/[\s"'-]/.test(before)) continue; // "X-Hub-Signature-256:", "X-Shopify-Hmac-Sha256:", not "mysignature:"
      const valuesStart = header.index + header[0].length - header[1]!.length;
      for (const part of header[1]!.matchAll(SIGNATURE_PART)) {
        const value = part[1]!;
        if (!looksLikeKey(value) && !/^[0-9a-f]{32,}$/i.test(value)) continue;
        const start = valuesStart + part.index + part[0].length - value.length;
        push(start, start + value.length, 0.9);
      }
    }
  }
  if (text.includes("Digest")) {
    for (const match of text.matchAll(DIGEST_RESPONSE)) {
      const start = match.index + match[0].length - 1 - match[1]!.length;
      push(start, start + match[1]!.length, 0.9);
    }
  }
  // A header's value runs to its line end: a "Cookie:" inside an earlier value was read with it.
  let readUntil = 0;
  for (const start of headerStarts(text, "ookie")) {
    if (start < readUntil) continue;
    COOKIE_HEADER.lastIndex = start;
    const header = COOKIE_HEADER.exec(text);
    if (header === null) continue;
    readUntil = header.index + header[0].length;
    const isSetCookie = header[1] !== undefined;
    const valuesStart = header.index + header[0].length - header[2]!.length;
    COOKIE_PAIR.lastIndex = 0;
    for (let pair = COOKIE_PAIR.exec(header[2]!); pair !== null; pair = COOKIE_PAIR.exec(header[2]!)) {
      const [, name, quote, value] = pair;
      if (isSetCookie && pair.index > 0) break; // the attributes after the first pair (Path, Expires) stay
      if (HARMLESS_COOKIE.test(name!)) continue;
      if (!CREDENTIAL_COOKIE.test(name!) && !looksLikeKey(value!) && value!.length < 16) continue;
      const start = valuesStart + pair.index + name!.length + 1 + quote!.length;
      push(start, start + value!.length, 0.9);
    }
  }
  readUntil = 0;
  for (const start of headerStarts(text, "uthorization")) {
    if (start < readUntil) continue;
    AUTHORIZATION.lastIndex = start;
    const header = AUTHORIZATION.exec(text);
    if (header === null) continue;
    readUntil = header.index + header[0].length;
    const value = header[2]!.replace(/[.,;]+$/, "");
    const begin = header.index + header[0].length - header[2]!.length;
    push(begin, begin + value.length, 0.9);
  }
  return detections;
}

/**
 * Where a header name ending in `tail` ("ookie", "uthorization") may start: the tail is found
 * with a case-insensitive literal scan, and the header starts at the word before it.
 */
function headerStarts(text: string, tail: string): number[] {
  const starts: number[] = [];
  const lower = tail === "ookie" ? COOKIE_TAIL : AUTHORIZATION_TAIL;
  lower.lastIndex = 0;
  for (let hit = lower.exec(text); hit !== null; hit = lower.exec(text)) {
    let start = hit.index - 1; // the "c" or "a" before the tail
    if (start < 0) continue;
    const before = text.slice(Math.max(0, start - 6), start).toLowerCase();
    if (before.endsWith("proxy-")) start -= 6;
    else if (before.endsWith("set-")) start -= 4;
    starts.push(start);
  }
  return starts;
}
const COOKIE_TAIL = /ookie[ \t]*:/gi;
const AUTHORIZATION_TAIL = /uthorization[ \t]*:/gi;

/** Long and mixed: a generated key, not a word, a path or a plain number. */
function looksLikeKey(value: string): boolean {
  if (value.length < 12 || isPublishableKey(value)) return false;
  const letters = /[A-Za-z]/.test(value);
  const digits = /\d/.test(value);
  return (letters && digits) || (value.length >= 24 && /^[A-Za-z0-9_+/=%.-]+$/.test(value) && letters);
}

/** A URL's end in prose: a closing bracket or the sentence's full stop is not part of it. */
function trimUrl(url: string): string {
  return url.replace(/[.,;:!?)\]}>]+$/, "");
}

/**
 * A key standing alone after its label: "API key: 9f86d0…", "ključ je 3b1f…", "token 8c1f…",
 * "tajni ključ API: 9f86…" (up to two words between the label and its colon), "client secret 8c1f…",
 * "AWS Secret Access Key [None]: wJalr…" (the prompt of aws configure shows the old value in brackets).
 * The label finds the candidates; the value must look generated (see looksLikeKey), so
 * "key: the red one" and "token expired" stay.
 */
/** …and a personal access token by its abbreviation ("Old PAT was 7kq2xm…", "GitLab PAT: glpat-…"), upper case only. */
const KEY_LABEL = /key|ključ|kljuc|token|žeton|secret|skrivnost|(?<![A-Za-z])PATs?(?![A-Za-z])/gi;
const VALUE_AFTER_LABEL = /[ \t]{0,3}(?:\([^)\n]{1,30}\)[ \t]{0,3}|\[[^\]\n]{1,30}\][ \t]{0,3}|(?:[ \t]+(?!(?:fingerprint|id|ids|hash|name|type|format|length|size|prstni|odtis)\b)[\p{L}-]{2,15}){1,2}[ \t]*(?=[:=]|(?:je|is|was)[ \t]))?(?:[:=]|je|is|was)?[ \t]{0,3}["'`]?([A-Za-z0-9][A-Za-z0-9_+/=.~-]{15,511})/uy;

const GLUED_KEY_WORD = /^(?:KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|DSN)[-=](?=[A-Za-z0-9])/;

export function detectLabelledKeys(text: string): Detection[] {
  const detections: Detection[] = [];
  KEY_LABEL.lastIndex = 0;
  for (let label = KEY_LABEL.exec(text); label !== null; label = KEY_LABEL.exec(text)) {
    const start = label.index;
    const end = start + label[0].length;
    if (/^pats?$/i.test(label[0]) && !/^PATs?$/.test(label[0])) continue; // "pat" is a word; PAT is the token
    if (start > 0 && /[\p{L}\d_-]/u.test(text[start - 1]!)) continue; // "SORT_KEY" is a config key, handled elsewhere
    if (end < text.length && /[\p{L}\d_]/u.test(text[end]!)) continue; // "keyboard", "tokens"
    VALUE_AFTER_LABEL.lastIndex = end;
    const value = VALUE_AFTER_LABEL.exec(text);
    if (value === null) continue;
    // "STRIPE SECRET KEY-sk_live_…": OCR read an env line's "_" as blanks and "=" as "-", so the
    // label's last word came glued to the value; it is the key's name, not part of the secret
    const glued = GLUED_KEY_WORD.exec(value[1]!)?.[0].length ?? 0;
    const raw = value[1]!.slice(glued).replace(/[.,;:]+$/, "");
    if (!looksLikeKey(raw) || !/\d/.test(raw)) continue;
    const from = value.index + value[0].length - value[1]!.length + glued;
    detections.push({ type: "SECRET", start: from, end: from + raw.length, confidence: 0.85 });
    KEY_LABEL.lastIndex = from + raw.length;
  }
  return detections;
}
