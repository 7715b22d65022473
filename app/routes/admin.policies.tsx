import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useStaffErrors } from "../ui/field-error";
import { useTranslation } from "react-i18next";
import { recordAudit } from "../audit/audit.server";
import { getRetentionPolicy, saveRetentionOverride } from "../retention/policy.server";
import { getFollowUpPolicy, saveFollowUpPolicy } from "../settings/followup-policy.server";

const day = z.coerce.number().int().min(1, "atLeastOne").max(36_500);
const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retention"), closedTicketDays: day, attachmentDays: day, outboxDays: day, quarantineDays: day, auditDays: day }),
  z.object({
    intent: z.literal("followups"),
    businessDays: z.coerce.number().int().min(0).max(30),
    secondReminderDays: z.coerce.number().int().min(1).max(30),
    linkDays: z.coerce.number().int().min(1).max(365),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const db = getDb();
  const [retention, followups] = await Promise.all([getRetentionPolicy(db), getFollowUpPolicy(db)]);
  return json({ retention, followups });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  const { intent, ...values } = parsed.data;
  if (intent === "retention") {
    const current = await db.setting.findUnique({ where: { key: "retention.policy" } });
    const merged = { ...(current ? (JSON.parse(current.value) as object) : {}), ...values };
    await saveRetentionOverride(db, merged);
    await recordAudit(db, { actorUserId: admin.id, action: "settings.retention_changed", details: values as Record<string, number> });
  } else {
    await saveFollowUpPolicy(db, admin.id, values as { businessDays: number; secondReminderDays: number; linkDays: number });
  }
  return json({ ok: intent });
}

function NumberField({ name, label, value, error }: { name: string; label: string; value: number; error?: string }) {
  const errorText = useStaffErrors();
  return (
    <label>{label}<input type="number" name={name} defaultValue={value} min={0} required aria-invalid={!!error} />{error && <span className="field-error">{errorText(error)}</span>}</label>
  );
}

export default function RetentionPage() {
  const { retention, followups } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: string; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("admin.policies.title")}</h1>
      {data?.ok && <p className="alert ok" role="status">{t("staff.saved")}</p>}
      <Form method="post" className="stack panel">
        <CsrfInput />
        <input type="hidden" name="intent" value="retention" />
        <h2>{t("admin.policies.retentionTitle")}</h2>
        <p className="hint muted">{t("admin.policies.retentionHint")}</p>
        <NumberField name="closedTicketDays" label={t("admin.policies.closedTicketDays")} value={retention.closedTicketDays} error={e.closedTicketDays} />
        <NumberField name="attachmentDays" label={t("admin.policies.attachmentDays")} value={retention.attachmentDays} error={e.attachmentDays} />
        <NumberField name="outboxDays" label={t("admin.policies.outboxDays")} value={retention.outboxDays} error={e.outboxDays} />
        <NumberField name="quarantineDays" label={t("admin.policies.quarantineDays")} value={retention.quarantineDays} error={e.quarantineDays} />
        <NumberField name="auditDays" label={t("admin.policies.auditDays")} value={retention.auditDays} error={e.auditDays} />
        <button type="submit">{t("admin.policies.saveRetention")}</button>
      </Form>
      <Form method="post" className="stack panel">
        <CsrfInput />
        <input type="hidden" name="intent" value="followups" />
        <h2>{t("admin.policies.followUpsTitle")}</h2>
        <NumberField name="businessDays" label={t("admin.policies.businessDays")} value={followups.businessDays} error={e.businessDays} />
        <NumberField name="secondReminderDays" label={t("admin.policies.secondReminderDays")} value={followups.secondReminderDays} error={e.secondReminderDays} />
        <NumberField name="linkDays" label={t("admin.policies.linkDays")} value={followups.linkDays} error={e.linkDays} />
        <button type="submit">{t("admin.policies.saveFollowUps")}</button>
      </Form>
    </div>
  );
}
