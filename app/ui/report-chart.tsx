import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ReportChart } from "../reports/report-types";

/**
 * One report figure: an SVG chart drawn on the server at a fixed size (no ResponsiveContainer,
 * so the server HTML is already the picture and prints), its numbers as a table, and a CSV link.
 *
 * CSP: recharts also writes a few inline style ATTRIBUTES (wrapper size, legend position).
 * Our policy (style-src 'self') blocks them and we keep it that way: the SVG carries its size
 * and colours as attributes, and app.css lays out `.recharts-wrapper` / `.recharts-legend-wrapper`
 * itself, so nothing needs 'unsafe-inline'.
 */
const COLOURS = ["#1f5fbf", "#e07b00", "#1e7a46", "#b3261e", "#6f42c1", "#00838f", "#8a6d3b", "#5b6475", "#c2185b", "#2e7d32"];

export function ChartFigure({ chart, csvHref, width = 500, height = 250, table = true }: {
  chart: ReportChart; csvHref?: string; width?: number; height?: number; table?: boolean;
}) {
  const headingId = `chart-${chart.id}`;
  return (
    <section className="report-chart panel" aria-labelledby={headingId} data-chart={chart.id}>
      <h3 id={headingId}>{chart.title}</h3>
      <p className="muted">{chart.description}</p>
      {chart.kind !== "table" && (
        <div className="report-svg" role="img" aria-label={`${chart.title}: chart; the same numbers are in the table below.`}>
          <ChartSvg chart={chart} width={width} height={height} />
        </div>
      )}
      {chart.note && <p className="report-note">{chart.note}</p>}
      {table && <ChartTable chart={chart} />}
      {csvHref && <p className="no-print"><a href={csvHref} download>Download CSV: {chart.title}</a></p>}
    </section>
  );
}

function ChartSvg({ chart, width, height }: { chart: ReportChart; width: number; height: number }) {
  const drawn = chart.series.filter((s) => !chart.drawKeys || chart.drawKeys.includes(s.key));
  const common = { width, height, data: chart.rows, margin: { top: 8, right: 16, bottom: 8, left: 0 } };
  const axes = [
    <CartesianGrid key="g" stroke="#dde1e8" vertical={false} />,
    <XAxis key="x" dataKey="x" tick={{ fontSize: 11 }} minTickGap={8} />,
    <YAxis key="y" allowDecimals={chart.unit === "hours"} tick={{ fontSize: 11 }} width={44} />,
    <Tooltip key="t" isAnimationActive={false} />,
    <Legend key="l" />,
  ];
  if (chart.kind === "line") {
    return (
      <LineChart {...common}>
        {axes}
        {drawn.map((s, i) => (
          <Line key={s.key} dataKey={s.key} name={s.label} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2}
            dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} type="linear" />
        ))}
      </LineChart>
    );
  }
  return (
    <BarChart {...common}>
      {axes}
      {drawn.map((s, i) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[i % COLOURS.length]}
          stackId={chart.kind === "stacked" ? "a" : undefined} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

export function ChartTable({ chart }: { chart: ReportChart }) {
  return (
    <div className="report-table">
      <table>
        <caption>{chart.unit ? `${chart.title} (${chart.unit})` : chart.title}</caption>
        <thead>
          <tr>
            <th scope="col">{chart.xLabel}</th>
            {chart.series.map((s) => <th scope="col" key={s.key}>{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {chart.rows.length === 0 && (
            <tr><td colSpan={chart.series.length + 1} className="muted">Nothing in this range.</td></tr>
          )}
          {chart.rows.map((r, i) => (
            <tr key={`${r.x}-${i}`}>
              <th scope="row">{r.x}</th>
              {chart.series.map((s) => <td key={s.key} className="num">{r[s.key] ?? "–"}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
