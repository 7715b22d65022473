import { z } from "zod";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db.server";
import { ticketScope, type StaffUser } from "../auth/guards.server";
import { REFERENCE_PATTERN } from "./reference.server";
import { MAX_SEARCH_MATCHES, searchTicketIds } from "./search.server";

/**
 * The technicians' queue: views, filters, search, sorting and keyset pagination.
 *
 * Performance (100 000 tickets, scripts/bench-queue.ts): most tickets of a desk that has
 * worked for years are closed, active ones are a few hundred. Views over active tickets
 * use `status IN (…)`, which SQLite answers from the (status, teamId, updatedAt) index and
 * sorts the small set, in one query for all of a person's teams. Views that include closed tickets use `status NOT IN (active)`
 * instead, which SQLite cannot use as an index constraint, so it walks (teamId, updatedAt)
 * newest first and stops after one page. A technician in several teams gets one such
 * walk per team, merged here: SQLite cannot merge ordered index ranges of an IN list itself.
 * Keyset pagination (cursor = last row's sort key and id) keeps page 200 as cheap as page 1.
 * Under load most of a page's CPU goes to Prisma (each query is compiled, each row built
 * into objects), not to SQLite: hence few queries per page, few relations, and the counts,
 * menus and team names kept a few seconds per team set (QUEUE_SUMMARY_MAX_AGE_MS).
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

/**
 * What a row shows. The team's name is not joined here but taken from the short-lived list
 * of the person's teams (withTeamNames): with Prisma every relation in a select is one more
 * SQL statement to run and one more set of objects to build, per partition.
 */
const ROW_SELECT = {
  id: true, reference: true, subject: true, status: true, priority: true, categorySlug: true,
  createdAt: true, updatedAt: true, teamId: true,
  assignee: { select: { id: true, name: true } },
  requester: { select: { company: true } },
} satisfies Prisma.TicketSelect;
type TicketRow = Prisma.TicketGetPayload<{ select: typeof ROW_SELECT }>;
export type QueueRow = TicketRow & { team: { name: string } };

/** Follow-ups that need a technician now. */
export function dueFollowUpWhere(now: Date): Prisma.FollowUpWhereInput {
  return { OR: [{ status: "DUE" }, { status: "SCHEDULED", dueAt: { lte: now } }] };
}

/** Views that only hold active tickets (status IN …): small enough to sort in one query. */
const ACTIVE_VIEWS: ReadonlySet<QueueView> = new Set(["unassigned", "mine", "pending", "open"]);

function viewWhere(view: QueueView, user: StaffUser, now: Date): Prisma.TicketWhereInput {
  const active = { in: [...ACTIVE_STATUSES] };
  switch (view) {
    case "unassigned": return { assigneeId: null, status: active };
    case "mine": return { assigneeId: user.id, status: active };
    case "pending": return { status: "PENDING" };
    case "followups": return {}; // ids from the few due follow-ups: see listQueue
    case "open": return { status: active };
    // NOT IN on purpose: see the comment at the top.
    case "closed": return { status: { notIn: [...ACTIVE_STATUSES] } };
    case "all": return {};
  }
}

export type QueuePage = {
  rows: QueueRow[];
  nextCursor: string | null;
  /** The search matched more tickets than the queue takes; the person should narrow it. */
  searchCapped: boolean;
};

/**
 * One page of the queue for this person: always inside their teams' scope, then the
 * view, the filters and the search. Newest activity first unless asked otherwise.
 */
export async function listQueue(db: Db, user: StaffUser, query: QueueQuery, now = new Date(), pageSize = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  const filters: Prisma.TicketWhereInput[] = [viewWhere(query.view, user, now)];
  if (query.status) filters.push({ status: query.status });
  if (query.priority) filters.push({ priority: query.priority });
  if (query.category) filters.push({ categorySlug: query.category });
  if (query.channel) filters.push({ channel: query.channel });
  if (query.assigneeId) filters.push({ assigneeId: query.assigneeId === "none" ? null : query.assigneeId });
  let searchCapped = false;
  // A short list of ids that was already selected inside the team scope (search, due
  // follow-ups). Repeating `teamId IN (…)` in SQL would make SQLite walk the whole team
  // index instead of looking the ids up (80 ms instead of 1 ms at 100 000 tickets), so for
  // these the scope is checked again on the rows instead (below).
  let byIds = false;
  if (query.view === "followups") {
    // Start from the few due follow-ups, not from 100 000 tickets probing for one.
    const ids = await dueFollowUpTicketIds(db, user, now);
    if (!ids.length) return { rows: [], nextCursor: null, searchCapped: false };
    filters.push({ id: { in: ids } });
    byIds = true;
  }
  if (query.q) {
    const ref = REFERENCE_PATTERN.exec(query.q.toUpperCase());
    if (ref) {
      filters.push({ reference: ref[0] });
    } else {
      const ids = await searchTicketIds(db, user, query.q);
      if (!ids.length) return { rows: [], nextCursor: null, searchCapped: false };
      searchCapped = ids.length >= MAX_SEARCH_MATCHES;
      byIds = true;
      filters.push({ id: { in: ids } });
    }
  }
  // One ordered walk per team where closed tickets are included (see the top comment). A
  // search result is small, and active tickets are too: there one query sorts them all.
  const activeOnly = ACTIVE_VIEWS.has(query.view) || (query.status !== undefined && (ACTIVE_STATUSES as readonly string[]).includes(query.status));
  const partitions: Prisma.TicketWhereInput[] =
    user.role === "ADMIN" || byIds || activeOnly || user.teamIds.length <= 1 ? [{}] : user.teamIds.map((teamId) => ({ teamId }));
  if (!byIds) filters.unshift(ticketScope(user));
  const inScope = (row: TicketRow) => user.role === "ADMIN" || user.teamIds.includes(row.teamId);
  const cursor = decodeCursor(query.cursor);
  const dir = query.dir;
  const take = pageSize + 1;

  const fetch = async (extra: Prisma.TicketWhereInput[], field: "updatedAt" | "createdAt", dirOf: "asc" | "desc", after: Cursor | null) => {
    const keyset: Prisma.TicketWhereInput[] = after
      ? [{ OR: [{ [field]: { [dirOf === "desc" ? "lt" : "gt"]: new Date(after.v) } }, { [field]: new Date(after.v), id: { [dirOf === "desc" ? "lt" : "gt"]: after.id } }] }]
      : [];
    const parts = await Promise.all(
      partitions.map((p) =>
        db.ticket.findMany({
          where: { AND: [...filters, ...extra, ...keyset, p] },
          orderBy: [{ [field]: dirOf }, { id: dirOf }],
          take,
          select: ROW_SELECT,
        }),
      ),
    );
    const rows = parts.flat().filter(inScope);
    if (parts.length > 1) {
      const sign = dirOf === "desc" ? -1 : 1;
      rows.sort((a, b) => sign * (a[field].getTime() - b[field].getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    }
    return rows.slice(0, take);
  };

  let rows: TicketRow[];
  let nextCursor: string | null = null;
  if (query.sort === "priority") {
    // Priority is a word, not a number: walk the buckets in order, newest activity first inside each.
    const order = dir === "desc" ? [...PRIORITIES] : [...PRIORITIES].reverse();
    const start = cursor?.p ? order.indexOf(cursor.p) : 0;
    rows = [];
    for (let i = Math.max(0, start); i < order.length && rows.length < take; i++) {
      const bucket = await fetch([{ priority: order[i] }], "updatedAt", "desc", i === start && cursor?.p ? cursor : null);
      rows.push(...bucket.slice(0, take - rows.length));
    }
    if (rows.length > pageSize) {
      const last = rows[pageSize - 1]!;
      nextCursor = encodeCursor({ p: last.priority as TicketPriority, v: last.updatedAt.toISOString(), id: last.id });
    }
  } else {
    const field = query.sort === "created" ? "createdAt" : "updatedAt";
    rows = await fetch([], field, dir, cursor && !cursor.p ? cursor : null);
    if (rows.length > pageSize) {
      const last = rows[pageSize - 1]!;
      nextCursor = encodeCursor({ v: last[field].toISOString(), id: last.id });
    }
  }
  return { rows: await withTeamNames(db, user, rows.slice(0, pageSize)), nextCursor, searchCapped };
}

/** Adds each row's team name from the person's teams (as recent as QUEUE_SUMMARY_MAX_AGE_MS). */
async function withTeamNames(db: Db, user: StaffUser, rows: TicketRow[]): Promise<QueueRow[]> {
  if (!rows.length) return [];
  const teamById = new Map((await recentScopeTeams(db, user, Date.now())).map((t) => [t.id, t.name]));
  const missing = [...new Set(rows.map((r) => r.teamId).filter((id) => !teamById.has(id)))];
  // Only a team made in the last few seconds can be missing.
  if (missing.length) for (const t of await db.team.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })) teamById.set(t.id, t.name);
  return rows.map((row) => ({ ...row, team: { name: teamById.get(row.teamId) ?? "" } }));
}

async function dueFollowUpTicketIds(db: Db, user: StaffUser, now: Date): Promise<string[]> {
  const rows = await db.followUp.groupBy({ by: ["ticketId"], where: { AND: [dueFollowUpWhere(now), { ticket: ticketScope(user) }] } });
  return rows.map((r) => r.ticketId);
}

export type ViewCounts = Record<QueueView, number | null>;

/**
 * How old the tab counts, the filter menus and the team names in the rows may be.
 * They are the same for everyone in the same teams and change slowly next to how often a busy desk loads the queue, so each
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

/** countsPerView, as recent as QUEUE_SUMMARY_MAX_AGE_MS (for the queue page). */
export async function recentCountsPerView(db: Db, user: StaffUser, now = new Date()): Promise<ViewCounts> {
  const { groups, followups } = await recentForTeams("counts", user, now.getTime(), () => countActive(db, user, now));
  return countsFrom(groups, followups, user);
}

/** The teams this person sees (all for admins), id and name, as recent as QUEUE_SUMMARY_MAX_AGE_MS. */
function recentScopeTeams(db: Db, user: StaffUser, now: number) {
  return recentForTeams("teams", user, now, () =>
    db.team.findMany({ where: user.role === "ADMIN" ? {} : { id: { in: user.teamIds } }, select: { id: true, name: true } }),
  );
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
  const [groups, followups] = await Promise.all([
    db.ticket.groupBy({
      by: ["status", "assigneeId"],
      where: { AND: [ticketScope(user), { status: { in: [...ACTIVE_STATUSES] } }] },
      _count: { _all: true },
    }),
    dueFollowUpTicketIds(db, user, now).then((ids) => ids.length),
  ]);
  return { groups: groups.map((g) => ({ status: g.status, assigneeId: g.assigneeId, n: g._count._all })), followups };
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
    db.category.findMany({ orderBy: { position: "asc" }, select: { slug: true, nameEn: true } }),
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
