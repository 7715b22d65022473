import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireReportsAccess } from "../auth/guards.server";
import { getDb } from "../db.server";
import { buildReport } from "../reports/build-report.server";
import { CHANNEL_LABELS, parseReportParams, reportSearch } from "../reports/report-params";
import { ChartFigure } from "../ui/report-chart";
import { translatedTitle } from "../ui/page-title";
import { getLocale } from "../i18n/locale.server";
import { useFormat } from "../ui/format-time";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "reports.summary.title") }];

/** /reports/summary — the same report as one printable page: key figures and two small charts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireReportsAccess(request);
  const now = new Date();
  const { params } = parseReportParams(new URL(request.url).searchParams, now);
  const report = await buildReport(getDb(), params, now, { overall: true, locale: await getLocale(request, user) });
  return json({ report, printedAt: now.toISOString().slice(0, 10) });
}


export default function ReportSummary() {
  const { report, printedAt } = useLoaderData<typeof loader>();
  const { params: p, totals: tt } = report;
  const { t } = useTranslation();
  const { date, number } = useFormat();
  const hours = (h: number | null | undefined) => (h == null ? "–" : t("reports.summary.hours", { value: number(Math.round(h * 10) / 10) }));
  const filters = [
    p.channel && t("reports.summary.filterChannel", { name: CHANNEL_LABELS[p.channel] ? t(`staff.channels.${p.channel}`) : p.channel }),
    p.category && t("reports.summary.filterCategory", { name: report.options.categories.find((c) => c.slug === p.category)?.name ?? p.category }),
    p.team && t("reports.summary.filterTeam", { name: report.options.teams.find((x) => x.slug === p.team)?.name ?? p.team }),
  ].filter(Boolean);
  const chart = (id: string) => report.charts.find((c) => c.id === id)!;
  return (
    <article className="report-summary">
      <p className="no-print actions">
        <Link to={`/reports?${reportSearch(p)}`}>{t("reports.summary.back")}</Link>
        <button type="button" className="secondary" onClick={() => window.print()}>{t("reports.summary.print")}</button>
      </p>
      <h1>{t("reports.summary.title")}</h1>
      <p className="muted">
        {t("reports.summary.range", { from: date(p.from), to: date(p.to), interval: t(`reports.intervals.${p.interval}`) })}{filters.length ? `; ${filters.join(", ")}` : t("reports.summary.allFilters")}.{" "}
        {t("reports.summary.produced", { date: date(printedAt) })}
      </p>
      <div className="summary-columns">
        <section aria-labelledby="sum-service">
          <h2 id="sum-service">{t("reports.service")}</h2>
          <dl className="facts">
            <dt>{t("reports.summary.opened")}</dt><dd data-figure="opened">{tt.opened}</dd>
            <dt>{t("reports.summary.closed")}</dt><dd data-figure="closed">{tt.closed}</dd>
            <dt>{t("reports.summary.backlog")}</dt><dd data-figure="backlog">{tt.backlogAtEnd}</dd>
            <dt>{t("reports.summary.firstResponse")}</dt><dd>{hours(tt.firstResponse?.median)} / {hours(tt.firstResponse?.p90)}</dd>
            <dt>{t("reports.summary.resolution")}</dt><dd>{hours(tt.resolution?.median)} / {hours(tt.resolution?.p90)}</dd>
            <dt>{t("reports.summary.followUps")}</dt><dd>{t("reports.summary.followUpsValue", { works: tt.followUps.works, problem: tt.followUps.problem, missed: tt.followUps.missed })}</dd>
          </dl>
          {tt.purgedNotInWeeks > 0 && <p className="report-note">{t("reports.summary.purgedNote", { count: tt.purgedNotInWeeks })}</p>}
        </section>
        <section aria-labelledby="sum-privacy">
          <h2 id="sum-privacy">{t("reports.privacy")}</h2>
          <dl className="facts">
            <dt>{t("reports.summary.purged")}</dt><dd data-figure="purged">{tt.purged}</dd>
            <dt>{t("reports.summary.withheld")}</dt><dd>{tt.withheld}</dd>
            <dt>{t("reports.summary.accessViews")}</dt><dd>{tt.accessViews}</dd>
            <dt>{t("reports.summary.dsr")}</dt>
            <dd>{t("reports.summary.dsrValue", { total: tt.dsr.total, done: tt.dsr.done, onTime: tt.dsr.onTime, overdue: tt.dsr.overdueOpen, median: tt.dsr.medianDays === null ? "–" : number(tt.dsr.medianDays) })}</dd>
          </dl>
          <table className="compact">
            <caption>{t("reports.summary.removedCaption")}</caption>
            <thead><tr><th scope="col">{t("reports.summary.type")}</th><th scope="col">{t("reports.summary.text")}</th><th scope="col">{t("reports.summary.screenshots")}</th></tr></thead>
            <tbody>
              {tt.redactions.length === 0 && <tr><td colSpan={3} className="muted">{t("reports.summary.none")}</td></tr>}
              {tt.redactions.map((r) => <tr key={r.type}><th scope="row">{r.type}</th><td className="num">{r.text}</td><td className="num">{r.images}</td></tr>)}
            </tbody>
          </table>
        </section>
      </div>
      <div className="summary-charts">
        <ChartFigure chart={chart("opened")} width={340} height={180} table={false} />
        <ChartFigure chart={chart("backlog")} width={340} height={180} table={false} />
      </div>
    </article>
  );
}
