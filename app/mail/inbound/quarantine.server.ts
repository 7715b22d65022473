import type { Db } from "../../db.server";
import { loadRedactionPolicy, redactText } from "../../tickets/redact-for-storage.server";
import { log } from "../../logging/logger.server";

// Mail we accepted but will not turn into a ticket (unreadable, flooding, no sender) is set
// aside rather than dropped, so a technician can see that something arrived and why it was
// held. Only a short redacted excerpt is kept, never the raw message: the raw bytes carry
// addresses, names and Received chains we have no reason to store. Purged after
// QUARANTINE_RETENTION_DAYS.

export type QuarantineReason =
  | "FLOOD"
  | "NO_SENDER"
  | "UNPARSEABLE_EMPTY"
  | "UNPARSEABLE_TOO_LARGE"
  | "UNPARSEABLE_TOO_DEEPLY_NESTED"
  | "UNPARSEABLE_TOO_MANY_PARTS"
  | "UNPARSEABLE_TOO_MANY_ATTACHMENTS"
  | "UNPARSEABLE_NOT_A_MESSAGE"
  | "UNPARSEABLE_MALFORMED";

const EXCERPT_SOURCE_CHARACTERS = 300;
const EXCERPT_CHARACTERS = 240;
// Header fields that help a technician recognise the mail and name no person.
const EXCERPT_HEADERS = new Set(["subject", "date", "content-type", "content-transfer-encoding", "mime-version"]);

export async function quarantineMail(db: Db, reason: QuarantineReason, excerptSource: string, now = new Date()) {
  const policy = await loadRedactionPolicy(db);
  const bounded = cutAtWordBoundary(excerptSource.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " "), EXCERPT_SOURCE_CHARACTERS);
  const excerpt = cutAtWordBoundary(redactText(bounded, policy).text, EXCERPT_CHARACTERS);
  const row = await db.quarantinedMail.create({ data: { reason, excerpt, receivedAt: now } });
  log.warn("mail.quarantined", { code: reason, messageId: row.id });
  return row;
}

/**
 * What of an unparseable message may be shown: a few harmless header lines and the start of
 * the body. Address headers, Received chains and everything unknown are left out before the
 * redaction engine even sees the text (it finds addresses, not names).
 */
export function unparseableExcerptSource(raw: Buffer): string {
  const text = raw.subarray(0, 8192).toString("utf8").replace(/\r\n/g, "\n");
  const split = text.search(/\n\n/);
  const headerPart = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? "" : text.slice(split + 2);
  const kept = headerPart
    .replace(/\n[ \t]+/g, " ")
    .split("\n")
    .filter((line) => EXCERPT_HEADERS.has(line.slice(0, Math.max(0, line.indexOf(":"))).trim().toLowerCase()));
  // A "message" with no header section at all is just text: keep its start as the body.
  const looksLikeHeaders = /^[!-9;-~]+:/.test(headerPart);
  return [...kept, looksLikeHeaders ? body : text].join("\n").trim();
}

/** Never ends in half a word, so a number cut in two cannot slip past the detectors. */
function cutAtWordBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return (space > 0 ? cut.slice(0, space) : "") + " …";
}
