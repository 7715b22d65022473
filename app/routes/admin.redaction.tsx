import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { ENTITY_TYPES } from "../redaction";
import { loadRedactionPolicy, saveRedactionPolicy } from "../settings/redaction-policy.server";

const Schema = z.object(Object.fromEntries(ENTITY_TYPES.map((t) => [t, z.enum(["remove", "mask", "keep"])])) as Record<string, z.ZodEnum<["remove", "mask", "keep"]>>);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ policy: await loadRedactionPolicy(getDb()), types: ENTITY_TYPES });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ error: "Choose an action for every type." }, { status: 400 });
  await saveRedactionPolicy(getDb(), admin.id, parsed.data as Record<string, string>);
  return json({ ok: true });
}

export default function RedactionPolicyPage() {
  const { policy, types } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: boolean; error?: string } | undefined;
  return (
    <div>
      <h1>Redaction policy</h1>
      <p className="muted">What happens to each kind of personal data in new text and screenshots. "Remove" is the safe default; "mask" keeps the last characters; "keep" stores it as written.</p>
      {data?.ok && <p className="alert ok" role="status">Saved. New tickets and replies use this policy.</p>}
      {data?.error && <p className="alert bad" role="alert">{data.error}</p>}
      <Form method="post" className="panel">
        <CsrfInput />
        <table>
          <thead><tr><th>Type</th><th>Remove</th><th>Mask</th><th>Keep</th></tr></thead>
          <tbody>
            {types.map((t) => (
              <tr key={t}>
                <td>{t}</td>
                {(["remove", "mask", "keep"] as const).map((a) => (
                  <td key={a}><input type="radio" name={t} value={a} defaultChecked={policy[t as keyof typeof policy] === a} aria-label={`${t}: ${a}`} /></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p><button type="submit">Save policy</button></p>
      </Form>
    </div>
  );
}
