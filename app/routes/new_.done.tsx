import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isReference, readIntakeOutcome } from "../portal/intake-outcome.server";
import { RedactedCounts, WithheldList } from "../ui/portal-outcome";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** "Thank you": the reference comes from the URL (not personal data); the details from a signed cookie. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ref = new URL(request.url).searchParams.get("ref");
  const reference = isReference(ref) ? ref : null;
  const outcome = reference ? await readIntakeOutcome(request, reference) : null;
  return json(
    { reference, redacted: outcome?.redacted ?? {}, withheld: outcome?.withheld ?? [] },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function NewTicketDone() {
  const { t } = useTranslation();
  const { reference, redacted, withheld } = useLoaderData<typeof loader>();
  return (
    <div className="narrow panel">
      <h1>{t("portal.doneTitle")}</h1>
      {reference ? (
        <>
          <p>
            {t("portal.doneReference")} <strong className="reference" data-testid="reference">{reference}</strong>
          </p>
          <p>{t("portal.doneEmail")}</p>
        </>
      ) : (
        <p>{t("portal.doneGeneric")}</p>
      )}
      <RedactedCounts counts={redacted} />
      {withheld.length > 0 && (
        <div className="alert info">
          <p>{t("portal.doneWithheld")}</p>
          <WithheldList items={withheld} />
        </div>
      )}
      <p className="actions">
        <Link className="button secondary" to="/new">{t("portal.doneNewTicket")}</Link>
      </p>
    </div>
  );
}
