import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveDeploymentRequest } from "../deployments/deployment-request.server";

// Deployment reports from CI/CD (README "Deployment events").
export const action = ({ request }: ActionFunctionArgs) => receiveDeploymentRequest(request);

export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
