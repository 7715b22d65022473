import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
import { safeRedirectPath } from "../http/safe-redirect";
import { signIn } from "../auth/sign-in.server";
import { clientAddress } from "../auth/rate-limit.server";
import { createUserSession } from "../auth/session.server";
import { getStaffUser } from "../auth/guards.server";
import { redirect } from "@remix-run/node";
import { translatedTitle } from "../ui/page-title";
import { hasTwoFactor } from "../auth/two-factor.server";
import { startPendingSignIn } from "../auth/pending-sign-in.server";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "app.signIn") }];

const LoginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaffUser(request)) return redirect("/queue");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, LoginSchema);
  if (!parsed.ok) return json({ error: "invalid" as const, retryAfterS: 0 }, { status: 400 });
  const result = await signIn(getDb(), { ...parsed.data, clientAddress: clientAddress(request) });
  if (!result.ok) {
    return result.reason === "rate-limited"
      ? json({ error: "rate-limited" as const, retryAfterS: result.retryAfterS }, { status: 429, headers: { "Retry-After": String(result.retryAfterS) } })
      : json({ error: "invalid" as const, retryAfterS: 0 }, { status: 401 });
  }
  const to = safeRedirectPath(parsed.data.redirectTo, "/queue");
  // Two-factor: the password was right; the session starts only after the code (/login/code).
  if (await hasTwoFactor(getDb(), result.userId)) {
    return redirect("/login/code", { headers: { "Set-Cookie": await startPendingSignIn(result.userId, to) } });
  }
  return createUserSession(result.userId, to);
}

export default function Login() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const redirectTo = typeof window === "undefined" ? undefined : new URLSearchParams(window.location.search).get("redirectTo") ?? undefined;
  return (
    <div className="narrow panel">
      <h1>{t("login.title")}</h1>
      {data?.error === "invalid" && <p className="alert bad" role="alert">{t("login.invalid")}</p>}
      {data?.error === "rate-limited" && (
        <p className="alert bad" role="alert">{t("login.tooMany", { minutes: Math.ceil(data.retryAfterS / 60) })}</p>
      )}
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo ?? ""} />
        <label>{t("login.email")}<input type="email" name="email" autoComplete="username" required autoFocus /></label>
        <label>{t("login.password")}<input type="password" name="password" autoComplete="current-password" required /></label>
        <button type="submit" disabled={nav.state === "submitting"}>{t("login.submit")}</button>
      </Form>
      <p><Link to="/forgot-password">{t("login.forgot")}</Link></p>
    </div>
  );
}
