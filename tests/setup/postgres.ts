import crypto from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL server the "integration-postgres" test project runs against: a role that may
 * CREATE DATABASE. .ci/run starts Debian's postgresql and creates this role; on a developer's
 * machine without one, that project is left out (vitest.config.ts says so).
 */
export const TEST_POSTGRES_URL =
  process.env.MINIDESK_TEST_POSTGRES_URL ?? "postgresql://minidesk:minidesk@127.0.0.1:5432/postgres";

export function databaseUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    return await onServer(async (c) => (await c.query("SELECT 1")).rowCount === 1);
  } catch {
    return false;
  }
}

/** Names come from uniqueDatabaseName (letters, digits, _), so quoting them is enough. */
export async function createDatabase(name: string, template?: string): Promise<string> {
  await onServer((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
