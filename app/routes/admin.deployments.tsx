import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { createIntegration, listIntegrations, revokeIntegration } from "../deployments/integrations.server";

const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().trim().min(1, "Give the integration a name").max(80) }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1).max(64) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const rows = await listIntegrations(getDb());
  return json({ integrations: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null, lastUsedAt: r.lastUsedAt?.toISOString() ?? null })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  if (parsed.data.intent === "create") {
    // The token and the GitHub secret are shown in this one answer and never again.
    const created = await createIntegration(db, admin.id, parsed.data.name);
    return json({ created });
  }
  if (!(await revokeIntegration(db, admin.id, parsed.data.id))) return json({ errors: { id: "Unknown or already revoked" } }, { status: 400 });
  return json({ revoked: true });
}

export default function Deployments() {
  const { integrations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { created?: { name: string; token: string; githubSecret: string }; revoked?: boolean; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  return (
    <div>
      <h1>Deployment integrations</h1>
      <p className="muted">A CI/CD system reports a deployment to <code>POST /api/deployments</code>; every ticket reference (MD-…) it names gets the same follow-up check as the ticket page's "deployed change" button.</p>
      {Object.keys(e).length > 0 && <p className="alert bad" role="alert">{Object.values(e).join(" ")}</p>}
      {data?.revoked && <p className="alert ok" role="status">Revoked.</p>}
      {data?.created && (
        <div className="alert ok" role="status">
          <p>Integration "{data.created.name}" created. Copy these now: they are not shown again.</p>
          <p>Token (Bearer, or GitLab's secret token): <code data-testid="token">{data.created.token}</code></p>
          <p>GitHub webhook secret: <code data-testid="github-secret">{data.created.githubSecret}</code></p>
        </div>
      )}
      <table>
        <thead><tr><th>Name</th><th>Created</th><th>Last used</th><th>State</th><th /></tr></thead>
        <tbody>
          {integrations.map((i) => (
            <tr key={i.id}>
              <td>{i.name}</td>
              <td>{i.createdAt.slice(0, 10)}</td>
              <td>{i.lastUsedAt?.slice(0, 16).replace("T", " ") ?? "never"}</td>
              <td>{i.revokedAt ? `revoked ${i.revokedAt.slice(0, 10)}` : "active"}</td>
              <td>
                {!i.revokedAt && (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={i.id} />
                    <button type="submit">Revoke</button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>New integration</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>Name<input type="text" name="name" required maxLength={80} placeholder="GitHub Actions, website" /></label>
        <button type="submit">Create token</button>
      </Form>
    </div>
  );
}
