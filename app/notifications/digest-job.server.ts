import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { getT } from "../i18n/i18n";
import { localDateKey } from "../followups/business-days";
import { enqueueMail } from "../mail/outbound/outbox.server";
import type { JobContext } from "../jobs/worker.server";
import { localeOfUser, notificationMessageId, ticketPageUrl, type NotificationEvent } from "./staff-notifications.server";

export const DIGEST_JOB = "notifications.digest";

const EVENT_KEY: Record<NotificationEvent, string> = {
  NEW_IN_TEAM: "notify.eventNewInTeam",
  CLIENT_REPLY: "notify.eventClientReply",
  ASSIGNED: "notify.eventAssigned",
  FOLLOWUP_DUE: "notify.eventFollowUpDue",
};

/**
 * Once a day: one mail per person who chose the digest, listing the references (with the
 * redacted subject and link) of what they would otherwise have been mailed about. Each
 * person's batch is marked sent in the same transaction as its mail, so a rerun sends nothing.
 */
export async function sendDailyDigests(db: Db, now: Date): Promise<number> {
  const owed = await db.staffNotification.findMany({ where: { digest: true, sentAt: null }, select: { userId: true }, distinct: ["userId"] });
  let sent = 0;
  for (const { userId } of owed) {
    await db.$transaction(async (tx) => {
      const items = await tx.staffNotification.findMany({
        where: { userId, digest: true, sentAt: null },
        orderBy: { createdAt: "asc" },
        include: { ticket: { select: { id: true, reference: true, subject: true } } },
      });
      const user = await tx.user.findUnique({ where: { id: userId } });
      if (items.length === 0) return;
      await tx.staffNotification.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { sentAt: now } });
      if (!user?.active) return;
      const t = getT(localeOfUser(user.locale));
      const byTicket = new Map<string, { reference: string; subject: string; id: string; events: Set<string> }>();
      for (const i of items) {
        const row = byTicket.get(i.ticketId) ?? { ...i.ticket, events: new Set<string>() };
        row.events.add(t(EVENT_KEY[i.event as NotificationEvent] ?? "notify.eventAssigned"));
        byTicket.set(i.ticketId, row);
      }
      const lines = [...byTicket.values()].map((r) => `- ${r.reference} (${[...r.events].join(", ")}): ${r.subject}\n  ${ticketPageUrl(r.id)}`);
      const text = [t("notify.bodyDigest"), "", ...lines, "", "-- ", t("notify.footer", { url: `${getConfig().PUBLIC_URL}/profile` })].join("\n");
      const key = `notify.digest:${userId}:${localDateKey(now, getConfig().TIMEZONE)}:${items[0]!.id}`;
      await enqueueMail(tx, { to: user.email, subject: t("notify.subjectDigest", { count: byTicket.size }), text, messageId: notificationMessageId(key) });
      sent++;
    });
  }
  return sent;
}

export async function handleDigestJob(_payload: unknown, ctx: JobContext): Promise<void> {
  await sendDailyDigests(ctx.db, ctx.now);
}
