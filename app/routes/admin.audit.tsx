import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { listAuditActions, listAuditEvents } from "../audit/audit-log.server";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Audit log") }];

const Query = z.object({
  action: z.string().max(80).regex(/^[a-z_.]*$/).optional().catch(undefined),
  before: z.coerce.date().optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const q = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const [actions, page] = await Promise.all([listAuditActions(db), listAuditEvents(db, { action: q.action || undefined, before: q.before })]);
  return json({ actions, action: q.action ?? "", ...page });
}

export default function AdminAudit() {
  const { actions, action, events, nextBefore } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Audit log</h1>
      <p className="muted">Who did what and when: ids, codes and counts, never personal data. Kept as long as the audit retention says.</p>
      <Form method="get" className="toolbar">
        <label>Action
          <select name="action" defaultValue={action}>
            <option value="">All actions</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <button type="submit" className="secondary">Filter</button>
      </Form>
      <table>
        <thead><tr><th>Time (UTC)</th><th>Action</th><th>By</th><th>Ticket</th><th>Details</th></tr></thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{e.at.slice(0, 19).replace("T", " ")}</td>
              <td><code>{e.action}</code></td>
              <td>{e.actor ?? e.actorKind.toLowerCase()}</td>
              <td>{e.ticket ?? ""}</td>
              <td><code className="audit-details">{e.details}</code></td>
            </tr>
          ))}
          {events.length === 0 && <tr><td colSpan={5} className="muted">No events.</td></tr>}
        </tbody>
      </table>
      {nextBefore && (
        <p className="pager">
          <Link to={`?${new URLSearchParams({ ...(action ? { action } : {}), before: nextBefore })}`}>Older events</Link>
        </p>
      )}
    </div>
  );
}
