import type { Db } from "../db.server";

export type NotificationPrefs = { newInTeam: boolean; clientReply: boolean; assigned: boolean; followUpDue: boolean; dailyDigest: boolean };

export const DEFAULT_PREFS: NotificationPrefs = { newInTeam: true, clientReply: true, assigned: true, followUpDue: true, dailyDigest: false };

export async function loadPrefs(db: Db, userId: string): Promise<NotificationPrefs> {
  const row = await db.staffNotificationPrefs.findUnique({ where: { userId } });
  if (!row) return DEFAULT_PREFS;
  return { newInTeam: row.newInTeam, clientReply: row.clientReply, assigned: row.assigned, followUpDue: row.followUpDue, dailyDigest: row.dailyDigest };
}

export async function savePrefs(db: Db, userId: string, prefs: NotificationPrefs): Promise<void> {
  await db.staffNotificationPrefs.upsert({ where: { userId }, create: { userId, ...prefs }, update: prefs });
}
