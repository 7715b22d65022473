import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { postgresMigrateAdapter } from "./prisma/postgres-migrate-adapter";

// The Prisma CLI tries to download native engines at start unless told where they are
// (../shared/STACK.md); migrations run through the WebAssembly engine in the package.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/false";

// DATABASE_URL picks the database: file: is SQLite (prisma/schema.prisma, the source of truth),
// postgresql:// is PostgreSQL (prisma/postgresql/schema.prisma, generated from it, with its own
// migrations folder beside it).
const url = process.env.DATABASE_URL ?? "file:./var/minidesk.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  async adapter() {
    if (postgres) return postgresMigrateAdapter(url);
    // SQLite creates the file but not its folder.
    fs.mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
    // Several processes may start at once on one file (tests/integration/web-processes.test.ts):
    // wait for another one's lock instead of failing with SQLITE_BUSY.
    return new PrismaBetterSQLite3({ url, timeout: 30_000 });
  },
});
