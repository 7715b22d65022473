import crypto from "node:crypto";
import pg from "pg";

/**
 * Whole PostgreSQL databases made and dropped on a server, for the throwaway databases of the
 * test suite (tests/setup/postgres.ts) and the benchmarks (scripts/bench-queue.ts). The role in
 * `serverUrl` must be allowed to CREATE DATABASE; the database it names is only used to connect.
 */

/** The same server and role as `serverUrl`, another database. */
export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Letters, digits and _ only, so quoting the name is enough. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function postgresServerReachable(serverUrl: string): Promise<boolean> {
  try {
    return await onServer(serverUrl, async (c) => (await c.query("SELECT 1")).rowCount === 1);
  } catch {
    return false;
  }
}

function checkName(name: string) {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Not a database name made by uniqueDatabaseName: ${name}`);
}

/** Creates the database (a copy of `template` if given) and returns its URL. */
export async function createDatabaseOn(serverUrl: string, name: string, template?: string): Promise<string> {
  checkName(name);
  if (template) checkName(template);
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return databaseUrlOn(serverUrl, name);
}

const OBJECT_IN_USE = "55006";
const DROP_ATTEMPTS = 50;

/**
 * Drops the database, closing whatever of ours is still connected to it. Not `WITH (FORCE)`:
 * FORCE signals every backend on the database, an autovacuum worker too, and PostgreSQL refuses
 * the whole DROP when the role may not signal it (a role without pg_signal_backend, as on CI).
 * A plain DROP stops autovacuum itself; our own closed connections may take a moment to go.
 */
export async function dropDatabaseOn(serverUrl: string, name: string): Promise<void> {
  checkName(name);
  await onServer(serverUrl, async (c) => {
    for (let attempt = 1; ; attempt++) {
      await c.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()",
        [name],
      );
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== OBJECT_IN_USE || attempt >= DROP_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
}
