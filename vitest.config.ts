import { defineConfig } from "vitest/config";
import { postgresReachable, TEST_POSTGRES_URL } from "./tests/setup/postgres";

/**
 * One `npm test` runs every project. Each test file gets its own database copied from a
 * template migrated once per project, so files run in parallel safely: a SQLite file
 * (tests/setup/global-db.ts) or, in "integration-postgres", a PostgreSQL database made with
 * CREATE DATABASE ... TEMPLATE (tests/setup/global-postgres.ts). The integration suite runs on
 * both when MINIDESK_TEST_POSTGRES_URL names a reachable PostgreSQL server; MINIDESK_REQUIRE_POSTGRES=1
 * turns a missing server into a failure instead of a skipped project.
 */
const shared = {
  globalSetup: ["tests/setup/global-db.ts"],
  setupFiles: ["tests/setup/test-env.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig(async () => {
  // Opt-in while the PostgreSQL port is being finished (issue #11): set MINIDESK_TEST_POSTGRES_URL.
  const postgres = Boolean(process.env.MINIDESK_TEST_POSTGRES_URL) && (await postgresReachable());
  const host = new URL(TEST_POSTGRES_URL).host;
  if (!postgres && process.env.MINIDESK_REQUIRE_POSTGRES === "1") {
    throw new Error(`MINIDESK_REQUIRE_POSTGRES=1 but no PostgreSQL server answers at ${host}`);
  }
  console.log(postgres ? `PostgreSQL at ${host}: integration tests run on SQLite and PostgreSQL` : "Integration tests run on SQLite (set MINIDESK_TEST_POSTGRES_URL to run them on PostgreSQL too)");
  return {
    test: {
      pool: "forks",
      projects: [
        { test: { ...shared, name: "unit", include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"] } },
        { test: { ...shared, name: "integration", include: ["tests/integration/**/*.test.ts"] } },
        ...(postgres
          ? [{ test: { ...shared, name: "integration-postgres", env: { MINIDESK_TEST_DB: "postgres" }, globalSetup: ["tests/setup/global-postgres.ts"], include: ["tests/integration/**/*.test.ts", "tests/postgres/**/*.test.ts"] } }]
          : []),
        { test: { ...shared, name: "e2e", include: ["tests/e2e/**/*.test.ts"] } },
        { test: { ...shared, name: "leaks", include: ["tests/leaks/**/*.test.ts"] } },
      ],
    },
  };
});
