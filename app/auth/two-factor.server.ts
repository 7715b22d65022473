import crypto from "node:crypto";
import { generateSecret, generateURI, verifySync } from "otplib";
import QRCode from "qrcode";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { openSecret, sealSecret } from "../secrets.server";
import { recordAudit } from "../audit/audit.server";
import { hitRateLimit } from "./rate-limit.server";
import { hashToken } from "./tokens.server";

/**
 * Optional TOTP two-factor for staff (RFC 6238 through otplib), docs/decisions/017. The secret is
 * sealed with ENCRYPTION_KEY (sealSecret, as access details and mailbox passwords); recovery codes are
 * shown once and kept as SHA-256, each usable once. TOTP_REQUIRED_FOR_ADMINS sends an admin
 * without it to enrol before any other staff page (guards.server.ts).
 */
const RECOVERY_CODES = 10;

export type Enrolment = { enabled: true } | { enabled: false; secret: string; uri: string; qrDataUrl: string };

/** The enrolment page: a pending secret (made once, kept encrypted until confirmed) with its otpauth URI and QR code. */
export async function enrolmentFor(db: Db, userId: string): Promise<Enrolment> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) return { enabled: true };
  let secret = user.totpSecret ? openSecret(user.totpSecret) : "";
  if (!secret) {
    secret = generateSecret();
    await db.user.update({ where: { id: userId }, data: { totpSecret: sealSecret(secret) } });
  }
  const uri = generateURI({ issuer: getConfig().COMPANY_NAME, label: user.email, secret });
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1 });
  return { enabled: false, secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

function codeMatches(secret: string, code: string): boolean {
  // One step either side: a phone clock a little off still works.
  return /^\d{6}$/.test(code) && verifySync({ secret, token: code, epochTolerance: 30 }).valid;
}

/** Confirms enrolment with a first code; returns the recovery codes to show once, or null for a wrong code. */
export async function confirmEnrolment(db: Db, userId: string, code: string): Promise<string[] | null> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt || !user.totpSecret || !codeMatches(openSecret(user.totpSecret), code.trim())) return null;
  const codes = Array.from({ length: RECOVERY_CODES }, () => crypto.randomBytes(8).toString("hex").replace(/(.{4})(?!$)/g, "$1-"));
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashToken(normaliseRecovery(c)) })) });
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() } });
    await recordAudit(tx, { action: "auth.totp_enabled", actorKind: "USER", actorUserId: userId });
  });
  return codes;
}

function normaliseRecovery(code: string): string {
  return code.toLowerCase().replace(/[^0-9a-f]/g, "");
}

export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(u?.totpEnabledAt);
}

/**
 * The second step of sign-in: a current TOTP code, or an unused recovery code (used up by one
 * conditional update). Limited per account like the password step.
 */
export async function verifySecondFactor(db: Db, userId: string, code: string): Promise<"ok" | "invalid" | "rate-limited"> {
  const limit = await hitRateLimit("totp", userId, getConfig().SIGNIN_ATTEMPTS_PER_15MIN, 15 * 60_000);
  if (!limit.allowed) return "rate-limited";
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user?.totpEnabledAt || !user.totpSecret || !user.active) return "invalid";
  const given = code.trim();
  if (codeMatches(openSecret(user.totpSecret), given)) return "ok";
  const recovery = normaliseRecovery(given);
  if (recovery.length !== 16) return "invalid";
  const used = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashToken(recovery), usedAt: null }, data: { usedAt: new Date() } });
  if (used.count !== 1) return "invalid";
  await recordAudit(db, { action: "auth.recovery_code_used", actorKind: "USER", actorUserId: userId });
  return "ok";
}
