import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../db.server";
import { requireTechnician } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { ticketLiveState } from "../live/live.server";

/**
 * An open ticket page's heartbeat (app/live/live-ticket.tsx): GET reads the ticket's last change
 * and who else is on it; POST (a form with the CSRF token) also says "viewing", "typing" or
 * "left". Another team's ticket answers 404, as the ticket page does.
 */
const noStore = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireTechnician(request, context);
  const state = await ticketLiveState(getDb(), user, params.id ?? "");
  if (!state) throw new Response("Not found", { status: 404 });
  return json(state, { headers: noStore });
}

const Heartbeat = z.object({ state: z.enum(["viewing", "typing", "left"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireTechnician(request);
  const parsed = await parseForm(request, Heartbeat);
  if (!parsed.ok) return json({ error: "state" }, { status: 400 });
  const state = await ticketLiveState(getDb(), user, params.id ?? "", parsed.data.state);
  if (!state) throw new Response("Not found", { status: 404 });
  return json(state, { headers: noStore });
}
