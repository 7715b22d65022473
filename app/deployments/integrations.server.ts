import crypto from "node:crypto";
import type { DeploymentIntegration } from "@prisma/client";
import type { Db } from "../db.server";
import { getSecrets } from "../secrets.server";
import { hashToken, newToken } from "../auth/tokens.server";

/**
 * An integration is one CI/CD system reporting deployments. Its bearer token is stored only as
 * its SHA-256. GitHub signs with a shared secret that we need in clear to check the HMAC; rather
 * than keep a second secret, it is derived from ENCRYPTION_KEY and the integration id
 * (docs/decisions/019-deployment-events.md), so it can be shown once and recomputed, never stored.
 */
export function githubSecretFor(integrationId: string): string {
  return crypto.createHmac("sha256", getSecrets().encryptionKey).update(`deployments.github:${integrationId}`).digest("base64url");
}

export type NewIntegration = { id: string; name: string; token: string; githubSecret: string };

export async function createIntegration(db: Db, adminId: string, name: string): Promise<NewIntegration> {
  const token = `mdd_${newToken()}`;
  const row = await db.deploymentIntegration.create({ data: { name, tokenHash: hashToken(token), createdById: adminId } });
  await db.auditEvent.create({ data: { actorUserId: adminId, action: "deployments.integration_created", details: JSON.stringify({ integrationId: row.id }) } });
  return { id: row.id, name: row.name, token, githubSecret: githubSecretFor(row.id) };
}

export async function revokeIntegration(db: Db, adminId: string, id: string, now = new Date()): Promise<boolean> {
  const { count } = await db.deploymentIntegration.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  if (count) await db.auditEvent.create({ data: { actorUserId: adminId, action: "deployments.integration_revoked", details: JSON.stringify({ integrationId: id }) } });
  return count > 0;
}

export function listIntegrations(db: Db) {
  return db.deploymentIntegration.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, revokedAt: true, lastUsedAt: true },
  });
}

/** The active integration whose token this is, or null (unknown, empty or revoked). */
export async function integrationByToken(db: Db, token: string | null | undefined): Promise<DeploymentIntegration | null> {
  if (!token) return null;
  const row = await db.deploymentIntegration.findUnique({ where: { tokenHash: hashToken(token) } });
  return row && !row.revokedAt ? row : null;
}

/**
 * The active integration whose derived GitHub secret signed this body. GitHub sends no token,
 * so every active integration is tried (a handful at most); comparisons are constant-time.
 */
export async function integrationBySignature(db: Db, signatureHeader: string | null, body: Buffer): Promise<DeploymentIntegration | null> {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signatureHeader?.trim() ?? "")?.[1];
  if (!given) return null;
  const givenBytes = Buffer.from(given.toLowerCase(), "hex");
  const active = await db.deploymentIntegration.findMany({ where: { revokedAt: null } });
  let match: DeploymentIntegration | null = null;
  for (const row of active) {
    const expected = crypto.createHmac("sha256", githubSecretFor(row.id)).update(body).digest();
    if (crypto.timingSafeEqual(expected, givenBytes)) match = row;
  }
  return match;
}
