/** The one shape every report figure has: drawn as a chart, shown as a table, sent as CSV. */
export const CHART_IDS = [
  "opened", "closed", "backlog", "first-response", "resolution", "followups",
  "redactions-text", "redactions-images", "withheld", "purged", "dsr", "dsr-requests", "access-views",
] as const;
export type ChartId = (typeof CHART_IDS)[number];

export function isChartId(v: string): v is ChartId {
  return (CHART_IDS as readonly string[]).includes(v);
}

export type ReportCell = string | number | null;

export type ReportChart = {
  id: ChartId;
  section: "service" | "privacy";
  title: string;
  description: string;
  /** "table" has no drawing: a list whose rows are not a time series. */
  kind: "stacked" | "bars" | "line" | "table";
  xLabel: string;
  unit: string;
  /** Columns after the first (x); keys never come from user text, labels are ours or admin-set names. */
  series: { key: string; label: string }[];
  rows: Array<{ x: string } & Record<string, ReportCell>>;
  /** Series drawn in the chart when not all are (a count beside hours, say); default all. */
  drawKeys?: string[];
  note?: string;
};

export type ReportOptions = {
  categories: { slug: string; name: string }[];
  teams: { slug: string; name: string }[];
};
