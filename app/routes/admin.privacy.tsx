import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { closePrivacyRequest, eraseForRequest, listPrivacyRequests, PrivacyRequestError } from "../retention/dsr-requests.server";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Privacy requests") }];

const ActionSchema = z.object({
  id: z.string().min(1).max(64),
  intent: z.enum(["erase-purge", "erase-pseudonymise", "done", "reject"]),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ ...(await listPrivacyRequests(getDb())), now: new Date().toISOString() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, ActionSchema);
  if (!parsed.ok) return json({ error: "invalid" as const, result: null }, { status: 400 });
  const db = getDb();
  const { id, intent } = parsed.data;
  try {
    if (intent === "erase-purge" || intent === "erase-pseudonymise") {
      const r = await eraseForRequest(db, id, admin, intent === "erase-purge" ? "purge" : "pseudonymise");
      return json({ error: null, result: r ? `Erased: ${r.ticketsPurged} tickets deleted, ${r.ticketsKept} kept without the person (legal hold or pseudonymised).` : "We held no data for this request; it is marked done." });
    }
    await closePrivacyRequest(db, id, admin, intent === "done" ? "DONE" : "REJECTED");
    return json({ error: null, result: intent === "done" ? "Marked done." : "Rejected." });
  } catch (err) {
    if (err instanceof PrivacyRequestError) return json({ error: err.code, result: null }, { status: 409 });
    throw err;
  }
}

const fmt = (d: string | null) => (d ? d.slice(0, 10) : "");

export default function AdminPrivacy() {
  const { open, finished, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div>
      <h1>Privacy requests</h1>
      <p className="muted">
        Confirmed requests from clients for a copy of their data (GDPR Art. 15) or its erasure (Art. 17). Answer each by its due date,
        one month after confirmation (Art. 12(3)). Download the export and send it to the person; erasure cannot be undone.
      </p>
      {data?.result && <p className="alert ok" role="status">{data.result}</p>}
      {data?.error && <p className="alert bad" role="alert">{data.error === "NOT_OPEN" ? "This request is already closed." : "That did not work."}</p>}
      <h2>Open</h2>
      <table>
        <thead><tr><th>Request</th><th>Kind</th><th>Confirmed</th><th>Due</th><th>Person</th><th /></tr></thead>
        <tbody>
          {open.map((r) => {
            const overdue = !!r.dueAt && r.dueAt < now;
            return (
              <tr key={r.id}>
                <td><code>{r.id}</code></td>
                <td>{r.kind === "EXPORT" ? "Copy of data" : "Erasure"}</td>
                <td>{fmt(r.confirmedAt)}</td>
                <td>
                  <span className={overdue ? "badge privacy-overdue" : "badge"}>{`Due ${fmt(r.dueAt)}`}{overdue ? " (overdue)" : ""}</span>
                </td>
                <td>{r.personKnown ? `${r.tickets} ticket(s)` : "No data held"}</td>
                <td>
                  <div className="privacy-actions">
                    {r.kind === "EXPORT" && r.personKnown && (
                      <a className="button secondary" href={`/admin/privacy/${r.id}/export`} download>Download export</a>
                    )}
                    <Form method="post" className="inline">
                      <CsrfInput />
                      <input type="hidden" name="id" value={r.id} />
                      {r.kind === "ERASE" && (
                        <>
                          <button type="submit" name="intent" value="erase-purge" className="danger">Erase (delete tickets)</button>{" "}
                          <button type="submit" name="intent" value="erase-pseudonymise" className="secondary">Erase (keep tickets anonymous)</button>{" "}
                        </>
                      )}
                      <button type="submit" name="intent" value="done" className="secondary">Mark done</button>{" "}
                      <button type="submit" name="intent" value="reject" className="secondary">Reject</button>
                    </Form>
                  </div>
                </td>
              </tr>
            );
          })}
          {open.length === 0 && <tr><td colSpan={6} className="muted">No open requests.</td></tr>}
        </tbody>
      </table>
      <h2>Recently closed</h2>
      <table>
        <thead><tr><th>Request</th><th>Kind</th><th>Due</th><th>Closed</th><th>Outcome</th></tr></thead>
        <tbody>
          {finished.map((r) => (
            <tr key={r.id}>
              <td><code>{r.id}</code></td>
              <td>{r.kind === "EXPORT" ? "Copy of data" : "Erasure"}</td>
              <td>{fmt(r.dueAt)}</td>
              <td>{fmt(r.completedAt)}</td>
              <td>{r.status}{r.note ? ` (${r.note})` : ""}</td>
            </tr>
          ))}
          {finished.length === 0 && <tr><td colSpan={5} className="muted">None yet.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
