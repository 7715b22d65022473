import { prismaSql, rawDateOrNull, type Db } from "../db.server";

/**
 * Who has a ticket page open, and who is writing a reply in it: one row per person and ticket
 * (TicketPresence), refreshed by the page's heartbeat every LIVE_INTERVAL_MS and valid for three
 * of them, so a closed laptop disappears by itself. Rows live in the database, not in a process:
 * two technicians served by two web processes see each other. Only staff names are ever read
 * back, never anything of the client's.
 */
export type PresenceState = "viewing" | "typing" | "left";
export type OtherPresence = { name: string; typing: boolean };

export const PRESENCE_LIFETIMES = 3; // intervals a heartbeat keeps "viewing"
export const TYPING_LIFETIMES = 2; // intervals a heartbeat keeps "writing a reply"

/** Records this person's state on the ticket (the caller has checked they may see it). */
export async function recordPresence(db: Db, ticketId: string, userId: string, state: PresenceState, intervalMs: number, now = new Date()): Promise<void> {
  const sql = prismaSql();
  if (state === "left") {
    await db.$executeRaw(sql.sql`DELETE FROM "TicketPresence" WHERE "ticketId" = ${ticketId} AND "userId" = ${userId}`);
    return;
  }
  const expiresAt = new Date(now.getTime() + PRESENCE_LIFETIMES * intervalMs);
  const typingUntil = state === "typing" ? new Date(now.getTime() + TYPING_LIFETIMES * intervalMs) : null;
  // One statement on both databases (Prisma's upsert reads, then writes, and may race).
  await db.$executeRaw(sql.sql`
    INSERT INTO "TicketPresence" ("ticketId", "userId", "expiresAt", "typingUntil") VALUES (${ticketId}, ${userId}, ${expiresAt}, ${typingUntil})
    ON CONFLICT ("ticketId", "userId") DO UPDATE SET "expiresAt" = excluded."expiresAt", "typingUntil" = excluded."typingUntil"`);
  await pruneExpiredPresence(db, now);
}

/** The other staff on the ticket now, by name (a person's own tabs are not "someone else"). */
export async function othersOnTicket(db: Db, ticketId: string, userId: string, now = new Date()): Promise<OtherPresence[]> {
  const sql = prismaSql();
  const rows = await db.$queryRaw<{ name: string; typingUntil: Date | string | null }[]>(sql.sql`
    SELECT u."name" AS "name", p."typingUntil" AS "typingUntil"
      FROM "TicketPresence" p JOIN "User" u ON u."id" = p."userId"
     WHERE p."ticketId" = ${ticketId} AND p."userId" <> ${userId} AND p."expiresAt" > ${now} AND u."active" = TRUE
     ORDER BY u."name"`);
  return rows.map((r) => {
    const until = rawDateOrNull(r.typingUntil);
    return { name: r.name, typing: until !== null && until > now };
  });
}

let lastPrune = 0;
const PRUNE_EVERY_MS = 60_000;

/** Expired rows are never read; they are deleted now and then (once a minute per process). */
export async function pruneExpiredPresence(db: Db, now = new Date(), force = false): Promise<void> {
  if (!force && now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now.getTime();
  await db.$executeRaw(prismaSql().sql`DELETE FROM "TicketPresence" WHERE "expiresAt" < ${now}`);
}
