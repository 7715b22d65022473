import crypto from "node:crypto";
import { getConfig } from "../config.server";
import { getSecrets } from "../secrets.server";

/**
 * Access details (a hosting password, a CRM login) are the one secret a client may give
 * on purpose. They never enter the text; they are stored with AES-256-GCM under
 * ENCRYPTION_KEY, shown only to the ticket's team (each view audited), and destroyed when
 * the ticket is resolved or after ACCESS_DETAILS_DAYS, whichever comes first.
 */
const MAX_LENGTH = 4000;

export function encryptAccessDetails(plain: string, now: Date) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", getSecrets().encryptionKey, iv);
  const data = Buffer.concat([cipher.update(plain.slice(0, MAX_LENGTH), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    accessCipher: `v1.${iv.toString("base64")}.${tag.toString("base64")}.${data.toString("base64")}`,
    accessExpiresAt: new Date(now.getTime() + getConfig().ACCESS_DETAILS_DAYS * 864e5),
  };
}

export function decryptAccessDetails(stored: string): string {
  const [v, iv, tag, data] = stored.split(".");
  if (v !== "v1" || !iv || !tag || !data) throw new Error("Unknown access details format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", getSecrets().encryptionKey, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}

export const DESTROY_ACCESS_DETAILS = { accessCipher: null, accessExpiresAt: null } as const;

/** Access details past their time are destroyed (hourly, by the worker). */
export async function destroyExpiredAccessDetails(db: Pick<import("../db.server").Db, "ticket">, now: Date): Promise<number> {
  const r = await db.ticket.updateMany({ where: { accessExpiresAt: { lte: now } }, data: DESTROY_ACCESS_DETAILS });
  return r.count;
}
