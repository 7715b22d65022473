import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { createStaffUser, DuplicateEmailError, listStaff, setStaffActive } from "../accounts/staff.server";

const CreateSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1, "Enter a name").max(120),
  email: z.string().trim().email("Enter a valid email address").max(254),
  role: z.enum(["TECHNICIAN", "ADMIN"]),
  password: z.string().min(12, "At least 12 characters").max(1024),
  teamIds: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : ([] as string[]).concat(v))),
});
const ToggleSchema = z.object({ intent: z.enum(["activate", "deactivate"]), userId: z.string().min(1).max(64) });
const ActionSchema = z.discriminatedUnion("intent", [CreateSchema, ToggleSchema]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const db = getDb();
  const [staff, teams] = await Promise.all([listStaff(db), db.team.findMany({ orderBy: { name: "asc" } })]);
  return json({ staff, teams });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, ActionSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const db = getDb();
  const input = parsed.data;
  if (input.intent === "create") {
    try {
      await createStaffUser(db, admin.id, input);
    } catch (err) {
      if (err instanceof DuplicateEmailError) {
        return json({ errors: { email: "Someone already uses this address" }, values: parsed.data }, { status: 400 });
      }
      throw err;
    }
    return json({ ok: "created" });
  }
  if (input.userId === admin.id) return json({ errors: { _form: "You cannot deactivate yourself" } }, { status: 400 });
  await setStaffActive(db, admin.id, input.userId, input.intent === "activate");
  return json({ ok: input.intent });
}

export default function AdminUsers() {
  const { staff, teams } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; ok?: string } | undefined;
  const errors = data?.errors ?? {};
  return (
    <div>
      <h1>Technicians and administrators</h1>
      {data?.ok && <p className="alert ok" role="status">Saved.</p>}
      {errors._form && <p className="alert bad" role="alert">{errors._form}</p>}
      <table>
        <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Teams</th><th>Status</th><th /></tr></thead>
        <tbody>
          {staff.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td><td>{u.email}</td><td>{u.role}</td>
              <td>{u.teams.map((t) => t.team.name).join(", ")}</td>
              <td>{u.active ? "active" : "deactivated"}</td>
              <td>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" name="intent" value={u.active ? "deactivate" : "activate"} className="secondary">
                    {u.active ? "Deactivate" : "Activate"}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a person</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>Name<input type="text" name="name" required aria-invalid={!!errors.name} />{errors.name && <span className="field-error">{errors.name}</span>}</label>
        <label>Email<input type="email" name="email" required aria-invalid={!!errors.email} />{errors.email && <span className="field-error">{errors.email}</span>}</label>
        <label>Role<select name="role"><option value="TECHNICIAN">Technician</option><option value="ADMIN">Administrator</option></select></label>
        <label>Starting password<span className="hint">At least 12 characters; tell it to them in person.</span>
          <input type="password" name="password" required minLength={12} autoComplete="new-password" aria-invalid={!!errors.password} />
          {errors.password && <span className="field-error">{errors.password}</span>}
        </label>
        <fieldset><legend>Teams (a technician sees only their teams' tickets)</legend>
          {teams.map((t) => <label key={t.id} className="inline"><input type="checkbox" name="teamIds" value={t.id} /> {t.name} </label>)}
        </fieldset>
        <button type="submit">Add</button>
      </Form>
    </div>
  );
}
