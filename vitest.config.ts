import { defineConfig } from "vitest/config";

/**
 * One `npm test` runs every project. Each test file gets its own SQLite file copied from
 * a template migrated once (tests/setup/global-db.ts), so files run in parallel safely.
 */
const shared = {
  globalSetup: ["tests/setup/global-db.ts"],
  setupFiles: ["tests/setup/test-env.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    pool: "forks",
    projects: [
      { test: { ...shared, name: "unit", include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"] } },
      { test: { ...shared, name: "integration", include: ["tests/integration/**/*.test.ts"] } },
      { test: { ...shared, name: "e2e", include: ["tests/e2e/**/*.test.ts"] } },
      { test: { ...shared, name: "leaks", include: ["tests/leaks/**/*.test.ts"] } },
    ],
  },
});
