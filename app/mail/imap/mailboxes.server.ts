import type { Mailbox } from "@prisma/client";
import type { Db } from "../../db.server";
import type { Config } from "../../config.server";
import { openSecret, sealSecret } from "../../secrets.server";
import { recordAudit } from "../../audit/audit.server";
import { accessTokenFor } from "./oauth/oauth-client.server";
import { endpointsOf, OAuthSetupError, type OAuthApp } from "./oauth/oauth-providers";

/**
 * The IMAP mailboxes Minidesk reads: set on the admin page (/admin/mailboxes), or one from the
 * environment (IMAP_HOST…), which is written to the table on start so that its reading position
 * and status live in the database like the others', while its secret stays in the environment.
 */
export const ENV_MAILBOX_NAME = "environment";

/**
 * PASSWORD; XOAUTH2 with an access token pasted in (it lasts about an hour: for trying a mailbox
 * out); OAUTH2, an account connected through its provider's sign-in, whose access tokens are
 * renewed from the stored refresh token (what Microsoft 365 and Gmail need in production).
 */
export type AuthMethod = "PASSWORD" | "XOAUTH2" | "OAUTH2";
export type AfterIngest = "MOVE" | "FLAG";

export type MailboxInput = {
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  authMethod: AuthMethod;
  /** Blank on an update: keep the stored secret. For OAUTH2, the app registration's client secret. */
  secret?: string;
  /** OAUTH2 only: which provider and app registration. */
  oauth?: OAuthAppSettings;
  folder: string;
  afterIngest: AfterIngest;
  processedFolder: string;
  enabled: boolean;
};

export type OAuthAppSettings = Pick<OAuthApp, "provider" | "tenant" | "issuer" | "scope" | "clientId">;

export type ImapCredentials = { user: string; pass: string } | { user: string; accessToken: string };

/** What the admin page shows: everything but the secrets, BigInt made a number for JSON. */
export type MailboxView = Omit<Mailbox, "secretSealed" | "lastUid" | "leaseOwner"> & {
  lastUid: number;
  hasSecret: boolean;
  active: boolean;
  oauth: (OAuthAppSettings & { connected: boolean }) | null;
};

export async function listMailboxes(db: Db, now = new Date()): Promise<MailboxView[]> {
  const rows = await db.mailbox.findMany({ orderBy: { name: "asc" } });
  return rows.map((row) => {
    const { secretSealed, lastUid, leaseOwner, ...rest } = row;
    const app = oauthAppOf(row);
    return {
      ...rest,
      lastUid: Number(lastUid),
      hasSecret: rest.source === "ENV" || secretSealed !== null,
      active: leaseOwner !== null && rest.leaseUntil !== null && rest.leaseUntil > now,
      oauth: app && { provider: app.provider, tenant: app.tenant, issuer: app.issuer, scope: app.scope, clientId: app.clientId, connected: Boolean(app.refreshToken) },
    };
  });
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
  const { secret, oauth, ...fields } = input;
  const retryNow = { status: "NEW", failures: 0, nextAttemptAt: null, lastErrorCode: null };
  const before = id ? await db.mailbox.findFirst({ where: { id, source: "ADMIN" } }) : null;
  if (id && !before) throw new MailboxInputError("id");
  // The stored secret is a password, a token or an OAuth2 app: it cannot serve another method.
  if (before && before.authMethod !== fields.authMethod && !secret) throw new MailboxInputError("secret");
  const sealed = fields.authMethod === "OAUTH2" ? sealedOAuthApp(before, oauth, secret) : secret ? { secretSealed: sealSecret(secret) } : {};
  if (!id || !before) {
    if (!secret) throw new MailboxInputError("secret");
    return db.mailbox.create({ data: { ...fields, ...sealed, source: "ADMIN" } });
  }
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

/**
 * How the poller signs in, and until when that holds (an OAuth2 access token's end, when the
 * poller should reconnect with a new one). A refresh token the provider rotated is stored at once.
 */
export async function credentialsFor(db: Db, mailbox: Mailbox, config: Config): Promise<{ auth: ImapCredentials; validUntil?: number }> {
  if (mailbox.authMethod === "OAUTH2") {
    const app = oauthAppOf(mailbox);
    if (!app) throw Object.assign(new Error("The mailbox has no OAuth2 settings"), { code: "NO_SECRET" });
    const tokens = await accessTokenFor(mailbox.id, app);
    if (tokens.refreshToken !== app.refreshToken) await storeRefreshToken(db, mailbox.id, app, tokens.refreshToken);
    return { auth: { user: mailbox.username, accessToken: tokens.accessToken }, validUntil: tokens.expiresAt };
  }
  const secret = mailbox.source === "ENV" ? (config.IMAP_ACCESS_TOKEN ?? config.IMAP_PASSWORD) : mailbox.secretSealed && openSecret(mailbox.secretSealed);
  if (!secret) throw Object.assign(new Error("The mailbox has no password or token"), { code: "NO_SECRET" });
  return { auth: mailbox.authMethod === "XOAUTH2" ? { user: mailbox.username, accessToken: secret } : { user: mailbox.username, pass: secret } };
}

/** The OAUTH2 mailbox's app registration and refresh token, sealed together in secretSealed. */
export function oauthAppOf(mailbox: Pick<Mailbox, "authMethod" | "secretSealed">): OAuthApp | null {
  if (mailbox.authMethod !== "OAUTH2" || !mailbox.secretSealed) return null;
  return JSON.parse(openSecret(mailbox.secretSealed)) as OAuthApp;
}

/** The account is connected (or re-connected): its refresh token is kept, sealed with the rest. */
export async function storeRefreshToken(db: Db, mailboxId: string, app: OAuthApp, refreshToken: string): Promise<void> {
  await db.mailbox.update({ where: { id: mailboxId }, data: { secretSealed: sealSecret(JSON.stringify({ ...app, refreshToken })) } });
}

/** The settings' client secret is kept when left blank; the refresh token while it still belongs to the same app. */
function sealedOAuthApp(before: Mailbox | null, settings: OAuthAppSettings | undefined, clientSecret: string | undefined): { secretSealed?: string } {
  if (!settings?.clientId) throw new OAuthSetupError("clientId");
  endpointsOf(settings); // refuses a bad tenant or issuer before anything is stored
  const previous = before ? oauthAppOf(before) : null;
  const secret = clientSecret || previous?.clientSecret;
  if (!secret) throw new MailboxInputError("secret");
  const sameApp = previous && JSON.stringify(endpointsOf(previous)) === JSON.stringify(endpointsOf(settings)) && previous.clientId === settings.clientId;
  const app: OAuthApp = { ...settings, clientSecret: secret, refreshToken: sameApp ? previous.refreshToken : undefined };
  return { secretSealed: sealSecret(JSON.stringify(app)) };
}

