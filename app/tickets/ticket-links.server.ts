import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { hashToken, newToken } from "../auth/tokens.server";
import type { MailLinks } from "../mail/outbound/send-time-links.server";

/**
 * A client's private link to a ticket: a 256-bit token, stored only as its hash, expiring
 * after TICKET_LINK_DAYS. It can be sent again ("send me my links").
 */
export async function issueTicketLink(db: Pick<Db, "accessToken">, ticketId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await db.accessToken.create({
    data: {
      tokenHash: hashToken(token),
      purpose: "TICKET_LINK",
      ticketId,
      expiresAt: new Date(now.getTime() + getConfig().TICKET_LINK_DAYS * 864e5),
    },
  });
  return token;
}

/** The ticket link for a mail: a placeholder now, a fresh token when the mail is sent. */
export function ticketLinkInMail(links: MailLinks, ticketId: string, now = new Date()): string {
  return links.add({ path: "/t/", purpose: "TICKET_LINK", ticketId, expiresAt: new Date(now.getTime() + getConfig().TICKET_LINK_DAYS * 864e5) });
}

export function ticketLinkUrl(token: string): string {
  return `${getConfig().PUBLIC_URL}/t/${token}`;
}

/** The ticket id the token opens, or null for a wrong, expired or foreign token. */
export async function resolveTicketLink(db: Pick<Db, "accessToken">, token: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== "TICKET_LINK" || !row.ticketId || row.expiresAt <= now) return null;
  return row.ticketId;
}
