import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { recordAudit } from "../audit/audit.server";
import { getRetentionPolicy, saveRetentionOverride } from "../retention/policy.server";
import { getFollowUpPolicy, saveFollowUpPolicy } from "../settings/followup-policy.server";

const day = z.coerce.number().int().min(1, "At least 1").max(36_500);
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
  return (
    <label>{label}<input type="number" name={name} defaultValue={value} min={0} required aria-invalid={!!error} />{error && <span className="field-error">{error}</span>}</label>
  );
}

export default function RetentionPage() {
  const { retention, followups } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: string; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  return (
    <div className="narrow">
      <h1>Retention periods and follow-up delays</h1>
      {data?.ok && <p className="alert ok" role="status">Saved.</p>}
      <Form method="post" className="stack panel">
        <CsrfInput />
        <input type="hidden" name="intent" value="retention" />
        <h2>Retention (days)</h2>
        <p className="hint muted">A category can keep its closed tickets for a different time (Categories page).</p>
        <NumberField name="closedTicketDays" label="Closed tickets are purged after" value={retention.closedTicketDays} error={e.closedTicketDays} />
        <NumberField name="attachmentDays" label="Attachments of closed tickets go after" value={retention.attachmentDays} error={e.attachmentDays} />
        <NumberField name="outboxDays" label="Sent mail copies" value={retention.outboxDays} error={e.outboxDays} />
        <NumberField name="quarantineDays" label="Quarantined mail" value={retention.quarantineDays} error={e.quarantineDays} />
        <NumberField name="auditDays" label="Audit events" value={retention.auditDays} error={e.auditDays} />
        <button type="submit">Save retention</button>
      </Form>
      <Form method="post" className="stack panel">
        <CsrfInput />
        <input type="hidden" name="intent" value="followups" />
        <h2>Follow-up checks</h2>
        <NumberField name="businessDays" label="Ask the client this many business days after a deployed change" value={followups.businessDays} error={e.businessDays} />
        <NumberField name="secondReminderDays" label="Second reminder after (days)" value={followups.secondReminderDays} error={e.secondReminderDays} />
        <NumberField name="linkDays" label="The client's answer links work for (days)" value={followups.linkDays} error={e.linkDays} />
        <button type="submit">Save follow-ups</button>
      </Form>
    </div>
  );
}
