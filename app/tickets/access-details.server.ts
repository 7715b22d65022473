import { getConfig } from "../config.server";
import { openSecret, sealSecret } from "../secrets.server";

/**
 * Access details (a hosting password, a CRM login) are the one secret a client may give
 * on purpose. They never enter the text; they are stored with AES-256-GCM under
 * ENCRYPTION_KEY, shown only to the ticket's team (each view audited), and destroyed when
 * the ticket is resolved or after ACCESS_DETAILS_DAYS, whichever comes first.
 */
const MAX_LENGTH = 4000;

export function encryptAccessDetails(plain: string, now: Date) {
  return {
    accessCipher: sealSecret(plain.slice(0, MAX_LENGTH)),
    accessExpiresAt: new Date(now.getTime() + getConfig().ACCESS_DETAILS_DAYS * 864e5),
  };
}

export function decryptAccessDetails(stored: string): string {
  return openSecret(stored);
}

export const DESTROY_ACCESS_DETAILS = { accessCipher: null, accessExpiresAt: null } as const;

/** Access details past their time are destroyed (hourly, by the worker). */
export async function destroyExpiredAccessDetails(db: Pick<import("../db.server").Db, "ticket">, now: Date): Promise<number> {
  const r = await db.ticket.updateMany({ where: { accessExpiresAt: { lte: now } }, data: DESTROY_ACCESS_DETAILS });
  return r.count;
}
