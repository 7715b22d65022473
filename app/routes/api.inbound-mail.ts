import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveInboundMailRequest } from "../mail/inbound/inbound-webhook.server";

// Raw RFC 822 mail over HTTP, authenticated with INBOUND_WEBHOOK_SECRET (README "Email intake").
export const action = ({ request }: ActionFunctionArgs) => receiveInboundMailRequest(request);

export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
