import type { Mailbox } from "@prisma/client";
import type { Db } from "../../db.server";
import type { Config } from "../../config.server";
import { openSecret, sealSecret } from "../../secrets.server";
import { recordAudit } from "../../audit/audit.server";

/**
 * The IMAP mailboxes Minidesk reads: set on the admin page (/admin/mailboxes), or one from the
 * environment (IMAP_HOST…), which is written to the table on start so that its reading position
 * and status live in the database like the others', while its secret stays in the environment.
 */
export const ENV_MAILBOX_NAME = "environment";

export type AuthMethod = "PASSWORD" | "XOAUTH2";
export type AfterIngest = "MOVE" | "FLAG";

export type MailboxInput = {
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  authMethod: AuthMethod;
  /** Blank on an update: keep the stored secret. */
  secret?: string;
  folder: string;
  afterIngest: AfterIngest;
  processedFolder: string;
  enabled: boolean;
};

export type ImapCredentials = { user: string; pass: string } | { user: string; accessToken: string };

/** What the admin page shows: everything but the secret, BigInt made a number for JSON. */
export type MailboxView = Omit<Mailbox, "secretSealed" | "lastUid" | "leaseOwner"> & {
  lastUid: number;
  hasSecret: boolean;
  active: boolean;
};

export async function listMailboxes(db: Db, now = new Date()): Promise<MailboxView[]> {
  const rows = await db.mailbox.findMany({ orderBy: { name: "asc" } });
  return rows.map(({ secretSealed, lastUid, leaseOwner, ...rest }) => ({
    ...rest,
    lastUid: Number(lastUid),
    hasSecret: rest.source === "ENV" || secretSealed !== null,
    active: leaseOwner !== null && rest.leaseUntil !== null && rest.leaseUntil > now,
  }));
}

/**
 * Creates or updates an admin mailbox. A change of server, account or folder starts the reading
 * position again (the UIDs belong to the old folder); Message-ID dedupe keeps mail already taken
 * from being stored twice. Any change clears the back-off, so a corrected password is tried now.
 */
export async function saveMailbox(db: Db, id: string | null, input: MailboxInput, actorUserId?: string): Promise<Mailbox> {
  const saved = await writeMailbox(db, id, input);
  await recordAudit(db, { actorUserId, action: id ? "mailbox.updated" : "mailbox.created", details: { mailboxId: saved.id, enabled: saved.enabled, secretChanged: Boolean(input.secret) } });
  return saved;
}

async function writeMailbox(db: Db, id: string | null, input: MailboxInput): Promise<Mailbox> {
  const { secret, ...fields } = input;
  const sealed = secret ? { secretSealed: sealSecret(secret) } : {};
  const retryNow = { status: "NEW", failures: 0, nextAttemptAt: null, lastErrorCode: null };
  if (!id) {
    if (!secret) throw new MailboxInputError("secret");
    return db.mailbox.create({ data: { ...fields, ...sealed, source: "ADMIN" } });
  }
  const before = await db.mailbox.findFirst({ where: { id, source: "ADMIN" } });
  if (!before) throw new MailboxInputError("id");
  const moved = before.host !== fields.host || before.port !== fields.port || before.username !== fields.username || before.folder !== fields.folder;
  return db.mailbox.update({
    where: { id },
    data: { ...fields, ...sealed, ...retryNow, ...(moved ? { uidValidity: null, lastUid: 0 } : {}) },
  });
}

export async function deleteMailbox(db: Db, id: string, actorUserId?: string): Promise<boolean> {
  const { count } = await db.mailbox.deleteMany({ where: { id, source: "ADMIN" } });
  if (count === 1) await recordAudit(db, { actorUserId, action: "mailbox.deleted", details: { mailboxId: id } });
  return count === 1;
}

export class MailboxInputError extends Error {
  constructor(public readonly field: string) {
    super(`Invalid mailbox field: ${field}`);
  }
}

/** Writes the IMAP_HOST mailbox to the table, or removes it when the variables are gone. */
export async function syncEnvironmentMailbox(db: Db, config: Config): Promise<void> {
  if (!config.IMAP_HOST || !config.IMAP_USER) {
    await db.mailbox.deleteMany({ where: { source: "ENV" } });
    return;
  }
  const fields = {
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    tls: config.IMAP_TLS,
    username: config.IMAP_USER,
    authMethod: config.IMAP_ACCESS_TOKEN ? "XOAUTH2" : "PASSWORD",
    folder: config.IMAP_FOLDER,
    afterIngest: config.IMAP_AFTER_INGEST === "flag" ? "FLAG" : "MOVE",
    processedFolder: config.IMAP_PROCESSED_FOLDER,
  };
  const existing = await db.mailbox.findUnique({ where: { name: ENV_MAILBOX_NAME } });
  if (!existing) {
    await db.mailbox.create({ data: { name: ENV_MAILBOX_NAME, source: "ENV", ...fields } });
    return;
  }
  const moved = existing.host !== fields.host || existing.port !== fields.port || existing.username !== fields.username || existing.folder !== fields.folder;
  const changed = moved || Object.entries(fields).some(([k, v]) => existing[k as keyof typeof fields] !== v);
  if (!changed) return;
  await db.mailbox.update({
    where: { id: existing.id },
    data: { ...fields, source: "ENV", status: "NEW", failures: 0, nextAttemptAt: null, ...(moved ? { uidValidity: null, lastUid: 0 } : {}) },
  });
}

export function credentialsOf(mailbox: Mailbox, config: Config): ImapCredentials {
  const secret = mailbox.source === "ENV" ? (config.IMAP_ACCESS_TOKEN ?? config.IMAP_PASSWORD) : mailbox.secretSealed && openSecret(mailbox.secretSealed);
  if (!secret) throw Object.assign(new Error("The mailbox has no password or token"), { code: "NO_SECRET" });
  return mailbox.authMethod === "XOAUTH2" ? { user: mailbox.username, accessToken: secret } : { user: mailbox.username, pass: secret };
}
