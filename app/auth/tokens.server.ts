import crypto from "node:crypto";

/** 256-bit random tokens for links; only their SHA-256 is stored. */
export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Keyed hash for identifiers we must match but not keep (IP addresses, rate-limit keys). */
export function keyedHash(secret: string, value: string): string {
  return crypto.createHmac("sha256", secret).update(value).digest("hex");
}
