import type { Db } from "../db.server";
import { recordAudit } from "../audit/audit.server";
import { parsePolicy, type RedactionPolicy } from "../redaction";
import { forgetCachedRedactionPolicy, POLICY_SETTING } from "../tickets/redact-for-storage.server";

export { loadRedactionPolicy } from "../tickets/redact-for-storage.server";

/** Saves the admin's per-type choice (remove, mask, keep); new text is redacted with it. */
export async function saveRedactionPolicy(db: Db, actorId: string, input: Record<string, string>): Promise<RedactionPolicy> {
  const policy = parsePolicy(input);
  const value = JSON.stringify(policy);
  await db.setting.upsert({ where: { key: POLICY_SETTING }, create: { key: POLICY_SETTING, value }, update: { value } });
  forgetCachedRedactionPolicy();
  forgetCachedRedactionPolicy();
  await recordAudit(db, { actorUserId: actorId, action: "settings.redaction_changed", details: { ...policy } });
  return policy;
}
