import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { exportForRequest, PrivacyRequestError } from "../retention/dsr-requests.server";

/** The JSON copy for one request, as a download named by the request id (no personal data in the name). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = params.id ?? "";
  if (!/^[a-z0-9]{10,40}$/.test(id)) throw new Response("Not found", { status: 404 });
  try {
    const data = await exportForRequest(getDb(), id, admin);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="minidesk-export-${id}.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    if (err instanceof PrivacyRequestError) throw new Response("Not found", { status: err.code === "NOT_FOUND" ? 404 : 409 });
    throw err;
  }
}
