import { json, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { getConfig } from "../config.server";
import { parseForm } from "../http/parse-form.server";
import { clientAddress } from "../auth/rate-limit.server";
import { getLocale } from "../i18n/locale.server";
import { CONFIRM_LINK_HOURS, PrivacyRequestSchema, requestPrivacyFromPortal } from "../retention/dsr-requests.server";
import { FieldError, useFieldErrors } from "../ui/field-error";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader() {
  const c = getConfig();
  return json({ attachmentDays: c.ATTACHMENT_RETENTION_DAYS, retentionDays: c.RETENTION_DAYS });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, PrivacyRequestSchema);
  if (!parsed.ok) {
    return json({ state: "invalid" as const, errors: parsed.errors, email: parsed.values.email ?? "", retryAfterS: 0 }, { status: 400 });
  }
  const result = await requestPrivacyFromPortal(getDb(), {
    ...parsed.data,
    clientAddress: clientAddress(request),
    locale: await getLocale(request),
  });
  if (result.kind === "rate-limited") {
    return json(
      { state: "rate-limited" as const, errors: {}, email: "", retryAfterS: result.retryAfterS },
      { status: 429, headers: { "Retry-After": String(result.retryAfterS) } },
    );
  }
  // The same answer whether or not we know the address.
  return json({ state: "sent" as const, errors: {}, email: "", retryAfterS: 0 });
}

export default function Privacy() {
  const { t } = useTranslation();
  const { attachmentDays, retentionDays } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const fieldError = useFieldErrors(data?.errors ?? {}, { maxFiles: 0, mb: 0 });
  return (
    <div className="narrow">
      <div className="panel">
        <h1>{t("privacy.title")}</h1>
        <p>{t("privacy.intro")}</p>
        {data?.state === "sent" && <p className="alert ok" role="status">{t("privacy.sent", { hours: CONFIRM_LINK_HOURS })}</p>}
        {data?.state === "rate-limited" && (
          <p className="alert bad" role="alert">{t("privacy.rateLimited", { minutes: Math.max(1, Math.ceil(data.retryAfterS / 60)) })}</p>
        )}
        <Form method="post" className="stack" key={data?.state ?? "first"}>
          <CsrfInput />
          <label>
            {t("privacy.email")}
            <span className="hint">{t("privacy.emailHint")}</span>
            <input type="email" name="email" autoComplete="email" required maxLength={254} defaultValue={data?.email ?? ""} {...fieldError.attrs("email")} />
            <FieldError id="email" message={fieldError.message("email")} />
          </label>
          <fieldset className="privacy-kinds">
            <legend>{t("privacy.kind")}</legend>
            <label className="privacy-choice">
              <input type="radio" name="kind" value="EXPORT" required defaultChecked />
              <span>{t("privacy.kindExport")}<span className="hint">{t("privacy.kindExportHint")}</span></span>
            </label>
            <label className="privacy-choice">
              <input type="radio" name="kind" value="ERASE" />
              <span>{t("privacy.kindErase")}<span className="hint">{t("privacy.kindEraseHint")}</span></span>
            </label>
            <FieldError id="kind" message={fieldError.message("kind")} />
          </fieldset>
          <p className="muted">{t("privacy.deadline")}</p>
          <p className="actions">
            <button type="submit" disabled={nav.state === "submitting"}>{t("privacy.submit")}</button>
          </p>
        </Form>
      </div>
      <div className="panel">
        <h2>{t("privacy.retentionTitle")}</h2>
        <p>{t("privacy.retention", { attachmentDays, retentionDays })}</p>
      </div>
    </div>
  );
}
