import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireAdmin } from "../auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export default function AdminHome() {
  return (
    <div>
      <h1>Administration</h1>
      <ul>
        <li><Link to="/admin/users">Technicians and administrators</Link></li>
        <li><Link to="/admin/privacy">Privacy requests (copy of data, erasure)</Link></li>
        <li><Link to="/admin/retention">Retention and legal holds</Link></li>
        <li><Link to="/admin/audit">Audit log</Link></li>
        <li><Link to="/admin/teams">Teams</Link></li>
        <li><Link to="/admin/categories">Categories (team routing, retention override)</Link></li>
        <li><Link to="/admin/canned-replies">Canned replies</Link></li>
        <li><Link to="/admin/redaction">Redaction policy</Link></li>
        <li><Link to="/admin/policies">Retention periods and follow-up delays</Link></li>
        <li><Link to="/admin/mail">Mail settings</Link></li>
        <li><Link to="/admin/mailboxes">Mailboxes read over IMAP</Link></li>
        <li><Link to="/admin/deployments">Deployment integrations (CI/CD tokens)</Link></li>
      </ul>
    </div>
  );
}
