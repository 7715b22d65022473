import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { databaseKind } from "./db.server";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * Applies prisma/migrations with Prisma's own `migrate deploy`, through the WebAssembly
 * schema engine (no download; see prisma.config.ts). Idempotent: applied migrations are skipped.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  if (databaseUrl.startsWith("file:")) {
    fs.mkdirSync(path.dirname(databaseUrl.slice("file:".length)), { recursive: true });
  }
  // Nothing to apply, nothing to run. Besides sparing every start the CLI, this matters on SQLite:
  // `migrate deploy` takes the file in exclusive locking mode, which waits for (and fails after)
  // every other process that has it open, so a second process could not start beside `npm start`.
  if ((await pendingMigrations(databaseUrl)).length === 0) return;
  const cli = require.resolve("prisma/build/index.js");
  await run(process.execPath, [cli, "migrate", "deploy"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
      PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (databaseUrl.startsWith("file:")) useWriteAheadLog(databaseUrl.slice("file:".length));
}

/**
 * WAL lets the web app read while the worker or SMTP listener writes. The mode is stored
 * in the database file, so setting it once here holds for every later connection.
 */
function useWriteAheadLog(file: string) {
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/** Migration folders (their names sort by date) not yet recorded as applied in the database. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const postgres = databaseKind(databaseUrl) === "postgres";
  const folder = path.resolve(postgres ? "prisma/postgresql/migrations" : "prisma/migrations");
  const all = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(folder, e.name, "migration.sql")))
    .map((e) => e.name);
  const applied = await appliedMigrations(databaseUrl, postgres);
  return all.filter((name) => !applied.has(name)).sort();
}

const APPLIED_SQL = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** Prisma's own record of applied migrations; empty when the database or the table is not there yet. */
async function appliedMigrations(databaseUrl: string, postgres: boolean): Promise<Set<string>> {
  try {
    if (postgres) {
      const { Client } = require("pg") as typeof import("pg");
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ migration_name: string }>(APPLIED_SQL);
        return new Set(rows.map((r) => r.migration_name));
      } finally {
        await client.end();
      }
    }
    const file = databaseUrl.slice("file:".length);
    if (!fs.existsSync(file)) return new Set();
    const Database = require("better-sqlite3") as typeof import("better-sqlite3");
    const db = new Database(file, { readonly: true, timeout: 10_000 });
    try {
      return new Set((db.prepare(APPLIED_SQL).all() as { migration_name: string }[]).map((r) => r.migration_name));
    } finally {
      db.close();
    }
  } catch {
    return new Set(); // no table yet (or unreadable): let `migrate deploy` decide and report
  }
}
