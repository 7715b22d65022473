import { z } from "zod";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";

/**
 * How long each kind of data is kept. Defaults come from the configuration (README
 * table); an admin may override them with the Setting row "retention.policy" (JSON,
 * any subset of the fields below); closed tickets of a category with
 * Category.retentionDays set use that instead of closedTicketDays.
 */
export const RETENTION_SETTING = "retention.policy";

const days = z.number().int().min(1).max(36_500);

const OverrideSchema = z
  .object({
    closedTicketDays: days,
    attachmentDays: days,
    outboxDays: days,
    quarantineDays: days,
    auditDays: days,
    /** Used single-use links (confirmations, setup) are kept this long after use, then go. */
    usedLinkDays: days,
    /** Finished (DONE/DEAD) jobs. */
    finishedJobDays: days,
    /** Data-subject requests that were never confirmed. */
    unconfirmedRequestDays: days,
    /** Rate-limit counters whose window started longer ago than this (hours) are stale. */
    rateLimitHours: z.number().int().min(1).max(24 * 30),
    /** Files younger than this are never treated as orphans: an upload may be in flight. */
    orphanGraceMinutes: z.number().int().min(5).max(7 * 24 * 60),
  })
  .partial()
  .strict();

export type RetentionPolicy = Required<z.infer<typeof OverrideSchema>> & {
  /** Category slug → days, from Category.retentionDays. */
  categoryDays: Record<string, number>;
};

/** The Setting row is present but does not parse: the purge refuses to guess. */
export class RetentionPolicyError extends Error {
  readonly code = "RetentionPolicyInvalid";
}

export function defaultRetentionPolicy(): RetentionPolicy {
  const c = getConfig();
  return {
    closedTicketDays: c.RETENTION_DAYS,
    attachmentDays: c.ATTACHMENT_RETENTION_DAYS,
    outboxDays: c.OUTBOX_RETENTION_DAYS,
    quarantineDays: c.QUARANTINE_RETENTION_DAYS,
    auditDays: c.AUDIT_RETENTION_DAYS,
    usedLinkDays: 7,
    finishedJobDays: 30,
    unconfirmedRequestDays: 14,
    rateLimitHours: 24,
    orphanGraceMinutes: 60,
    categoryDays: {},
  };
}

/** Validates an override; throws with the field names (never values) when it is wrong. */
export function parseRetentionOverride(value: unknown): z.infer<typeof OverrideSchema> {
  const parsed = OverrideSchema.safeParse(value);
  if (!parsed.success) {
    throw new RetentionPolicyError(`retention.policy: ${parsed.error.issues.map((i) => i.path.join(".") || "value").join(", ")}`);
  }
  return parsed.data;
}

/**
 * Effective settings. A broken override throws rather than falling back to the defaults,
 * which could be shorter than what the admin meant and delete data they wanted kept.
 */
export async function getRetentionPolicy(db: Pick<Db, "setting" | "category">): Promise<RetentionPolicy> {
  const base = defaultRetentionPolicy();
  const row = await db.setting.findUnique({ where: { key: RETENTION_SETTING } });
  let override = {};
  if (row) {
    let json: unknown;
    try {
      json = JSON.parse(row.value);
    } catch {
      throw new RetentionPolicyError("retention.policy: not JSON");
    }
    override = parseRetentionOverride(json);
  }
  const categories = await db.category.findMany({ where: { retentionDays: { not: null } }, select: { slug: true, retentionDays: true } });
  const categoryDays: Record<string, number> = {};
  for (const c of categories) if (c.retentionDays && c.retentionDays > 0) categoryDays[c.slug] = c.retentionDays;
  return { ...base, ...override, categoryDays };
}

/** Saves an override (validated); the next purge uses it. */
export async function saveRetentionOverride(db: Pick<Db, "setting">, value: unknown) {
  const data = parseRetentionOverride(value);
  await db.setting.upsert({
    where: { key: RETENTION_SETTING },
    create: { key: RETENTION_SETTING, value: JSON.stringify(data) },
    update: { value: JSON.stringify(data) },
  });
}

export function daysBefore(now: Date, n: number): Date {
  return new Date(now.getTime() - n * 864e5);
}
