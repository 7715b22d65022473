import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireCsrf } from "../auth/csrf.server";
import { unsubscribeFromFollowUps, unsubscribeState } from "../retention/unsubscribe.server";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

export async function loader({ params }: LoaderFunctionArgs) {
  const s = await unsubscribeState(getDb(), params.token ?? "");
  return json({ valid: !!s, optedOut: s?.optedOut ?? false }, { status: s ? 200 : 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  // RFC 8058 one-click: a mail client POSTs "List-Unsubscribe=One-Click" with no cookies. The
  // token in the URL is the proof; the link can only switch mail off, so there is nothing to forge.
  if (form.get("List-Unsubscribe") !== "One-Click") await requireCsrf(request, form);
  const ok = await unsubscribeFromFollowUps(getDb(), params.token ?? "");
  return json({ valid: ok, optedOut: ok }, { status: ok ? 200 : 404 });
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() ?? loaded;
  return (
    <div className="narrow panel">
      <h1>{t("privacy.unsubscribeTitle")}</h1>
      {!data.valid && <p className="alert bad" role="alert">{t("privacy.invalidLink")}</p>}
      {data.valid && data.optedOut && <p className="alert ok" role="status">{t("privacy.unsubscribed")}</p>}
      {data.valid && !data.optedOut && (
        <Form method="post" className="stack">
          <CsrfInput />
          <p>{t("privacy.unsubscribeIntro")}</p>
          <p className="actions"><button type="submit">{t("privacy.unsubscribeButton")}</button></p>
        </Form>
      )}
    </div>
  );
}
