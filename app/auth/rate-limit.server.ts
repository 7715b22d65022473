import { getDb } from "../db.server";
import { getSecrets } from "../secrets.server";
import { keyedHash } from "./tokens.server";

/**
 * Fixed-window counters in the database, so every web process shares them.
 * Keys are keyed hashes: an IP address or email never sits in the table.
 */
export async function hitRateLimit(
  scope: string,
  identity: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<{ allowed: boolean; retryAfterS: number }> {
  const key = `${scope}:${keyedHash(getSecrets().sessionSecret, identity)}`;
  const db = getDb();
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db.$transaction(async (tx) => {
    const current = await tx.rateLimit.findUnique({ where: { key } });
    if (!current || current.windowStart.getTime() !== windowStart.getTime()) {
      return tx.rateLimit.upsert({
        where: { key },
        create: { key, windowStart, count: 1 },
        update: { windowStart, count: 1 },
      });
    }
    return tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
  });
  const retryAfterS = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: row.count <= limit, retryAfterS };
}

/** The client's address as the proxy-free socket saw it; only ever hashed. */
export function clientAddress(request: Request): string {
  return request.headers.get("x-minidesk-client-ip") ?? "unknown";
}
