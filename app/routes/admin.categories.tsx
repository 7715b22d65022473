import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useStaffErrors } from "../ui/field-error";
import { useTranslation } from "react-i18next";
import { listCategories, listTeams, saveCategory } from "../settings/teams-categories.server";

const Schema = z.object({
  intent: z.enum(["create", "update"]),
  slug: z.string().trim().regex(/^[a-z0-9-]{2,40}$/, "slug"),
  nameEn: z.string().trim().min(1).max(80),
  nameSl: z.string().trim().min(1).max(80),
  teamId: z.string().min(1).max(64),
  retentionDays: z.preprocess((v) => (v === "" ? null : v), z.coerce.number().int().min(1).max(36_500).nullable()),
  active: z.enum(["on"]).optional().transform((v) => v === "on"),
  position: z.coerce.number().int().min(0).max(1000).default(0),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const db = getDb();
  const [categories, teams] = await Promise.all([listCategories(db), listTeams(db)]);
  return json({ categories, teams: teams.map((t) => ({ id: t.id, name: t.name })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  const { intent, slug, ...input } = parsed.data;
  if (!(await db.team.findUnique({ where: { id: input.teamId } }))) return json({ errors: { teamId: "unknownTeam" } }, { status: 400 });
  const exists = await db.category.findUnique({ where: { slug } });
  if (intent === "create" && exists) return json({ errors: { slug: "slugTaken" } }, { status: 400 });
  if (intent === "update" && !exists) return json({ errors: { slug: "unknownCategory" } }, { status: 400 });
  await saveCategory(db, admin.id, slug, input, intent === "create");
  return json({ ok: true });
}

export default function Categories() {
  const { categories, teams } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: boolean; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  const { t } = useTranslation();
  const errorText = useStaffErrors();
  const fields = (c?: (typeof categories)[number]) => (
    <>
      <label>{t("admin.categories.nameEn")}<input type="text" name="nameEn" defaultValue={c?.nameEn} required /></label>
      <label>{t("admin.categories.nameSl")}<input type="text" name="nameSl" defaultValue={c?.nameSl} required /></label>
      <label>{t("admin.categories.team")}<select name="teamId" defaultValue={c?.teamId}>{teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}</select></label>
      <label>{t("admin.categories.keepDays")}<span className="hint">{t("admin.categories.keepDaysHint")}</span><input type="number" name="retentionDays" min={1} defaultValue={c?.retentionDays ?? ""} /></label>
      <label>{t("admin.categories.order")}<input type="number" name="position" min={0} defaultValue={c?.position ?? 0} /></label>
      <label className="inline"><input type="checkbox" name="active" defaultChecked={c?.active ?? true} /> {t("admin.categories.offered")}</label>
    </>
  );
  return (
    <div>
      <h1>{t("admin.categories.title")}</h1>
      <p className="muted">{t("admin.categories.intro")}</p>
      {data?.ok && <p className="alert ok" role="status">{t("staff.saved")}</p>}
      {Object.keys(e).length > 0 && <p className="alert bad" role="alert">{Object.values(e).map((code) => errorText(code)).join(" ")}</p>}
      <div className="grid-cards">
        {categories.map((c) => (
          <Form method="post" className="stack panel" key={c.slug}>
            <CsrfInput />
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="slug" value={c.slug} />
            <h2>{c.slug}</h2>
            {fields(c)}
            <button type="submit">{t("staff.save")}</button>
          </Form>
        ))}
      </div>
      <h2>{t("admin.categories.newTitle")}</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>{t("admin.categories.shortName")}<input type="text" name="slug" required pattern="[a-z0-9-]{2,40}" /></label>
        {fields()}
        <button type="submit">{t("admin.categories.addCategory")}</button>
      </Form>
    </div>
  );
}
