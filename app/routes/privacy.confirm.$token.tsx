import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireCsrf } from "../auth/csrf.server";
import { getLocale } from "../i18n/locale.server";
import { confirmationState, confirmPrivacyRequest, type ConfirmState } from "../retention/dsr-requests.server";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }, { name: "robots", content: "noindex" }];
// The token is in the path: keep it out of caches and out of other sites' Referer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

function view(s: ConfirmState, locale: string) {
  if (s.state === "confirmed") {
    const date = new Intl.DateTimeFormat(locale === "sl" ? "sl-SI" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(s.dueAt);
    return { state: s.state, kind: s.kind, date };
  }
  return { state: s.state, kind: s.state === "pending" ? s.kind : null, date: null };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // A GET only shows the request: mail scanners open links without a person behind them.
  const s = await confirmationState(getDb(), params.token ?? "");
  return json(view(s, await getLocale(request)), { status: s.state === "invalid" ? 404 : 200 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireCsrf(request, await request.formData());
  const s = await confirmPrivacyRequest(getDb(), params.token ?? "");
  return json(view(s, await getLocale(request)), { status: s.state === "invalid" ? 404 : 200 });
}

export default function ConfirmPrivacyRequest() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() ?? loaded;
  return (
    <div className="narrow panel">
      <h1>{t("privacy.confirmTitle")}</h1>
      {data.state === "invalid" && (
        <>
          <p className="alert bad" role="alert">{t("privacy.invalidLink")}</p>
          <p><Link to="/privacy">{t("privacy.newRequest")}</Link></p>
        </>
      )}
      {data.state === "pending" && (
        <Form method="post" className="stack">
          <CsrfInput />
          <p>{t(data.kind === "ERASE" ? "privacy.confirmErase" : "privacy.confirmExport")}</p>
          <p className="actions"><button type="submit">{t("privacy.confirmButton")}</button></p>
        </Form>
      )}
      {data.state === "confirmed" && <p className="alert ok" role="status">{t("privacy.confirmed", { date: data.date })}</p>}
    </div>
  );
}
