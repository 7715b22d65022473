import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll } from "vitest";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./postgres";

/**
 * Runs before each test file: a fresh copy of the migrated template database (a SQLite file,
 * or a PostgreSQL database in the "integration-postgres" project) and a fresh data folder, so
 * test files never see each other's rows or files and can run in parallel.
 */
const dataDir = path.resolve("var/test-run", `${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
fs.mkdirSync(dataDir, { recursive: true });

// Only the "integration-postgres" project sets MINIDESK_TEST_DB (vitest.config.ts): the template's
// name is in the environment of every project, because global setups share one process.
const postgresTemplate = process.env.MINIDESK_TEST_DB === "postgres" ? process.env.MINIDESK_TEST_POSTGRES_TEMPLATE : undefined;
let postgresDatabase: string | undefined;
if (postgresTemplate) {
  postgresDatabase = uniqueDatabaseName("minidesk_test");
  process.env.DATABASE_URL = await createDatabase(postgresDatabase, postgresTemplate);
} else {
  const template = process.env.MINIDESK_TEST_TEMPLATE_DB;
  const dbFile = path.join(dataDir, "minidesk.db");
  if (template && fs.existsSync(template)) fs.copyFileSync(template, dbFile);
  process.env.DATABASE_URL = `file:${dbFile}`;
}

process.env.NODE_ENV = "test";
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= "silent";
process.env.SMTP_LISTEN_PORT = "0";
process.env.WORKER = "false";
// IMAP tests start the mailbox pollers themselves (tests/integration/imap-intake.test.ts).
process.env.IMAP_POLL = "false";
process.env.SESSION_SECRET = "test-session-secret-0123456789abcdef0123456789";
process.env.ENCRYPTION_KEY = "0".repeat(63) + "1";

afterAll(async () => {
  if (process.env.MINIDESK_KEEP_TEST_DATA) return;
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (postgresDatabase) {
    const { disconnectDb } = await import("../../app/db.server");
    await disconnectDb();
    await dropDatabase(postgresDatabase);
  }
});
