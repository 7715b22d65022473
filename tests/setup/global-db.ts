import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { migrateDatabase } from "../../app/db-migrate.server";
import { buildIfNeeded } from "../../app/server/build-if-needed.server";

/**
 * Once per test run (per vitest project): build the web app if its sources changed and
 * migrate one template database, which each test file copies (test-env.ts).
 */
export default async function setup() {
  buildIfNeeded(() => {});
  const root = path.resolve("var/test-run");
  fs.mkdirSync(root, { recursive: true });
  const template = path.join(root, `template-${crypto.randomBytes(4).toString("hex")}.db`);
  await migrateDatabase(`file:${template}`);
  process.env.MINIDESK_TEST_TEMPLATE_DB = template;
  return () => fs.rmSync(template, { force: true });
}
