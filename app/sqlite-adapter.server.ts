import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { reusePreparedStatements } from "./sqlite-statement-cache.server";

/**
 * The SQLite driver adapter, with prepared statements reused (app/sqlite-statement-cache.server.ts)
 * and every transaction begun IMMEDIATE instead of the adapter's plain (deferred) BEGIN.
 *
 * Why: a deferred transaction takes the write lock only at its first write. If it has read
 * first (an upsert, a find-then-update) and another process wrote in between, SQLite cannot
 * upgrade its stale snapshot and fails at once with SQLITE_BUSY, without waiting the busy
 * timeout; Prisma reports it as "Operation has timed out". Two worker processes on one file
 * (tests/integration/worker-processes.test.ts) hit this within seconds. BEGIN IMMEDIATE takes
 * the write lock up front, waiting for it under the busy timeout like any single write.
 * Readers are not affected: in WAL mode they never wait for the writer.
 *
 * And with PRAGMA secure_delete = ON (a per-connection setting, off by default): a delete or an
 * update overwrites the old cell with zeros, and a page it frees is zeroed too, so deleted text
 * does not linger in the file's free space (a retention purge or an erasure must remove it from
 * the disk: app/retention/clear-deleted-bytes.server.ts, decision 022).
 */
export function sqliteAdapter(url: string, timeoutMs: number) {
  const factory = new PrismaBetterSQLite3({ url, timeout: timeoutMs });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // The adapter keeps its better-sqlite3 handle in `client` and begins with prepare("BEGIN").
    const client = (adapter as unknown as { client: Database.Database }).client;
    client.pragma("secure_delete = ON");
    reusePreparedStatements(client);
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof client.prepare;
    return adapter;
  };
  return factory;
}
