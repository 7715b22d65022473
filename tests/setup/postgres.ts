import {
  createDatabaseOn, databaseUrlOn, dropDatabaseOn, postgresServerReachable, uniqueDatabaseName,
} from "../../app/postgres-databases.server";

export { uniqueDatabaseName };

/**
 * The PostgreSQL server the "integration-postgres" test project runs against: a role that may
 * CREATE DATABASE. .ci/run starts Debian's postgresql and creates this role; on a developer's
 * machine without one, that project is left out (vitest.config.ts says so).
 */
export const TEST_POSTGRES_URL =
  process.env.MINIDESK_TEST_POSTGRES_URL ?? "postgresql://minidesk:minidesk@127.0.0.1:5432/postgres";

export function databaseUrl(database: string): string {
  return databaseUrlOn(TEST_POSTGRES_URL, database);
}

export function postgresReachable(): Promise<boolean> {
  return postgresServerReachable(TEST_POSTGRES_URL);
}

/** Names come from uniqueDatabaseName (letters, digits, _), so quoting them is enough. */
export function createDatabase(name: string, template?: string): Promise<string> {
  return createDatabaseOn(TEST_POSTGRES_URL, name, template);
}

export function dropDatabase(name: string): Promise<void> {
  return dropDatabaseOn(TEST_POSTGRES_URL, name);
}
