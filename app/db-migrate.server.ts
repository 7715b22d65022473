import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

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
