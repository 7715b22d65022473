import type { Prisma } from "@prisma/client";
import { databaseKind, prismaSql, type Db } from "../db.server";
import { seesNoTickets, teamScopeSql, type StaffUser } from "../auth/guards.server";

/**
 * Full-text search over ticket subjects and message bodies: the one module with
 * database-specific search SQL. SQLite: FTS5 (table "SearchIndex", migration search_index),
 * tokenizer unicode61 remove_diacritics 2. PostgreSQL: a tsvector table kept by triggers
 * (prisma/postgresql/migrations/*_search_and_rollups, *_search_index_team), 'simple' configuration
 * over unaccent(), each row carrying its ticket's team for the scope.
 * Both fold diacritics on both sides, so "cas" finds "čas" and "čas" finds "cas", and both
 * match every word as a prefix. The index holds redacted text only, so a search can never
 * find a value that redaction removed.
 */

/** The most matches a search hands to the queue; the queue shows them sorted and paged. */
export const MAX_SEARCH_MATCHES = 500;
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted prefix
 * token ("napak"* finds "napaka"), all words must match. Quotes, operators (AND, OR,
 * NEAR, -, ^, :, parentheses) lose their meaning, so input can never be a syntax error
 * or reach another column. Returns null when nothing searchable is left.
 */
function searchTerms(input: string): string[] {
  return input
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((t) => t.slice(0, MAX_TERM_LENGTH));
}

export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input).map((t) => `"${t}"*`);
  return terms.length ? terms.join(" ") : null;
}

/**
 * The same for PostgreSQL's to_tsquery: letters and digits only (so no operator survives),
 * each a prefix (:*), all required (&). Accents are folded in SQL by unaccent().
 */
export function toTsQuery(input: string): string | null {
  const terms = searchTerms(input).map((t) => `${t}:*`);
  return terms.length ? terms.join(" & ") : null;
}

/**
 * The SQL that selects the ids ("id") of tickets whose subject or messages match, newest first,
 * at most `limit`, limited to the tickets this person's teams may see (the team scope is part of
 * this SQL, never applied afterwards; admins search everything). Null when nothing can match: no
 * searchable word, or a technician in no team.
 * A fragment rather than a list of ids, so that the queue runs it inside its page statement
 * (queue-sql.server.ts selectMatchingQueueRows): 500 ids sent back and forth through Prisma as
 * rows and then as bound parameters cost more than the search itself.
 */
export function searchMatchesSql(user: Pick<StaffUser, "role" | "teamIds">, input: string, limit = MAX_SEARCH_MATCHES): Prisma.Sql | null {
  if (seesNoTickets(user)) return null;
  const sql = prismaSql();
  if (databaseKind() === "postgres") {
    const query = toTsQuery(input);
    if (!query) return null;
    // The team scope is checked on the index row itself: "team_id" is the ticket's team, kept by
    // the triggers (migration *_search_index_team). Joining "Ticket" for it instead made the
    // planner hash all tickets for every search (54 ms instead of 17 ms at 100 000 tickets).
    const scope = teamScopeSql(user, `s."team_id"`);
    const teams = scope ? sql.sql` AND ${scope}` : sql.empty;
    // The GIN index finds the matching rows; newest first by the index row's id, as on SQLite.
    return sql.sql`SELECT s."ticket_id" AS "id"
       FROM "SearchIndex" s
      WHERE s."document" @@ to_tsquery('simple', unaccent(${query}))${teams}
      GROUP BY s."ticket_id"
      ORDER BY max(s."id") DESC
      LIMIT ${limit}`;
  }
  const match = toFtsQuery(input);
  if (!match) return null;
  // FTS5 walks matches in rowid order; DESC with a LIMIT streams and stops early, so a
  // common word over 100 000 tickets costs about as much as a rare one. Rowids grow with
  // time, so the newest messages come first. The team filter sits in the same statement.
  // The ticket's alias is "st", not "t": the queue's statements call their ticket "t".
  const scope = teamScopeSql(user, `st."teamId"`);
  const teams = scope ? sql.sql` AND ${scope}` : sql.empty;
  return sql.sql`SELECT DISTINCT st."id" AS "id"
       FROM "SearchIndex" s
       JOIN "Ticket" st ON st."id" = s."ticket_id"
      WHERE "SearchIndex" MATCH ${match}${teams}
      ORDER BY s.rowid DESC
      LIMIT ${limit}`;
}

/** The same matches as a list of ids, newest first. */
export async function searchTicketIds(db: Db, user: Pick<StaffUser, "role" | "teamIds">, input: string, limit = MAX_SEARCH_MATCHES): Promise<string[]> {
  const matches = searchMatchesSql(user, input, limit);
  if (!matches) return [];
  const rows = await db.$queryRaw<{ id: string }[]>(matches);
  return rows.map((r) => r.id);
}
