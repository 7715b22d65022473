import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
import { clearPendingSignIn, readPendingSignIn } from "../auth/pending-sign-in.server";
import { verifySecondFactor } from "../auth/two-factor.server";
import { createUserSession } from "../auth/session.server";
import { translatedTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "app.signIn") }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const Schema = z.object({ code: z.string().trim().min(6).max(40) });

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await readPendingSignIn(request))) throw redirect("/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const pending = await readPendingSignIn(request);
  const parsed = await parseForm(request, Schema);
  if (!pending) return json({ error: "expired" as const }, { status: 401 });
  if (!parsed.ok) return json({ error: "wrong" as const }, { status: 401 });
  const result = await verifySecondFactor(getDb(), pending.userId, parsed.data.code);
  if (result === "rate-limited") return json({ error: "wrong" as const }, { status: 429 });
  if (result !== "ok") return json({ error: "wrong" as const }, { status: 401 });
  const res = await createUserSession(pending.userId, pending.redirectTo);
  res.headers.append("Set-Cookie", await clearPendingSignIn());
  return res;
}

export default function LoginCode() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <div className="narrow panel">
      <h1>{t("twoFactor.codeTitle")}</h1>
      {data?.error === "wrong" && <p className="alert bad" role="alert">{t("twoFactor.wrong")}</p>}
      {data?.error === "expired" && <p className="alert bad" role="alert">{t("twoFactor.expired")}</p>}
      <Form method="post" className="stack">
        <CsrfInput />
        <p>{t("twoFactor.codeIntro")}</p>
        <label>{t("twoFactor.code")}<input name="code" inputMode="text" autoComplete="one-time-code" required autoFocus /></label>
        <button type="submit">{t("twoFactor.verify")}</button>
      </Form>
    </div>
  );
}
