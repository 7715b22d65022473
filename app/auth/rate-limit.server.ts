import { Prisma } from "@prisma/client";
import { getDb } from "../db.server";
import { getSecrets } from "../secrets.server";
import { keyedHash } from "./tokens.server";

/**
 * Window counters in the database, so every web process shares them. A key's window starts at
 * its first hit and lasts `windowMs`; a window aligned to the clock (every quarter hour) would
 * let twice the limit through in a few seconds across its boundary.
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
  // A window that started after this instant is still open.
  const openSince = new Date(now.getTime() - windowMs);
  const rows = await getDb().$queryRaw<{ count: number | bigint; windowStart: Date | string | number }[]>(Prisma.sql`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" > ${openSince} THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" > ${openSince} THEN "RateLimit"."windowStart" ELSE excluded."windowStart" END
    RETURNING "count", "windowStart"`);
  const count = Number(rows[0]?.count ?? 1);
  const started = rows[0] ? new Date(rows[0].windowStart) : now;
  const retryAfterS = Math.max(1, Math.ceil((started.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, retryAfterS };
}

/** The client's address as the socket saw it (set by the HTTP layer); only ever hashed. */
export function clientAddress(request: Request): string {
  return request.headers.get("x-minidesk-client-ip") ?? "unknown";
}
