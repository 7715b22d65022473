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
 *  - the full-text index's segments: the SearchIndex table has FTS5's secure-delete option
 *    (migration 20261202080000), so a delete takes the terms out of the segments at once;
 *  - the WAL, which still holds the page images from before the delete until a checkpoint
 *    copies the new ones into the file and the log is cut to zero bytes. That is this function.
 * No VACUUM: its cost grows with the database, not with what was deleted, and it holds the write
 * lock throughout (at 100 000 tickets it ran for minutes with the web app frozen).
 *
 * A checkpoint with TRUNCATE must wait for every reader of the WAL (another process in a long
 * read) and for the writer. It is tried on its own short-lived connection with a short busy
 * timeout, so this process's event loop (and its own transactions on the shared connection) are
 * never held for long, and retried with a growing pause. Returns false when readers kept it from
 * finishing within `maxWaitMs`: the WAL then still holds old pages; the next purge or erasure
 * (or any later call) finishes the job, and a warning is logged.
 */
export type ClearOptions = { maxWaitMs?: number; attemptTimeoutMs?: number };

export async function clearDeletedBytes(db: Db, opts: ClearOptions = {}): Promise<boolean> {
  if (databaseKind() === "postgres") return vacuumPostgres(db);
  const file = getConfig().DATABASE_URL.slice("file:".length);
  const ok = await truncateWal(file, opts);
  if (!ok) log.warn("retention.wal_checkpoint_busy", { ms: opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS });
  return ok;
}

const DEFAULT_MAX_WAIT_MS = 30_000;

/** Copies the whole WAL into the database file and cuts the WAL to zero bytes. */
export async function truncateWal(file: string, opts: ClearOptions = {}): Promise<boolean> {
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  const deadline = Date.now() + (opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  const conn = new Database(file, { timeout: opts.attemptTimeoutMs ?? 100, fileMustExist: true });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        // busy = 1: a reader or the writer was still on the WAL; the log was not reset.
        const [row] = conn.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
        if (row && row.busy === 0) return true;
      } catch {
        // SQLITE_BUSY from the busy handler: same as busy = 1.
      }
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 1000)));
    }
  } finally {
    conn.close();
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
