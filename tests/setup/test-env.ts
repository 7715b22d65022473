import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll } from "vitest";

/**
 * Runs before each test file: a fresh copy of the migrated template database and a
 * fresh data folder, so test files never see each other's rows or files and can run
 * in parallel.
 */
const dataDir = path.resolve("var/test-run", `${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
fs.mkdirSync(dataDir, { recursive: true });
const template = process.env.MINIDESK_TEST_TEMPLATE_DB;
const dbFile = path.join(dataDir, "minidesk.db");
if (template && fs.existsSync(template)) fs.copyFileSync(template, dbFile);

process.env.NODE_ENV = "test";
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.LOG_LEVEL ??= "silent";
process.env.SMTP_LISTEN_PORT = "0";
process.env.WORKER = "false";
process.env.SESSION_SECRET = "test-session-secret-0123456789abcdef0123456789";
process.env.ENCRYPTION_KEY = "0".repeat(63) + "1";

afterAll(() => {
  if (!process.env.MINIDESK_KEEP_TEST_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
});
