import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { listAuditActions, listAuditEvents } from "../audit/audit-log.server";
import { translatedTitle } from "../ui/page-title";
import { useFormat } from "../ui/format-time";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "admin.audit.title") }];

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
  const { t } = useTranslation();
  const { time } = useFormat();
  return (
    <div>
      <h1>{t("admin.audit.title")}</h1>
      <p className="muted">{t("admin.audit.intro")}</p>
      <Form method="get" className="toolbar">
        <label>{t("admin.audit.action")}
          <select name="action" defaultValue={action}>
            <option value="">{t("admin.audit.allActions")}</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <button type="submit" className="secondary">{t("admin.audit.filter")}</button>
      </Form>
      <table>
        <thead><tr><th>{t("admin.audit.time")}</th><th>{t("admin.audit.action")}</th><th>{t("admin.audit.by")}</th><th>{t("admin.audit.ticket")}</th><th>{t("admin.audit.details")}</th></tr></thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td><time dateTime={e.at}>{time(e.at)}</time></td>
              <td><code>{e.action}</code></td>
              <td>{e.actor ?? t(`staff.actorKinds.${e.actorKind}`, { defaultValue: e.actorKind.toLowerCase() })}</td>
              <td>{e.ticket ?? ""}</td>
              <td><code className="audit-details">{e.details}</code></td>
            </tr>
          ))}
          {events.length === 0 && <tr><td colSpan={5} className="muted">{t("admin.audit.none")}</td></tr>}
        </tbody>
      </table>
      {nextBefore && (
        <p className="pager">
          <Link to={`?${new URLSearchParams({ ...(action ? { action } : {}), before: nextBefore })}`}>{t("admin.audit.older")}</Link>
        </p>
      )}
    </div>
  );
}
