import { json, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
import { clientAddress } from "../auth/rate-limit.server";
import { getLocale } from "../i18n/locale.server";
import { LinkRequestSchema, requestTicketLinks } from "../portal/request-links.server";
import { FieldError, useFieldErrors } from "../ui/field-error";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, LinkRequestSchema);
  if (!parsed.ok) return json({ state: "invalid" as const, errors: parsed.errors, email: parsed.values.email ?? "", retryAfterS: 0 }, { status: 400 });
  const result = await requestTicketLinks(getDb(), { email: parsed.data.email, clientAddress: clientAddress(request), locale: await getLocale(request) });
  if (result.kind === "rate-limited") {
    return json(
      { state: "rate-limited" as const, errors: {}, email: "", retryAfterS: result.retryAfterS },
      { status: 429, headers: { "Retry-After": String(result.retryAfterS) } },
    );
  }
  // The same answer whether or not the address has tickets.
  return json({ state: "sent" as const, errors: {}, email: "", retryAfterS: 0 });
}

export default function MyLinks() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const fieldError = useFieldErrors(data?.errors ?? {}, { maxFiles: 0, mb: 0 });
  return (
    <div className="narrow panel">
      <h1>{t("portal.linksTitle")}</h1>
      <p>{t("portal.linksIntro")}</p>
      {data?.state === "sent" && <p className="alert ok" role="status">{t("portal.linksSent")}</p>}
      {data?.state === "rate-limited" && (
        <p className="alert bad" role="alert">{t("portal.linksRateLimited", { minutes: Math.max(1, Math.ceil(data.retryAfterS / 60)) })}</p>
      )}
      <Form method="post" className="stack" key={data?.state ?? "first"}>
        <CsrfInput />
        <label>
          {t("portal.email")}
          <input type="email" name="email" autoComplete="email" required maxLength={254} defaultValue={data?.email ?? ""} {...fieldError.attrs("email")} />
          <FieldError id="email" message={fieldError.message("email")} />
        </label>
        <p className="actions">
          <button type="submit" disabled={nav.state === "submitting"}>{t("portal.linksSubmit")}</button>
        </p>
      </Form>
    </div>
  );
}
