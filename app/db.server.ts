import crypto from "node:crypto";
import { createRequire } from "node:module";
import { Prisma, PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig } from "./config.server";
import { sqliteAdapter } from "./sqlite-adapter.server";

const require = createRequire(import.meta.url);

export type DatabaseKind = "sqlite" | "postgres";

/** file: is the embedded SQLite default; postgresql:// is the scale-out database (README). */
export function databaseKind(url: string = getConfig().DATABASE_URL): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/**
 * The one Prisma client of the process, kept across dev reloads (indie-stack's singleton).
 * The driver adapter decides the database. Both clients come from one data model
 * (prisma/schema.prisma; the PostgreSQL twin is generated from it by scripts/postgres-schema.ts),
 * so the PostgreSQL client has the same API and is typed as the SQLite one.
 * Exported for the tests that stand for a second process (its own connections) on one database.
 */
export function createClient(url: string): PrismaClient {
  if (databaseKind(url) === "postgres") {
    // Generated from prisma/postgresql/schema.prisma into node_modules (postinstall).
    const { PrismaClient: PostgresClient } = require(".prisma/client-pg") as { PrismaClient: typeof PrismaClient };
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: getConfig().DATABASE_POOL_SIZE }) });
  }
  // busy timeout: the web app, SMTP listener and worker share one file.
  return new PrismaClient({ adapter: sqliteAdapter(url, 10_000) });
}

/**
 * The Prisma namespace (Prisma.sql, Prisma.empty...) of the client in use: the PostgreSQL client
 * has its own runtime, which takes another runtime's Sql fragment for a plain value.
 */
export function prismaSql(): Pick<typeof Prisma, "sql" | "empty" | "raw" | "join"> {
  if (databaseKind() !== "postgres") return Prisma;
  return (require(".prisma/client-pg") as { Prisma: typeof Prisma }).Prisma;
}

/**
 * Raw rows ($queryRaw) differ between the databases: a timestamp is a Date (PostgreSQL, or SQLite
 * when the column's type is known) or ISO text, a boolean is true/false or 1/0. These give one shape.
 */
export function rawDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** rawDate for a column that may be NULL. */
export function rawDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : rawDate(value);
}

export function rawBoolean(value: boolean | number): boolean {
  return value === true || value === 1;
}

const globalForDb = globalThis as unknown as { __minideskDb?: PrismaClient; __minideskDbUrl?: string };

export function getDb(): PrismaClient {
  const url = getConfig().DATABASE_URL;
  if (!globalForDb.__minideskDb || globalForDb.__minideskDbUrl !== url) {
    globalForDb.__minideskDb = createClient(url);
    globalForDb.__minideskDbUrl = url;
  }
  return globalForDb.__minideskDb;
}

export async function disconnectDb() {
  await globalForDb.__minideskDb?.$disconnect();
  globalForDb.__minideskDb = undefined;
}

export type Db = PrismaClient;

/**
 * A "contains" filter that ignores case on both databases, as SQLite's LIKE does for ASCII;
 * PostgreSQL needs Prisma's insensitive mode (ILIKE), which the SQLite client type lacks.
 */
export function containsText(value: string): { contains: string } {
  return databaseKind() === "postgres" ? ({ contains: value, mode: "insensitive" } as { contains: string }) : { contains: value };
}

/**
 * An id for a row inserted with raw SQL (where Prisma's cuid() default does not apply), in cuid's
 * alphabet, [a-z0-9], so that names carrying ids (outbox files: retention-files.server.ts) still match.
 */
export function newRowId(): string {
  return `r${crypto.randomBytes(12).toString("hex")}`;
}
