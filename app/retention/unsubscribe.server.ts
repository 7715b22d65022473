import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { hashToken, newToken } from "../auth/tokens.server";
import { recordAudit } from "../audit/audit.server";
import type { MailLinks } from "../mail/outbound/send-time-links.server";

/**
 * "Stop follow-up emails" links (Requester.followUpOptOut). Every non-essential mail to a
 * client (the follow-up questions) carries one, in the text and as List-Unsubscribe; it works
 * without signing in and for a year, and only ever switches mail off. Replies on the client's
 * own ticket are essential and still go out.
 */
export const UNSUBSCRIBE_PURPOSE = "UNSUBSCRIBE";
const LINK_DAYS = 365;

export async function issueUnsubscribeLink(db: Pick<Db, "accessToken">, requesterId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await db.accessToken.create({
    data: { tokenHash: hashToken(token), purpose: UNSUBSCRIBE_PURPOSE, subjectId: requesterId, expiresAt: new Date(now.getTime() + LINK_DAYS * 864e5) },
  });
  return `${getConfig().PUBLIC_URL}/unsubscribe/${token}`;
}

/** The unsubscribe link for a mail: a placeholder now, a token made when it is sent, also put in List-Unsubscribe. */
export function unsubscribeLinkInMail(links: MailLinks, requesterId: string, now = new Date()): string {
  return links.add({
    path: "/unsubscribe/", purpose: UNSUBSCRIBE_PURPOSE, subjectId: requesterId, listUnsubscribe: true,
    expiresAt: new Date(now.getTime() + LINK_DAYS * 864e5),
  });
}

async function requesterFor(db: Db, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== UNSUBSCRIBE_PURPOSE || !row.subjectId || row.expiresAt <= now) return null;
  return db.requester.findUnique({ where: { id: row.subjectId }, select: { id: true, followUpOptOut: true } });
}

/** null for a bad link; else whether follow-up mail is already off. */
export async function unsubscribeState(db: Db, token: string, now = new Date()): Promise<{ optedOut: boolean } | null> {
  const r = await requesterFor(db, token, now);
  return r && { optedOut: r.followUpOptOut };
}

export async function unsubscribeFromFollowUps(db: Db, token: string, now = new Date()): Promise<boolean> {
  const r = await requesterFor(db, token, now);
  if (!r) return false;
  if (!r.followUpOptOut) {
    await db.requester.update({ where: { id: r.id }, data: { followUpOptOut: true } });
    await recordAudit(db, { action: "privacy.unsubscribed", actorKind: "CLIENT", details: { requesterId: r.id } });
  }
  return true;
}
