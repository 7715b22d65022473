import type { Db } from "../db.server";

/** Remembers that this person has now seen the ticket (and so every client message in it). */
export async function markTicketSeen(db: Db, userId: string, ticketId: string, now = new Date()): Promise<void> {
  await db.ticketSeen.upsert({
    where: { userId_ticketId: { userId, ticketId } },
    create: { userId, ticketId, seenAt: now },
    update: { seenAt: now },
  });
}
