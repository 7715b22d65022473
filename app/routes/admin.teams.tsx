import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { createTeam, listTeams, updateTeam } from "../settings/teams-categories.server";

const email = z.string().trim().max(254).refine((v) => v === "" || z.string().email().safeParse(v).success, "Enter a valid email address").optional();
const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), slug: z.string().trim().regex(/^[a-z0-9-]{2,30}$/, "Lowercase letters, digits and dashes"), name: z.string().trim().min(1).max(80), email }),
  z.object({ intent: z.literal("update"), id: z.string().min(1).max(64), name: z.string().trim().min(1).max(80), email }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ teams: await listTeams(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  const input = parsed.data;
  if (input.intent === "create") {
    if (await db.team.findUnique({ where: { slug: input.slug } })) return json({ errors: { slug: "That short name is taken" } }, { status: 400 });
    await createTeam(db, admin.id, input);
  } else {
    await updateTeam(db, admin.id, input.id, input);
  }
  return json({ ok: true });
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: boolean; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  return (
    <div>
      <h1>Teams</h1>
      <p className="muted">A technician sees the tickets of their teams only. Members are set on the people page; categories route tickets to teams.</p>
      {data?.ok && <p className="alert ok" role="status">Saved.</p>}
      {Object.keys(e).length > 0 && <p className="alert bad" role="alert">{Object.values(e).join(" ")}</p>}
      <table>
        <thead><tr><th>Team</th><th>Mailbox for reminders</th><th>Members</th><th>Tickets</th><th>Categories</th><th /></tr></thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.id}>
              <td colSpan={2}>
                <Form method="post" className="row-form" id={`team-${t.id}`}>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="id" value={t.id} />
                  <label>Name<input type="text" name="name" defaultValue={t.name} required /></label>
                  <label>Mailbox<input type="email" name="email" defaultValue={t.email ?? ""} /></label>
                </Form>
              </td>
              <td>{t._count.members}</td><td>{t._count.tickets}</td>
              <td>{t.categories.map((c) => c.slug).join(", ")}</td>
              <td><button type="submit" form={`team-${t.id}`} className="secondary">Save</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>New team</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>Short name<input type="text" name="slug" required pattern="[a-z0-9-]{2,30}" /></label>
        <label>Name<input type="text" name="name" required /></label>
        <label>Mailbox for reminders (optional)<input type="email" name="email" /></label>
        <button type="submit">Add team</button>
      </Form>
    </div>
  );
}
