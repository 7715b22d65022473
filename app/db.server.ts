import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "./config.server";

/**
 * The one Prisma client of the process, kept across dev reloads
 * (indie-stack's singleton). The driver adapter decides the database;
 * `schema.prisma`'s url is only there for the validator.
 */
function createClient(url: string) {
  if (!url.startsWith("file:")) {
    throw new Error("Only SQLite (file:) DATABASE_URL is supported in this build");
  }
  // busy timeout: the web app, SMTP listener and worker share one file.
  const adapter = new PrismaBetterSQLite3({ url, timeout: 10_000 });
  return new PrismaClient({ adapter });
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
