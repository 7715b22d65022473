import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireReportsAccess } from "../auth/guards.server";
import { getDb } from "../db.server";
import { buildReport } from "../reports/build-report.server";
import { CHANNEL_LABELS, CHANNELS, parseReportParams, reportSearch } from "../reports/report-params";
import { ChartFigure } from "../ui/report-chart";
import { pageTitle } from "../ui/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Reports") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireReportsAccess(request);
  const now = new Date();
  const { params, errors } = parseReportParams(new URL(request.url).searchParams, now);
  const report = await buildReport(getDb(), params, now);
  return json({ report, errors, isAdmin: user.role === "ADMIN" });
}

export default function Reports() {
  const { report, errors, isAdmin } = useLoaderData<typeof loader>();
  const p = report.params;
  const search = reportSearch(p);
  const figure = (section: "service" | "privacy") =>
    report.charts.filter((c) => c.section === section).map((c) => (
      <ChartFigure key={c.id} chart={c} csvHref={`/reports/csv/${c.id}?${search}`} />
    ));
  return (
    <div className="reports">
      <h1>Reports</h1>
      <p className="muted">
        How the service desk is doing, and what it did to keep personal data out. Counts only: no report shows a name,
        an address or any text a client wrote. Dates are in UTC.
      </p>
      {Object.keys(errors).length > 0 && (
        <div className="alert bad" role="alert">
          {Object.entries(errors).map(([k, v]) => <div key={k}>{`${k}: ${v} (the default is used)`}</div>)}
        </div>
      )}
      <Form method="get" className="toolbar report-filters" aria-label="Report range and filters">
        <label>From<input type="date" name="from" defaultValue={p.from} /></label>
        <label>To<input type="date" name="to" defaultValue={p.to} /></label>
        <label>Per
          <select name="interval" defaultValue={p.interval}>
            <option value="week">week</option><option value="month">month</option>
          </select>
        </label>
        <label>Break down by
          <select name="by" defaultValue={p.by}>
            <option value="channel">channel</option><option value="category">category</option><option value="team">team</option>
          </select>
        </label>
        <label>Channel
          <select name="channel" defaultValue={p.channel ?? ""}>
            <option value="">all</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{CHANNEL_LABELS[c]}</option>)}
          </select>
        </label>
        <label>Category
          <select name="category" defaultValue={p.category ?? ""}>
            <option value="">all</option>
            {report.options.categories.map((c) => <option key={c.slug} value={c.slug}>{c.name}</option>)}
          </select>
        </label>
        <label>Team
          <select name="team" defaultValue={p.team ?? ""}>
            <option value="">all</option>
            {report.options.teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select>
        </label>
        <button type="submit">Show</button>
      </Form>
      <p className="actions no-print">
        <Link to={`/reports/summary?${search}`}>One-page summary for printing</Link>
        {isAdmin && <Link to="/reports/access">Who may see reports</Link>}
      </p>
      <h2>Service</h2>
      <div className="report-grid">{figure("service")}</div>
      <h2>Privacy</h2>
      <div className="report-grid">{figure("privacy")}</div>
    </div>
  );
}
