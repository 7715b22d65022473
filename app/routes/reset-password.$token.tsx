import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
import { resetLinkIsLive, resetPassword } from "../auth/password-reset.server";

export const meta: MetaFunction = () => [{ title: "Minidesk" }, { name: "robots", content: "noindex" }];
// The token is in the path: never cached, never sent on as a Referer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

const Schema = z
  .object({ password: z.string().min(12).max(1024), confirm: z.string().max(1024) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"] });

export async function loader({ params }: LoaderFunctionArgs) {
  const live = await resetLinkIsLive(getDb(), params.token ?? "");
  return json({ live }, { status: live ? 200 : 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ state: "mismatch" as const }, { status: 400 });
  const ok = await resetPassword(getDb(), params.token ?? "", parsed.data.password);
  return json({ state: ok ? ("done" as const) : ("invalid" as const) }, { status: ok ? 200 : 404 });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { live } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (data?.state === "done") {
    return (
      <div className="narrow panel">
        <h1>{t("reset.title")}</h1>
        <p className="alert ok" role="status">{t("reset.done")}</p>
        <p><Link to="/login">{t("login.submit")}</Link></p>
      </div>
    );
  }
  if (!live || data?.state === "invalid") {
    return (
      <div className="narrow panel">
        <h1>{t("reset.title")}</h1>
        <p className="alert bad" role="alert">{t("reset.invalidLink")}</p>
        <p><Link to="/forgot-password">{t("reset.requestTitle")}</Link></p>
      </div>
    );
  }
  return (
    <div className="narrow panel">
      <h1>{t("reset.title")}</h1>
      {data?.state === "mismatch" && <p className="alert bad" role="alert">{t("reset.mismatch")}</p>}
      <Form method="post" className="stack">
        <CsrfInput />
        <label>{t("reset.password")}<input type="password" name="password" autoComplete="new-password" minLength={12} required /></label>
        <label>{t("reset.confirm")}<input type="password" name="confirm" autoComplete="new-password" minLength={12} required /></label>
        <button type="submit">{t("reset.save")}</button>
      </Form>
    </div>
  );
}
