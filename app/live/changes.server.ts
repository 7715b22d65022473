import { prismaSql, rawDateOrNull, type Db } from "../db.server";
import { seesNoTickets, teamScopeSql, type StaffUser } from "../auth/guards.server";

/**
 * "Did anything in my queue change?", asked by every open queue tab every LIVE_INTERVAL_MS
 * (app/live/use-live-poll.ts), so it must cost next to nothing: the newest updatedAt among the
 * person's teams' tickets. Every change to a ticket (a new ticket, a client or staff message, a
 * status, an assignment) writes its updatedAt, and a new client message is what marks a row, so
 * this one number says when the page is out of date. One index probe per team over
 * (teamId, updatedAt), or over (updatedAt) for an admin, whatever the number of tickets.
 * It comes from the database, not from the process: a change made through another web process
 * (or by the SMTP listener or the worker) is seen the same way.
 *
 * Not seen: a ticket deleted by the purge or an erasure (it changes no other row); the page
 * shows that at its next change or reload.
 */
export async function queueChangedAt(db: Db, user: StaffUser): Promise<Date | null> {
  if (seesNoTickets(user)) return null;
  const sql = prismaSql();
  const statement =
    user.role === "ADMIN"
      ? sql.sql`SELECT MAX("updatedAt") AS "at" FROM "Ticket"`
      : sql.sql`SELECT MAX("at") AS "at" FROM (${sql.join(
          // One probe per team: an IN list would read every ticket of the teams on PostgreSQL.
          user.teamIds.map((teamId) => sql.sql`SELECT MAX("updatedAt") AS "at" FROM "Ticket" WHERE "teamId" = ${teamId}`),
          " UNION ALL ",
        )}) AS "m"`;
  const rows = await db.$queryRaw<{ at: Date | string | null }[]>(statement);
  return rawDateOrNull(rows[0]?.at ?? null);
}

/** The ticket's last change, or null when this person may not see it (or it does not exist). */
export async function ticketChangedAt(db: Db, user: StaffUser, ticketId: string): Promise<Date | null> {
  if (seesNoTickets(user)) return null;
  const sql = prismaSql();
  const scope = teamScopeSql(user, `t."teamId"`);
  const rows = await db.$queryRaw<{ at: Date | string }[]>(
    sql.sql`SELECT t."updatedAt" AS "at" FROM "Ticket" t WHERE t."id" = ${ticketId}${scope ? sql.sql` AND ${scope}` : sql.empty}`,
  );
  return rawDateOrNull(rows[0]?.at ?? null);
}
