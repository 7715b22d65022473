import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireReportsAccess } from "../auth/guards.server";
import { getDb } from "../db.server";
import { buildReport } from "../reports/build-report.server";
import { CHANNEL_LABELS, parseReportParams, reportSearch } from "../reports/report-params";
import { ChartFigure } from "../ui/report-chart";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Report summary") }];

/** /reports/summary — the same report as one printable page: key figures and two small charts. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireReportsAccess(request);
  const now = new Date();
  const { params } = parseReportParams(new URL(request.url).searchParams, now);
  const report = await buildReport(getDb(), params, now, { overall: true });
  return json({ report, printedAt: now.toISOString().slice(0, 10) });
}

const hours = (h: number | null | undefined) => (h == null ? "–" : `${Math.round(h * 10) / 10} h`);

export default function ReportSummary() {
  const { report, printedAt } = useLoaderData<typeof loader>();
  const { params: p, totals: t } = report;
  const filters = [
    p.channel && `channel ${CHANNEL_LABELS[p.channel] ?? p.channel}`,
    p.category && `category ${report.options.categories.find((c) => c.slug === p.category)?.name ?? p.category}`,
    p.team && `team ${report.options.teams.find((x) => x.slug === p.team)?.name ?? p.team}`,
  ].filter(Boolean);
  const chart = (id: string) => report.charts.find((c) => c.id === id)!;
  return (
    <article className="report-summary">
      <p className="no-print actions">
        <Link to={`/reports?${reportSearch(p)}`}>Back to reports</Link>
        <button type="button" className="secondary" onClick={() => window.print()}>Print</button>
      </p>
      <h1>Service and privacy summary</h1>
      <p className="muted">
        {p.from} to {p.to}, per {p.interval}{filters.length ? `; ${filters.join(", ")}` : "; all channels, categories and teams"}.
        Produced {printedAt} from counts only; no personal data.
      </p>
      <div className="summary-columns">
        <section aria-labelledby="sum-service">
          <h2 id="sum-service">Service</h2>
          <dl className="facts">
            <dt>Tickets opened</dt><dd data-figure="opened">{t.opened}</dd>
            <dt>Tickets closed</dt><dd data-figure="closed">{t.closed}</dd>
            <dt>Open at the end</dt><dd data-figure="backlog">{t.backlogAtEnd}</dd>
            <dt>First response, median / 90%</dt><dd>{hours(t.firstResponse?.median)} / {hours(t.firstResponse?.p90)}</dd>
            <dt>Resolution, median / 90%</dt><dd>{hours(t.resolution?.median)} / {hours(t.resolution?.p90)}</dd>
            <dt>Follow-up checks</dt><dd>{t.followUps.works} work, {t.followUps.problem} problem found, {t.followUps.missed} missed</dd>
          </dl>
          {t.purgedNotInWeeks > 0 && <p className="report-note">{t.purgedNotInWeeks} purged tickets keep only their month and are not in weekly figures.</p>}
        </section>
        <section aria-labelledby="sum-privacy">
          <h2 id="sum-privacy">Privacy</h2>
          <dl className="facts">
            <dt>Tickets purged</dt><dd data-figure="purged">{t.purged}</dd>
            <dt>Attachments withheld</dt><dd>{t.withheld}</dd>
            <dt>Access details opened</dt><dd>{t.accessViews}</dd>
            <dt>Data-subject requests</dt>
            <dd>{t.dsr.total} ({t.dsr.done} done, {t.dsr.onTime} on time, {t.dsr.overdueOpen} overdue; median {t.dsr.medianDays ?? "–"} days)</dd>
          </dl>
          <table className="compact">
            <caption>Personal data removed on intake</caption>
            <thead><tr><th scope="col">Type</th><th scope="col">Text</th><th scope="col">Screenshots</th></tr></thead>
            <tbody>
              {t.redactions.length === 0 && <tr><td colSpan={3} className="muted">None in this range.</td></tr>}
              {t.redactions.map((r) => <tr key={r.type}><th scope="row">{r.type}</th><td className="num">{r.text}</td><td className="num">{r.images}</td></tr>)}
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
