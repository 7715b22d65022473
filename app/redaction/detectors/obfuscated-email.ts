import type { Detection } from "../types";

/**
 * Addresses written so that harvesters miss them: "janez.novak (at) gmail (dot) com",
 * "info[at]podjetje.si", "ana afna siol pika net", "janez @ gmail.com". They reach the same
 * mailbox, so they are EMAIL like any other. Each "at" marker is found by one literal scan; the
 * local part is read backwards from it and the domain forwards, both bounded, so the work is
 * linear.
 */

/** What stands for "@": a bracketed word or sign, the word alone between blanks, or "@" with blanks around it. */
const AT_MARKER = /[(\[{<][ \t]?(?:at|afna|@)[ \t]?[)\]}>]|[ \t](?:at|afna)[ \t]|[ \t]@[ \t]?|@[ \t]|＠/gi;
/** What stands for ".": a dot (blanks allowed), a bracketed word, or the word alone between blanks. */
const DOT_MARK = String.raw`(?:\.|[ \t]\.[ \t]|[ \t]?[(\[{<][ \t]?(?:dot|pika|punkt|period|\.)[ \t]?[)\]}>][ \t]?|[ \t](?:dot|pika|punkt)[ \t])`;
const DOMAIN_AFTER = new RegExp(String.raw`[ \t]{0,2}([\p{L}\d](?:[\p{L}\d-]{0,61}[\p{L}\d])?)((?:${DOT_MARK}[\p{L}\d](?:[\p{L}\d-]{0,61}[\p{L}\d])?){1,5})`, "iuy");
const OBFUSCATED_DOT = new RegExp(String.raw`^(?:[ \t]?[(\[{<]|[ \t](?:dot|pika|punkt)[ \t])`, "iu");
const DOT_SPLIT = new RegExp(DOT_MARK, "giu");
const TLD = /^\p{L}{2,24}$/u;
/** "look at index.html": file names are not domains. */
const FILE_EXTENSION = /^(?:html?|php|js|ts|css|json|xml|txt|pdf|docx?|xlsx?|png|jpe?g|gif|svg|zip|exe|md|log|csv|py)$/i;
/** Providers whose name makes "janez at gmail.com" an address even with an ordinary dot. */
const MAIL_PROVIDERS = new Set(
  "gmail googlemail yahoo hotmail outlook live msn icloud me mac aol gmx web t-online siol t-2 amis telemach guest email mail protonmail proton yandex freenet libero tiscali".split(" "),
);
const LOCAL_UNIT = /[\p{L}\p{N}._%+'-]/u;
/** A hidden dot inside the local part, read backwards: "janez [dot] novak", "krishnan . iyer", "janez dot novak". */
const LOCAL_DOT_BEFORE = /(?:[ \t]?[(\[{<][ \t]?(?:dot|pika|punkt|\.)[ \t]?[)\]}>][ \t]?|[ \t]\.[ \t]|[ \t](?:dot|pika|punkt)[ \t])$/i;
/** Role mailboxes: "info at firma.si" is an address though the dot is plain. */
const ROLE_MAILBOX = /^(?:info|office|support|podpora|prodaja|sales|admin|kontakt|contact|billing|racuni|računi|helpdesk|servis|service|hello|mail|tajnistvo|tajništvo|narocila|naročila|orders|hr|jobs|careers|press|marketing|finance|accounts|reception|recepcija)$/i;
const MAX_LOCAL = 64;

export function detectObfuscatedEmails(text: string): Detection[] {
  const detections: Detection[] = [];
  AT_MARKER.lastIndex = 0;
  for (let marker = AT_MARKER.exec(text); marker !== null; marker = AT_MARKER.exec(text)) {
    const found = addressAround(text, marker.index, marker[0]);
    if (found === null) {
      // A blank-led marker (" at ") consumed the blank a following marker may need.
      AT_MARKER.lastIndex = marker.index + 1;
      continue;
    }
    detections.push({ type: "EMAIL", start: found.start, end: found.end, confidence: 0.9 });
    AT_MARKER.lastIndex = Math.max(AT_MARKER.lastIndex, found.end);
  }
  return detections;
}

function addressAround(text: string, markerStart: number, marker: string): { start: number; end: number } | null {
  let localEnd = markerStart;
  while (localEnd > 0 && markerStart - localEnd < 2 && (text[localEnd - 1] === " " || text[localEnd - 1] === "\t")) localEnd--;
  let start = localEnd;
  while (start > 0 && localEnd - start <= MAX_LOCAL && LOCAL_UNIT.test(text[start - 1]!)) start--;
  if (localEnd - start > MAX_LOCAL) return null;
  while (start < localEnd && /[.'-]/.test(text[start]!)) start++;
  if (start === localEnd) return null;
  // Hidden dots in the local part too, at most three: the words before them belong to the address
  // only when the "at" and the domain are hidden the same way (checked below with `hiddenLocal`).
  let hiddenLocal = false;
  const plainStart = start;
  for (let parts = 0; parts < 3 && start > 0; parts++) {
    const dot = LOCAL_DOT_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
    if (dot === null) break;
    let wordStart = start - dot[0].length;
    const wordEnd = wordStart;
    while (wordStart > 0 && wordEnd - wordStart < 30 && /[\p{L}\p{N}_-]/u.test(text[wordStart - 1]!)) wordStart--;
    if (wordStart === wordEnd) break;
    start = wordStart;
    hiddenLocal = true;
  }
  let local = text.slice(start, localEnd);
  if (local.endsWith(".")) return null;
  DOMAIN_AFTER.lastIndex = markerStart + marker.length;
  const domain = DOMAIN_AFTER.exec(text);
  if (domain === null) return null;
  const labels = [domain[1]!, ...domain[2]!.split(DOT_SPLIT).filter(Boolean)];
  const tld = labels[labels.length - 1]!;
  if (!TLD.test(tld) || FILE_EXTENSION.test(tld)) return null;
  const bracketed = /[(\[{<]/.test(marker);
  const isWordAt = !bracketed && /[a-z]/i.test(marker);
  const isAtSign = marker.includes("@") && !bracketed;
  if (isWordAt && /^at$/i.test(marker.trim())) {
    // " at " is an English word: an address only when the dots are hidden too, the provider is a
    // mail service, or the local part looks like a mailbox ("janez.novak", "ana_k", "info2").
    const hiddenDots = OBFUSCATED_DOT.test(domain[2]!);
    const provider = MAIL_PROVIDERS.has(labels[0]!.toLowerCase());
    if (!hiddenDots && !provider && !/[._\d]/.test(local) && !ROLE_MAILBOX.test(local)) return null;
  }
  // "janez dot novak at gmail dot com": hidden dots in the local part only with hidden domain dots.
  if (hiddenLocal && !OBFUSCATED_DOT.test(domain[2]!) && !/[ \t]\.[ \t]/.test(domain[2]!)) {
    start = plainStart;
    local = text.slice(start, localEnd);
  }
  if (isAtSign && !/[\p{L}\d]/u.test(local)) return null;
  return { start, end: domain.index + domain[0].length };
}
