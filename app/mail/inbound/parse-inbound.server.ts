import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { sanitiseAttachmentFilename } from "./attachment-filename";
import { htmlToSafeText } from "./html-to-text.server";
import type { InboundAttachment, LoopHeaders, MailAddress, ParsedInboundMail } from "./inbound-mail";
import { measureMimeStructure } from "./mime-structure";
import { parseMessageIdList } from "./thread-keys";
import { removeUnsafeBodyCharacters, toSingleLine } from "./unsafe-characters";

export interface InboundMailLimits {
  maxMessageBytes: number;
  maxAttachments: number;
  /** Levels of multipart / embedded message nesting. */
  maxMimeDepth: number;
  maxMimeParts: number;
}

// Real client mail: at most a handful of levels (a forward inside a reply inside a signed mail)
// and a few dozen parts; 25 MB is the common provider limit for a whole message.
export const DEFAULT_INBOUND_MAIL_LIMITS: InboundMailLimits = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxAttachments: 25,
  maxMimeDepth: 12,
  maxMimeParts: 100,
};

export type UnparseableMailReason =
  | "empty"
  | "too-large"
  | "too-deeply-nested"
  | "too-many-parts"
  | "too-many-attachments"
  | "not-a-message"
  | "malformed";

/**
 * Carries only a reason code: the message text of a parser error can quote header content, and
 * this error is meant to be logged and stored on the rejected-mail counter.
 */
export class UnparseableMailError extends Error {
  readonly reason: UnparseableMailReason;
  constructor(reason: UnparseableMailReason) {
    super(`Unparseable inbound mail: ${reason}`);
    this.name = "UnparseableMailError";
    this.reason = reason;
  }
}

// Headers kept for loop detection, bounces and threading (see LoopHeaders for why so few).
const KEPT_HEADERS = new Set([
  "message-id",
  "in-reply-to",
  "references",
  "auto-submitted",
  "precedence",
  "x-autoreply",
  "x-autorespond",
  "x-auto-response-suppress",
  "list-id",
  "list-unsubscribe",
  "x-minidesk-id",
  "content-type",
  "return-path",
  "x-failed-recipients",
  // The sender's language (RFC 3282), to answer a new ticket in it.
  "content-language",
]);
const MAX_KEPT_HEADER_CHARACTERS = 16_000;
const MAX_RECIPIENTS = 100;
const MAX_SUBJECT_CHARACTERS = 998; // RFC 5322 2.1.1 line limit; longer is never a real subject
// Headers every real message has at least one of; without any the input is not mail.
const MESSAGE_HEADERS = ["from", "to", "subject", "date", "message-id", "content-type", "mime-version", "received"];

export async function parseInboundMail(
  raw: Buffer,
  limits: InboundMailLimits = DEFAULT_INBOUND_MAIL_LIMITS,
): Promise<ParsedInboundMail> {
  if (raw.length === 0 || raw.toString("latin1").trim() === "") throw new UnparseableMailError("empty");
  if (raw.length > limits.maxMessageBytes) throw new UnparseableMailError("too-large");
  const structure = measureMimeStructure(raw, { depth: limits.maxMimeDepth, parts: limits.maxMimeParts });
  if (structure.depth > limits.maxMimeDepth) throw new UnparseableMailError("too-deeply-nested");
  if (structure.parts > limits.maxMimeParts) throw new UnparseableMailError("too-many-parts");

  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      // We convert HTML ourselves (htmlToSafeText) and never want generated HTML.
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      keepCidLinks: true,
      // A DSN's status part and returned message must stay separate for parseBounce, and a
      // forwarded .eml stays an attachment rather than being merged into the client's text.
      keepDeliveryStatus: true,
      ignoreEmbedded: true,
      maxChildNodes: limits.maxMimeParts,
      checksumAlgo: false,
    });
  } catch {
    throw new UnparseableMailError("malformed");
  }

  const headers = keptHeaders(parsed);
  if (!parsed.headerLines.some((line) => MESSAGE_HEADERS.includes(line.key))) {
    throw new UnparseableMailError("not-a-message");
  }
  if (parsed.attachments.length > limits.maxAttachments) throw new UnparseableMailError("too-many-attachments");

  return {
    messageId: parseMessageIdList(headers["message-id"] ?? "")[0] ?? null,
    inReplyTo: parseMessageIdList(headers["in-reply-to"] ?? "")[0] ?? null,
    references: parseMessageIdList(headers["references"] ?? ""),
    subject: toSingleLine(parsed.subject ?? "").slice(0, MAX_SUBJECT_CHARACTERS),
    from: firstMailbox(parsed.from),
    replyTo: firstMailbox(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: dateFromHeader(parsed),
    text: bodyText(parsed),
    attachments: parsed.attachments.map(
      (attachment, index): InboundAttachment => ({
        filename: sanitiseAttachmentFilename(attachment.filename, attachment.contentType, index),
        contentType: attachment.contentType.toLowerCase(),
        size: attachment.size,
        content: attachment.content,
        inline: attachment.contentDisposition === "inline" || attachment.related === true,
        contentId: attachment.cid ? toSingleLine(attachment.cid) : null,
      }),
    ),
    headers,
  };
}

function keptHeaders(parsed: ParsedMail): LoopHeaders {
  const kept: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    // First occurrence wins: all of these may appear only once (RFC 5322 3.6).
    if (!KEPT_HEADERS.has(key) || key in kept) continue;
    const value = line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
    kept[key] = value.slice(0, MAX_KEPT_HEADER_CHARACTERS);
  }
  return kept;
}

function bodyText(parsed: ParsedMail): string {
  // Plain text wins when a client sent both: it is what the writer's client made of the HTML.
  if (parsed.text && parsed.text.trim() !== "") return removeUnsafeBodyCharacters(parsed.text).trim();
  if (typeof parsed.html === "string") return htmlToSafeText(parsed.html);
  return "";
}

function mailboxes(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  // Groups ("Team: a@x, b@y;") are flattened into their members.
  const entries = objects.flatMap((object) => object.value).flatMap((entry) => (entry.group ? entry.group : [entry]));
  return entries.flatMap((entry) => {
    const address = entry.address?.trim().toLowerCase() ?? "";
    return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? [{ address, name: toSingleLine(entry.name ?? "") }] : [];
  });
}

function firstMailbox(header: AddressObject | undefined): MailAddress | null {
  return mailboxes(header)[0] ?? null;
}

function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  return [...new Set(mailboxes(header).map((mailbox) => mailbox.address))].slice(0, MAX_RECIPIENTS);
}

function dateFromHeader(parsed: ParsedMail): Date | null {
  // mailparser substitutes the current time for a missing or unreadable Date; a made-up date would
  // be worse than none, so the raw header decides whether there is one.
  const line = parsed.headerLines.find((header) => header.key === "date")?.line;
  if (!line) return null;
  const value = line.slice(line.indexOf(":") + 1).replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim();
  const timestamp = Date.parse(value);
  return Number.isNaN(timestamp) ? null : new Date(timestamp);
}
