import type { Detection } from "../types";

// Scanning outwards from each "@" keeps the work linear: a regex anchored on
// the local part would retry from every letter of a long word.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
// RFC 5322 allows more ("=", "!", "#"…), but in tickets "user=jane@x.si" is a
// key and a value; the characters real addresses use are enough.
const LOCAL_CHAR = /[\p{L}\p{N}._%+\-']/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TLD = /^(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})$/iu;
const URL_USERINFO_BEFORE = /:\/\/[^\s/@]{1,128}:$/;
/** "logo@2x.png" is a retina image name, not an address. */
const FILE_EXTENSION_TLD = /^(?:png|jpe?g|gif|svg|webp|bmp|ico|tiff?|pdf|css|js|ts|html?|php|txt|zip|gz|docx?|xlsx?)$/i;

export function detectEmails(text: string): Detection[] {
  const detections: Detection[] = [];
  let at = text.indexOf("@");
  while (at !== -1) {
    const found = emailAround(text, at);
    if (found) {
      detections.push({ type: "EMAIL", start: found.start, end: found.end, confidence: 0.98 });
      at = text.indexOf("@", found.end);
    } else {
      at = text.indexOf("@", at + 1);
    }
  }
  return detections;
}

function emailAround(text: string, at: number): { start: number; end: number } | null {
  let start = at;
  while (start > 0 && at - start < MAX_LOCAL + 1 && LOCAL_CHAR.test(text[start - 1]!)) start--;
  if (at - start > MAX_LOCAL) return null;
  while (start < at && (text[start] === "." || text[start] === "'")) start++;
  if (start === at) return null;
  // "https://admin:s3cret@db.example.com" holds credentials, reported as SECRET; not an address.
  if (text[start - 1] === ":" && URL_USERINFO_BEFORE.test(text.slice(Math.max(0, start - 150), start))) return null;
  let end = at + 1;
  while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end]!)) end++;
  while (end > at + 1 && (text[end - 1] === "." || text[end - 1] === "-")) end--;
  if (text[end] === "@") return null;
  const local = text.slice(start, at);
  if (local.endsWith(".") || local.includes("..")) return null;
  const labels = text.slice(at + 1, end).split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  const tld = labels[labels.length - 1]!;
  if (!TLD.test(tld) || FILE_EXTENSION_TLD.test(tld)) return null;
  return { start, end };
}
