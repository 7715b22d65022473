import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { getConfig } from "./config.server";

/**
 * Secrets come from the environment. So that `npm start` works on a fresh machine
 * with nothing set, the first start generates them once into DATA_DIR/secrets.json
 * (mode 0600) and reuses them after; production sets SESSION_SECRET and ENCRYPTION_KEY.
 */
type Secrets = { sessionSecret: string; encryptionKey: Buffer };
let cached: Secrets | undefined;

export function getSecrets(): Secrets {
  if (cached) return cached;
  const c = getConfig();
  let stored: { sessionSecret?: string; encryptionKey?: string } = {};
  const file = path.join(c.DATA_DIR, "secrets.json");
  if (!c.SESSION_SECRET || !c.ENCRYPTION_KEY) {
    if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!stored.sessionSecret || !stored.encryptionKey) {
      stored = {
        sessionSecret: stored.sessionSecret ?? crypto.randomBytes(32).toString("hex"),
        encryptionKey: stored.encryptionKey ?? crypto.randomBytes(32).toString("hex"),
      };
      fs.mkdirSync(c.DATA_DIR, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
    }
  }
  cached = {
    sessionSecret: c.SESSION_SECRET ?? stored.sessionSecret!,
    encryptionKey: Buffer.from(c.ENCRYPTION_KEY ?? stored.encryptionKey!, "hex"),
  };
  return cached;
}

export function resetSecretsForTests() {
  cached = undefined;
}

/**
 * Seals a secret that must be stored (a mailbox password, a client's access details) with
 * AES-256-GCM under ENCRYPTION_KEY: "v1.<iv>.<tag>.<data>", base64 parts. Without the key the
 * database and its backups hold nothing usable; a changed key makes openSecret throw.
 */
export function sealSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", getSecrets().encryptionKey, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64")}.${cipher.getAuthTag().toString("base64")}.${data.toString("base64")}`;
}

export function openSecret(sealed: string): string {
  const [v, iv, tag, data] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || !data) throw new Error("Unknown sealed secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", getSecrets().encryptionKey, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}
