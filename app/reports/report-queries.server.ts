import { Prisma } from "@prisma/client";
import { databaseKind, type DatabaseKind, type Db } from "../db.server";
import { dayAfter, listBuckets, monthOfDay, weekStart, type Breakdown, type Interval, type ReportParams } from "./report-params";
import { nearestRank, type FlowCell } from "./ticket-flow";

/**
 * The thin SQL under the reports, one text per query for SQLite and PostgreSQL (the one
 * exception: how live tickets are grouped, Dialect.groupsPerBucket). Every query aggregates in
 * the database and returns a few hundred rows at most; nothing here reads a value
 * that could be personal data (no subjects, bodies, names or addresses), only dates, slugs and
 * counts. Values go in as Prisma.sql parameters (`?` on SQLite, `$1` on PostgreSQL, chosen by
 * the client); identifiers are double-quoted, which both accept and PostgreSQL needs for camelCase.
 * Timestamps are UTC: ISO-8601 text on SQLite (the Prisma adapter's format), so a day string
 * compares correctly with them, and timestamp(3) on PostgreSQL, where the untyped day parameter
 * is read as that day's midnight. Buckets are UTC weeks (Monday) and months.
 */

type Sql = Prisma.Sql;
const raw = Prisma.raw;

/** The few expressions that differ between the two databases. Column names come from this file only. */
type Dialect = {
  /** UTC day of a timestamp, YYYY-MM-DD (NULL stays NULL). */
  day(col: string): Sql;
  /** UTC month of a timestamp, YYYY-MM (NULL stays NULL). */
  month(col: string): Sql;
  /** A day parameter where no column gives it a type (VALUES): PostgreSQL must be told it is a timestamp. */
  timestamp(day: string): Sql;
  /**
   * Group live tickets one opened bucket at a time (liveTicketFlow). SQLite sorts one GROUP BY
   * over 100 000 tickets in a temporary B-tree, much slower than 60 small ones; PostgreSQL
   * hash-aggregates them at once and is slower with 60 subqueries (bench, docs/decisions/013).
   */
  groupsPerBucket: boolean;
};

const DIALECTS: Record<DatabaseKind, Dialect> = {
  // ISO text: a prefix is the day or month, far cheaper than date() per row.
  sqlite: {
    day: (col) => raw(`substr(${col}, 1, 10)`),
    month: (col) => raw(`substr(${col}, 1, 7)`),
    timestamp: (day) => Prisma.sql`${day}`,
    groupsPerBucket: true,
  },
  postgres: {
    day: (col) => raw(`to_char(${col}, 'YYYY-MM-DD')`),
    month: (col) => raw(`to_char(${col}, 'YYYY-MM')`),
    timestamp: (day) => Prisma.sql`CAST(${day} AS TIMESTAMP(3))`,
    groupsPerBucket: false,
  },
};

function dialect(): Dialect {
  return DIALECTS[databaseKind()];
}

/**
 * Weeks are grouped by day in SQL and folded into Mondays here (a few hundred rows): a prefix of
 * the timestamp is cheap where SQLite's date(col, 'weekday 0', '-6 days') per row is not, and
 * it spares PostgreSQL its own week arithmetic. Months are grouped in SQL directly.
 */
function groupKey(d: Dialect, col: string, interval: Interval): Sql {
  return interval === "week" ? d.day(col) : d.month(col);
}
function bucketOf(key: string, interval: Interval): string {
  return interval === "week" ? weekStart(key) : key;
}

const TICKET_DIM: Record<Breakdown, string> = { channel: `t."channel"`, category: `t."categorySlug"`, team: `t."teamId"` };
const STAT_DIM: Record<Breakdown, string> = { channel: `s."channel"`, category: `s."category"`, team: `s."teamSlug"` };

/** A filter on team is one id lookup, not a join. */
function ticketFilters(p: ReportParams): Sql[] {
  const where: Sql[] = [];
  if (p.channel) where.push(Prisma.sql`t."channel" = ${p.channel}`);
  if (p.category) where.push(Prisma.sql`t."categorySlug" = ${p.category}`);
  if (p.team) where.push(Prisma.sql`t."teamId" = (SELECT "id" FROM "Team" WHERE "slug" = ${p.team})`);
  return where;
}
function statFilters(p: ReportParams): Sql[] {
  const where: Sql[] = [];
  if (p.channel) where.push(Prisma.sql`s."channel" = ${p.channel}`);
  if (p.category) where.push(Prisma.sql`s."category" = ${p.category}`);
  if (p.team) where.push(Prisma.sql`s."teamSlug" = ${p.team}`);
  return where;
}
const and = (conditions: Sql[]) => Prisma.join(conditions, " AND ");

/**
 * Runs one finished Prisma.sql statement. The PostgreSQL client is generated with a runtime of
 * its own, whose tagged template would not recognise fragments made by this one as SQL: so the
 * whole statement is built here with one Prisma.sql and handed over as a value.
 */
function query<T>(db: Db, sql: Sql): Promise<T[]> {
  return db.$queryRaw<T[]>(sql);
}

/** The opened "bucket" of live tickets opened before the range (still open at its start). */
const BEFORE_RANGE = "0000";

/** COUNT and SUM come back as bigint (a SUM of bigint is numeric on PostgreSQL): Number() them, the figures are small. */
type Count = number | bigint | string;

/** Live tickets counted by opened bucket (or BEFORE_RANGE), closed group key (null = not closed in the range) and dim. */
type LiveGroup = { opened: string; closed: string | null; dim: string; n: Count };

/**
 * Live tickets as flow cells: opened before the range collapses into one "before" bucket.
 * Grouped by team id, not slug: joining Team for every ticket row tripled the query's time.
 */
export async function liveTicketFlow(db: Db, p: ReportParams): Promise<FlowCell[]> {
  const d = dialect();
  const [groups, teams] = await Promise.all([
    d.groupsPerBucket ? liveGroupsPerBucket(db, d, p) : liveGroupsAtOnce(db, d, p),
    p.by === "team" ? db.team.findMany({ select: { id: true, slug: true } }) : [],
  ]);
  const slugOf = new Map(teams.map((t) => [t.id, t.slug]));
  const cells = new Map<string, FlowCell>();
  for (const g of groups) {
    const opened = g.opened === BEFORE_RANGE ? g.opened : bucketOf(g.opened, p.interval);
    const closed = g.closed === null ? null : bucketOf(g.closed, p.interval);
    const dim = p.by === "team" ? slugOf.get(g.dim) ?? g.dim : g.dim;
    const id = `${opened}|${closed}|${dim}`;
    const cell = cells.get(id);
    if (cell) cell.n += Number(g.n);
    else cells.set(id, { opened, closed, left: closed, dim, n: Number(g.n) });
  }
  return [...cells.values()];
}

/** The closed group key of a live ticket, NULL when it was not closed by the end of the range. */
function closedKey(d: Dialect, p: ReportParams): Sql {
  return Prisma.sql`CASE WHEN t."closedAt" >= ${dayAfter(p.to)} THEN NULL ELSE ${groupKey(d, `t."closedAt"`, p.interval)} END`;
}
// coalesce(…, TRUE) rather than "IS NULL OR": SQLite then reads the covering index on
// createdAt instead of a multi-index OR through the closedAt index and the table.
const stillOpenAtStart = (p: ReportParams) => Prisma.sql`coalesce(t."closedAt" >= ${p.from}, TRUE)`;

/** PostgreSQL: one GROUP BY over the tickets of the range. */
function liveGroupsAtOnce(db: Db, d: Dialect, p: ReportParams): Promise<LiveGroup[]> {
  const where = [Prisma.sql`t."createdAt" < ${dayAfter(p.to)}`, stillOpenAtStart(p), ...ticketFilters(p)];
  return query<LiveGroup>(db, Prisma.sql`
    SELECT CASE WHEN t."createdAt" < ${p.from} THEN ${BEFORE_RANGE} ELSE ${groupKey(d, `t."createdAt"`, p.interval)} END AS opened,
           ${closedKey(d, p)} AS closed, ${raw(TICKET_DIM[p.by])} AS dim, COUNT(*) AS n
      FROM "Ticket" t
     WHERE ${and(where)}
     GROUP BY 1, 2, 3`);
}

/**
 * SQLite: one small GROUP BY per opened bucket (a row of VALUES and a subquery, as in
 * hoursPercentiles), each a range scan of the covering index on createdAt that sorts only its
 * own rows: 30% faster than one GROUP BY on 100 000 tickets. A scalar subquery returns one
 * value, so a bucket's groups come back as a JSON array of [closed, dim, count] (SQLite's
 * json_group_array: this shape is SQLite's only, see Dialect.groupsPerBucket).
 */
async function liveGroupsPerBucket(db: Db, d: Dialect, p: ReportParams): Promise<LiveGroup[]> {
  const ranges = [{ key: BEFORE_RANGE, lo: "0001-01-01", hi: p.from }, ...bucketRanges(p, p.interval)];
  const values = Prisma.join(ranges.map((r) => Prisma.sql`(${r.key}, ${d.timestamp(r.lo)}, ${d.timestamp(r.hi)})`));
  const where = [Prisma.sql`t."createdAt" >= b.column2`, Prisma.sql`t."createdAt" < b.column3`, stillOpenAtStart(p), ...ticketFilters(p)];
  const rows = await query<{ opened: string; groups: string }>(db, Prisma.sql`
    SELECT b.column1 AS opened,
           (SELECT json_group_array(json_array(g.closed, g.dim, g.n))
              FROM (SELECT ${closedKey(d, p)} AS closed, ${raw(TICKET_DIM[p.by])} AS dim, COUNT(*) AS n
                      FROM "Ticket" t
                     WHERE ${and(where)}
                     GROUP BY 1, 2) g) AS groups
      FROM (VALUES ${values}) b`);
  return rows.flatMap((r) => (JSON.parse(r.groups) as [string | null, string, number][]).map(([closed, dim, n]) => ({ opened: r.opened, closed, dim, n })));
}

/**
 * Purged tickets (TicketStat: months only) as flow cells, read from the TicketStatMonthly
 * rollup that triggers keep in step with TicketStat: a million purged tickets are a few thousand
 * rows there. A ticket purged before the range cannot count in it (it was closed or removed
 * even earlier), so the purgedMonth index bounds the read.
 */
export async function purgedTicketFlow(db: Db, p: ReportParams): Promise<FlowCell[]> {
  const where = [Prisma.sql`s."purgedMonth" >= ${monthOfDay(p.from)}`, Prisma.sql`s."openedMonth" <= ${monthOfDay(p.to)}`, ...statFilters(p)];
  const rows = await query<{ opened: string; closed: string; purged: string; dim: string; n: Count }>(db, Prisma.sql`
    SELECT s."openedMonth" AS opened, s."closedMonth" AS closed, s."purgedMonth" AS purged, ${raw(STAT_DIM[p.by])} AS dim, SUM(s."count") AS n
      FROM "TicketStatMonthly" s
     WHERE ${and(where)}
     GROUP BY 1, 2, 3, 4
    HAVING SUM(s."count") > 0`);
  // closedMonth "" = never closed: erased while open, it left the backlog when it was purged.
  return rows.map((r) => ({ opened: r.opened, closed: r.closed || null, left: r.closed || r.purged, purged: r.purged, dim: r.dim, n: Number(r.n) }));
}

export type PercentileRow = { bucket: string; count: number; median: number | null; p90: number | null };

const HOUR_MS = 3_600_000;

/** Each bucket as a half-open range of days, for a range scan of its own. */
function bucketRanges(p: ReportParams, interval: Interval | null): { key: string; lo: string; hi: string }[] {
  if (interval === null) return [{ key: "all", lo: p.from, hi: dayAfter(p.to) }];
  const starts = listBuckets(p.from, p.to, interval).map((b) => (interval === "month" ? `${b}-01` : b));
  return starts.map((lo, i) => ({ key: interval === "month" ? lo.slice(0, 7) : lo, lo, hi: starts[i + 1] ?? dayAfter(p.to) }));
}

/**
 * The stored duration of each event: whole milliseconds from createdAt, kept by database
 * triggers (migration ticket_durations) and covered, after the event's time, by its index.
 */
const DURATION_OF: Record<"firstResponseAt" | "resolvedAt", string> = { firstResponseAt: `t."firstResponseMs"`, resolvedAt: `t."resolutionMs"` };

/**
 * Median and 90th percentile (nearest rank) of hours from opening to `event`, per bucket of the
 * event's own time. Live tickets only: a purged ticket keeps months, not times. `interval: null`
 * gives one figure for the whole range.
 *
 * The database sends each bucket's durations as one list of whole milliseconds and the ranks
 * are picked here, after a typed-array sort: a window function over 90 000 rows took most of the
 * page's time. Each bucket is its own range scan of the [event, duration, …] covering index
 * (a row of VALUES and a subquery), so nothing is sorted or grouped in SQL at all. The durations
 * are stored, not computed here: julianday() on 90 000 ISO texts was most of the query's time.
 */
export async function hoursPercentiles(db: Db, p: ReportParams, event: "firstResponseAt" | "resolvedAt", interval: Interval | null): Promise<PercentileRow[]> {
  const d = dialect();
  const col = raw(`t."${event}"`);
  const ranges = bucketRanges(p, interval);
  const values = Prisma.join(ranges.map((r) => Prisma.sql`(${r.key}, ${d.timestamp(r.lo)}, ${d.timestamp(r.hi)})`));
  const where = [Prisma.sql`${col} >= b.column2`, Prisma.sql`${col} < b.column3`, ...ticketFilters(p)];
  const rows = await query<{ k: string; ms: string | null }>(db, Prisma.sql`
    SELECT b.column1 AS k,
           (SELECT string_agg(CAST(${raw(DURATION_OF[event])} AS TEXT), ',') FROM "Ticket" t WHERE ${and(where)}) AS ms
      FROM (VALUES ${values}) b`);
  const byKey = new Map(rows.map((r) => [r.k, r.ms]));
  return ranges.flatMap(({ key }) => {
    const list = byKey.get(key);
    if (!list) return [];
    // A plain loop: Float64Array.from(parts, Number) took twice as long on 90 000 values.
    const parts = list.split(",");
    const ms = new Float64Array(parts.length);
    for (let i = 0; i < parts.length; i++) ms[i] = Number(parts[i]);
    ms.sort();
    const hours = (x: number | null) => (x === null ? null : x / HOUR_MS);
    return [{ bucket: key, count: ms.length, median: hours(nearestRank(ms, 50)), p90: hours(nearestRank(ms, 90)) }];
  });
}

export type FollowUpRow = { month: string; works: number; problem: number; missed: number };

/**
 * Follow-up checks by the month they were due: a problem from either side wins, then "works"
 * (client WORKS or technician OK), then missed. Checks still waiting are not counted.
 * Purging a ticket deletes its checks, so older months hold only tickets still kept.
 */
export async function followUpOutcomes(db: Db, p: ReportParams): Promise<FollowUpRow[]> {
  const d = dialect();
  const filters = ticketFilters(p);
  const where = [Prisma.sql`f."dueAt" >= ${p.from}`, Prisma.sql`f."dueAt" < ${dayAfter(p.to)}`];
  // Filters as EXISTS, not a join: checks are few, and a join let SQLite start from the tickets
  // of a team (tens of thousands) and look for their checks.
  if (filters.length) where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Ticket" t WHERE t."id" = f."ticketId" AND ${and(filters)})`);
  const rows = await query<{ month: string; works: Count; problem: Count; missed: Count }>(db, Prisma.sql`
    WITH c AS (
      SELECT ${d.month(`f."dueAt"`)} AS m,
             CASE WHEN f."clientOutcome" = 'PROBLEM' OR f."techOutcome" = 'PROBLEM' THEN 'problem'
                  WHEN f."clientOutcome" = 'WORKS' OR f."techOutcome" = 'OK' THEN 'works'
                  WHEN f."status" = 'MISSED' THEN 'missed' END AS outcome
        FROM "FollowUp" f
       WHERE ${and(where)}
    )
    SELECT m AS month,
           SUM(CASE WHEN outcome = 'works' THEN 1 ELSE 0 END) AS works,
           SUM(CASE WHEN outcome = 'problem' THEN 1 ELSE 0 END) AS problem,
           SUM(CASE WHEN outcome = 'missed' THEN 1 ELSE 0 END) AS missed
      FROM c WHERE outcome IS NOT NULL GROUP BY m ORDER BY m`);
  return rows.map((r) => ({ month: r.month, works: Number(r.works), problem: Number(r.problem), missed: Number(r.missed) }));
}

/** Personal data removed on intake, from the anonymous monthly counters (they outlive tickets). */
export async function redactionCounts(db: Db, p: ReportParams): Promise<{ month: string; source: string; type: string; n: number }[]> {
  const rows = await query<{ month: string; source: string; type: string; n: Count }>(db, Prisma.sql`
    SELECT "month", "source", "type", SUM("count") AS n FROM "RedactionStat"
     WHERE "month" >= ${monthOfDay(p.from)} AND "month" <= ${monthOfDay(p.to)}
     GROUP BY "month", "source", "type" ORDER BY "month"`);
  return rows.map((r) => ({ month: r.month, source: r.source, type: r.type, n: Number(r.n) }));
}

/** Attachments withheld (not stored, could not be checked) per month, for tickets not yet purged. */
export async function withheldPerMonth(db: Db, p: ReportParams): Promise<{ month: string; n: number }[]> {
  const rows = await query<{ month: string; n: Count }>(db, Prisma.sql`
    SELECT ${dialect().month(`"createdAt"`)} AS month, COUNT(*) AS n FROM "Attachment"
     WHERE "status" = 'WITHHELD' AND "createdAt" >= ${p.from} AND "createdAt" < ${dayAfter(p.to)} GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

/** Audit events of one action per month (the [action, createdAt] index answers it). */
export async function auditPerMonth(db: Db, p: ReportParams, action: string): Promise<{ month: string; n: number }[]> {
  const rows = await query<{ month: string; n: Count }>(db, Prisma.sql`
    SELECT ${dialect().month(`"createdAt"`)} AS month, COUNT(*) AS n FROM "AuditEvent"
     WHERE "action" = ${action} AND "createdAt" >= ${p.from} AND "createdAt" < ${dayAfter(p.to)} GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

export type DsrRow = { kind: string; status: string; requestedAt: Date; confirmedAt: Date | null; dueAt: Date | null; completedAt: Date | null };

/** Confirmed data-subject requests made in the range: kinds, statuses and dates only (no hash, no note). */
export async function dataSubjectRequests(db: Db, p: ReportParams, limit: number): Promise<DsrRow[]> {
  return db.dataSubjectRequest.findMany({
    where: { status: { not: "UNCONFIRMED" }, requestedAt: { gte: new Date(`${p.from}T00:00:00Z`), lt: new Date(`${dayAfter(p.to)}T00:00:00Z`) } },
    select: { kind: true, status: true, requestedAt: true, confirmedAt: true, dueAt: true, completedAt: true },
    orderBy: { requestedAt: "asc" },
    take: limit,
  });
}

export async function reportOptions(db: Db, locale: "sl" | "en" = "en") {
  const [categories, teams] = await Promise.all([
    db.category.findMany({ select: { slug: true, nameEn: true, nameSl: true }, orderBy: { position: "asc" } }),
    db.team.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { categories: categories.map((c) => ({ slug: c.slug, name: locale === "sl" && c.nameSl ? c.nameSl : c.nameEn })), teams };
}
