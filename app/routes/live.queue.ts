import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { requireTechnician } from "../auth/guards.server";
import { queueLiveState } from "../live/live.server";

/** An open queue tab asks here whether to reload (app/live/live-queue.tsx). Staff only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireTechnician(request, context);
  return json(await queueLiveState(getDb(), user), { headers: { "Cache-Control": "private, no-store" } });
}
