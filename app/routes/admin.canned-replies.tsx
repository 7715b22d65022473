import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useStaffErrors } from "../ui/field-error";
import { useTranslation } from "react-i18next";
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "../tickets/canned-replies.server";

const Fields = { title: z.string().trim().min(1, "titleRequired").max(120), body: z.string().trim().min(1, "textRequired").max(10_000), locale: z.enum(["sl", "en"]) };
const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), ...Fields }),
  z.object({ intent: z.literal("update"), id: z.string().min(1).max(64), ...Fields }),
  z.object({ intent: z.literal("delete"), id: z.string().min(1).max(64) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ replies: await listCannedReplies(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  const input = parsed.data;
  if (input.intent === "create") await createCannedReply(db, admin.id, { title: input.title, body: input.body, locale: input.locale });
  else if (input.intent === "update") await updateCannedReply(db, admin.id, input.id, { title: input.title, body: input.body, locale: input.locale });
  else await deleteCannedReply(db, admin.id, input.id);
  return json({ ok: true });
}

export default function CannedReplies() {
  const { replies } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; ok?: boolean } | undefined;
  const errors = data?.errors ?? {};
  const { t } = useTranslation();
  const errorText = useStaffErrors();
  const message = (code: string) => (code === "titleRequired" || code === "textRequired" ? t(`admin.canned.${code}`) : errorText(code));
  const languages = <><option value="sl">{t("staff.languages.sl")}</option><option value="en">{t("staff.languages.en")}</option></>;
  return (
    <div>
      <h1>{t("admin.canned.title")}</h1>
      {data?.ok && <p className="alert ok" role="status">{t("staff.saved")}</p>}
      {Object.keys(errors).length > 0 && <p className="alert bad" role="alert">{Object.values(errors).map(message).join(" ")}</p>}
      {replies.map((r) => (
        <Form method="post" className="stack panel" key={r.id}>
          <CsrfInput />
          <input type="hidden" name="id" value={r.id} />
          <label>{t("admin.canned.titleField")}<input type="text" name="title" defaultValue={r.title} required /></label>
          <label>{t("admin.canned.text")}<textarea name="body" defaultValue={r.body} required /></label>
          <label>{t("admin.canned.language")}<select name="locale" defaultValue={r.locale}>{languages}</select></label>
          <p className="actions">
            <button type="submit" name="intent" value="update">{t("staff.save")}</button>
            <button type="submit" name="intent" value="delete" className="danger">{t("staff.delete")}</button>
          </p>
        </Form>
      ))}
      <h2>{t("admin.canned.newTitle")}</h2>
      <Form method="post" className="stack panel">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>{t("admin.canned.titleField")}<input type="text" name="title" required /></label>
        <label>{t("admin.canned.text")}<textarea name="body" required /></label>
        <label>{t("admin.canned.language")}<select name="locale" defaultValue="sl">{languages}</select></label>
        <button type="submit">{t("staff.add")}</button>
      </Form>
    </div>
  );
}
