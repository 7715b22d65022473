import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { getConfig } from "../config.server";
import { parseForm } from "../http/parse-form.server";
import { getStaffUser } from "../auth/guards.server";
import { confirmEnrolment, enrolmentFor } from "../auth/two-factor.server";

export const meta: MetaFunction = () => [{ title: "Minidesk" }];
// The page shows the secret and, once, the recovery codes: never cached.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** Staff only, but not through requireTechnician: this is where an admin who must enrol is sent. */
async function requireStaff(request: Request) {
  const user = await getStaffUser(request);
  if (!user) throw redirect("/login?redirectTo=%2Faccount%2Ftwo-factor");
  if (user.role !== "TECHNICIAN" && user.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const enrolment = await enrolmentFor(getDb(), user.id);
  return json({ enrolment, required: user.role === "ADMIN" && getConfig().TOTP_REQUIRED_FOR_ADMINS });
}

const Schema = z.object({ code: z.string().trim().min(6).max(10) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const parsed = await parseForm(request, Schema);
  const codes = parsed.ok ? await confirmEnrolment(getDb(), user.id, parsed.data.code) : null;
  if (!codes) return json({ error: true as const, codes: null }, { status: 400 });
  return json({ error: false as const, codes });
}

export default function TwoFactor() {
  const { t } = useTranslation();
  const { enrolment, required } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (data?.codes) {
    return (
      <div className="narrow panel">
        <h1>{t("twoFactor.enrolTitle")}</h1>
        <p className="alert ok" role="status">{t("twoFactor.enabled")}</p>
        <h2>{t("twoFactor.recoveryTitle")}</h2>
        <p>{t("twoFactor.recoveryIntro")}</p>
        <ul className="recovery-codes">{data.codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
      </div>
    );
  }
  return (
    <div className="narrow panel">
      <h1>{t("twoFactor.enrolTitle")}</h1>
      {enrolment.enabled ? (
        <p className="alert ok" role="status">{t("twoFactor.enabled")}</p>
      ) : (
        <>
          {required && <p className="alert bad" role="alert">{t("twoFactor.required")}</p>}
          {data?.error && <p className="alert bad" role="alert">{t("twoFactor.wrong")}</p>}
          <p>{t("twoFactor.enrolIntro")}</p>
          <img src={enrolment.qrDataUrl} alt={enrolment.uri} width={200} height={200} />
          <p>{t("twoFactor.secret")}: <code data-totp-secret>{enrolment.secret}</code></p>
          <Form method="post" className="stack">
            <CsrfInput />
            <label>{t("twoFactor.code")}<input name="code" inputMode="numeric" autoComplete="one-time-code" required /></label>
            <button type="submit">{t("twoFactor.confirm")}</button>
          </Form>
        </>
      )}
    </div>
  );
}
