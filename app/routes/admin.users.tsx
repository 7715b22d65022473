import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useStaffErrors } from "../ui/field-error";
import { useTranslation } from "react-i18next";
import { createStaffUser, DuplicateEmailError, listStaff, setStaffActive } from "../accounts/staff.server";

const CreateSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1, "nameRequired").max(120),
  email: z.string().trim().email("email").max(254),
  role: z.enum(["TECHNICIAN", "ADMIN"]),
  password: z.string().min(12, "passwordLength").max(1024),
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
        return json({ errors: { email: "emailTaken" }, values: parsed.data }, { status: 400 });
      }
      throw err;
    }
    return json({ ok: "created" });
  }
  if (input.userId === admin.id) return json({ errors: { _form: "selfDeactivate" } }, { status: 400 });
  await setStaffActive(db, admin.id, input.userId, input.intent === "activate");
  return json({ ok: input.intent });
}

export default function AdminUsers() {
  const { staff, teams } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; ok?: string } | undefined;
  const errors = data?.errors ?? {};
  const { t } = useTranslation();
  const staffError = useStaffErrors();
  const errorText = (code: string | undefined) => (code === "nameRequired" ? t("admin.users.nameRequired") : staffError(code));
  return (
    <div>
      <h1>{t("admin.users.title")}</h1>
      {data?.ok && <p className="alert ok" role="status">{t("staff.saved")}</p>}
      {errors._form && <p className="alert bad" role="alert">{errorText(errors._form)}</p>}
      <table>
        <thead><tr><th>{t("admin.users.name")}</th><th>{t("admin.users.email")}</th><th>{t("admin.users.role")}</th><th>{t("admin.users.teams")}</th><th>{t("admin.users.status")}</th><th /></tr></thead>
        <tbody>
          {staff.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td><td>{u.email}</td><td>{t(`staff.roles.${u.role}`, { defaultValue: u.role })}</td>
              <td>{u.teams.map((m) => m.team.name).join(", ")}</td>
              <td>{u.active ? t("admin.users.active") : t("admin.users.deactivated")}</td>
              <td>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" name="intent" value={u.active ? "deactivate" : "activate"} className="secondary">
                    {u.active ? t("admin.users.deactivate") : t("admin.users.activate")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.users.addTitle")}</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>{t("admin.users.name")}<input type="text" name="name" required aria-invalid={!!errors.name} />{errors.name && <span className="field-error">{errorText(errors.name)}</span>}</label>
        <label>{t("admin.users.email")}<input type="email" name="email" required aria-invalid={!!errors.email} />{errors.email && <span className="field-error">{errorText(errors.email)}</span>}</label>
        <label>{t("admin.users.role")}<select name="role"><option value="TECHNICIAN">{t("staff.roles.TECHNICIAN")}</option><option value="ADMIN">{t("staff.roles.ADMIN")}</option></select></label>
        <label>{t("admin.users.startingPassword")}<span className="hint">{t("admin.users.startingPasswordHint")}</span>
          <input type="password" name="password" required minLength={12} autoComplete="new-password" aria-invalid={!!errors.password} />
          {errors.password && <span className="field-error">{errorText(errors.password)}</span>}
        </label>
        <fieldset><legend>{t("admin.users.teamsLegend")}</legend>
          {teams.map((team) => <label key={team.id} className="inline"><input type="checkbox" name="teamIds" value={team.id} /> {team.name} </label>)}
        </fieldset>
        <button type="submit">{t("staff.add")}</button>
      </Form>
    </div>
  );
}
