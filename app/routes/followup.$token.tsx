import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { parseForm } from "../http/parse-form.server";
import { answerFollowUpLink, inspectFollowUpLink } from "../followups/follow-up-answers.server";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }, { name: "robots", content: "noindex" }];

// The token is in the path: no caching, and no Referer carrying it anywhere.
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** GET only shows the question: mail scanners open links, and must not answer for the client. */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const state = await inspectFollowUpLink(db, params.token ?? "", new Date());
  if (!state.ok) return json({ state: state.reason, outcome: null, reference: null }, { status: state.reason === "INVALID" ? 404 : 410, headers: PRIVATE });
  const ticket = await db.ticket.findUnique({ where: { id: state.ticketId }, select: { reference: true } });
  return json({ state: "OPEN" as const, outcome: state.outcome, reference: ticket?.reference ?? null }, { headers: PRIVATE });
}

const AnswerSchema = z.object({ comment: z.string().max(5000).optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, AnswerSchema);
  if (!parsed.ok) return json({ result: "INVALID" as const }, { status: 400, headers: PRIVATE });
  const state = await answerFollowUpLink(getDb(), params.token ?? "", { comment: parsed.data.comment }, new Date());
  return json({ result: state.ok ? state.outcome : state.reason }, { status: state.ok ? 200 : 410, headers: PRIVATE });
}

export const headers = () => PRIVATE;

export default function FollowUpAnswer() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer?.result;
  if (result === "WORKS") return <Notice kind="ok" text={t("followup.thanksWorks")} />;
  if (result === "PROBLEM") return <Notice kind="ok" text={t("followup.thanksBroken")} />;
  const refusal = result ?? (data.state !== "OPEN" ? data.state : null);
  if (refusal === "USED") return <Notice kind="info" text={t("followup.used")} />;
  if (refusal === "EXPIRED") return <Notice kind="info" text={t("followup.expired")} />;
  if (refusal) return <Notice kind="bad" text={t("followup.invalid")} />;
  return (
    <div className="narrow panel">
      <h1>{t("followup.title")}</h1>
      <p>{t("followup.intro", { reference: data.reference })}</p>
      <Form method="post" className="stack">
        <CsrfInput />
        {data.outcome === "PROBLEM" && (
          <>
            <p className="muted">{t("followup.brokenIntro")}</p>
            <label>{t("followup.comment")}<textarea name="comment" maxLength={5000} /></label>
          </>
        )}
        <button type="submit" className={data.outcome === "PROBLEM" ? "danger" : undefined}>
          {data.outcome === "PROBLEM" ? t("followup.brokenButton") : t("followup.worksButton")}
        </button>
      </Form>
    </div>
  );
}

function Notice({ kind, text }: { kind: "ok" | "info" | "bad"; text: string }) {
  return (
    <div className="narrow panel">
      <p className={`alert ${kind}`} role="status">{text}</p>
    </div>
  );
}
