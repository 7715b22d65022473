import { migrateDatabase } from "../../app/db-migrate.server";
import { buildIfNeeded } from "../../app/server/build-if-needed.server";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./postgres";

/**
 * Once per run of the "integration-postgres" project: build the web app if needed and migrate
 * one template database on the test PostgreSQL server; each test file gets its own copy
 * (CREATE DATABASE ... TEMPLATE, in test-env.ts), as each SQLite test file gets a file copy.
 */
export default async function setup() {
  buildIfNeeded(() => {});
  const template = uniqueDatabaseName("minidesk_template");
  await migrateDatabase(await createDatabase(template));
  process.env.MINIDESK_TEST_POSTGRES_TEMPLATE = template;
  return () => dropDatabase(template);
}
