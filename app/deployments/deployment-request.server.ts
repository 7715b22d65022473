import type { ZodError } from "zod";
import { getDb } from "../db.server";
import { errorCode, log } from "../logging/logger.server";
import { BodyTooLargeError, declaredTooLarge, readBodyBounded } from "../http/bounded-body.server";
import { fromGithub, fromGitlab, fromMinidesk, GithubDeploymentStatus, GitlabDeployment, MinideskDeployment, type DeploymentEvent } from "./deployment-event";
import { integrationBySignature, integrationByToken } from "./integrations.server";
import { recordDeployment } from "./record-deployment.server";

// POST /api/deployments: machine to machine, so a token per integration instead of a session
// and CSRF token. Three dialects: Minidesk's JSON (Bearer token), GitHub's deployment_status
// webhook (X-Hub-Signature-256) and GitLab's deployment event (X-Gitlab-Token).

/** GitHub's webhook bodies stay well under this; anything larger is not a deployment report. */
export const MAX_DEPLOYMENT_BYTES = 256 * 1024;

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });

const problem = (status: number, error: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json(status, { error, message, ...extra }, headers);

const unauthorized = () =>
  problem(401, "unauthorized", "Missing, unknown or revoked integration token (or a wrong GitHub signature).", {}, { "WWW-Authenticate": "Bearer" });

export async function receiveDeploymentRequest(request: Request): Promise<Response> {
  const db = getDb();
  const h = request.headers;
  // A declared length over the cap is refused before a byte is read; without one (chunked) the
  // body is counted while it streams (app/http/bounded-body.server.ts).
  const tooLarge = () => problem(413, "too-large", `The body is larger than ${MAX_DEPLOYMENT_BYTES} bytes.`, {}, { Connection: "close" });
  if (declaredTooLarge(request, MAX_DEPLOYMENT_BYTES)) return tooLarge();
  let raw: Buffer;
  try {
    raw = await readBodyBounded(request, MAX_DEPLOYMENT_BYTES);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    return tooLarge();
  }

  // Authenticate before parsing: an unauthenticated caller learns nothing about the body.
  const github = h.has("x-hub-signature-256") || h.has("x-github-event");
  const gitlab = h.has("x-gitlab-token");
  const integration = github
    ? await integrationBySignature(db, h.get("x-hub-signature-256"), raw)
    : await integrationByToken(db, gitlab ? h.get("x-gitlab-token") : /^Bearer\s+(\S+)\s*$/i.exec(h.get("authorization") ?? "")?.[1]);
  if (!integration) return unauthorized();

  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return problem(422, "invalid-json", "The body is not valid JSON.");
  }

  let event: DeploymentEvent;
  if (github) {
    const kind = h.get("x-github-event");
    if (kind === "ping") return json(200, { outcome: "pong" });
    if (kind !== "deployment_status") return problem(422, "unsupported-event", "Only GitHub's deployment_status event is accepted.");
    const parsed = GithubDeploymentStatus.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    event = fromGithub(parsed.data, h.get("x-github-delivery"));
  } else if (gitlab) {
    const parsed = GitlabDeployment.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    event = fromGitlab(parsed.data, h.get("x-gitlab-event-uuid"));
  } else {
    const parsed = MinideskDeployment.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    event = fromMinidesk(parsed.data, h.get("idempotency-key"));
  }

  try {
    const answer = await recordDeployment(db, integration, event);
    return json(answer.status, answer.body);
  } catch (err) {
    log.error("http.deployment_failed", { code: errorCode(err) });
    return problem(503, "temporary-failure", "The deployment could not be recorded; retry later.", {}, { "Retry-After": "60" });
  }
}

/** Field paths and messages only: never the values sent. */
function invalid(error: ZodError): Response {
  const issues = error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message }));
  return problem(422, "invalid-body", "The body does not have the expected shape.", { issues });
}

