import type { Db } from "../db.server";
import type { StaffUser } from "../auth/guards.server";

/**
 * Full-text search over ticket subjects and message bodies: the one module with
 * database-specific SQL (SQLite FTS5, table "SearchIndex", see the search_index
 * migration). The index holds redacted text only, so a search can never find a value
 * that redaction removed. The tokenizer folds diacritics (unicode61 remove_diacritics 2)
 * on both sides, so "cas" finds "čas" and "čas" finds "cas".
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
export function toFtsQuery(input: string): string | null {
  const terms = input
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
    .map((t) => `"${t.slice(0, MAX_TERM_LENGTH)}"*`);
  return terms.length ? terms.join(" ") : null;
}

/**
 * Ids of tickets whose subject or messages match, newest first, limited to the tickets
 * this person's teams may see (the team scope is part of the same SQL, never applied
 * afterwards). Admins search everything.
 */
export async function searchTicketIds(db: Db, user: Pick<StaffUser, "role" | "teamIds">, input: string, limit = MAX_SEARCH_MATCHES): Promise<string[]> {
  const match = toFtsQuery(input);
  if (!match) return [];
  const scoped = user.role !== "ADMIN";
  if (scoped && user.teamIds.length === 0) return [];
  const teamList = scoped ? ` AND t."teamId" IN (${user.teamIds.map(() => "?").join(",")})` : "";
  // FTS5 walks matches in rowid order; DESC with a LIMIT streams and stops early, so a
  // common word over 100 000 tickets costs about as much as a rare one. Rowids grow with
  // time, so the newest messages come first. The team filter sits in the same statement.
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT DISTINCT t."id" AS id
       FROM "SearchIndex" s
       JOIN "Ticket" t ON t."id" = s."ticket_id"
      WHERE "SearchIndex" MATCH ?${teamList}
      ORDER BY s.rowid DESC
      LIMIT ?`,
    match,
    ...(scoped ? user.teamIds : []),
    limit,
  );
  return rows.map((r) => r.id);
}
