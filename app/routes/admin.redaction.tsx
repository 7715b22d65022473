import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useTranslation } from "react-i18next";
import { ENTITY_TYPES } from "../redaction";
import { loadRedactionPolicy, saveRedactionPolicy } from "../settings/redaction-policy.server";

const Schema = z.object(Object.fromEntries(ENTITY_TYPES.map((t) => [t, z.enum(["remove", "mask", "keep"])])) as Record<string, z.ZodEnum<["remove", "mask", "keep"]>>);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ policy: await loadRedactionPolicy(getDb()), types: ENTITY_TYPES });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ error: "redactionChoice" }, { status: 400 });
  await saveRedactionPolicy(getDb(), admin.id, parsed.data as Record<string, string>);
  return json({ ok: true });
}

export default function RedactionPolicyPage() {
  const { policy, types } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: boolean; error?: string } | undefined;
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("admin.redaction.title")}</h1>
      <p className="muted">{t("admin.redaction.intro")}</p>
      {data?.ok && <p className="alert ok" role="status">{t("admin.redaction.saved")}</p>}
      {data?.error && <p className="alert bad" role="alert">{t(`staff.errors.${data.error}`)}</p>}
      <Form method="post" className="panel">
        <CsrfInput />
        <table>
          <thead><tr><th>{t("admin.redaction.type")}</th><th>{t("admin.redaction.actions.remove")}</th><th>{t("admin.redaction.actions.mask")}</th><th>{t("admin.redaction.actions.keep")}</th></tr></thead>
          <tbody>
            {types.map((type) => (
              <tr key={type}>
                <td>{t(`portal.types.${type}`, { defaultValue: type })} <code>{type}</code></td>
                {(["remove", "mask", "keep"] as const).map((a) => (
                  <td key={a}><input type="radio" name={type} value={a} defaultChecked={policy[type as keyof typeof policy] === a} aria-label={`${type}: ${t(`admin.redaction.actions.${a}`)}`} /></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p><button type="submit">{t("admin.redaction.savePolicy")}</button></p>
      </Form>
    </div>
  );
}
