import type { Db } from "../db.server";
import { dayAfter, monthOfDay, type Breakdown, type Interval, type ReportParams } from "./report-params";
import type { FlowCell } from "./ticket-flow";

/**
 * The thin SQL under the reports. Every query aggregates in SQLite (GROUP BY, window
 * functions) and returns a few hundred rows at most; nothing here reads a value that could be
 * personal data (no subjects, bodies, names or addresses), only dates, slugs and counts.
 * Timestamps are ISO-8601 text in UTC (the Prisma SQLite adapter's format), so a day string
 * compares correctly with them and buckets are UTC weeks (Monday) and months.
 */

type Sql = { where: string[]; args: unknown[] };

function bucketSql(col: string, interval: Interval): string {
  // SQLite: 'weekday 0' moves forward to Sunday (or stays), -6 days gives that week's Monday.
  return interval === "week" ? `date(${col}, 'weekday 0', '-6 days')` : `substr(${col}, 1, 7)`;
}

const TICKET_DIM: Record<Breakdown, string> = { channel: "t.channel", category: "t.categorySlug", team: "tm.slug" };
const STAT_DIM: Record<Breakdown, string> = { channel: "s.channel", category: "s.category", team: "s.teamSlug" };

function ticketFilters(p: ReportParams, sql: Sql) {
  if (p.channel) { sql.where.push("t.channel = ?"); sql.args.push(p.channel); }
  if (p.category) { sql.where.push("t.categorySlug = ?"); sql.args.push(p.category); }
  if (p.team) { sql.where.push("t.teamId = (SELECT id FROM Team WHERE slug = ?)"); sql.args.push(p.team); }
}
/** The Team join only when grouping by team: a filter on team is one id lookup, not a join. */
function ticketFrom(p: ReportParams): string {
  return p.by === "team" ? "Ticket t JOIN Team tm ON tm.id = t.teamId" : "Ticket t";
}
function statFilters(p: ReportParams, sql: Sql) {
  if (p.channel) { sql.where.push("s.channel = ?"); sql.args.push(p.channel); }
  if (p.category) { sql.where.push("s.category = ?"); sql.args.push(p.category); }
  if (p.team) { sql.where.push("s.teamSlug = ?"); sql.args.push(p.team); }
}

async function query<T>(db: Db, text: string, args: unknown[]): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(text, ...args);
}

/** Live tickets as flow cells: opened before the range collapses into one "before" bucket. */
export async function liveTicketFlow(db: Db, p: ReportParams): Promise<FlowCell[]> {
  const end = dayAfter(p.to);
  const sql: Sql = { where: ["t.createdAt < ?", "(t.closedAt IS NULL OR t.closedAt >= ?)"], args: [p.from, end, end, p.from] };
  ticketFilters(p, sql);
  const rows = await query<{ opened: string; closed: string | null; dim: string; n: number | bigint }>(
    db,
    `SELECT CASE WHEN t.createdAt < ? THEN '0000' ELSE ${bucketSql("t.createdAt", p.interval)} END AS opened,
            CASE WHEN t.closedAt IS NULL OR t.closedAt >= ? THEN NULL ELSE ${bucketSql("t.closedAt", p.interval)} END AS closed,
            ${TICKET_DIM[p.by]} AS dim, COUNT(*) AS n
       FROM ${ticketFrom(p)}
      WHERE ${sql.where.join(" AND ")}
      GROUP BY 1, 2, 3`,
    sql.args,
  );
  return rows.map((r) => ({ opened: r.opened, closed: r.closed, left: r.closed, dim: r.dim, n: Number(r.n) }));
}

/**
 * Purged tickets (TicketStat: months only) as flow cells, read from the TicketStatMonthly
 * rollup that triggers keep in step with TicketStat: a million purged tickets are a few thousand
 * rows there. A ticket purged before the range cannot count in it (it was closed or removed
 * even earlier), so the purgedMonth index bounds the read.
 */
export async function purgedTicketFlow(db: Db, p: ReportParams): Promise<FlowCell[]> {
  const sql: Sql = { where: ["s.purgedMonth >= ?", "s.openedMonth <= ?"], args: [monthOfDay(p.from), monthOfDay(p.to)] };
  statFilters(p, sql);
  const rows = await query<{ opened: string; closed: string; purged: string; dim: string; n: number | bigint }>(
    db,
    `SELECT s.openedMonth AS opened, s.closedMonth AS closed, s.purgedMonth AS purged, ${STAT_DIM[p.by]} AS dim, SUM(s.count) AS n
       FROM TicketStatMonthly s
      WHERE ${sql.where.join(" AND ")}
      GROUP BY 1, 2, 3, 4
     HAVING SUM(s.count) > 0`,
    sql.args,
  );
  // closedMonth "" = never closed: erased while open, it left the backlog when it was purged.
  return rows.map((r) => ({ opened: r.opened, closed: r.closed || null, left: r.closed || r.purged, purged: r.purged, dim: r.dim, n: Number(r.n) }));
}

export type PercentileRow = { bucket: string; count: number; median: number | null; p90: number | null };

/**
 * Median and 90th percentile (nearest rank) of hours from opening to `event`, per bucket of the
 * event's own time, computed by SQLite's window functions. Live tickets only: a purged ticket
 * keeps months, not times. `interval: null` gives one figure for the whole range.
 */
export async function hoursPercentiles(db: Db, p: ReportParams, event: "firstResponseAt" | "resolvedAt", interval: Interval | null): Promise<PercentileRow[]> {
  const sql: Sql = { where: [`t.${event} >= ?`, `t.${event} < ?`], args: [p.from, dayAfter(p.to)] };
  ticketFilters(p, sql);
  const bucket = interval ? bucketSql(`t.${event}`, interval) : "'all'";
  const rows = await query<{ bucket: string; cnt: number | bigint; median: number | null; p90: number | null }>(
    db,
    `WITH d AS (
       SELECT ${bucket} AS b, (julianday(t.${event}) - julianday(t.createdAt)) * 24.0 AS h
         FROM Ticket t
        WHERE ${sql.where.join(" AND ")}
     ), r AS (
       -- One window (one sort): the frame over the whole partition gives its size.
       SELECT b, h, ROW_NUMBER() OVER w AS rn, COUNT(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS cnt
         FROM d WINDOW w AS (PARTITION BY b ORDER BY h)
     )
     SELECT b AS bucket, cnt,
            MAX(CASE WHEN rn = (cnt + 1) / 2 THEN h END) AS median,
            MAX(CASE WHEN rn = (9 * cnt + 9) / 10 THEN h END) AS p90
       FROM r GROUP BY b, cnt ORDER BY b`,
    sql.args,
  );
  return rows.map((r) => ({ bucket: r.bucket, count: Number(r.cnt), median: r.median, p90: r.p90 }));
}

export type FollowUpRow = { month: string; works: number; problem: number; missed: number };

/**
 * Follow-up checks by the month they were due: a problem from either side wins, then "works"
 * (client WORKS or technician OK), then missed. Checks still waiting are not counted.
 * Purging a ticket deletes its checks, so older months hold only tickets still kept.
 */
export async function followUpOutcomes(db: Db, p: ReportParams): Promise<FollowUpRow[]> {
  const sql: Sql = { where: ["f.dueAt >= ?", "f.dueAt < ?"], args: [p.from, dayAfter(p.to)] };
  ticketFilters(p, sql);
  const rows = await query<{ month: string; works: number | bigint; problem: number | bigint; missed: number | bigint }>(
    db,
    `WITH c AS (
       SELECT substr(f.dueAt, 1, 7) AS month,
              CASE WHEN f.clientOutcome = 'PROBLEM' OR f.techOutcome = 'PROBLEM' THEN 'problem'
                   WHEN f.clientOutcome = 'WORKS' OR f.techOutcome = 'OK' THEN 'works'
                   WHEN f.status = 'MISSED' THEN 'missed' END AS outcome
         FROM FollowUp f JOIN Ticket t ON t.id = f.ticketId
        WHERE ${sql.where.join(" AND ")}
     )
     SELECT month, SUM(outcome = 'works') AS works, SUM(outcome = 'problem') AS problem, SUM(outcome = 'missed') AS missed
       FROM c WHERE outcome IS NOT NULL GROUP BY month ORDER BY month`,
    sql.args,
  );
  return rows.map((r) => ({ month: r.month, works: Number(r.works), problem: Number(r.problem), missed: Number(r.missed) }));
}

/** Personal data removed on intake, from the anonymous monthly counters (they outlive tickets). */
export async function redactionCounts(db: Db, p: ReportParams): Promise<{ month: string; source: string; type: string; n: number }[]> {
  const rows = await query<{ month: string; source: string; type: string; n: number | bigint }>(
    db,
    `SELECT month, source, type, SUM(count) AS n FROM RedactionStat
      WHERE month >= ? AND month <= ? GROUP BY month, source, type ORDER BY month`,
    [monthOfDay(p.from), monthOfDay(p.to)],
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Attachments withheld (not stored, could not be checked) per month, for tickets not yet purged. */
export async function withheldPerMonth(db: Db, p: ReportParams): Promise<{ month: string; n: number }[]> {
  const rows = await query<{ month: string; n: number | bigint }>(
    db,
    `SELECT substr(createdAt, 1, 7) AS month, COUNT(*) AS n FROM Attachment
      WHERE status = 'WITHHELD' AND createdAt >= ? AND createdAt < ? GROUP BY 1 ORDER BY 1`,
    [p.from, dayAfter(p.to)],
  );
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

/** Audit events of one action per month (the [action, createdAt] index answers it). */
export async function auditPerMonth(db: Db, p: ReportParams, action: string): Promise<{ month: string; n: number }[]> {
  const rows = await query<{ month: string; n: number | bigint }>(
    db,
    `SELECT substr(createdAt, 1, 7) AS month, COUNT(*) AS n FROM AuditEvent
      WHERE action = ? AND createdAt >= ? AND createdAt < ? GROUP BY 1 ORDER BY 1`,
    [action, p.from, dayAfter(p.to)],
  );
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

export async function reportOptions(db: Db) {
  const [categories, teams] = await Promise.all([
    db.category.findMany({ select: { slug: true, nameEn: true }, orderBy: { position: "asc" } }),
    db.team.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { categories: categories.map((c) => ({ slug: c.slug, name: c.nameEn })), teams };
}
