/**
 * prisma/schema.prisma (SQLite) is the one source of truth for the data model. This writes
 * its PostgreSQL twin, prisma/postgresql/schema.prisma: the same models, another provider and
 * a second generated client. `--check` exits 1 when the committed twin has drifted.
 *
 *   npx tsx scripts/postgres-schema.ts          # rewrite the twin
 *   npx tsx scripts/postgres-schema.ts --check  # CI / tests: fail on drift
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

const HEADER = "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: do not edit by hand.\n";

export function postgresSchemaFrom(sqlite: string): string {
  const generator = /generator client \{[^}]*\}/;
  const datasource = /datasource db \{[^}]*\}/;
  if (!generator.test(sqlite) || !datasource.test(sqlite)) {
    throw new Error("schema.prisma: expected one `generator client` and one `datasource db` block");
  }
  return (
    HEADER +
    sqlite
      .replace(
        generator,
        [
          "generator client {",
          '  provider   = "prisma-client-js"',
          '  engineType = "client"',
          '  output     = "../../node_modules/.prisma/client-pg" // loaded by app/db.server.ts',
          "}",
        ].join("\n"),
      )
      .replace(
        datasource,
        [
          "datasource db {",
          '  provider = "postgresql"',
          '  url      = "postgresql://localhost/validator-only" // the driver adapter decides',
          "}",
        ].join("\n"),
      )
  );
}

function main() {
  const wanted = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== wanted) {
      console.error("prisma/postgresql/schema.prisma is out of date: run npx tsx scripts/postgres-schema.ts");
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, wanted);
  console.log(`wrote ${path.relative(root, POSTGRES_SCHEMA)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
