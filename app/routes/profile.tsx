import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireTechnician } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { loadPrefs, savePrefs } from "../notifications/preferences.server";

// A staff member's own settings. One section and one form per concern, each posting its
// `intent`; a new concern adds its schema to the union, its branch to the action and a section.
const box = z.enum(["on"]).optional().transform((v) => v === "on");
const Notifications = z.object({ intent: z.literal("notifications"), newInTeam: box, clientReply: box, assigned: box, followUpDue: box, dailyDigest: box });
const Schema = z.discriminatedUnion("intent", [Notifications]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireTechnician(request, context);
  return json({ prefs: await loadPrefs(getDb(), user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTechnician(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ ok: false, intent: null }, { status: 400 });
  const { intent, ...prefs } = parsed.data;
  await savePrefs(getDb(), user.id, prefs);
  return json({ ok: true, intent });
}

const FIELDS = ["newInTeam", "clientReply", "assigned", "followUpDue", "dailyDigest"] as const;

export default function Profile() {
  const { prefs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("profile.title")}</h1>
      <section aria-labelledby="profile-notifications">
        <p className="muted" id="profile-notifications">{t("profile.intro")}</p>
        {data?.ok && data.intent === "notifications" && <p className="alert ok" role="status">{t("profile.saved")}</p>}
        <Form method="post" className="stack panel narrow">
          <CsrfInput />
          <input type="hidden" name="intent" value="notifications" />
          {FIELDS.map((f) => (
            <label className="inline" key={f}><input type="checkbox" name={f} defaultChecked={prefs[f]} /> {t(`profile.${f}`)}</label>
          ))}
          <button type="submit">{t("profile.save")}</button>
        </Form>
      </section>
      <LanguageSection />
    </div>
  );
}

/** The person's language (issue 22): its own form, posted to /lang, which saves it on the account. */
function LanguageSection() {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel narrow" aria-labelledby="language-title" id="language">
      <h2 id="language-title">{t("staff.languageTitle")}</h2>
      <p className="muted">{t("staff.languageIntro")}</p>
      <Form method="post" action="/lang" className="stack">
        <CsrfInput />
        <input type="hidden" name="intent" value="language" />
        <input type="hidden" name="to" value="/profile" />
        <label>{t("staff.languageLabel")}
          <select name="l" defaultValue={i18n.language}>
            <option value="sl" lang="sl">{t("staff.languages.sl")}</option>
            <option value="en" lang="en">{t("staff.languages.en")}</option>
          </select>
        </label>
        <button type="submit">{t("staff.languageSave")}</button>
      </Form>
    </section>
  );
}
