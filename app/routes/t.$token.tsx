import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useParams, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { getConfig } from "../config.server";
import { getLocale } from "../i18n/locale.server";
import { parseUploadForm } from "../http/parse-upload-form.server";
import {
  finishTicketByClient, loadClientTicketView, replyAsClient, requireClientTicket,
} from "../portal/client-ticket.server";
import { ATTACHMENTS_FIELD, WEB_TICKET_LIMITS as L } from "../portal/web-ticket-limits";
import { FieldError, useFieldErrors, type FieldErrors } from "../ui/field-error";
import { useWithheldReason, WithheldList } from "../ui/portal-outcome";
import { pageTitle } from "../ui/page-title";

/**
 * The client's private ticket page. The token is in the path, so: no caching anywhere,
 * no indexing, and no Referer (the http server sends Referrer-Policy: no-referrer for /t/;
 * the meta tag below overrides the page shell's same-origin one).
 */
const PRIVATE = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches) },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const ticketId = await requireClientTicket(db, params.token ?? "");
  const c = getConfig();
  const view = await loadClientTicketView(db, ticketId, await getLocale(request));
  const done = new URL(request.url).searchParams.get("done");
  return json(
    {
      view,
      done: done === "reply" || done === "works" || done === "close" ? done : null,
      maxFiles: c.MAX_ATTACHMENTS,
      maxFileMb: Math.round((c.MAX_UPLOAD_BYTES / (1024 * 1024)) * 10) / 10,
      accessDays: c.ACCESS_DETAILS_DAYS,
    },
    { headers: PRIVATE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const token = params.token ?? "";
  const ticketId = await requireClientTicket(db, token);
  const c = getConfig();
  const attempt = crypto.randomUUID();
  const upload = await parseUploadForm(request, { fileField: ATTACHMENTS_FIELD, maxFiles: c.MAX_ATTACHMENTS, maxFileBytes: c.MAX_UPLOAD_BYTES });
  if (!upload.ok) return json({ attempt, errors: { attachments: upload.problem } as FieldErrors, values: {} as Record<string, string>, withheld: [] }, { status: 413, headers: PRIVATE });
  const intent = upload.form.get("intent");
  const self = `/t/${token}`;
  if (intent === "works" || intent === "close") {
    await finishTicketByClient(db, ticketId, intent === "works" ? "WORKS" : "CLOSE");
    return redirect(`${self}?done=${intent}`, { headers: PRIVATE });
  }
  const result = await replyAsClient(db, ticketId, { form: upload.form, files: upload.files, uploadProblem: upload.problem });
  if (result.kind === "invalid") {
    return json({ attempt, errors: result.errors as FieldErrors, values: result.values, withheld: [] }, { status: upload.problem ? 413 : 400, headers: PRIVATE });
  }
  if (result.withheld.length) {
    // Stay on the page to say which files were not kept.
    return json({ attempt, errors: {} as FieldErrors, values: {} as Record<string, string>, withheld: result.withheld }, { headers: PRIVATE });
  }
  return redirect(`${self}?done=reply`, { headers: PRIVATE });
}

export default function ClientTicket() {
  const { t } = useTranslation();
  const { view, done, maxFiles, maxFileMb, accessDays } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const reason = useWithheldReason();
  const errors = data?.errors ?? {};
  const fieldError = useFieldErrors(errors, { maxFiles, mb: maxFileMb });
  const base = `/t/${useParams().token ?? ""}`;
  const resolved = view.status === "RESOLVED" || view.status === "CLOSED";
  const busy = nav.state === "submitting";

  return (
    <div className="client-ticket">
      <h1>{t("portal.ticketTitle", { reference: view.reference })}</h1>
      <p className="ticket-subject">{view.subject}</p>
      <dl className="facts">
        <dt>{t("portal.status")}</dt>
        <dd><span className={`badge ${view.status}`} data-testid="status">{t(`portal.statuses.${view.status}`, { defaultValue: view.status })}</span></dd>
        <dt>{t("portal.opened")}</dt>
        <dd>{view.openedAt}</dd>
      </dl>
      <p className="muted">{t("portal.privateLink")}</p>

      {done === "reply" && <p className="alert ok" role="status">{t("portal.replySent")}</p>}
      {done === "works" && <p className="alert ok" role="status">{t("portal.resolvedDone")}</p>}
      {done === "close" && <p className="alert ok" role="status">{t("portal.closedDone")}</p>}
      {data && data.withheld.length > 0 && (
        <div className="alert info" role="status">
          <p>{t("portal.replySent")} {t("portal.doneWithheld")}</p>
          <WithheldList items={data.withheld} />
        </div>
      )}

      <section className="thread" aria-label={t("portal.ticketTitle", { reference: view.reference })}>
        {view.messages.map((m) => (
          <article key={m.id} className={`msg ${m.direction === "IN" ? "in" : "out"}`}>
            <header>
              <strong>{m.direction === "IN" ? t("portal.you") : t("portal.support")}</strong>
              <span>{m.at}</span>
            </header>
            <div className="body">{m.body}</div>
            {m.attachments.length > 0 && (
              <div className="shots">
                {m.attachments.map((a) =>
                  a.isImage ? (
                    <a key={a.id} href={`${base}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                      <img src={`${base}/attachments/${a.id}`} alt={a.fileName} loading="lazy" />
                    </a>
                  ) : (
                    <a key={a.id} href={`${base}/attachments/${a.id}`} rel="noreferrer">{t("portal.attachment")}: {a.fileName}</a>
                  ),
                )}
              </div>
            )}
            {m.withheld.map((w, i) => (
              <p key={i} className="withheld-line muted">{t("portal.withheldOwn", { fileName: w.fileName, reason: reason(w.reason) })}</p>
            ))}
          </article>
        ))}
      </section>

      <section className="panel reply-panel">
        <h2>{t("portal.replyTitle")}</h2>
        {Object.keys(errors).length > 0 && <p className="alert bad" role="alert">{t("portal.fixErrors")}</p>}
        <Form key={data?.attempt ?? "first"} method="post" encType="multipart/form-data" className="stack">
          <CsrfInput />
          <input type="hidden" name="intent" value="reply" />
          <label>
            {t("portal.replyBody")}
            <textarea name="body" required rows={6} maxLength={L.description} defaultValue={data?.values.body ?? ""} {...fieldError.attrs("body")} />
            <FieldError id="body" message={fieldError.message("body")} />
          </label>
          {maxFiles > 0 && (
            <label>
              {t("portal.attachments")}
              <span className="hint">{t("portal.attachmentsHint", { max: maxFiles, mb: maxFileMb })}</span>
              <input type="file" name={ATTACHMENTS_FIELD} multiple accept="image/png,image/jpeg,image/gif,image/webp,text/plain,text/csv,.txt,.log,.csv" {...fieldError.attrs("attachments")} />
              <FieldError id="attachments" message={fieldError.message("attachments")} />
            </label>
          )}
          <label>
            {t("portal.accessDetails")}
            <span className="hint">{t("portal.accessDetailsHint", { days: accessDays })}</span>
            <textarea name="accessDetails" rows={3} maxLength={L.accessDetails} autoComplete="off" spellCheck={false} className="secret" />
          </label>
          {view.hasAccessDetails && <p className="muted">{t("portal.accessStored")}</p>}
          <p className="actions">
            <button type="submit" disabled={busy}>{t("portal.replySubmit")}</button>
          </p>
        </Form>
      </section>

      {view.status !== "CLOSED" && (
        <section className="panel finish-panel">
          <p className="muted">{t("portal.closeHint")}</p>
          <div className="actions">
            {!resolved && (
              <Form method="post" encType="multipart/form-data" className="inline">
                <CsrfInput />
                <input type="hidden" name="intent" value="works" />
                <button type="submit" disabled={busy}>{t("portal.works")}</button>
              </Form>
            )}
            {(
              <Form method="post" encType="multipart/form-data" className="inline">
                <CsrfInput />
                <input type="hidden" name="intent" value="close" />
                <button type="submit" className="secondary" disabled={busy}>{t("portal.close")}</button>
              </Form>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

/** Wrong and expired links get the same answer, with no hint about which. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="narrow panel">
      <h1>{notFound ? 404 : isRouteErrorResponse(error) ? error.status : 500}</h1>
      <p role="alert">{notFound ? t("portal.linkInvalid") : t("errors.generic")}</p>
      <p><a href="/my-links">{t("home.myLinks")}</a></p>
    </div>
  );
}
