import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireAdmin } from "../auth/guards.server";
import { useTranslation } from "react-i18next";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const LINKS = [
  ["users", "/admin/users"], ["privacy", "/admin/privacy"], ["retention", "/admin/retention"], ["audit", "/admin/audit"],
  ["teams", "/admin/teams"], ["categories", "/admin/categories"], ["cannedReplies", "/admin/canned-replies"],
  ["redaction", "/admin/redaction"], ["policies", "/admin/policies"], ["mail", "/admin/mail"], ["mailboxes", "/admin/mailboxes"],
  ["deployments", "/admin/deployments"],
] as const;

export default function AdminHome() {
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("admin.title")}</h1>
      <ul>
        {LINKS.map(([key, to]) => <li key={key}><Link to={to}>{t(`admin.links.${key}`)}</Link></li>)}
      </ul>
    </div>
  );
}
