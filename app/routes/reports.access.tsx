import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { requireAdmin } from "../auth/guards.server";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
import { useTranslation } from "react-i18next";
import { listReportsAccess, setReportsAccess } from "../reports/reports-access.server";

/** /reports/access — an admin lets chosen technicians (managers) open the reports. */
const Schema = z.object({ intent: z.enum(["grant", "revoke"]), userId: z.string().min(1).max(64) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ technicians: await listReportsAccess(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ error: "chooseTechnician" }, { status: 400 });
  const ok = await setReportsAccess(getDb(), admin.id, parsed.data.userId, parsed.data.intent === "grant");
  if (!ok) return json({ error: "noTechnician" }, { status: 404 });
  return json({ saved: true });
}

export default function ReportsAccess() {
  const { technicians } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { error?: string; saved?: boolean } | undefined;
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <p><Link to="/reports">{t("reports.title")}</Link></p>
      <h1>{t("reports.access.title")}</h1>
      <p className="muted">{t("reports.access.intro")}</p>
      {data?.saved && <p className="alert ok" role="status">{t("staff.saved")}</p>}
      {data?.error && <p className="alert bad" role="alert">{t(`staff.errors.${data.error}`)}</p>}
      <table>
        <thead><tr><th scope="col">{t("reports.access.technician")}</th><th scope="col">{t("reports.access.reports")}</th><th /></tr></thead>
        <tbody>
          {technicians.length === 0 && <tr><td colSpan={3} className="muted">{t("reports.access.none")}</td></tr>}
          {technicians.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.canViewReports ? t("reports.access.allowed") : t("reports.access.notAllowed")}</td>
              <td>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" name="intent" value={u.canViewReports ? "revoke" : "grant"} className="secondary">
                    {u.canViewReports ? t("reports.access.takeBack", { name: u.name }) : t("reports.access.allow", { name: u.name })}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
