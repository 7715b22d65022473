import type { ReportChart } from "../reports/report-types";
import { ChartSvg } from "./report-chart-svg";
import { useHydrated } from "./use-hydrated";
import { useFormat } from "./format-time";
import { useTranslation } from "react-i18next";

/**
 * One report figure: a chart, its numbers as a table, and a CSV link.
 *
 * The chart is drawn in the browser, after hydration; the server sends an empty SVG of the same
 * size in its place. Drawing twelve recharts figures on the server took more time than building
 * the report itself (300 ms for five years by month, 650 KB of SVG: docs/decisions/013). The
 * table and the CSV link are server HTML, so the numbers are there without JavaScript; the
 * printable summary is printed from the browser, where the charts have been drawn.
 */
export function ChartFigure({ chart, csvHref, width = 500, height = 250, table = true }: {
  chart: ReportChart; csvHref?: string; width?: number; height?: number; table?: boolean;
}) {
  const hydrated = useHydrated();
  const { t } = useTranslation();
  const headingId = `chart-${chart.id}`;
  return (
    <section className="report-chart panel" aria-labelledby={headingId} data-chart={chart.id}>
      <h3 id={headingId}>{chart.title}</h3>
      <p className="muted">{chart.description}</p>
      {chart.kind !== "table" && (
        <div className="report-svg" role="img" aria-label={t(table ? "reports.chart.ariaLabel" : "reports.chart.ariaLabelElsewhere", { title: chart.title })}>
          {hydrated
            ? <ChartSvg chart={chart} width={width} height={height} />
            // Holds the chart's place (attributes, not a style: the CSP blocks style attributes), so nothing moves when it is drawn.
            : <svg className="report-chart-pending" width={width} height={height} aria-hidden="true" />}
        </div>
      )}
      {chart.kind !== "table" && (
        <noscript><p className="report-note">{t(table ? "reports.chart.noscript" : "reports.chart.noscriptElsewhere")}</p></noscript>
      )}
      {chart.note && <p className="report-note">{chart.note}</p>}
      {table && <ChartTable chart={chart} />}
      {csvHref && <p className="no-print"><a href={csvHref} download>{t("reports.chart.download", { title: chart.title })}</a></p>}
    </section>
  );
}

export function ChartTable({ chart }: { chart: ReportChart }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? "–" : typeof v === "number" ? number(v) : v);
  return (
    <div className="report-table">
      <table>
        <caption>{chart.unit ? t("reports.chart.caption", { title: chart.title, unit: chart.unit }) : chart.title}</caption>
        <thead>
          <tr>
            <th scope="col">{chart.xLabel}</th>
            {chart.series.map((s) => <th scope="col" key={s.key}>{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {chart.rows.length === 0 && (
            <tr><td colSpan={chart.series.length + 1} className="muted">{t("reports.chart.empty")}</td></tr>
          )}
          {chart.rows.map((r, i) => (
            <tr key={`${r.x}-${i}`}>
              <th scope="row">{r.x}</th>
              {chart.series.map((s) => <td key={s.key} className="num">{cell(r[s.key])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
