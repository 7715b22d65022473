import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ReportChart } from "../reports/report-types";

/**
 * The recharts drawing of one report figure, at a fixed size (no ResponsiveContainer, so the
 * picture prints as it is on screen). Drawn in the browser only (see report-chart.tsx): there
 * recharts can measure its legend, and it sets its few style properties through the DOM, which
 * the CSP (style-src 'self', no 'unsafe-inline') allows; only style ATTRIBUTES in HTML are blocked.
 */
const COLOURS = ["#1f5fbf", "#e07b00", "#1e7a46", "#b3261e", "#6f42c1", "#00838f", "#8a6d3b", "#5b6475", "#c2185b", "#2e7d32"];

export function ChartSvg({ chart, width, height }: { chart: ReportChart; width: number; height: number }) {
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
