import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { requireAdmin } from "../auth/guards.server";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
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
  if (!parsed.ok) return json({ error: "Choose a technician" }, { status: 400 });
  const ok = await setReportsAccess(getDb(), admin.id, parsed.data.userId, parsed.data.intent === "grant");
  if (!ok) return json({ error: "No such technician" }, { status: 404 });
  return json({ saved: true });
}

export default function ReportsAccess() {
  const { technicians } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { error?: string; saved?: boolean } | undefined;
  return (
    <div className="narrow">
      <p><Link to="/reports">Reports</Link></p>
      <h1>Who may see reports</h1>
      <p className="muted">Administrators always may. Reports hold counts only, no personal data.</p>
      {data?.saved && <p className="alert ok" role="status">Saved.</p>}
      {data?.error && <p className="alert bad" role="alert">{data.error}</p>}
      <table>
        <thead><tr><th scope="col">Technician</th><th scope="col">Reports</th><th /></tr></thead>
        <tbody>
          {technicians.length === 0 && <tr><td colSpan={3} className="muted">No active technicians.</td></tr>}
          {technicians.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.canViewReports ? "allowed" : "not allowed"}</td>
              <td>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" name="intent" value={u.canViewReports ? "revoke" : "grant"} className="secondary">
                    {u.canViewReports ? `Take back from ${u.name}` : `Allow ${u.name}`}
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
