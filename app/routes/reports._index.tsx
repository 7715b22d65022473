import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireReportsAccess } from "../auth/guards.server";
import { getDb } from "../db.server";
import { buildReport } from "../reports/build-report.server";
import { CHANNEL_LABELS, CHANNELS, parseReportParams, reportSearch } from "../reports/report-params";
import { ChartFigure } from "../ui/report-chart";
import { translatedTitle } from "../ui/page-title";
import { getLocale } from "../i18n/locale.server";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "reports.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireReportsAccess(request);
  const now = new Date();
  const { params, errors } = parseReportParams(new URL(request.url).searchParams, now);
  const report = await buildReport(getDb(), params, now, { locale: await getLocale(request, user) });
  return json({ report, errors, isAdmin: user.role === "ADMIN" });
}

export default function Reports() {
  const { report, errors, isAdmin } = useLoaderData<typeof loader>();
  const p = report.params;
  const search = reportSearch(p);
  const { t, i18n } = useTranslation();
  const errorText = (code: string) => (i18n.exists(`reports.errors.${code}`) ? t(`reports.errors.${code}`) : t("reports.errors.invalid"));
  const figure = (section: "service" | "privacy") =>
    report.charts.filter((c) => c.section === section).map((c) => (
      <ChartFigure key={c.id} chart={c} csvHref={`/reports/csv/${c.id}?${search}`} />
    ));
  return (
    <div className="reports">
      <h1>{t("reports.title")}</h1>
      <p className="muted">{t("reports.intro")}</p>
      {Object.keys(errors).length > 0 && (
        <div className="alert bad" role="alert">
          {Object.entries(errors).map(([k, v]) => <div key={k}>{t("reports.defaultUsed", { field: t(`reports.fields.${k}`, { defaultValue: k }), message: errorText(v) })}</div>)}
        </div>
      )}
      <Form method="get" className="toolbar report-filters" aria-label={t("reports.filtersLabel")}>
        <label>{t("reports.from")}<input type="date" name="from" defaultValue={p.from} /></label>
        <label>{t("reports.to")}<input type="date" name="to" defaultValue={p.to} /></label>
        <label>{t("reports.per")}
          <select name="interval" defaultValue={p.interval}>
            <option value="week">{t("reports.intervals.week")}</option><option value="month">{t("reports.intervals.month")}</option>
          </select>
        </label>
        <label>{t("reports.breakDownBy")}
          <select name="by" defaultValue={p.by}>
            <option value="channel">{t("reports.breakdowns.channel")}</option><option value="category">{t("reports.breakdowns.category")}</option><option value="team">{t("reports.breakdowns.team")}</option>
          </select>
        </label>
        <label>{t("reports.channel")}
          <select name="channel" defaultValue={p.channel ?? ""}>
            <option value="">{t("reports.all")}</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{t(`staff.channels.${c}`, { defaultValue: CHANNEL_LABELS[c] })}</option>)}
          </select>
        </label>
        <label>{t("reports.category")}
          <select name="category" defaultValue={p.category ?? ""}>
            <option value="">{t("reports.all")}</option>
            {report.options.categories.map((c) => <option key={c.slug} value={c.slug}>{c.name}</option>)}
          </select>
        </label>
        <label>{t("reports.team")}
          <select name="team" defaultValue={p.team ?? ""}>
            <option value="">{t("reports.all")}</option>
            {report.options.teams.map((team) => <option key={team.slug} value={team.slug}>{team.name}</option>)}
          </select>
        </label>
        <button type="submit">{t("reports.show")}</button>
      </Form>
      <p className="actions no-print">
        <Link to={`/reports/summary?${search}`}>{t("reports.summaryLink")}</Link>
        {isAdmin && <Link to="/reports/access">{t("reports.accessLink")}</Link>}
      </p>
      <h2>{t("reports.service")}</h2>
      <div className="report-grid">{figure("service")}</div>
      <h2>{t("reports.privacy")}</h2>
      <div className="report-grid">{figure("privacy")}</div>
    </div>
  );
}
