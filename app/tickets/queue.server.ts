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
 * sorts the small set. Views that include closed tickets use `status NOT IN (active)`
 * instead, which SQLite cannot use as an index constraint, so it walks (teamId, updatedAt)
 * newest first and stops after one page. A technician in several teams gets one such
 * walk per team, merged here: SQLite cannot merge ordered index ranges of an IN list itself.
 * Keyset pagination (cursor = last row's sort key and id) keeps page 200 as cheap as page 1.
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

const ROW_SELECT = {
  id: true, reference: true, subject: true, status: true, priority: true, channel: true, categorySlug: true,
  createdAt: true, updatedAt: true, mergedIntoId: true, teamId: true,
  assignee: { select: { id: true, name: true } },
  team: { select: { name: true } },
  requester: { select: { company: true } },
} satisfies Prisma.TicketSelect;
export type QueueRow = Prisma.TicketGetPayload<{ select: typeof ROW_SELECT }>;

/** Follow-ups that need a technician now. */
export function dueFollowUpWhere(now: Date): Prisma.FollowUpWhereInput {
  return { OR: [{ status: "DUE" }, { status: "SCHEDULED", dueAt: { lte: now } }] };
}

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
  // One ordered walk per team (see the top comment); a search result is small, one query.
  const partitions: Prisma.TicketWhereInput[] =
    user.role === "ADMIN" || byIds || user.teamIds.length <= 1 ? [{}] : user.teamIds.map((teamId) => ({ teamId }));
  if (!byIds) filters.unshift(ticketScope(user));
  const inScope = (row: QueueRow) => user.role === "ADMIN" || user.teamIds.includes(row.teamId);
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

  let rows: QueueRow[];
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
  return { rows: rows.slice(0, pageSize), nextCursor, searchCapped };
}

async function dueFollowUpTicketIds(db: Db, user: StaffUser, now: Date): Promise<string[]> {
  const rows = await db.followUp.groupBy({ by: ["ticketId"], where: { AND: [dueFollowUpWhere(now), { ticket: ticketScope(user) }] } });
  return rows.map((r) => r.ticketId);
}

export type ViewCounts = Record<QueueView, number | null>;

/**
 * Counts for the view tabs, cheap: one grouped count over the active tickets (a small set,
 * read from the status index) and one for due follow-ups. Closed and all are not counted:
 * counting 100 000 closed tickets on every page view tells a technician nothing.
 */
export async function countsPerView(db: Db, user: StaffUser, now = new Date()): Promise<ViewCounts> {
  const scope = ticketScope(user);
  const [groups, followups] = await Promise.all([
    db.ticket.groupBy({
      by: ["status", "assigneeId"],
      where: { AND: [scope, { status: { in: [...ACTIVE_STATUSES] } }] },
      _count: { _all: true },
    }),
    dueFollowUpTicketIds(db, user, now).then((ids) => ids.length),
  ]);
  const counts: ViewCounts = { unassigned: 0, mine: 0, pending: 0, followups, open: 0, closed: null, all: null };
  for (const g of groups) {
    const n = g._count._all;
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
