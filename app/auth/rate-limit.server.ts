import { Prisma } from "@prisma/client";
import { getDb } from "../db.server";
import { getSecrets } from "../secrets.server";
import { keyedHash } from "./tokens.server";

/**
 * Fixed-window counters in the database, so every web process shares them.
 * Keys are keyed hashes: an IP address or email never sits in the table.
 * One upsert statement (standard SQL, SQLite and PostgreSQL alike) counts a hit
 * atomically, however many processes count at once.
 */
export async function hitRateLimit(
  scope: string,
  identity: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterS: number }> {
  const key = `${scope}:${keyedHash(getSecrets().sessionSecret, identity)}`;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await getDb().$queryRaw<{ count: number | bigint }[]>(Prisma.sql`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" = excluded."windowStart" THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = excluded."windowStart"
    RETURNING "count"`);
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterS = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: count <= limit, retryAfterS };
}

/** The client's address as the socket saw it (set by the HTTP layer); only ever hashed. */
export function clientAddress(request: Request): string {
  return request.headers.get("x-minidesk-client-ip") ?? "unknown";
}
