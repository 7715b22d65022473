import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { verifyPassword } from "./password.server";
import { hitRateLimit } from "./rate-limit.server";

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterS: number };

/**
 * Checks a staff password. Limited per address and per account (hashed keys), so neither
 * one machine nor a spread-out attack can guess for long; the answer never says which
 * part was wrong.
 */
export async function signIn(db: Db, input: { email: string; password: string; clientAddress: string }): Promise<SignInResult> {
  const limit = getConfig().SIGNIN_ATTEMPTS_PER_15MIN;
  const email = input.email.trim().toLowerCase();
  const window = 15 * 60_000;
  const [byAddress, byAccount] = await Promise.all([
    // An office shares one address: allow it several people's worth of attempts.
    hitRateLimit("signin-ip", input.clientAddress, limit * 5, window),
    hitRateLimit("signin-account", email, limit, window),
  ]);
  if (!byAddress.allowed || !byAccount.allowed) {
    return { ok: false, reason: "rate-limited", retryAfterS: Math.max(byAddress.retryAfterS, byAccount.retryAfterS) };
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(input.password, user?.passwordHash);
  if (!user || !valid || !user.active || user.role === "CLIENT") return { ok: false, reason: "invalid" };
  return { ok: true, userId: user.id };
}
