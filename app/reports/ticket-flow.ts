/**
 * Tickets opened, closed and still open, from a small "flow cube" that SQL has already
 * grouped (one cell per opened bucket × closed bucket × breakdown value). Live tickets and
 * the anonymous TicketStat rows left by retention become cells of the same shape, so the
 * charts stay right after a purge. Pure: no database, no clock.
 */
export type FlowCell = {
  /** Bucket the ticket was opened in (may lie before the range: it still counts in the backlog). */
  opened: string;
  /** Bucket it was closed in, or null when it was not closed by the end of the range. */
  closed: string | null;
  /** Bucket it left the backlog: closed, or removed while open (erased). Null = still open. */
  left: string | null;
  /** Bucket it was purged in (TicketStat only). */
  purged?: string | null;
  /** The breakdown value (channel, category or team slug). */
  dim: string;
  n: number;
};

export type SeriesRow = { x: string } & Record<string, number>;

export type Flow = {
  dims: string[];
  opened: SeriesRow[];
  closed: SeriesRow[];
  backlog: SeriesRow[];
  purged: SeriesRow[];
};

function emptyRows(buckets: string[], keys: string[]): SeriesRow[] {
  return buckets.map((x) => Object.assign({ x }, Object.fromEntries(keys.map((k) => [k, 0]))) as SeriesRow);
}

export function computeFlow(cells: readonly FlowCell[], buckets: readonly string[]): Flow {
  const dims = [...new Set(cells.map((c) => c.dim))].sort();
  const index = new Map(buckets.map((b, i) => [b, i]));
  const opened = emptyRows([...buckets], dims);
  const closed = emptyRows([...buckets], dims);
  const purged = emptyRows([...buckets], dims);
  const backlog = emptyRows([...buckets], ["open"]);
  for (const c of cells) {
    const oi = index.get(c.opened);
    if (oi !== undefined) opened[oi]![c.dim]! += c.n;
    const ci = c.closed === null ? undefined : index.get(c.closed);
    if (ci !== undefined) closed[ci]![c.dim]! += c.n;
    const pi = c.purged == null ? undefined : index.get(c.purged);
    if (pi !== undefined) purged[pi]![c.dim]! += c.n;
    // Open at the end of bucket b: opened in or before b, and left after b (or not yet).
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      if (c.opened <= b && (c.left === null || c.left > b)) backlog[i]!.open! += c.n;
    }
  }
  return { dims, opened, closed, backlog, purged };
}

/** Nearest-rank percentile of sorted values: the value at rank ceil(p/100 · n) (the reports tests use the same rule). */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}
