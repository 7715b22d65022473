import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { getConfig } from "../config.server";
import { clientAddress } from "../auth/rate-limit.server";
import { getLocale } from "../i18n/locale.server";
import { parseUploadForm } from "../http/parse-upload-form.server";
import { submitWebTicket, webTicketFormSettings } from "../portal/submit-web-ticket.server";
import { serializeIntakeOutcome } from "../portal/intake-outcome.server";
import { ATTACHMENTS_FIELD, HONEYPOT_FIELD, WEB_TICKET_LIMITS as L } from "../portal/web-ticket-limits";
import { FieldError, useFieldErrors, type FieldErrors } from "../ui/field-error";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }];

// The page carries a CSRF token and, after an error, what the client typed.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader(_: LoaderFunctionArgs) {
  return json(await webTicketFormSettings(getDb()), { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const c = getConfig();
  const attempt = crypto.randomUUID();
  const upload = await parseUploadForm(request, { fileField: ATTACHMENTS_FIELD, maxFiles: c.MAX_ATTACHMENTS, maxFileBytes: c.MAX_UPLOAD_BYTES });
  if (!upload.ok) {
    return json({ attempt, errors: { attachments: upload.problem } as FieldErrors, values: {} as Record<string, string>, retryAfterS: 0 }, { status: 413, headers: { Connection: "close" } });
  }
  const result = await submitWebTicket(getDb(), {
    form: upload.form, files: upload.files, uploadProblem: upload.problem,
    clientAddress: clientAddress(request), locale: await getLocale(request),
  });
  switch (result.kind) {
    case "ignored":
      return redirect("/new/done");
    case "invalid":
      return json({ attempt, errors: result.errors as FieldErrors, values: result.values, retryAfterS: 0 }, { status: result.uploadProblem ? 413 : 400 });
    case "rate-limited":
      return json(
        { attempt, errors: { _form: "rateLimited" } as FieldErrors, values: result.values, retryAfterS: result.retryAfterS },
        { status: 429, headers: { "Retry-After": String(result.retryAfterS) } },
      );
    case "opened":
      return redirect(`/new/done?ref=${encodeURIComponent(result.reference)}`, {
        headers: { "Set-Cookie": await serializeIntakeOutcome(result) },
      });
  }
}

export default function NewTicket() {
  const { t, i18n } = useTranslation();
  const s = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const values = data?.values ?? {};
  const errors = data?.errors ?? {};
  const fieldError = useFieldErrors(errors, { maxFiles: s.maxFiles, mb: s.maxFileMb });
  const sl = i18n.language === "sl";
  const uploadProblem = errors.attachments;
  const anyError = Object.keys(errors).length > 0;

  return (
    <div className="narrow">
      <h1>{t("portal.newTitle")}</h1>
      <p className="muted">{t("portal.newIntro")}</p>
      {errors._form === "rateLimited" && (
        <p className="alert bad" role="alert">{t("portal.rateLimited", { minutes: Math.max(1, Math.ceil((data?.retryAfterS ?? 0) / 60)) })}</p>
      )}
      {uploadProblem === "REQUEST_TOO_LARGE" && (
        <p className="alert bad" role="alert">{t("portal.requestTooLarge", { max: s.maxFiles, mb: s.maxFileMb })}</p>
      )}
      {anyError && errors._form !== "rateLimited" && uploadProblem !== "REQUEST_TOO_LARGE" && (
        <p className="alert bad" role="alert">{t("portal.fixErrors")}</p>
      )}
      {/* A new key per answer: the form shows exactly what the server kept, with or without JavaScript. */}
      <Form key={data?.attempt ?? "first"} method="post" encType="multipart/form-data" className="stack panel" noValidate={false}>
        <CsrfInput />
        <label>
          {t("portal.name")}
          <input type="text" name="name" autoComplete="name" required maxLength={L.name} defaultValue={values.name ?? ""} {...fieldError.attrs("name")} />
          <FieldError id="name" message={fieldError.message("name")} />
        </label>
        <label>
          {t("portal.email")}
          <span className="hint" id="email-hint">{t("portal.emailHint")}</span>
          <input type="email" name="email" autoComplete="email" required maxLength={L.email} defaultValue={values.email ?? ""} {...fieldError.attrs("email")} />
          <FieldError id="email" message={fieldError.message("email")} />
        </label>
        <div className="form-row">
          <label>
            {t("portal.company")}
            <input type="text" name="company" autoComplete="organization" maxLength={L.company} defaultValue={values.company ?? ""} {...fieldError.attrs("company")} />
            <FieldError id="company" message={fieldError.message("company")} />
          </label>
          <label>
            {t("portal.companyTaxId")}
            <input type="text" name="companyTaxId" maxLength={L.companyTaxId} defaultValue={values.companyTaxId ?? ""} {...fieldError.attrs("companyTaxId")} />
            <FieldError id="companyTaxId" message={fieldError.message("companyTaxId")} />
          </label>
        </div>
        <label>
          {t("portal.category")}
          <select name="category" defaultValue={values.category ?? s.categories[0]?.slug}>
            {s.categories.map((c) => (
              <option key={c.slug} value={c.slug}>{sl ? c.nameSl : c.nameEn}</option>
            ))}
          </select>
        </label>
        <label>
          {t("portal.subject")}
          <input type="text" name="subject" required maxLength={L.subject} defaultValue={values.subject ?? ""} {...fieldError.attrs("subject")} />
          <FieldError id="subject" message={fieldError.message("subject")} />
        </label>
        <label>
          {t("portal.description")}
          <span className="hint">{t("portal.descriptionHint")}</span>
          <textarea name="description" required maxLength={L.description} rows={8} defaultValue={values.description ?? ""} {...fieldError.attrs("description")} />
          <FieldError id="description" message={fieldError.message("description")} />
        </label>
        {s.maxFiles > 0 && (
          <label>
            {t("portal.attachments")}
            <span className="hint">{t("portal.attachmentsHint", { max: s.maxFiles, mb: s.maxFileMb })}</span>
            <input type="file" name={ATTACHMENTS_FIELD} multiple accept="image/png,image/jpeg,image/gif,image/webp,text/plain,text/csv,.txt,.log,.csv" {...fieldError.attrs("attachments")} />
            <FieldError id="attachments" message={fieldError.message("attachments") ?? (anyError ? t("portal.chooseFilesAgain") : undefined)} />
          </label>
        )}
        <label>
          {t("portal.accessDetails")}
          <span className="hint">{t("portal.accessDetailsHint", { days: s.accessDays })}</span>
          <textarea name="accessDetails" rows={3} maxLength={L.accessDetails} autoComplete="off" spellCheck={false} className="secret" {...fieldError.attrs("accessDetails")} />
          <FieldError id="accessDetails" message={fieldError.message("accessDetails")} />
        </label>
        <div className="hp" aria-hidden="true">
          <label>
            {t("portal.honeypot")}
            <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
          </label>
        </div>
        <section className="privacy-notice" aria-labelledby="privacy-title">
          <h2 id="privacy-title">{t("portal.privacyTitle")}</h2>
          <p>{t("portal.privacyNotice", { retentionDays: s.retentionDays, attachmentDays: s.attachmentDays, accessDays: s.accessDays })}</p>
        </section>
        <p className="actions">
          <button type="submit" disabled={nav.state === "submitting"}>
            {nav.state === "submitting" ? t("portal.sending") : t("portal.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}
