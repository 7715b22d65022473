import { createRequire } from "node:module";
import { getConfig } from "../config.server";
import { databaseKind, type Db } from "../db.server";
import { log } from "../logging/logger.server";

const require = createRequire(import.meta.url);

/**
 * After a retention purge or an erasure: make sure the deleted text has left the database's
 * files, not only its tables (docs/decisions/022-purge-without-vacuum.md). On SQLite, three
 * things would otherwise keep it:
 *  - the pages the rows lived in: every connection runs with PRAGMA secure_delete = ON
 *    (app/sqlite-adapter.server.ts), so a delete zeroes the cell and any page it frees;
 *  - the full-text index: FTS5 records a delete as a marker beside the old entry, both holding
 *    the words, until a merge rewrites the segments. Here the whole index is merged into one
 *    segment in small steps ('merge' with a negative page count), which drops both;
 *  - the WAL, which still holds the page images from before the delete until a checkpoint
 *    copies the new ones into the file and the log is cut to zero bytes.
 * No VACUUM: it rewrites the whole file as one statement holding the write lock (at 100 000
 * tickets the event loop froze for minutes), and with the above it finds nothing left to clear.
 * FTS5's own 'secure-delete' option was measured and rejected: each delete then rewrites the
 * term's doclist up to the row, so purging old tickets cost seconds per thousand (decision 022).
 *
 * Both steps run on a short-lived connection of their own with a short busy timeout, so a lock
 * held elsewhere (a transaction on this process's shared connection, a reader in another
 * process blocking the checkpoint) costs a retry after a pause, never a frozen event loop.
 * Returns false when that did not finish within `maxWaitMs`: the WAL then still holds old pages;
 * the next purge or erasure (or any later call) finishes the job, and a warning is logged.
 */
export type ClearOptions = { maxWaitMs?: number; attemptTimeoutMs?: number };

const DEFAULT_MAX_WAIT_MS = 30_000;
/** Pages one merge step may write: about 200 KB, a few tens of ms (measured in decision 022). */
const MERGE_STEP_PAGES = 50;

export async function clearDeletedBytes(db: Db, opts: ClearOptions = {}): Promise<boolean> {
  if (databaseKind() === "postgres") return vacuumPostgres(db);
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  const file = getConfig().DATABASE_URL.slice("file:".length);
  const deadline = Date.now() + (opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  const conn = new Database(file, { timeout: opts.attemptTimeoutMs ?? 100, fileMustExist: true });
  try {
    conn.pragma("secure_delete = ON"); // the merge frees the old segments' pages
    const ok = (await mergeSearchIndex(conn, deadline)) && (await truncateWal(conn, deadline));
    if (!ok) log.warn("retention.clear_busy", { ms: opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS });
    return ok;
  } finally {
    conn.close();
  }
}

type Conn = import("better-sqlite3").Database;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(50 * attempt, 1000)));
const tick = () => new Promise((r) => setImmediate(r));

/**
 * Merges every segment of the search index into one, MERGE_STEP_PAGES at a time, yielding
 * between steps. A step did work when it changed two rows or more (FTS5 documents this test).
 */
async function mergeSearchIndex(conn: Conn, deadline: number): Promise<boolean> {
  const hasIndex = conn.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'SearchIndex'`).get();
  if (!hasIndex) return true;
  const step = conn.prepare(`INSERT INTO "SearchIndex"("SearchIndex", rank) VALUES('merge', ?)`);
  for (let busy = 0; ; ) {
    try {
      const before = conn.prepare("SELECT total_changes() AS n").get() as { n: number };
      step.run(-MERGE_STEP_PAGES);
      const after = conn.prepare("SELECT total_changes() AS n").get() as { n: number };
      if (Number(after.n) - Number(before.n) < 2) return true;
      await tick();
    } catch {
      // SQLITE_BUSY: another connection holds the write lock.
      if (Date.now() >= deadline) return false;
      await pause(++busy);
    }
  }
}

/** Copies the whole WAL into the database file and cuts the WAL to zero bytes. */
async function truncateWal(conn: Conn, deadline: number): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      // busy = 1: a reader or the writer was still on the WAL; the log was not reset.
      const [row] = conn.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
      if (row && row.busy === 0) return true;
    } catch {
      // SQLITE_BUSY from the busy handler: same as busy = 1.
    }
    if (Date.now() >= deadline) return false;
    await pause(attempt);
  }
}

/**
 * PostgreSQL: VACUUM prunes the dead row versions a purge or an erasure left in the tables that
 * can hold personal text, so their space is reused; it does not rewrite the files (VACUUM FULL
 * would, at the price of an exclusive lock on each table: decision 022 says when to run it). It
 * cannot run inside a transaction block; Prisma sends a plain statement outside one.
 */
const POSTGRES_PERSONAL_TABLES = ["Requester", "Ticket", "Message", "SearchIndex", "OutboxMail", "Job", "FollowUp", "QuarantinedMail", "AuditEvent", "Attachment", "AccessToken"];
async function vacuumPostgres(db: Db): Promise<boolean> {
  try {
    await db.$executeRawUnsafe(`VACUUM ${POSTGRES_PERSONAL_TABLES.map((t) => `"${t}"`).join(", ")}`);
    return true;
  } catch {
    return false;
  }
}
