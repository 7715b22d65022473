import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { closePrivacyRequest, eraseForRequest, listPrivacyRequests, PrivacyRequestError } from "../retention/dsr-requests.server";
import { translatedTitle } from "../ui/page-title";
import { useFormat } from "../ui/format-time";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "admin.privacy.title") }];

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
      return json({ error: null, result: r ? { key: "erased" as const, purged: r.ticketsPurged, kept: r.ticketsKept } : { key: "noData" as const } });
    }
    await closePrivacyRequest(db, id, admin, intent === "done" ? "DONE" : "REJECTED");
    return json({ error: null, result: { key: intent === "done" ? ("markedDone" as const) : ("rejected" as const) } });
  } catch (err) {
    if (err instanceof PrivacyRequestError) return json({ error: err.code, result: null }, { status: 409 });
    throw err;
  }
}


export default function AdminPrivacy() {
  const { open, finished, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const { date } = useFormat();
  const fmt = (d: string | null) => (d ? date(d) : "");
  const kind = (k: string) => t(`admin.privacy.kinds.${k}`, { defaultValue: k });
  return (
    <div>
      <h1>{t("admin.privacy.title")}</h1>
      <p className="muted">{t("admin.privacy.intro")}</p>
      {data?.result && <p className="alert ok" role="status">{t(`admin.privacy.${data.result.key}`, data.result)}</p>}
      {data?.error && <p className="alert bad" role="alert">{data.error === "NOT_OPEN" ? t("admin.privacy.notOpen") : t("admin.privacy.failed")}</p>}
      <h2>{t("admin.privacy.open")}</h2>
      <table>
        <thead><tr><th>{t("admin.privacy.request")}</th><th>{t("admin.privacy.kind")}</th><th>{t("admin.privacy.confirmed")}</th><th>{t("admin.privacy.due")}</th><th>{t("admin.privacy.person")}</th><th /></tr></thead>
        <tbody>
          {open.map((r) => {
            const overdue = !!r.dueAt && r.dueAt < now;
            return (
              <tr key={r.id}>
                <td><code>{r.id}</code></td>
                <td>{kind(r.kind)}</td>
                <td>{fmt(r.confirmedAt)}</td>
                <td>
                  <span className={overdue ? "badge privacy-overdue" : "badge"}>{t("admin.privacy.dueOn", { date: fmt(r.dueAt) })}{overdue ? t("admin.privacy.overdue") : ""}</span>
                </td>
                <td>{r.personKnown ? t("admin.privacy.tickets", { count: r.tickets }) : t("admin.privacy.noDataHeld")}</td>
                <td>
                  <div className="privacy-actions">
                    {r.kind === "EXPORT" && r.personKnown && (
                      <a className="button secondary" href={`/admin/privacy/${r.id}/export`} download>{t("admin.privacy.download")}</a>
                    )}
                    <Form method="post" className="inline">
                      <CsrfInput />
                      <input type="hidden" name="id" value={r.id} />
                      {r.kind === "ERASE" && (
                        <>
                          <button type="submit" name="intent" value="erase-purge" className="danger">{t("admin.privacy.erasePurge")}</button>{" "}
                          <button type="submit" name="intent" value="erase-pseudonymise" className="secondary">{t("admin.privacy.erasePseudonymise")}</button>{" "}
                        </>
                      )}
                      <button type="submit" name="intent" value="done" className="secondary">{t("admin.privacy.markDone")}</button>{" "}
                      <button type="submit" name="intent" value="reject" className="secondary">{t("admin.privacy.reject")}</button>
                    </Form>
                  </div>
                </td>
              </tr>
            );
          })}
          {open.length === 0 && <tr><td colSpan={6} className="muted">{t("admin.privacy.noOpen")}</td></tr>}
        </tbody>
      </table>
      <h2>{t("admin.privacy.recentlyClosed")}</h2>
      <table>
        <thead><tr><th>{t("admin.privacy.request")}</th><th>{t("admin.privacy.kind")}</th><th>{t("admin.privacy.due")}</th><th>{t("admin.privacy.closed")}</th><th>{t("admin.privacy.outcome")}</th></tr></thead>
        <tbody>
          {finished.map((r) => (
            <tr key={r.id}>
              <td><code>{r.id}</code></td>
              <td>{kind(r.kind)}</td>
              <td>{fmt(r.dueAt)}</td>
              <td>{fmt(r.completedAt)}</td>
              <td>{t(`admin.privacy.statuses.${r.status}`, { defaultValue: r.status })}{r.note ? ` (${r.note})` : ""}</td>
            </tr>
          ))}
          {finished.length === 0 && <tr><td colSpan={5} className="muted">{t("admin.privacy.noneYet")}</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
