import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useStaffErrors } from "../ui/field-error";
import { useFormat } from "../ui/format-time";
import { useTranslation } from "react-i18next";
import { createIntegration, listIntegrations, revokeIntegration } from "../deployments/integrations.server";

const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().trim().min(1, "nameRequired").max(80) }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1).max(64) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const rows = await listIntegrations(getDb());
  return json({ integrations: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null, lastUsedAt: r.lastUsedAt?.toISOString() ?? null })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  if (parsed.data.intent === "create") {
    // The token and the GitHub secret are shown in this one answer and never again.
    const created = await createIntegration(db, admin.id, parsed.data.name);
    return json({ created });
  }
  if (!(await revokeIntegration(db, admin.id, parsed.data.id))) return json({ errors: { id: "unknownIntegration" } }, { status: 400 });
  return json({ revoked: true });
}

export default function Deployments() {
  const { integrations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { created?: { name: string; token: string; githubSecret: string }; revoked?: boolean; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  const { t } = useTranslation();
  const { date, time } = useFormat();
  const errorText = useStaffErrors();
  const message = (code: string) => (code === "nameRequired" ? t("admin.deployments.nameRequired") : errorText(code));
  return (
    <div>
      <h1>{t("admin.deployments.title")}</h1>
      <p className="muted">{t("admin.deployments.intro")}</p>
      {Object.keys(e).length > 0 && <p className="alert bad" role="alert">{Object.values(e).map(message).join(" ")}</p>}
      {data?.revoked && <p className="alert ok" role="status">{t("admin.deployments.revoked")}</p>}
      {data?.created && (
        <div className="alert ok" role="status">
          <p>{t("admin.deployments.created", { name: data.created.name })}</p>
          <p>{t("admin.deployments.token")} <code data-testid="token">{data.created.token}</code></p>
          <p>{t("admin.deployments.githubSecret")} <code data-testid="github-secret">{data.created.githubSecret}</code></p>
        </div>
      )}
      <table>
        <thead><tr><th>{t("admin.deployments.name")}</th><th>{t("admin.deployments.createdCol")}</th><th>{t("admin.deployments.lastUsed")}</th><th>{t("admin.deployments.state")}</th><th /></tr></thead>
        <tbody>
          {integrations.map((i) => (
            <tr key={i.id}>
              <td>{i.name}</td>
              <td>{date(i.createdAt)}</td>
              <td>{i.lastUsedAt ? time(i.lastUsedAt) : t("staff.never")}</td>
              <td>{i.revokedAt ? t("admin.deployments.revokedOn", { date: date(i.revokedAt) }) : t("admin.deployments.active")}</td>
              <td>
                {!i.revokedAt && (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={i.id} />
                    <button type="submit">{t("admin.deployments.revoke")}</button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.deployments.newTitle")}</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>{t("admin.deployments.name")}<input type="text" name="name" required maxLength={80} placeholder={t("admin.deployments.namePlaceholder")} /></label>
        <button type="submit">{t("admin.deployments.createToken")}</button>
      </Form>
    </div>
  );
}
