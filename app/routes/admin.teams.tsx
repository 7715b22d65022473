import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useStaffErrors } from "../ui/field-error";
import { useTranslation } from "react-i18next";
import { createTeam, listTeams, updateTeam } from "../settings/teams-categories.server";

const email = z.string().trim().max(254).refine((v) => v === "" || z.string().email().safeParse(v).success, "email").optional();
const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), slug: z.string().trim().regex(/^[a-z0-9-]{2,30}$/, "slug"), name: z.string().trim().min(1).max(80), email }),
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
    if (await db.team.findUnique({ where: { slug: input.slug } })) return json({ errors: { slug: "slugTaken" } }, { status: 400 });
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
  const { t } = useTranslation();
  const errorText = useStaffErrors();
  return (
    <div>
      <h1>{t("admin.teams.title")}</h1>
      <p className="muted">{t("admin.teams.intro")}</p>
      {data?.ok && <p className="alert ok" role="status">{t("staff.saved")}</p>}
      {Object.keys(e).length > 0 && <p className="alert bad" role="alert">{Object.values(e).map((code) => errorText(code)).join(" ")}</p>}
      <table>
        <thead><tr><th>{t("admin.teams.team")}</th><th>{t("admin.teams.mailboxReminders")}</th><th>{t("admin.teams.members")}</th><th>{t("admin.teams.tickets")}</th><th>{t("admin.teams.categories")}</th><th /></tr></thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id}>
              <td colSpan={2}>
                <Form method="post" className="row-form" id={`team-${team.id}`}>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="id" value={team.id} />
                  <label>{t("admin.teams.name")}<input type="text" name="name" defaultValue={team.name} required /></label>
                  <label>{t("admin.teams.mailbox")}<input type="email" name="email" defaultValue={team.email ?? ""} /></label>
                </Form>
              </td>
              <td>{team._count.members}</td><td>{team._count.tickets}</td>
              <td>{team.categories.map((c) => c.slug).join(", ")}</td>
              <td><button type="submit" form={`team-${team.id}`} className="secondary">{t("staff.save")}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.teams.newTitle")}</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>{t("admin.teams.shortName")}<input type="text" name="slug" required pattern="[a-z0-9-]{2,30}" /></label>
        <label>{t("admin.teams.name")}<input type="text" name="name" required /></label>
        <label>{t("admin.teams.mailboxOptional")}<input type="email" name="email" /></label>
        <button type="submit">{t("admin.teams.addTeam")}</button>
      </Form>
    </div>
  );
}
