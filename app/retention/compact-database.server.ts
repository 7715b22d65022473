import { databaseKind, type Db } from "../db.server";

/**
 * Deleted rows leave their bytes in free pages and in the WAL until they are reused.
 * After an erasure or a retention purge: merge the full-text index (dropping deleted
 * entries), rebuild the file (VACUUM), and copy the WAL back and truncate it. Returns false
 * when another transaction kept it from finishing; the next erasure or purge run tries again.
 *
 * Why not PRAGMA secure_delete instead: it zeroes what a delete frees, but the WAL still holds
 * the pages as they were before, and FTS5 keeps deleted terms in its segments until a merge;
 * the checkpoint and the merge are needed anyway, and VACUUM makes the result certain. Its
 * cost grows with the database, not with the purge: see README (bench:purge).
 */
export async function compactDatabase(db: Db): Promise<boolean> {
  if (databaseKind() === "postgres") return vacuumPostgres(db);
  try {
    await db.$executeRawUnsafe(`INSERT INTO "SearchIndex"("SearchIndex") VALUES('optimize')`);
  } catch {
    // No search index in this database: nothing to merge.
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await db.$executeRawUnsafe("VACUUM");
      const rows = await db.$queryRawUnsafe<{ busy: bigint | number }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
      if (Number(rows[0]?.busy ?? 0) === 0) return true;
    } catch {
      // A transaction was open on the connection; wait for it to end.
    }
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
  return false;
}

/**
 * PostgreSQL: VACUUM prunes the dead row versions an erasure left in the tables that can hold
 * an address, so their space is reused; it does not rewrite the files (VACUUM FULL would, at
 * the price of locking the tables: README "Scale-out" says when to run it).
 */
const POSTGRES_PERSONAL_TABLES = ["Requester", "Ticket", "Message", "SearchIndex", "OutboxMail", "Job", "FollowUp", "QuarantinedMail", "AuditEvent"];
async function vacuumPostgres(db: Db): Promise<boolean> {
  try {
    await db.$executeRawUnsafe(`VACUUM ${POSTGRES_PERSONAL_TABLES.map((t) => `"${t}"`).join(", ")}`);
    return true;
  } catch {
    return false;
  }
}
