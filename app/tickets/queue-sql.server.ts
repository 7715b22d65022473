import type { Prisma } from "@prisma/client";
import { prismaSql, rawDate, type Db } from "../db.server";
import { ACTIVE_STATUSES } from "./queue-options";

/**
 * The queue's SQL, written by hand: one text for SQLite and PostgreSQL (identifiers quoted, values
 * as parameters). Under load most of a queue page's CPU went to Prisma's query builder (every
 * findMany compiled to a plan in WebAssembly, every row and relation built into objects), several
 * times what SQLite spent answering, so the hot path runs $queryRaw instead. Fragments always come
 * from prismaSql(): the PostgreSQL client has a runtime of its own and would take another
 * runtime's fragment for a value.
 *
 * Dates: ISO-8601 text on SQLite (the adapter's format, so comparing with a Date parameter, which
 * the adapter writes in the same format, orders correctly), timestamp(3) on PostgreSQL. Rows are
 * turned into the same shape on both (rawDate).
 */

export type Sql = Prisma.Sql;

/** What a queue row shows. */
export type QueueRow = {
  id: string;
  reference: string;
  subject: string;
  status: string;
  priority: string;
  categorySlug: string;
  createdAt: Date;
  updatedAt: Date;
  teamId: string;
  assignee: { id: string; name: string } | null;
  requester: { company: string | null } | null;
  team: { name: string };
  /** A client wrote after the viewer last opened the ticket page (or they never did). */
  unseen: boolean;
};

type RawRow = Omit<QueueRow, "createdAt" | "updatedAt" | "assignee" | "requester" | "team" | "unseen"> & {
  unseen: number | bigint | boolean | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  assigneeId: string | null;
  assigneeName: string | null;
  requesterId: string | null;
  requesterCompany: string | null;
  teamName: string | null;
};

export type SortField = "updatedAt" | "createdAt";
export type SortDir = "asc" | "desc";

/** The SQL condition "all of these" (none: every row). */
export function allOf(conditions: Sql[]): Sql {
  const sql = prismaSql();
  return conditions.length ? sql.join(conditions, " AND ") : sql.sql`1 = 1`;
}

/** `column IN (…)` over constants of this module (never user input), spelled out for the planner. */
export const ACTIVE_STATUS_LIST = ACTIVE_STATUSES.map((s) => `'${s}'`).join(", ");

const TICKET_COLUMNS = `t."id", t."reference", t."subject", t."status", t."priority", t."categorySlug", t."createdAt", t."updatedAt", t."teamId", t."assigneeId", t."requesterId"`;

/**
 * One page of tickets, ordered by `field` then id, from one or more partitions (each an AND-list of
 * conditions on the ticket `t`). Each partition is an ordered index walk that stops after `take`
 * rows; several are merged by a UNION ALL in the same statement (SQLite cannot merge the ordered
 * ranges of an IN list itself). The walks carry only the sort key and id; the rest of the ticket,
 * the assignee's name, the requester's company and the team's name are read for the `take` rows
 * that remain (at 100 000 tickets this made SQLite's part of a page a third cheaper).
 */
export async function selectQueueRows(db: Db, partitions: Sql[][], field: SortField, dir: SortDir, take: number, viewerId: string | null = null): Promise<QueueRow[]> {
  const rows = await db.$queryRaw<RawRow[]>(queueStatement(partitions, field, dir, take, null, viewerId));
  return rows.map(toQueueRow);
}

/**
 * The same over the tickets of a search, in one statement: `matches` is SQL selecting the matching
 * tickets' ids as "id", at most a few hundred, already limited to the person's teams
 * (search.server.ts searchMatchesSql). matchCount is how many it selected, for telling the person
 * that the search was cut off; it comes back even when the page is empty.
 */
export async function selectMatchingQueueRows(
  db: Db, matches: Sql, partitions: Sql[][], field: SortField, dir: SortDir, take: number, viewerId: string | null = null,
): Promise<{ rows: QueueRow[]; matchCount: number }> {
  const rows = await db.$queryRaw<(Nullable<RawRow> & { matchCount: number | bigint | string })[]>(queueStatement(partitions, field, dir, take, matches, viewerId));
  // COUNT is a bigint on PostgreSQL (and may be on SQLite): the number is small.
  const matchCount = Number(rows[0]?.matchCount ?? 0);
  return { rows: rows.filter((r): r is RawRow & { matchCount: number } => r.id !== null).map(toQueueRow), matchCount };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

function queueStatement(partitions: Sql[][], field: SortField, dir: SortDir, take: number, matches: Sql | null, viewerId: string | null): Sql {
  const sql = prismaSql();
  const order = (alias: string) => sql.raw(`ORDER BY ${alias}"${field}" ${dir.toUpperCase()}, ${alias}"id" ${dir.toUpperCase()}`);
  // Over matches, each walk starts from the matched ids and looks their tickets up by primary key.
  // CROSS JOIN keeps that order on SQLite, whose planner otherwise preferred walking an index of
  // the other conditions and probing the matches: with `status = 'CLOSED'` 80 ms instead of 4 ms,
  // with the unassigned view 35 ms, at 100 000 tickets (a list of ids as parameters did the same).
  // PostgreSQL reorders joins freely and chooses the same (a nested loop over "Ticket_pkey").
  const from = matches ? sql.raw(`"matches" m CROSS JOIN "Ticket" t`) : sql.raw(`"Ticket" t`);
  const walk = (conditions: Sql[]) =>
    sql.sql`SELECT t."id", ${sql.raw(`t."${field}"`)} FROM ${from} WHERE ${allOf(matches ? [sql.raw(`t."id" = m."id"`), ...conditions] : conditions)} ${order("t.")} LIMIT ${take}`;
  const picked =
    partitions.length === 1
      ? walk(partitions[0]!)
      : sql.sql`SELECT * FROM (${sql.join(partitions.map((p, i) => sql.sql`SELECT * FROM (${walk(p)}) AS ${sql.raw(`p${i}`)}`), " UNION ALL ")}) AS u ${order("")} LIMIT ${take}`;
  // Unseen: the last client message is newer than the viewer's last visit (TicketSeen, one
  // primary-key look-up per shown row). Both sides are dates written by the adapter: ISO text of
  // one format on SQLite (so text order is time order), timestamp(3) on PostgreSQL.
  const columns = sql.raw(`${TICKET_COLUMNS}, a."name" AS "assigneeName", r."company" AS "requesterCompany", tm."name" AS "teamName",
      CASE WHEN t."lastClientAt" IS NOT NULL AND (s."seenAt" IS NULL OR s."seenAt" < t."lastClientAt") THEN 1 ELSE 0 END AS "unseen"`);
  const names = sql.sql`LEFT JOIN "User" a ON a."id" = t."assigneeId"
      LEFT JOIN "Requester" r ON r."id" = t."requesterId"
      LEFT JOIN "Team" tm ON tm."id" = t."teamId"
      LEFT JOIN "TicketSeen" s ON s."ticketId" = t."id" AND s."userId" = ${viewerId ?? ""}`;
  if (!matches) {
    return sql.sql`
    SELECT ${columns}
      FROM (${picked}) AS q
      JOIN "Ticket" t ON t."id" = q."id"
      ${names}
     ${order("q.")}`;
  }
  // The matches are computed once (MATERIALIZED: read by the walk and by the count). The count is
  // the left side of the join, so an empty page still brings one row, with the count and NULLs.
  return sql.sql`
    WITH "matches" AS MATERIALIZED (${matches})
    SELECT ${columns}, c."matchCount"
      FROM (SELECT count(*) AS "matchCount" FROM "matches") AS c
      LEFT JOIN (${picked}) AS q ON 1 = 1
      LEFT JOIN "Ticket" t ON t."id" = q."id"
      ${names}
     ${order("q.")}`;
}

function toQueueRow(r: RawRow): QueueRow {
  return {
    id: r.id, reference: r.reference, subject: r.subject, status: r.status, priority: r.priority, categorySlug: r.categorySlug,
    createdAt: rawDate(r.createdAt), updatedAt: rawDate(r.updatedAt), teamId: r.teamId,
    assignee: r.assigneeId && r.assigneeName !== null ? { id: r.assigneeId, name: r.assigneeName } : null,
    requester: r.requesterId ? { company: r.requesterCompany } : null,
    team: { name: r.teamName ?? "" },
    unseen: Number(r.unseen ?? 0) === 1 || r.unseen === true,
  };
}

/** Ids of tickets with a follow-up that needs a technician now (due, or scheduled and past due), within `scope`. */
export async function selectDueFollowUpTicketIds(db: Db, scope: Sql | null, now: Date): Promise<string[]> {
  const sql = prismaSql();
  const rows = await db.$queryRaw<{ id: string }[]>(sql.sql`
    SELECT DISTINCT f."ticketId" AS id
      FROM "FollowUp" f
      JOIN "Ticket" t ON t."id" = f."ticketId"
     WHERE (f."status" = 'DUE' OR (f."status" = 'SCHEDULED' AND f."dueAt" <= ${now}))
       AND ${scope ?? sql.sql`1 = 1`}`);
  return rows.map((r) => r.id);
}

/** Active tickets within `scope`, counted per status and assignee (a few dozen groups). */
export async function countActiveTickets(db: Db, scope: Sql | null): Promise<{ status: string; assigneeId: string | null; n: number }[]> {
  const sql = prismaSql();
  const rows = await db.$queryRaw<{ status: string; assigneeId: string | null; n: number | bigint | string }[]>(sql.sql`
    SELECT t."status" AS status, t."assigneeId" AS "assigneeId", COUNT(*) AS n
      FROM "Ticket" t
     WHERE ${scope ?? sql.sql`1 = 1`} AND t."status" IN (${sql.raw(ACTIVE_STATUS_LIST)})
     GROUP BY t."status", t."assigneeId"`);
  // COUNT is a bigint on PostgreSQL (and may be on SQLite): the numbers are small.
  return rows.map((r) => ({ status: r.status, assigneeId: r.assigneeId, n: Number(r.n) }));
}
