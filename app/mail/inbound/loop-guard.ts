import type { InboundAttachment, LoopHeaders, MailAddress } from "./inbound-mail";
import { normalizeMessageId } from "./thread-keys";

// Mail no human wrote must never get an automatic answer from us: two auto-responders answering
// each other fill both mailboxes in minutes. The rules follow RFC 3834 (Auto-Submitted,
// recommendations for automatic responses), RFC 2369/2919 (List-*), RFC 3464 (DSN) and the
// de-facto headers Exchange, Gmail and vacation programs set.

export type AutomatedMailKind = "auto-reply" | "bulk" | "bounce" | "own-mail" | "none";

export interface AutomatedMailClassification {
  automated: boolean;
  kind: AutomatedMailKind;
}

export interface LoopGuardOptions {
  /** Domain of the Message-IDs we generate (e.g. "minidesk.example.si"); our mail coming back is a loop. */
  ownMessageIdDomain?: string;
}

// The header we put on every outgoing mail; it survives forwarding rules that rewrite Message-ID.
export const MINIDESK_ID_HEADER = "x-minidesk-id";

const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|bounces?)(?:[+\-=._].*)?$/i;

/** `headers` uses lowercase names, as `parseInboundMail` returns them. */
export function classifyAutomatedMail(
  headers: LoopHeaders,
  from: MailAddress | null,
  options: LoopGuardOptions = {},
): AutomatedMailClassification {
  const header = (name: string) => headers[name]?.trim().toLowerCase() ?? "";
  const result = (kind: AutomatedMailKind) => ({ automated: kind !== "none", kind });

  // Our own header first: whatever else the mail looks like, answering it is the loop.
  if (header(MINIDESK_ID_HEADER) !== "") return result("own-mail");

  const contentType = header("content-type");
  const localPart = from?.address.split("@")[0] ?? "";
  if (
    (contentType.startsWith("multipart/report") && !/report-type\s*=\s*"?disposition-notification/.test(contentType)) ||
    header("x-failed-recipients") !== "" ||
    BOUNCE_SENDER.test(localPart)
  ) {
    return result("bounce");
  }
  // After the bounce rules: a DSN written by our own outgoing server may carry our domain in its
  // Message-ID, and must still reach the ticket as "our mail bounced".
  if (isOwnMessageId(headers["message-id"], options.ownMessageIdDomain)) return result("own-mail");

  // RFC 3834 5: any value but "no" (comments and parameters after it allowed).
  const autoSubmitted = header("auto-submitted").split(/[\s;(]/)[0] ?? "";
  if (
    (autoSubmitted !== "" && autoSubmitted !== "no") ||
    header("x-autoreply") !== "" ||
    header("x-autorespond") !== "" ||
    // Exchange puts "All" on its own automatic replies. Partial values ("OOF, AutoReply") are set
    // by applications on mail a person may still answer, so they are not a reason to go silent.
    /\ball\b/.test(header("x-auto-response-suppress")) ||
    header("precedence") === "auto_reply" ||
    // A read receipt (RFC 8098) is a report, but no bounce: treat it like an automatic reply.
    contentType.startsWith("multipart/report") ||
    // RFC 3834 recommends the null return path for automatic responses; a person never has one.
    header("return-path") === "<>"
  ) {
    return result("auto-reply");
  }

  if (/^(?:bulk|junk|list)$/.test(header("precedence")) || header("list-id") !== "" || header("list-unsubscribe") !== "") {
    return result("bulk");
  }
  return result("none");
}

function isOwnMessageId(rawMessageId: string | undefined, ownDomain: string | undefined): boolean {
  if (!rawMessageId || !ownDomain) return false;
  const id = normalizeMessageId(rawMessageId);
  // Exact domain, so "evil-minidesk.example.si" or "minidesk.example.si.attacker.net" do not count.
  return id !== null && id.endsWith(`@${ownDomain.toLowerCase()}`);
}

export interface BounceReport {
  /** Message-ID of our mail that bounced (normalised), when the report carries it. */
  originalMessageId: string | null;
  /** RFC 3464 Action ("failed", "delayed", ...) of the first recipient; null when not given. */
  action: string | null;
  /** RFC 3463 status code such as "5.1.1"; 5.x.x is permanent, 4.x.x temporary. */
  status: string | null;
}

/**
 * What a delivery status notification says about our mail. Recipient addresses are deliberately
 * not returned: the ticket already knows whom we wrote to, and the report need not repeat it.
 */
export function parseBounce(mail: { attachments: readonly InboundAttachment[]; text: string }): BounceReport {
  const byType = (type: string) => mail.attachments.find((attachment) => attachment.contentType.toLowerCase() === type);
  // The original is attached whole (message/rfc822) or as headers only (text/rfc822-headers);
  // some servers (qmail, old Exchange) paste the headers into the body text instead.
  const originalHeaderSources = [byType("message/rfc822"), byType("text/rfc822-headers")]
    .filter((part): part is InboundAttachment => part !== undefined)
    .map((part) => headerBlock(part.content.toString("latin1")));
  originalHeaderSources.push(mail.text);

  let originalMessageId: string | null = null;
  for (const source of originalHeaderSources) {
    const raw = headerValue(source, "message-id");
    originalMessageId = raw === null ? null : normalizeMessageId(raw.match(/<[^<>\s]+>/)?.[0] ?? raw);
    if (originalMessageId !== null) break;
  }

  const deliveryStatus = byType("message/delivery-status")?.content.toString("latin1") ?? mail.text;
  return {
    originalMessageId,
    action: headerValue(deliveryStatus, "action")?.toLowerCase().match(/^[a-z]+/)?.[0] ?? null,
    status: headerValue(deliveryStatus, "status")?.match(/^[245]\.\d{1,3}\.\d{1,3}/)?.[0] ?? null,
  };
}

/** The header section of a message: everything up to the first empty line. */
function headerBlock(message: string): string {
  const end = message.search(/\r?\n\r?\n/);
  return end < 0 ? message : message.slice(0, end);
}

/** First value of a header in a header block, folded lines joined (RFC 5322 2.2.3). */
function headerValue(block: string, name: string): string | null {
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^\\s*${name}\\s*:\\s*(.*)$`, "im").exec(unfolded);
  const value = match?.[1]?.trim();
  return value ? value : null;
}
