import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveDeploymentRequest } from "../deployments/deployment-request.server";

// Deployment reports from CI/CD (README "Deployment events").
export const action = ({ request }: ActionFunctionArgs) => receiveDeploymentRequest(request);

export const loader = () =>
  new Response(JSON.stringify({ error: "method-not-allowed", message: "POST a deployment report here (README, Deployment events)." }), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
