import { z } from "zod";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { recordAudit } from "../audit/audit.server";

/**
 * Follow-up delays. Defaults come from the configuration (FOLLOWUP_* in the README);
 * an admin may override them in the Setting row "followups.policy". The follow-up
 * scheduler reads them through getFollowUpPolicy.
 */
export const FOLLOWUP_SETTING = "followups.policy";

export const FollowUpPolicySchema = z.object({
  businessDays: z.coerce.number().int().min(0).max(30),
  secondReminderDays: z.coerce.number().int().min(1).max(30),
  linkDays: z.coerce.number().int().min(1).max(365),
});
export type FollowUpPolicy = z.infer<typeof FollowUpPolicySchema>;

export function defaultFollowUpPolicy(): FollowUpPolicy {
  const c = getConfig();
  return { businessDays: c.FOLLOWUP_BUSINESS_DAYS, secondReminderDays: c.FOLLOWUP_SECOND_REMINDER_DAYS, linkDays: c.FOLLOWUP_LINK_DAYS };
}

/** The effective policy; a missing or unreadable row means the configured defaults. */
export async function getFollowUpPolicy(db: Pick<Db, "setting">): Promise<FollowUpPolicy> {
  const base = defaultFollowUpPolicy();
  const row = await db.setting.findUnique({ where: { key: FOLLOWUP_SETTING } });
  if (!row) return base;
  try {
    const parsed = FollowUpPolicySchema.partial().safeParse(JSON.parse(row.value));
    return parsed.success ? { ...base, ...parsed.data } : base;
  } catch {
    return base;
  }
}

export async function saveFollowUpPolicy(db: Db, actorId: string, policy: FollowUpPolicy) {
  const value = JSON.stringify(FollowUpPolicySchema.parse(policy));
  await db.setting.upsert({ where: { key: FOLLOWUP_SETTING }, create: { key: FOLLOWUP_SETTING, value }, update: { value } });
  await recordAudit(db, { actorUserId: actorId, action: "settings.followups_changed", details: { ...policy } });
}
