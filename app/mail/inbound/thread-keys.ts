import type { ParsedInboundMail } from "./inbound-mail";

// Ticket references look like MD-2026-000123 (year, zero-padded counter). Seven to nine digits
// are accepted so threading keeps working if a year ever passes a million tickets.
const REFERENCE = String.raw`MD-\d{4}-\d{6,9}(?!\d)`;
// Reply and forward prefixes in the languages our clients write in: English, Slovenian
// (Odg/Odgovor = reply, Posl. = posredovano, forwarded) and German clients' Outlook (AW/WG).
// "Re[2]:" and "Re(2):" are what some clients write after several rounds.
const PREFIX = String.raw`(?:re|fw|fwd|odg|odgovor|posl|aw|wg)\s*(?:\[\d+\]|\(\d+\))?\s*\.?\s*:`;

const BRACKETED_REFERENCE = new RegExp(String.raw`\[\s*(${REFERENCE})\s*\]`, "i");
// Without brackets only right at the start (after any prefixes): "Odg: MD-2026-000123 tiskalnik".
// Anywhere else a bare reference is more likely a mention of another ticket than a reply.
const LEADING_BARE_REFERENCE = new RegExp(String.raw`^\s*(?:${PREFIX}\s*)*(${REFERENCE})\b`, "i");
const LEADING_PREFIXES = new RegExp(String.raw`^\s*(?:${PREFIX}\s*)+`, "i");
const ANY_REFERENCE_TAG = new RegExp(String.raw`\[\s*${REFERENCE}\s*\]`, "gi");

// A thread of a hundred mails references a hundred ids; the newest ones identify it just as well
// and a hostile header of ten thousand ids must not turn into ten thousand database look-ups.
export const MAX_THREAD_MESSAGE_IDS = 50;

export interface ThreadKeys {
  /** Upper-case ticket reference from the subject, e.g. "MD-2026-000123"; null when absent. */
  ticketReference: string | null;
  /** Normalised Message-IDs this mail answers: In-Reply-To first, then References newest first. */
  messageIds: string[];
}

export function findThreadKeys(mail: Pick<ParsedInboundMail, "subject" | "inReplyTo" | "references">): ThreadKeys {
  const match = BRACKETED_REFERENCE.exec(mail.subject) ?? LEADING_BARE_REFERENCE.exec(mail.subject);
  const candidates = [mail.inReplyTo, ...[...mail.references].reverse()];
  const messageIds: string[] = [];
  for (const candidate of candidates) {
    const id = candidate === null ? null : normalizeMessageId(candidate);
    if (id !== null && !messageIds.includes(id)) messageIds.push(id);
    if (messageIds.length === MAX_THREAD_MESSAGE_IDS) break;
  }
  return { ticketReference: match?.[1]?.toUpperCase() ?? null, messageIds };
}

/**
 * "<AbC.123@Mail.Example.COM>" -> "AbC.123@mail.example.com". The local part stays as it is
 * because RFC 5322 lets it be case-sensitive; domains never are. Returns null for anything that
 * cannot be an id (empty, whitespace inside, absurdly long).
 */
export function normalizeMessageId(raw: string): string | null {
  const id = raw.trim().replace(/^<+/, "").replace(/>+$/, "").trim();
  if (id === "" || id.length > 998 || /[\s<>]/.test(id)) return null;
  const at = id.lastIndexOf("@");
  return at < 0 ? id : id.slice(0, at) + id.slice(at).toLowerCase();
}

/**
 * All ids in an In-Reply-To or References value. Old clients add comments
 * ("<a@b> (Jane's message of Monday)") or forget the brackets, so bracketed ids win and bare
 * tokens with an @ are the fallback.
 */
export function parseMessageIdList(raw: string): string[] {
  const bracketed = raw.match(/<[^<>\s]+>/g);
  const tokens = bracketed ?? raw.split(/[\s,]+/).filter((token) => token.includes("@"));
  return tokens.map(normalizeMessageId).filter((id): id is string => id !== null);
}

/** The subject a technician wants to read: no Re:/Odg:/Fwd: chain, no ticket tag. */
export function cleanSubject(subject: string): string {
  let cleaned = subject;
  // Prefixes and tags alternate in real threads ("RE: [MD-…] AW: Re: …"), so repeat until stable.
  for (let previous = ""; previous !== cleaned; ) {
    previous = cleaned;
    cleaned = cleaned.replace(ANY_REFERENCE_TAG, " ").replace(LEADING_PREFIXES, "").replace(/\s+/g, " ").trim();
  }
  return cleaned;
}
