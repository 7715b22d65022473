import type { Detection } from "../types";
import { lineBefore } from "./context";

// Scanning outwards from each "@" keeps the work linear: a regex anchored on
// the local part would retry from every letter of a long word.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
// RFC 5322 allows more ("=", "!", "#"…), but in tickets "user=jane@x.si" is a
// key and a value; the characters real addresses use are enough.
const LOCAL_CHAR = /[\p{L}\p{N}._%+\-']/u;
const LOCAL_CHAR_ENCODED = /[\p{L}\p{N}._+\-']/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TLD = /^(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})$/iu;
const URL_USERINFO_BEFORE = /:\/\/[^\s/@]{1,128}:$/;
/** A URL's user and the start of its password right before a point: "ftp://user:pa". */
const USER_AND_PASSWORD_BEFORE = /:\/\/[^\s/@,:]{1,128}:[^\s/@]{0,128}$/;
/** "logo@2x.png" is a retina image name, not an address. */
const FILE_EXTENSION_TLD = /^(?:png|jpe?g|gif|svg|webp|bmp|ico|tiff?|pdf|css|js|ts|html?|php|txt|zip|gz|docx?|xlsx?)$/i;

const COMMA_TLD = /^,(?:com|net|org|si|de|at|hr|it|eu|uk|info)(?![\p{L}\d])/u;

/** "?email=janez.novak%40gmail.com": an address percent-encoded in a URL or a log line. */
const ENCODED_AT = "%40";

export function detectEmails(text: string): Detection[] {
  const detections: Detection[] = [];
  for (const marker of ["@", ENCODED_AT]) {
    let at = text.indexOf(marker);
    while (at !== -1) {
      const found = emailAround(text, at, marker.length);
      if (found) {
        detections.push({ type: "EMAIL", start: found.start, end: found.end, confidence: 0.98 });
        at = text.indexOf(marker, found.end);
      } else {
        at = text.indexOf(marker, at + 1);
      }
    }
  }
  return detections;
}

/**
 * True when the "@" at `at` ends the userinfo of a URL ("ftp://user:pa#ss@host"):
 * the same unbroken token holds "://" and no "/" after it. Those are
 * credentials (SECRET), and the password may hold characters that would
 * otherwise start a false local part ("#12@ftp.example.si").
 */
function isUrlUserinfo(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i <= 400; i--) {
    const char = text[i]!;
    if (char === " " || char === "\n" || char === "\t" || char === "<" || char === '"' || char === "@") return false;
    // a comma ends a CSV cell ("https://site.com,ana@x.si" is a URL and an address) unless it
    // stands in a URL's password ("ftp://user:pa,ss@host")
    if (char === "," && !USER_AND_PASSWORD_BEFORE.test(text.slice(Math.max(0, i - 200), i))) return false;
    if (char === "/") return i >= 2 && text[i - 1] === "/" && text[i - 2] === ":";
  }
  return false;
}

/**
 * "Message-ID: <CAJ8f2pNq…@mail.gmail.com>", "In-Reply-To:", "References: <a@x> <b@y>", Postfix's
 * "message-id=<…>": a message's identifier is shaped like an address but names a message, made of
 * a time and random characters, never a mailbox.
 */
const MESSAGE_ID_BEFORE = /(?:^|[\s,])(?:message-id|in-reply-to|references|resent-message-id|original-message-id)[ \t]*[:=][ \t]*(?:<[^<>\n]{1,250}>[ \t,]*)*<$/i;

const UNIX_ACCOUNT = /^[a-z_][a-z0-9_-]{0,31}$/;
/** After "host:", a path: "~/x", "/srv/x", "org/repo.git", "backup.tar" (a file name or a folder). */
const SCP_PATH = /^(?:[~/.]|[\w.-]*[/.][\w])/;

/** "ssh deploy@web02.minidesk.si", "ssh -i key.pem ubuntu@ec2-…": a Unix account on a host, not a mailbox. */
const SSH_COMMAND = /(?:^|[\s;|&(`$"'])(?:ssh|sftp|mosh|ssh-copy-id|autossh)$/;
function isSshTarget(text: string, start: number, local: string): boolean {
  if (!UNIX_ACCOUNT.test(local) || (text[start - 1] !== " " && text[start - 1] !== "\t")) return false;
  // The nearest "ssh" before the target on its line, with only options (no other "@") between.
  const window = text.slice(Math.max(0, start - 120), start);
  const command = Math.max(window.lastIndexOf("ssh"), window.lastIndexOf("sftp"), window.lastIndexOf("mosh"));
  if (command === -1) return false;
  const between = window.slice(command);
  if (between.includes("\n") || between.indexOf("@") !== -1) return false;
  const word = /^[\w-]+/.exec(between)![0];
  let begin = command;
  while (begin > 0 && /[\w-]/.test(window[begin - 1]!)) begin--; // "autossh": the whole word
  return SSH_COMMAND.test(window.slice(Math.max(0, begin - 1), command + word.length));
}

function emailAround(text: string, at: number, markerLength = 1): { start: number; end: number } | null {
  let start = at;
  // Before an encoded "%40", a "%" ends the local part: otherwise "%40%40%40…" rescans 64 characters per marker.
  const localChar = markerLength === 1 ? LOCAL_CHAR : LOCAL_CHAR_ENCODED;
  while (start > 0 && at - start < MAX_LOCAL + 1 && localChar.test(text[start - 1]!)) start--;
  if (at - start > MAX_LOCAL) return null;
  while (start < at && (text[start] === "." || text[start] === "'")) start++;
  if (start === at) return null;
  // "https://admin:s3cret@db.example.com" holds credentials, reported as SECRET; not an address.
  if (text[start - 1] === ":" && URL_USERINFO_BEFORE.test(text.slice(Math.max(0, start - 150), start))) return null;
  // "jure.bizjak@@gmail.com": an "@" typed twice is still the address's
  const domainStart = at + markerLength + (markerLength === 1 && text[at + 1] === "@" ? 1 : 0);
  let end = domainStart;
  while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end]!)) end++;
  while (end > domainStart && (text[end - 1] === "." || text[end - 1] === "-")) end--;
  // "sara.kovacic@gmail,com": a comma typed for the dot before a common top-level domain
  const commaTld = end > domainStart && !text.slice(domainStart, end).includes(".") ? COMMA_TLD.exec(text.slice(end, end + 6)) : null;
  if (commaTld !== null && LABEL.test(text.slice(domainStart, end)) && !/\.\.|\.$/.test(text.slice(start, at))) return { start, end: end + commaTld[0].length };
  if (text[end] === "@") return null;
  const local = text.slice(start, at);
  // "git@github.com:org/repo.git" is an scp-style SSH target, not a mailbox: a Unix account, then
  // a path. "info@x.example:Edelweiss_1999" (Postfix's sasl_passwd) is an address and a password.
  if (text[end] === ":" && UNIX_ACCOUNT.test(local) && SCP_PATH.test(text.slice(end + 1, end + 200))) return null;
  if (local.endsWith(".") || local.includes("..")) return null;
  if (isSshTarget(text, start, local)) return null;
  const labels = text.slice(domainStart, end).split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  const tld = labels[labels.length - 1]!;
  if (!TLD.test(tld) || FILE_EXTENSION_TLD.test(tld)) return null;
  if (text[start - 1] === "<" && MESSAGE_ID_BEFORE.test(lineBefore(text, start, 300))) return null;
  // Last, because it looks back up to 400 characters: only for otherwise valid addresses.
  if (isUrlUserinfo(text, at)) return null;
  return { start, end };
}
