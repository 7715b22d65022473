import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { getConfig } from "../config.server";
import { parseForm } from "../http/parse-form.server";
import { clientAddress } from "../auth/rate-limit.server";
import { requestPasswordReset } from "../auth/password-reset.server";
import { getLocale } from "../i18n/locale.server";

export const meta: MetaFunction = () => [{ title: "Minidesk" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const Schema = z.object({ email: z.string().trim().min(3).max(254) });

export async function loader(_: LoaderFunctionArgs) {
  return json({ minutes: getConfig().PASSWORD_RESET_MINUTES });
}

/** The same answer for any address; only the per-address (client) limit shows. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ state: "sent" as const, retryAfterS: 0 });
  const result = await requestPasswordReset(getDb(), { email: parsed.data.email, clientAddress: clientAddress(request), locale: await getLocale(request) });
  if (result.kind === "rate-limited") {
    return json({ state: "rate-limited" as const, retryAfterS: result.retryAfterS }, { status: 429, headers: { "Retry-After": String(result.retryAfterS) } });
  }
  return json({ state: "sent" as const, retryAfterS: 0 });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const { minutes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="narrow panel">
      <h1>{t("reset.requestTitle")}</h1>
      {data?.state === "sent" && <p className="alert ok" role="status">{t("reset.sent", { minutes })}</p>}
      {data?.state === "rate-limited" && <p className="alert bad" role="alert">{t("reset.tooMany", { minutes: Math.ceil(data.retryAfterS / 60) })}</p>}
      {data?.state !== "sent" && (
        <Form method="post" className="stack">
          <CsrfInput />
          <p>{t("reset.requestIntro")}</p>
          <label>{t("reset.email")}<input type="email" name="email" autoComplete="username" required /></label>
          <button type="submit">{t("reset.send")}</button>
        </Form>
      )}
    </div>
  );
}
