import type { Detection } from "../types";
import { presentMarkers, scanAll, scanBefore } from "./candidate-scan";
import { lineBreakWithin } from "./context";
import { groupLeadingAlternation } from "./grouped-alternation";

/**
 * Secret shapes read from how providers and tools write them (issue 18), each found from a
 * literal anchor with bounded repetitions:
 * - provider tokens that carry a documented prefix (GitLab glpat-, Docker dckr_pat_, npm_, PyPI
 *   pypi-AgE, Hugging Face hf_, Shopify shpat_, DigitalOcean dop_v1_, SendGrid SG.x.y, Slack app
 *   xapp-, Stripe webhook whsec_, Mailgun key-, Vault hvs., Telegram bot id:AA…, …), whole;
 * - XML configuration: `<password>X</password>`, `<add key="…ApiKey" value="X"/>`,
 *   `<property name="password" value="X"/>`;
 * - Azure connection strings: AccountKey=, SharedAccessKey=, SharedAccessSignature=;
 * - command lines: `curl -u user:X`, `docker login -p X`, `sshpass -p X`, Oracle `user/X@db`;
 * - Postfix sasl_passwd lines and SMTP AUTH PLAIN in protocol logs;
 * - recovery and backup codes listed under their label ("Obnovitvene kode za 2FA:"),
 *   and BitLocker recovery keys (eight groups of six digits).
 * Publishable keys (Stripe pk_live_/pk_test_) are public by design: `isPublishableKey` lets the
 * other secret detectors leave them.
 */

/** `dashAt`: every match has a "-" this many units from its start, where its candidates are found (no literal start). */
const PROVIDER_TOKENS: readonly { marker: string; pattern: RegExp; dashAt?: number }[] = [
  { marker: "gl", pattern: /(?<![\w-])gl(?:pat|ptt|rt|dt|soat|cbt|imt|agent|ft)-[A-Za-z0-9_-]{20,255}(?![\w-])/g },
  { marker: "dckr_", pattern: /(?<![\w-])dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,255}(?![\w-])/g },
  { marker: "npm_", pattern: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![\w-])/g },
  { marker: "pypi-", pattern: /(?<![\w-])pypi-AgE[A-Za-z0-9_-]{50,1000}(?![\w-])/g },
  { marker: "hf_", pattern: /(?<![\w-])hf_[A-Za-z0-9]{30,64}(?![\w-])/g },
  { marker: "shp", pattern: /(?<![\w-])shp(?:at|ss|ca|pa)_[A-Fa-f0-9]{32}(?![\w-])/g },
  { marker: "_v1_", pattern: /(?<![\w-])do[opr]_v1_[a-f0-9]{64}(?![\w-])/g },
  { marker: "SG.", pattern: /(?<![\w.-])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}(?![\w-])/g },
  { marker: "xapp-", pattern: /(?<![\w-])xapp-\d-[A-Z0-9]{6,20}-\d{6,20}-[a-z0-9]{32,80}(?![\w-])/g },
  { marker: "whsec_", pattern: /(?<![\w-])whsec_[A-Za-z0-9+/=]{24,128}(?![\w-])/g },
  { marker: "key-", pattern: /(?<![\w-])key-[a-f0-9]{32}(?![\w-])/g },
  { marker: "hv", pattern: /(?<![\w.-])hv[sbr]\.[A-Za-z0-9_-]{24,255}(?![\w-])/g },
  { marker: "ya29.", pattern: /(?<![\w.-])ya29\.[A-Za-z0-9_-]{20,2048}(?![\w-])/g },
  { marker: "1//", pattern: /(?<![\w/])1\/\/0[A-Za-z0-9_-]{30,512}(?![\w-])/g },
  { marker: ":AA", pattern: /(?:(?<=\/bot)|(?<![\w:]))\d{8,10}:AA[A-Za-z0-9_-]{30,40}(?![\w-])/g }, // also in the Bot API's URL: /bot<token>/getUpdates
  { marker: "ATATT", pattern: /(?<![\w-])ATATT[A-Za-z0-9_=-]{50,400}(?![\w-])/g },
  { marker: "lin_api_", pattern: /(?<![\w-])lin_api_[A-Za-z0-9]{32,64}(?![\w-])/g },
  { marker: "xkeysib-", pattern: /(?<![\w-])xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![\w-])/g },
  { marker: "sntry", pattern: /(?<![\w-])sntry[su]_[A-Za-z0-9+/=_-]{40,400}(?![\w-])/g },
  { marker: "tskey-", pattern: /(?<![\w-])tskey-(?:api|auth|client)-[A-Za-z0-9-]{16,128}(?![\w-])/g },
  { marker: "glsa_", pattern: /(?<![\w-])glsa_[A-Za-z0-9_]{32,64}(?![\w-])/g },
  { marker: "sq0", pattern: /(?<![\w-])sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}(?![\w-])/g },
  { marker: "AGE-SECRET-KEY-", pattern: /AGE-SECRET-KEY-1[A-Z0-9]{50,70}/g },
  { marker: "ntn_", pattern: /(?<![\w-])ntn_[A-Za-z0-9]{40,60}(?![\w-])/g },
  { marker: "figd_", pattern: /(?<![\w-])figd_[A-Za-z0-9_-]{30,60}(?![\w-])/g },
  { marker: "pscale_", pattern: /(?<![\w-])pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{30,64}(?![\w-])/g },
  // Product and licence keys: five groups of five (Windows, Office, many licence servers)
  { marker: "-", pattern: /(?<![\w-])[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}(?![\w-])/g, dashAt: 5 },
  { marker: "EAA", pattern: /(?<![\w-])EAA[A-Za-z0-9]{80,400}(?![\w-])/g },
  // Further documented prefixes (gitleaks and trufflehog rule sets): Twilio API key SK+32 hex,
  // Doppler, New Relic, Google OAuth client secret, Postman, RubyGems, Clojars, Heroku, Mapbox
  // secret (sk.; pk. is public), Supabase, Vercel, Replicate, Notion, Airtable, Groq, Fly.io.
  { marker: "SK", pattern: /(?<![\w-])SK[0-9a-f]{32}(?![\w-])/g },
  { marker: "dp.", pattern: /(?<![\w.-])dp\.(?:st|pt|ct|sa|scim|audit)\.[A-Za-z0-9_-]{20,80}(?![\w-])/g },
  { marker: "NR", pattern: /(?<![\w-])NR(?:AK|AA|II|JS)-[A-Z0-9]{19,40}(?![\w-])/g },
  { marker: "GOCSPX-", pattern: /(?<![\w-])GOCSPX-[A-Za-z0-9_-]{20,40}(?![\w-])/g },
  { marker: "PMAK-", pattern: /(?<![\w-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![\w-])/gi },
  { marker: "rubygems_", pattern: /(?<![\w-])rubygems_[a-f0-9]{48}(?![\w-])/g },
  { marker: "CLOJARS_", pattern: /(?<![\w-])CLOJARS_[a-z0-9]{60}(?![\w-])/gi },
  { marker: "HRKU-", pattern: /(?<![\w-])HRKU-[A-Za-z0-9_-]{30,80}(?![\w-])/g },
  { marker: "sk.eyJ", pattern: /(?<![\w.-])sk\.eyJ[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{16,64}(?![\w-])/g },
  { marker: "sbp_", pattern: /(?<![\w-])sbp_[a-f0-9]{40}(?![\w-])/g },
  { marker: "vercel_", pattern: /(?<![\w-])vercel_[A-Za-z0-9]{20,64}(?![\w-])/g },
  { marker: "r8_", pattern: /(?<![\w-])r8_[A-Za-z0-9]{37}(?![\w-])/g },
  { marker: "secret_", pattern: /(?<![\w-])secret_[A-Za-z0-9]{43}(?![\w-])/g },
  { marker: "ntn_", pattern: /(?<![\w-])ntn_[A-Za-z0-9]{40,60}(?![\w-])/g },
  { marker: "pat", pattern: /(?<![\w-])pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![\w-])/g },
  { marker: "gsk_", pattern: /(?<![\w-])gsk_[A-Za-z0-9]{48,56}(?![\w-])/g },
  { marker: "fm2_", pattern: /(?<![\w-])fm[12][ar]?_[A-Za-z0-9+/=_-]{40,1000}(?![\w-])/g },
  { marker: "v1.0-", pattern: /(?<![\w.-])v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![\w-])/g },
];

/** Stripe's publishable keys go into web pages: an identifier, not a secret. */
export function isPublishableKey(value: string): boolean {
  return /^pk_(?:live|test)_/.test(value);
}

const SECRET_WORD = String.raw`(?:[A-Za-z0-9_.:-]{0,40}(?:password|passwd|pwd|secret|token|api_?key|apikey|access_?key|private_?key|credential|auth_?key|connection_?string)[A-Za-z0-9_.:-]{0,40})`;
/** `<password>X</password>`, `<ns:ApiKey>X</ns:ApiKey>`, FileZilla's `<Pass encoding="base64">X</Pass>`. */
const XML_ELEMENT = new RegExp(String.raw`<(${SECRET_WORD}|pass)(?:[ \t][^>\n]{0,100})?>([^<\n]{4,300})</\1>`, "giy");
/** `<add key="PaymentApiKey" value="X" />`, `<property name="password" value="X"/>`, `<entry key="db.password">`. */
const XML_PAIR = new RegExp(String.raw`(?:key|name)[ \t]*=[ \t]*"(${SECRET_WORD}|[A-Za-z0-9_.:-]{0,40}key)"[ \t]+value[ \t]*=[ \t]*"([^"\n]{4,300})"`, "giy");
/**
 * `<add key="SmsGatewayKey" value="smsapi_Tq4W…" />`: a name that only ends in "key" (SortKey,
 * CacheKey name ordinary things) holds a secret when its value looks generated.
 */
const NAMED_BY_KEY_ALONE = new RegExp(String.raw`^(?!${SECRET_WORD}$)`, "i");
const GENERATED_VALUE = /^(?=[^\d]*\d)(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9_+/=.-]{16,}$/;
const PUBLIC_NAME = /public|publishable|site[_.-]?key|recaptcha/i;
/** Names that describe the secret rather than hold it (PasswordMinLength, TokenLifetime). */
const DESCRIBES_SECRET = /(?:name|file|path|url|uri|host|port|ttl|expiry|expires|expiration|length|len|min|max|enabled|type|id|header|lifetime|timeout|count|prefix|format|policy|provider|mode)$/i;
/** What templates and docs put where a secret goes (${VAR}, <token>, %VAR%, changeme, ****), or a flag word. */
export const PLACEHOLDER = /^(?:\$\{[^}]*\}|\$\([^)]*\)|\$[A-Z_]+|<[^>]*>|\{\{[^}]*\}\}|%[A-Za-z_]+%|#\{[^}]*\}|\*+|x+|changeme|change_me|changeit|your[_-]?\w*|placeholder|secret|password|todo|tbd|null|none|true|false|yes|no|required|optional|\d{1,6})$/i;

/** Azure connection strings name their parts in PascalCase, separated by ";". */
const CONNECTION_KEY = /(?<![\w])(?:AccountKey|SharedAccessKey|SharedAccessSignature|SharedSecret|ClientSecret|ApiKey|AccessKey)[ \t]*=[ \t]*([^;&\s"'<>]{8,1024})/g;

/** curl -u user:password, curl --user user:password, curl --proxy-user …; wget --http-password is a flag (secret-config). */
const CURL_USER = /(?<![\w-])(?:-u|--user|--proxy-user|-U|--auth|-a)(?:[ \t]+|=)["']?[^\s:"']{1,64}:([^\s"']{1,128})/g;
/** docker/podman/helm login … -p X; sshpass -p X. */
const LOGIN_P = /(?<![\w-])(?:(?:docker|podman|nerdctl|buildah|skopeo|helm)(?:[ \t]+registry)?[ \t]+login|sshpass)(?![\w-])[^\n]{0,160}?[ \t](?:-p|--password)(?:[ \t]+|=)(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|([^\s"'<>]{1,200}))/g;
/** jdbc:oracle:thin:scott/tiger@db, sqlplus scott/tiger@db. */
const ORACLE_USER_PASSWORD = /(?:jdbc:oracle:(?:thin|oci):|(?<![\w-])(?:sqlplus|rman|expdp|impdp|exp|imp)[ \t]+(?:-s[ \t]+)?)[^\s/@:]{1,64}\/([^\s@"']{1,128})@/gi;

/** BitLocker: eight groups of six digits. */
const BITLOCKER = /(?<![\d-])\d{6}(?:-\d{6}){7}(?![\d-])/g;
/** The label above or before a list of one-time recovery codes. */
// Grouped by first letter (groupLeadingAlternation): V8 tries a plain alternation's words one by one at every position.
const RECOVERY_LABEL = groupLeadingAlternation(/(?:recovery|backup|rescue|emergency|obnovitven\p{L}*|rezervn\p{L}*|varnostn\p{L}*|Wiederherstellungs|Backup-|oporavk\p{L}*|pričuvn\p{L}*)[ \t-]*(?:kod\p{L}*|codes?|Codes?)/giu);
/** One code: 4–12 letters and digits, possibly in dash- or space-separated groups, with at least one digit. */
const CODE = /^(?:[A-Za-z0-9]{3,6}(?:[- ][A-Za-z0-9]{3,6}){0,3}|[A-Za-z0-9]{6,12})$/;

/** Docker's config.json ("auth": base64 of user:password) and .npmrc (_auth=base64 of the same). */
const DOCKER_AUTH = /(?:"auth"[ \t]*:[ \t]*"|(?<![\w-])_auth[ \t]*=[ \t]*"?)([A-Za-z0-9+/]{8,4096}={0,2})(?![A-Za-z0-9+/=])/g;
/** The Wi-Fi QR code payload: WIFI:T:WPA;S:<network>;P:<password>;; (the fields in any order). */
const WIFI_QR = /WIFI:(?:[TSHE]:(?:[^;\\\n]|\\.){0,64};){0,4}P:((?:[^;\\\n]|\\.){1,64});/g;
/**
 * Postfix's sasl_passwd: "[smtp.example.com]:587 user@example.com:password" (the relay host in
 * brackets). A log line's "[app.worker] job:started" has neither the port nor an address.
 */
const SASL_PASSWD_LINE = /^[ \t]*\[[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\](?::\d{1,5}[ \t]+[^\s:]{1,128}|[ \t]+[^\s:@]{1,64}@[^\s:]{1,128}):(\S{1,256})[ \t]*$/gm;
/** SMTP AUTH PLAIN (RFC 4616): base64 of "authzid NUL user NUL password", as mail servers' protocol logs show it. */
const AUTH_PLAIN = /(?<![\w-])AUTH[ \t]+PLAIN[ \t]+([A-Za-z0-9+/]{8,1024}={0,2})(?![\w+/=])/g;
/** A ~/.pgpass line: host:port:database:user:password. */
const PGPASS_LINE = /^[ \t]*[\w.*-]{1,253}:(?:\d{1,5}|\*):[\w.*-]{1,63}:[\w.*@-]{1,63}:(\S{1,256})[ \t]*$/gm;
/**
 * A webhook URL of a chat or automation service not named in secret-urls.ts (Mattermost,
 * Rocket.Chat, self-hosted): a /hooks/ or /webhook(s)/ path whose segment is a generated key
 * is a credential by itself, replaced whole.
 */
const GENERIC_WEBHOOK = /https?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?\/(?:[\w.-]{1,40}\/){0,3}(?:hooks|webhooks?)\/[^\s"'<>)\]]{16,400}/g;

/**
 * A session id or an anti-forgery token in a log line or a form ("session_id=9a8b…", "JSESSIONID:
 * 1A2B…", "sid=…", logfmt's "session=4b1f…", "csrf_token=…"): whoever holds it is logged in. Letters mixed with digits, 12 or more; "session=<kX3p…>" (a mail
 * server's tag in angle brackets) is not one.
 */
const SESSION_ID = /(?<![\w-])(?:session[_-]?(?:id|key|token)|sessid|sessionid|jsessionid|phpsessid|aspsessionid\w{0,8}|sid|session(?=[ \t]*=)|csrf[_-]?token|xsrf[_-]?token)[ \t]*[=:][ \t]*["']?([A-Za-z0-9%._~+/-]{12,256})/gi;
/**
 * Password hashes of an htpasswd or shadow file line ("admin:$apr1$…", "deploy:{SHA}…",
 * "root:$6$…:19000:0:…"): crackable offline, so they go with the password.
 */
const PASSWORD_HASH_LINE = /^[ \t]*[\w.@-]{1,64}:((?:\$(?:apr1|2[abxy]?|1|5|6|y|argon2id?|sha512|md5)\$|\{SHA\}|\{SSHA\})[^\s:]{8,256})/gm;
/**
 * The same hashes pasted anywhere ("Rok: rok:$apr1$3Dx…$Lk7…", a chat line, a log): the "$id$salt$hash"
 * layout of crypt(3) and Apache's apr1, bcrypt's "$2y$10$", argon2's "$argon2id$v=19$" and LDAP's
 * "{SSHA}…" (userPassword). A price
 * ("$1$2") lacks the salt and the long hash after it.
 */
const CRYPT_HASH = /(?<![\w$])(?:\$(?:apr1|1|5|6|md5|sha512)\$(?:rounds=\d{1,7}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{16,128}|\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$v=\d{1,3}\$[\w=,$+/]{20,256}|\$y\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{1,32}\$[./A-Za-z0-9]{20,128}|\{(?:S?SHA(?:256|384|512)?|S?MD5|CRYPT|PBKDF2(?:-SHA\d{1,3})?|ARGON2)\}[A-Za-z0-9+/.$=]{16,256})/g;
/** A PuTTY .ppk file: the lines under "Private-Lines: N" are the private key. */
const PPK_PRIVATE = /Private-Lines:[ \t]*(\d{1,3})[ \t]*\r?\n/g;

export function detectSecretShapes(text: string): Detection[] {
  const detections: Detection[] = [];
  const push = (start: number, end: number, confidence: number) => {
    if (end > start) detections.push({ type: "SECRET", start, end, confidence });
  };
  const present = presentMarkers(text, PROVIDER_TOKENS);
  for (const { marker, pattern, dashAt } of PROVIDER_TOKENS) {
    if (!present.has(marker)) continue;
    // Led by a lookbehind, a pattern run over the whole text is tried at every position; these
    // find the same matches from its literal starts (a marker like "gl" stands in most texts).
    for (const hit of dashAt === undefined ? scanAll(pattern, text) : scanBefore(pattern, text, "-", dashAt)) {
      if (/\d/.test(hit[0]) || hit[0].length >= 40) push(hit.index, hit.index + hit[0].length, 0.98);
    }
  }
  if (text.includes("</")) {
    for (let at = text.indexOf("<"); at !== -1; at = text.indexOf("<", at + 1)) {
      XML_ELEMENT.lastIndex = at;
      const element = XML_ELEMENT.exec(text);
      if (element === null) continue;
      const value = element[2]!.trim();
      if (DESCRIBES_SECRET.test(element[1]!) || PLACEHOLDER.test(value) || isPublishableKey(value)) continue;
      const start = element.index + element[0].indexOf(">") + 1 + element[2]!.indexOf(value);
      push(start, start + value.length, 0.85);
    }
  }
  if (/value[ \t]*=/i.test(text)) {
    for (let at = firstKeyAttribute(text, 0); at !== -1; at = firstKeyAttribute(text, at + 1)) {
      XML_PAIR.lastIndex = at;
      const pair = XML_PAIR.exec(text);
      if (pair === null) continue;
      const value = pair[2]!;
      if (DESCRIBES_SECRET.test(pair[1]!) || PLACEHOLDER.test(value) || isPublishableKey(value) || /^(?:https?:|\/)/.test(value)) continue;
      if (NAMED_BY_KEY_ALONE.test(pair[1]!) && (!GENERATED_VALUE.test(value) || PUBLIC_NAME.test(pair[1]!) || /^v?\d+(?:\.\d+)+$/.test(value))) continue;
      const start = pair.index + pair[0].length - 1 - value.length;
      push(start, start + value.length, 0.85);
    }
  }
  if (text.includes("=")) {
    CONNECTION_KEY.lastIndex = 0;
    for (let hit = CONNECTION_KEY.exec(text); hit !== null; hit = CONNECTION_KEY.exec(text)) {
      const value = hit[1]!;
      if (PLACEHOLDER.test(value) || isPublishableKey(value) || !/\d/.test(value)) continue;
      push(hit.index + hit[0].length - value.length, hit.index + hit[0].length, 0.9);
    }
  }
  if (text.includes("-u") || text.includes("--user") || text.includes("-U") || text.includes("-a")) {
    for (const match of text.matchAll(CURL_USER)) {
      if (!/(?<![\w-])(?:curl|wget|http|httpie|xh)(?![\w-])/.test(lineOf(text, match.index))) continue;
      const end = match.index + match[0].length;
      push(end - match[1]!.length, end, 0.9);
    }
  }
  if (text.includes("login") || text.includes("sshpass")) {
    for (const match of text.matchAll(LOGIN_P)) {
      const quoted = match[1] ?? match[2];
      const raw = quoted ?? match[3]!;
      if (PLACEHOLDER.test(raw)) continue;
      const end = match.index + match[0].length - (quoted !== undefined ? 1 : 0);
      push(end - raw.length, end, 0.9);
    }
  }
  if (text.includes("/") && text.includes("@")) {
    for (const match of text.matchAll(ORACLE_USER_PASSWORD)) {
      const end = match.index + match[0].length - 1;
      push(end - match[1]!.length, end, 0.9);
    }
  }
  if (text.includes('"auth"') || text.includes("_auth")) {
    for (const match of text.matchAll(DOCKER_AUTH)) {
      if (!decodesToCredentials(match[1]!)) continue;
      const end = match.index + match[0].length;
      push(end - match[1]!.length, end, 0.9);
    }
  }
  if (text.includes("WIFI:")) {
    for (const match of text.matchAll(WIFI_QR)) {
      const end = match.index + match[0].length - 1;
      push(end - match[1]!.length, end, 0.9);
    }
  }
  if (text.includes(":*:") || /:\d{1,5}:/.test(text)) {
    for (const match of text.matchAll(PGPASS_LINE)) {
      if (PLACEHOLDER.test(match[1]!)) continue;
      const end = match.index + match[0].trimEnd().length;
      push(end - match[1]!.length, end, 0.85);
    }
  }
  if (text.includes("]")) {
    for (const match of text.matchAll(SASL_PASSWD_LINE)) {
      if (PLACEHOLDER.test(match[1]!)) continue;
      const end = match.index + match[0].trimEnd().length;
      push(end - match[1]!.length, end, 0.85);
    }
  }
  if (text.includes("PLAIN")) {
    for (const match of text.matchAll(AUTH_PLAIN)) {
      if (!decodesToPlainCredentials(match[1]!)) continue;
      const end = match.index + match[0].length;
      push(end - match[1]!.length, end, 0.95);
    }
  }
  if (text.includes("hook")) {
    for (const match of text.matchAll(GENERIC_WEBHOOK)) {
      const url = match[0].replace(/[.,;:!?]+$/, "");
      const segments = url.slice(url.search(/\/(?:hooks|webhooks?)\//)).split(/[/?&=]/);
      if (!segments.some((segment) => segment.length >= 16 && /[a-z]/i.test(segment) && /\d/.test(segment))) continue;
      push(match.index, match.index + url.length, 0.9);
    }
  }
  for (const match of scanAll(SESSION_ID, text)) {
    const value = match[1]!.replace(/[.,;]+$/, "");
    if (!/[A-Za-z]/.test(value) || !/\d/.test(value) || PLACEHOLDER.test(value)) continue;
    // a log's bare "session=" with a UUID names the session's record, as request and job ids do
    if (/^session[ \t]*=/i.test(match[0]) && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) continue;
    const start = match.index + match[0].length - match[1]!.length;
    push(start, start + value.length, 0.85);
  }
  if (text.includes(":$") || text.includes(":{S")) {
    for (const match of text.matchAll(PASSWORD_HASH_LINE)) push(match.index + match[0].length - match[1]!.length, match.index + match[0].length, 0.9);
  }
  if (text.includes("$") || text.includes("}")) {
    for (const match of text.matchAll(CRYPT_HASH)) push(match.index, match.index + match[0].length, 0.9);
  }
  if (text.includes("Private-Lines:")) {
    for (const match of text.matchAll(PPK_PRIVATE)) {
      let end = match.index + match[0].length;
      for (let line = 0; line < Number(match[1]) && end < text.length; line++) {
        const newline = text.indexOf("\n", end);
        end = newline === -1 ? text.length : newline + 1;
      }
      push(match.index + match[0].length, text[end - 1] === "\n" ? end - 1 : end, 0.95);
    }
  }
  if (text.includes("-")) for (const match of scanBefore(BITLOCKER, text, "-", 6)) push(match.index, match.index + match[0].length, 0.9);
  RECOVERY_LABEL.lastIndex = 0;
  for (let label = RECOVERY_LABEL.exec(text); label !== null; label = RECOVERY_LABEL.exec(text)) {
    RECOVERY_LABEL.lastIndex = recoveryCodes(text, label.index + label[0].length, push);
  }
  return detections;
}

/** Basic-auth style base64: it decodes to printable "user:password". */
export function decodesToCredentials(base64: string): boolean {
  try {
    const decoded = atob(base64);
    const colon = decoded.indexOf(":");
    return colon > 0 && colon < decoded.length - 1 && /^[\x20-\x7e]+$/.test(decoded);
  } catch {
    return false;
  }
}

/** SASL PLAIN's base64: it decodes to "authzid\0user\0password", printable but for the two NULs. */
function decodesToPlainCredentials(base64: string): boolean {
  try {
    const parts = atob(base64).split("\0");
    return parts.length === 3 && parts[1]!.length > 0 && parts[2]!.length > 0 && parts.every((part) => /^[\x20-\x7e]*$/.test(part));
  } catch {
    return false;
  }
}

/** Where the next `key="` or `name="` attribute starts, found with indexOf. */
function firstKeyAttribute(text: string, from: number): number {
  const key = text.indexOf("key", from);
  const name = text.indexOf("name", from);
  if (key === -1) return name;
  if (name === -1) return key;
  return Math.min(key, name);
}

function lineOf(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at) + 1;
  const end = text.indexOf("\n", at);
  return text.slice(start, end === -1 ? text.length : end);
}

/**
 * The codes after a recovery-code label: the rest of its line and up to twelve lines below,
 * each holding only codes (numbered, bulleted, or separated by commas and blanks). Reading stops
 * at the first line that holds anything else. Returns where reading stopped.
 */
function recoveryCodes(text: string, from: number, push: (start: number, end: number, confidence: number) => void): number {
  let lineStart = from;
  let lines = 0;
  let blank = 0;
  let found = 0;
  let skipped = false;
  while (lineStart < text.length && lines <= 12) {
    // the line's end within a window: a search to the next line break of a long line, for every
    // label on it, was quadratic (codes are listed on short lines; a longer one ends the list)
    const newline = lineBreakWithin(text, lineStart, MAX_CODE_LINE);
    const lineEnd = newline === -1 ? Math.min(text.length, lineStart + MAX_CODE_LINE) : newline;
    // The label's own line: what follows "codes" may be "za 2FA:" or "(keep them safe):".
    const bodyStart = lines === 0 ? lineStart + (/^[^:\n]{0,40}:/.exec(text.slice(lineStart, lineStart + 41))?.[0].length ?? 0) : lineStart;
    let codes = codesOnLine(text, bodyStart, lineEnd);
    // after prose, only codes whose every group has a digit ("Room 2044" is a room)
    if (skipped && Array.isArray(codes) && codes.some(([start, end]) => text.slice(start, end).split(/[- ]/).some((group) => !/\d/.test(group)))) codes = null;
    if (codes === "blank") {
      if (lines > 0 && ++blank > 1) break;
    } else if (codes === null) {
      // "Google backup codes for office@… – keep these safe", then "Each code works once.": the rest
      // of the label's line and one line of prose under it may come before the first code
      if (found > 0 || lines > 1) return lineStart;
      skipped = true;
    } else {
      for (const [start, end] of codes) push(start, end, 0.85);
      found += codes.length;
    }
    lines++;
    // the text's end, or a line longer than the window: no list goes on past it
    if (newline === -1) return lineEnd;
    lineStart = newline + 1;
  }
  return lineStart;
}
const MAX_CODE_LINE = 1000;

/** A list number alone ("1. 4829 1067" is the number, then a code in two groups), or a token. */
const CODE_TOKEN = /\d{1,2}[.)](?=\s)|[^\s,;•·*]+(?:[ ][A-Za-z0-9]{3,6}(?=\s|$|,))*/g;

/**
 * The codes between start and end, when every token there is one (list numbers and dashes
 * aside); null at the first token that is not. Reading stops at that token, so a long line of
 * prose after many labels costs one token per label, not the line each time.
 */
function codesOnLine(text: string, start: number, end: number): Array<[number, number]> | "blank" | null {
  const codes: Array<[number, number]> = [];
  let tokens = 0;
  CODE_TOKEN.lastIndex = start;
  for (let token = CODE_TOKEN.exec(text); token !== null && token.index < end; token = CODE_TOKEN.exec(text)) {
    tokens++;
    const value = token[0];
    if (/^\d{1,2}[.)]$/.test(value) || /^[-–]$/.test(value)) continue;
    if (!CODE.test(value) || !/\d/.test(value)) return null;
    codes.push([token.index, token.index + value.length]);
  }
  if (tokens === 0) return /^\s*$/.test(text.slice(start, end)) ? "blank" : null;
  return codes.length === 0 ? null : codes;
}
