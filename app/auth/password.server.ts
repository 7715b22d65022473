import crypto from "node:crypto";
import { promisify } from "node:util";

/**
 * scrypt from node:crypto (docs/decisions/002-password-hashing.md): memory-hard,
 * no native dependency. Parameters follow OWASP's scrypt guidance (N=2^17, r=8, p=1).
 * The format carries its parameters so they can be raised later.
 */
const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const N = 2 ** 17;
const r = 8;
const p = 1;
const KEYLEN = 32;
const maxmem = 256 * N * r;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEYLEN, { N, r, p, maxmem });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) {
    // Same cost as a real check, so timing does not tell whether an account exists.
    await hashPassword(password);
    return false;
  }
  const [scheme, n, rr, pp, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64");
  const key = await scrypt(password.normalize("NFKC"), Buffer.from(saltB64, "base64"), expected.length, {
    N: Number(n), r: Number(rr), p: Number(pp), maxmem: 256 * Number(n) * Number(rr),
  });
  return crypto.timingSafeEqual(key, expected);
}
