import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./postgres-schema";

describe("one data model for both databases", () => {
  it("the committed PostgreSQL schema is exactly the one generated from prisma/schema.prisma", () => {
    // On failure: npx tsx scripts/postgres-schema.ts, then a PostgreSQL migration for the change.
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("changes only the provider and the generated client's folder", () => {
    const twin = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(twin).toMatch(/provider = "postgresql"/);
    expect(twin).toMatch(/output\s+= "..\/..\/node_modules\/.prisma\/client-pg"/);
    const models = (s: string) => s.slice(s.indexOf("model "));
    expect(models(twin)).toBe(models(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  });
});
