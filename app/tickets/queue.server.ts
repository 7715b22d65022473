import { z } from "zod";
import { prismaSql, type Db } from "../db.server";
import { seesNoTickets, teamScopeSql, type StaffUser } from "../auth/guards.server";
import { REFERENCE_PATTERN } from "./reference.server";
import { MAX_SEARCH_MATCHES, searchMatchesSql, searchTicketIds } from "./search.server";
import {
  ACTIVE_STATUS_LIST, countActiveTickets, selectDueFollowUpTicketIds, selectMatchingQueueRows, selectQueueRows,
  type QueueRow, type SortDir, type SortField, type Sql,
} from "./queue-sql.server";

/**
 * The technicians' queue: views, filters, search, sorting and keyset pagination.
 *
 * Performance (100 000 tickets, scripts/bench-queue.ts): most tickets of a desk that has
 * worked for years are closed, active ones are a few hundred. A page is merged from ordered
 * index walks that each stop after one page (orderedWalks): per status and team over
 * (status, teamId, updatedAt) for open and waiting tickets, per team over (teamId, updatedAt)
 * for views that include closed tickets (those use `status NOT IN (active)`, which SQLite
 * cannot use as an index constraint). SQLite cannot merge the ordered ranges of an IN list
 * itself, so the walks are merged in the same statement.
 * Keyset pagination (cursor = last row's sort key and id) keeps page 200 as cheap as page 1.
 * The SQL is written by hand (queue-sql.server.ts): Prisma's query builder cost several
 * times what the database did. The counts and menus are kept a few seconds per team set
 * (QUEUE_SUMMARY_MAX_AGE_MS).
 */

import { ACTIVE_STATUSES, CHANNELS, PRIORITIES, QUEUE_VIEWS, STATUSES, type QueueView, type TicketPriority } from "./queue-options";

export { ACTIVE_STATUSES, CHANNELS, PRIORITIES, QUEUE_VIEWS, STATUSES };
export type { QueueView, TicketPriority, TicketStatus } from "./queue-options";
export const QUEUE_PAGE_SIZE = 50;

const optional = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), s.optional());

export const QueueQuerySchema = z.object({
  view: z.enum(QUEUE_VIEWS).catch("open"),
  status: optional(z.enum(STATUSES)).catch(undefined),
  priority: optional(z.enum(PRIORITIES)).catch(undefined),
  category: optional(z.string().regex(/^[a-z0-9-]{1,40}$/)).catch(undefined),
  channel: optional(z.enum(CHANNELS)).catch(undefined),
  /** A user id, or "none" for unassigned. */
  assigneeId: optional(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).catch(undefined),
  q: optional(z.string().trim().max(200)).catch(undefined),
  sort: z.enum(["updated", "created", "priority"]).catch("updated"),
  dir: z.enum(["desc", "asc"]).catch("desc"),
  cursor: optional(z.string().max(300)).catch(undefined),
});
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

/** Reads the queue's URL; anything invalid falls back to its default instead of failing. */
export function parseQueueQuery(params: URLSearchParams): QueueQuery {
  return QueueQuerySchema.parse(Object.fromEntries(params));
}

type Cursor = { p?: TicketPriority; v: string; id: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    if (typeof c.v !== "string" || Number.isNaN(Date.parse(c.v)) || typeof c.id !== "string") return null;
    if (c.p !== undefined && !PRIORITIES.includes(c.p)) return null;
    return c;
  } catch {
    return null;
  }
}

export type { QueueRow } from "./queue-sql.server";

/** Views that only hold active tickets (status IN …): few enough to sort in one walk. */
const ACTIVE_VIEWS: ReadonlySet<QueueView> = new Set(["unassigned", "mine", "pending", "open"]);

/** The team filter of every ticket query (`t`) of a technician; null for an admin (all teams). */
const teamScope = (user: StaffUser): Sql | null => teamScopeSql(user, `t."teamId"`);

function viewConditions(view: QueueView, user: StaffUser): Sql[] {
  const sql = prismaSql();
  const active = sql.raw(`t."status" IN (${ACTIVE_STATUS_LIST})`);
  switch (view) {
    case "unassigned": return [sql.sql`t."assigneeId" IS NULL`, active];
    case "mine": return [sql.sql`t."assigneeId" = ${user.id}`, active];
    case "pending": return [sql.sql`t."status" = 'PENDING'`];
    case "followups": return []; // ids from the few due follow-ups: see listQueue
    case "open": return [active];
    // NOT IN on purpose: see the comment at the top.
    case "closed": return [sql.raw(`t."status" NOT IN (${ACTIVE_STATUS_LIST})`)];
    case "all": return [];
  }
}

/** After the cursor's row in the order (field, id). */
function afterCursor(field: SortField, dir: SortDir, after: Cursor): Sql {
  const sql = prismaSql();
  const col = sql.raw(`t."${field}"`);
  const cmp = sql.raw(dir === "desc" ? "<" : ">");
  const at = new Date(after.v);
  return sql.sql`(${col} ${cmp} ${at} OR (${col} = ${at} AND t."id" ${cmp} ${after.id}))`;
}

/**
 * The ordered index walks a page is merged from (each an AND-list of conditions), so that none
 * reads far past one page. Views that include closed tickets: one walk per team over
 * (teamId, updatedAt), stopping after a page. Open and waiting tickets: one walk per status
 * and team over (status, teamId, updatedAt), each stopping after a page, instead of sorting
 * every active ticket of the teams. Admins, lists of ids (search, follow-ups) and "mine" or
 * "unassigned" (where the planner prefers the assignee's index) are one statement.
 */
function orderedWalks(user: StaffUser, query: QueueQuery, byIds: boolean): Sql[][] {
  const sql = prismaSql();
  if (byIds) return [[]];
  const scope = teamScope(user);
  if (!scope) return [[]];
  const teams = user.teamIds;
  const statusFilter = query.status && (ACTIVE_STATUSES as readonly string[]).includes(query.status) ? [query.status] : null;
  const statuses = statusFilter ?? (query.view === "open" ? [...ACTIVE_STATUSES] : query.view === "pending" ? ["PENDING"] : null);
  if (statuses && query.view !== "mine" && query.view !== "unassigned") {
    return statuses.flatMap((status) => teams.map((teamId) => [sql.sql`t."status" = ${status}`, sql.sql`t."teamId" = ${teamId}`]));
  }
  if (ACTIVE_VIEWS.has(query.view) || teams.length <= 1) return [[scope]];
  return teams.map((teamId) => [sql.sql`t."teamId" = ${teamId}`]);
}

export type QueuePage = {
  rows: QueueRow[];
  nextCursor: string | null;
  /** The search matched more tickets than the queue takes; the person should narrow it. */
  searchCapped: boolean;
};

const EMPTY_PAGE: QueuePage = { rows: [], nextCursor: null, searchCapped: false };

/**
 * One page of the queue for this person: always inside their teams' scope, then the
 * view, the filters and the search. Newest activity first unless asked otherwise.
 */
export async function listQueue(db: Db, user: StaffUser, query: QueueQuery, now = new Date(), pageSize = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  if (seesNoTickets(user)) return EMPTY_PAGE;
  const sql = prismaSql();
  const filters: Sql[] = viewConditions(query.view, user);
  if (query.status) filters.push(sql.sql`t."status" = ${query.status}`);
  if (query.priority) filters.push(sql.sql`t."priority" = ${query.priority}`);
  if (query.category) filters.push(sql.sql`t."categorySlug" = ${query.category}`);
  if (query.channel) filters.push(sql.sql`t."channel" = ${query.channel}`);
  if (query.assigneeId) filters.push(query.assigneeId === "none" ? sql.sql`t."assigneeId" IS NULL` : sql.sql`t."assigneeId" = ${query.assigneeId}`);
  let searchCapped = false;
  // The search, as SQL that the page's statement runs itself (selectMatchingQueueRows): its ids
  // need not travel through JavaScript. Null without a search.
  let matches: Sql | null = null;
  // A short list of ids that was already selected inside the team scope (due follow-ups, the
  // search's matches). Repeating `teamId IN (…)` in SQL would make SQLite walk the whole team
  // index instead of looking the ids up (80 ms instead of 1 ms at 100 000 tickets), so for
  // these the scope is checked again on the rows instead (below).
  let byIds = false;
  if (query.view === "followups") {
    // Start from the few due follow-ups, not from 100 000 tickets probing for one.
    const ids = await selectDueFollowUpTicketIds(db, teamScope(user), now);
    if (!ids.length) return EMPTY_PAGE;
    filters.push(sql.sql`t."id" IN (${sql.join(ids)})`);
    byIds = true;
  }
  if (query.q) {
    const ref = REFERENCE_PATTERN.exec(query.q.toUpperCase());
    if (ref) {
      filters.push(sql.sql`t."reference" = ${ref[0]}`);
    } else if (query.sort === "priority") {
      // Sorted by priority, a page may take one statement per priority: search once, not in each,
      // and hand each statement the ids as its matches (so the tickets are still looked up by id).
      const ids = await searchTicketIds(db, user, query.q);
      if (!ids.length) return EMPTY_PAGE;
      matches = sql.sql`SELECT v.column1 AS "id" FROM (VALUES ${sql.join(ids.map((id) => sql.sql`(${id})`))}) AS v`;
      byIds = true;
    } else {
      matches = searchMatchesSql(user, query.q);
      if (!matches) return EMPTY_PAGE;
      byIds = true;
    }
  }
  const partitions = orderedWalks(user, query, byIds);
  const inScope = (row: QueueRow) => user.role === "ADMIN" || user.teamIds.includes(row.teamId);
  const cursor = decodeCursor(query.cursor);
  const take = pageSize + 1;

  const fetch = async (extra: Sql[], field: SortField, dir: SortDir, after: Cursor | null) => {
    const conditions = [...filters, ...extra, ...(after ? [afterCursor(field, dir, after)] : [])];
    const walks = partitions.map((p) => [...p, ...conditions]);
    if (!matches) return (await selectQueueRows(db, walks, field, dir, take, user.id)).filter(inScope);
    const found = await selectMatchingQueueRows(db, matches, walks, field, dir, take, user.id);
    searchCapped = found.matchCount >= MAX_SEARCH_MATCHES;
    return found.rows.filter(inScope);
  };

  let rows: QueueRow[];
  let nextCursor: string | null = null;
  if (query.sort === "priority") {
    // Priority is a word, not a number: walk the buckets in order, newest activity first inside each.
    const order = query.dir === "desc" ? [...PRIORITIES] : [...PRIORITIES].reverse();
    const start = cursor?.p ? order.indexOf(cursor.p) : 0;
    rows = [];
    for (let i = Math.max(0, start); i < order.length && rows.length < take; i++) {
      const bucket = await fetch([sql.sql`t."priority" = ${order[i]}`], "updatedAt", "desc", i === start && cursor?.p ? cursor : null);
      rows.push(...bucket.slice(0, take - rows.length));
    }
    if (rows.length > pageSize) {
      const last = rows[pageSize - 1]!;
      nextCursor = encodeCursor({ p: last.priority as TicketPriority, v: last.updatedAt.toISOString(), id: last.id });
    }
  } else {
    const field = query.sort === "created" ? "createdAt" : "updatedAt";
    rows = await fetch([], field, query.dir, cursor && !cursor.p ? cursor : null);
    if (rows.length > pageSize) {
      const last = rows[pageSize - 1]!;
      nextCursor = encodeCursor({ v: last[field].toISOString(), id: last.id });
    }
  }
  return { rows: rows.slice(0, pageSize), nextCursor, searchCapped };
}

export type ViewCounts = Record<QueueView, number | null>;

/**
 * How old the tab counts and the filter menus may be. They are the same for everyone in the
 * same teams and change slowly next to how often a busy desk loads the queue, so each
 * process keeps them this long per team set instead of counting on every page view (the
 * page says so). A change made through this process's queue forgets them at once
 * (forgetQueueSummaries); tickets that arrive meanwhile show up in the counts within seconds.
 */
export const QUEUE_SUMMARY_MAX_AGE_MS = 5_000;
const summaries = new Map<string, { at: number; value: Promise<unknown> }>();

function teamSetKey(user: StaffUser): string {
  return user.role === "ADMIN" ? "*" : [...user.teamIds].sort().join(",");
}

/** Shares one computation per key and team set for QUEUE_SUMMARY_MAX_AGE_MS; a failure is not kept. */
function recentForTeams<T>(kind: string, user: StaffUser, now: number, compute: () => Promise<T>): Promise<T> {
  const key = `${kind}:${teamSetKey(user)}`;
  const hit = summaries.get(key);
  if (hit && now - hit.at < QUEUE_SUMMARY_MAX_AGE_MS && now >= hit.at) return hit.value as Promise<T>;
  if (summaries.size > 1_000) summaries.clear(); // many team sets: a bound, not a policy
  const value = compute();
  summaries.set(key, { at: now, value });
  value.catch(() => {
    if (summaries.get(key)?.value === value) summaries.delete(key);
  });
  return value;
}

/** Forgets the cached counts and menus, after a change made through this process. */
export function forgetQueueSummaries() {
  summaries.clear();
}

/**
 * When the tab counts this person's page would get were counted (ms, this process's clock), or
 * null when none are kept. The live queue (app/live/) compares it with the last change: counts
 * older than the change are shown again once they have expired.
 */
export function queueCountsComputedAt(user: StaffUser): number | null {
  return summaries.get(`counts:${teamSetKey(user)}`)?.at ?? null;
}

/**
 * Forgets this team set's counts and menus if they were made before `changedAt`: the queue's
 * live check (app/live/) saw a change that may have come through another process, and the page
 * it is about to reload should show it in the counts too.
 */
export function forgetQueueSummariesBefore(user: StaffUser, changedAt: Date) {
  for (const kind of ["counts", "options"]) {
    const key = `${kind}:${teamSetKey(user)}`;
    const hit = summaries.get(key);
    if (hit && hit.at <= changedAt.getTime()) summaries.delete(key);
  }
}

/** countsPerView, as recent as QUEUE_SUMMARY_MAX_AGE_MS (for the queue page). */
export async function recentCountsPerView(db: Db, user: StaffUser, now = new Date()): Promise<ViewCounts> {
  const { groups, followups } = await recentForTeams("counts", user, now.getTime(), () => countActive(db, user, now));
  return countsFrom(groups, followups, user);
}

/** queueFilterOptions, as recent as QUEUE_SUMMARY_MAX_AGE_MS (for the queue page). */
export function recentQueueFilterOptions(db: Db, user: StaffUser, now = Date.now()) {
  return recentForTeams("options", user, now, () => queueFilterOptions(db, user));
}

/**
 * Counts for the view tabs, cheap: one grouped count over the active tickets (a small set,
 * read from the status index) and one for due follow-ups. Closed and all are not counted:
 * counting 100 000 closed tickets on every page view tells a technician nothing.
 */
export async function countsPerView(db: Db, user: StaffUser, now = new Date()): Promise<ViewCounts> {
  const { groups, followups } = await countActive(db, user, now);
  return countsFrom(groups, followups, user);
}

/** The same for everyone in the same teams: "mine" is picked out of the groups per person. */
async function countActive(db: Db, user: StaffUser, now: Date) {
  if (seesNoTickets(user)) return { groups: [], followups: 0 };
  const [groups, followups] = await Promise.all([
    countActiveTickets(db, teamScope(user)),
    selectDueFollowUpTicketIds(db, teamScope(user), now).then((ids) => ids.length),
  ]);
  return { groups, followups };
}

function countsFrom(groups: { status: string; assigneeId: string | null; n: number }[], followups: number, user: StaffUser): ViewCounts {
  const counts: ViewCounts = { unassigned: 0, mine: 0, pending: 0, followups, open: 0, closed: null, all: null };
  for (const g of groups) {
    const n = g.n;
    counts.open! += n;
    if (g.status === "PENDING") counts.pending! += n;
    if (g.assigneeId === null) counts.unassigned! += n;
    if (g.assigneeId === user.id) counts.mine! += n;
  }
  return counts;
}

/** What the filter and bulk-assign menus offer: categories and the staff of this person's teams. */
export async function queueFilterOptions(db: Db, user: StaffUser) {
  const [categories, staff] = await Promise.all([
    db.category.findMany({ orderBy: { position: "asc" }, select: { slug: true, nameEn: true, nameSl: true } }),
    db.user.findMany({
      where: {
        active: true,
        role: { in: ["TECHNICIAN", "ADMIN"] },
        ...(user.role === "ADMIN" ? {} : { teams: { some: { teamId: { in: user.teamIds } } } }),
      },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return { categories, staff };
}
