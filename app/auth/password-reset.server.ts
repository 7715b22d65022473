import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { getT, isLocale, type Locale } from "../i18n/i18n";
import { recordAudit } from "../audit/audit.server";
import { enqueueMail, kickOutbox } from "../mail/outbound/outbox.server";
import { MailLinks } from "../mail/outbound/send-time-links.server";
import { hashPassword } from "./password.server";
import { hitRateLimit } from "./rate-limit.server";
import { hashToken } from "./tokens.server";

/**
 * Staff password reset by email (docs/decisions/016-send-time-links.md, 017-password-reset.md).
 * The link is a 256-bit token made when the mail is sent, stored only hashed, valid for
 * PASSWORD_RESET_MINUTES and once; using it ends every session of the account. The request
 * page answers the same whether or not the address is an account, and is rate-limited per
 * client address and per address asked about (keyed hashes, rate-limit.server.ts).
 */
export const PASSWORD_RESET_PURPOSE = "PASSWORD_RESET";
const HOUR = 3600_000;

export type ResetRequestOutcome = { kind: "sent" } | { kind: "rate-limited"; retryAfterS: number };

export async function requestPasswordReset(
  db: Db,
  input: { email: string; clientAddress: string; locale: Locale },
  now = new Date(),
): Promise<ResetRequestOutcome> {
  const c = getConfig();
  const email = input.email.trim().toLowerCase();
  const byAddress = await hitRateLimit("reset-ip", input.clientAddress, c.PASSWORD_RESETS_PER_HOUR * 5, HOUR, now);
  if (!byAddress.allowed) return { kind: "rate-limited", retryAfterS: byAddress.retryAfterS };
  // Over the per-account limit the page still says "sent": the answer must not depend on the account.
  const byAccount = await hitRateLimit("reset-account", email, c.PASSWORD_RESETS_PER_HOUR, HOUR, now);
  if (!byAccount.allowed) return { kind: "sent" };
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !user.active || user.role === "CLIENT") return { kind: "sent" };
  const t = getT(isLocale(user.locale) ? user.locale : input.locale);
  const links = new MailLinks();
  const link = links.add({
    path: "/reset-password/", purpose: PASSWORD_RESET_PURPOSE, subjectId: user.id,
    expiresAt: new Date(now.getTime() + c.PASSWORD_RESET_MINUTES * 60_000),
  });
  await enqueueMail(db, {
    to: user.email,
    subject: t("reset.emailSubject", { company: c.COMPANY_NAME }),
    text: t("reset.emailBody", { link, minutes: c.PASSWORD_RESET_MINUTES, company: c.COMPANY_NAME }),
    links: links.specs,
  });
  kickOutbox(db);
  await recordAudit(db, { action: "auth.reset_requested", actorKind: "SYSTEM", actorUserId: user.id });
  return { kind: "sent" };
}

async function liveResetToken(db: Db, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== PASSWORD_RESET_PURPOSE || !row.subjectId || row.usedAt || row.expiresAt <= now) return null;
  return row;
}

/** Whether the link may still be used (the page shows the form, or says the link is spent). */
export async function resetLinkIsLive(db: Db, token: string, now = new Date()): Promise<boolean> {
  return (await liveResetToken(db, token, now)) !== null;
}

/**
 * Sets the new password if the link is live, using it up (one conditional update, so two
 * concurrent uses cannot both succeed), spending the account's other reset links and ending
 * all of its sessions: whoever had signed in with the old password is out.
 */
export async function resetPassword(db: Db, token: string, newPassword: string, now = new Date()): Promise<boolean> {
  const row = await liveResetToken(db, token, now);
  if (!row) return false;
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    const used = await tx.accessToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (used.count !== 1) return false;
    const userId = row.subjectId!;
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.accessToken.updateMany({ where: { purpose: PASSWORD_RESET_PURPOSE, subjectId: userId, usedAt: null }, data: { usedAt: now } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, { action: "auth.password_reset", actorKind: "USER", actorUserId: userId });
    return true;
  });
}
