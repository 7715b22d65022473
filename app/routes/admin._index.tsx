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
      </ul>
    </div>
  );
}
