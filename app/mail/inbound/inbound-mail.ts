// The shape every inbound-mail module agrees on. Kept free of any import so the pure modules
// (threading, loop guard, quote stripping) never pull the parser or Node streams in with them.

export interface MailAddress {
  /** Lowercased, so the same client is recognised however their mail client capitalises it. */
  address: string;
  /** Display name with control characters removed; "" when the header gave none. */
  name: string;
}

export interface InboundAttachment {
  /** Safe to use as a download name: no directories, no control characters, bounded length. */
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  /** Shown inside the body (cid: image or inline disposition) rather than offered as a file. */
  inline: boolean;
  /** Content-ID without angle brackets, to resolve cid: references; null when the part had none. */
  contentId: string | null;
}

/**
 * Only the headers loop detection, bounce handling and threading need, lowercase names, folded
 * lines joined. Everything else (Received chains with client IP addresses, X-Originating-IP,
 * DKIM blobs) is deliberately dropped at parse time: data we never keep cannot leak.
 */
export type LoopHeaders = Readonly<Record<string, string>>;

export interface ParsedInboundMail {
  /** Normalised (no angle brackets, lowercase domain); null when the sender set none. */
  messageId: string | null;
  inReplyTo: string | null;
  /** Oldest first, as in the header; normalised like messageId. */
  references: string[];
  /** One line, control characters (including injected CR/LF) replaced by spaces; "" when missing. */
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: string[];
  cc: string[];
  /** null when missing or unparseable: the caller decides whether to use the time of receipt. */
  date: Date | null;
  /** Plain body; HTML-only mail is converted to safe text. Never contains markup from the sender. */
  text: string;
  attachments: InboundAttachment[];
  headers: LoopHeaders;
}
