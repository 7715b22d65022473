import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
import { completeSetup, isSetupTokenValid } from "../setup/bootstrap.server";

const SetupSchema = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().email().max(254),
  password: z.string().min(12).max(1024),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = token.length >= 20 && (await isSetupTokenValid(getDb(), token));
  return json({ token: valid ? token : null }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, SetupSchema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const ok = await completeSetup(getDb(), parsed.data);
  if (!ok) return json({ errors: { token: "invalid" } }, { status: 400 });
  return redirect("/login");
}

export default function Setup() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (!token) return <div className="narrow panel"><h1>{t("setup.title")}</h1><p className="alert bad">{t("setup.invalidLink")}</p></div>;
  const errors: Record<string, string> = data?.errors ?? {};
  return (
    <div className="narrow panel">
      <h1>{t("setup.title")}</h1>
      <p>{t("setup.intro")}</p>
      {Object.keys(errors).length > 0 && <p className="alert bad" role="alert">{errors.token ? t("setup.invalidLink") : t("errors.required")}</p>}
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="token" value={token} />
        <label>{t("setup.name")}<input type="text" name="name" required maxLength={120} aria-invalid={!!errors.name} /></label>
        <label>{t("setup.email")}<input type="email" name="email" required aria-invalid={!!errors.email} /></label>
        <label>{t("setup.password")}<input type="password" name="password" required minLength={12} autoComplete="new-password" aria-invalid={!!errors.password} /></label>
        <button type="submit">{t("setup.submit")}</button>
      </Form>
    </div>
  );
}
