import type { Db } from "../db.server";
import { getT, type Locale } from "../i18n/i18n";
import { CHANNEL_LABELS, CHANNELS, dayOf, listBuckets, listMonths, type ReportParams } from "./report-params";
import type { ChartId, ReportChart, ReportOptions } from "./report-types";
import { computeFlow, type FlowCell, type SeriesRow } from "./ticket-flow";
import {
  auditPerMonth, dataSubjectRequests, followUpOutcomes, hoursPercentiles, liveTicketFlow, purgedTicketFlow,
  redactionCounts, reportOptions, withheldPerMonth, type PercentileRow,
} from "./report-queries.server";

/**
 * Builds every figure of /reports from data Minidesk may keep: live tickets plus the anonymous
 * TicketStat rows retention leaves behind, the monthly redaction counters, attachment
 * statuses, follow-up outcomes, data-subject request dates and audit counts. Only counts and
 * durations come out; the breakdown labels are channel codes and admin-set category/team names.
 */
export type Report = {
  params: ReportParams;
  options: ReportOptions;
  charts: ReportChart[];
  totals: ReportTotals;
};

export type ReportTotals = {
  opened: number; closed: number; backlogAtEnd: number; purged: number; purgedNotInWeeks: number;
  firstResponse: PercentileRow | null; resolution: PercentileRow | null;
  followUps: { works: number; problem: number; missed: number };
  redactions: { type: string; text: number; images: number }[];
  withheld: number; accessViews: number;
  dsr: { total: number; done: number; onTime: number; overdueOpen: number; medianDays: number | null };
};

const DSR_LIST_LIMIT = 500;
const DAY_MS = 86_400_000;

function dimLabel(by: ReportParams["by"], options: ReportOptions, dim: string, t: ReturnType<typeof getT>): string {
  if (by === "channel") return CHANNEL_LABELS[dim] ? t(`staff.channels.${dim}`) : dim;
  const list = by === "category" ? options.categories : options.teams;
  return list.find((x) => x.slug === dim)?.name ?? dim;
}

const key = (dim: string) => `s_${dim}`;

/** Rows keyed for charts: breakdown values become `s_<slug>` so they never clash with `x`. */
function keyed(rows: SeriesRow[], dims: string[]) {
  return rows.map((r) => Object.assign({ x: r.x }, Object.fromEntries(dims.map((d) => [key(d), r[d] ?? 0]))));
}

function perMonth(months: string[], counts: { month: string; n: number }[]) {
  const by = new Map(counts.map((c) => [c.month, c.n]));
  return months.map((m) => ({ x: m, count: by.get(m) ?? 0 }));
}

const round1 = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Which charts read each query: a CSV of one chart runs only the queries that chart needs. */
const FLOW_CHARTS: ChartId[] = ["opened", "closed", "backlog"];
const READ_BY: Record<"options" | "live" | "stats" | "fr" | "res" | "fu" | "red" | "wh" | "views" | "dsrs", ChartId[]> = {
  options: [...FLOW_CHARTS, "purged"],
  live: FLOW_CHARTS,
  stats: [...FLOW_CHARTS, "purged"],
  fr: ["first-response"],
  res: ["resolution"],
  fu: ["followups"],
  red: ["redactions-text", "redactions-images"],
  wh: ["withheld"],
  views: ["access-views"],
  dsrs: ["dsr", "dsr-requests"],
};

/** One figure, for its CSV: the same numbers as in buildReport, from only the queries it reads. */
export async function buildReportChart(db: Db, params: ReportParams, now: Date, id: ChartId, locale: Locale = "en"): Promise<ReportChart> {
  const report = await buildReport(db, params, now, { only: id, locale });
  return report.charts.find((c) => c.id === id)!;
}

/**
 * `overall`: also the whole-range response percentiles (the summary shows them; two more sorts).
 * `only`: skip the queries that chart does not read; the other charts and the totals are then
 * empty, so only buildReportChart passes it.
 * `locale`: the language of titles, axes, legends and CSV headers (the viewer's; default English).
 */
export async function buildReport(db: Db, params: ReportParams, now: Date, opts: { overall?: boolean; only?: ChartId; locale?: Locale } = {}): Promise<Report> {
  const p = params;
  const t = getT(opts.locale ?? "en");
  const buckets = listBuckets(p.from, p.to, p.interval);
  const months = listMonths(p.from, p.to);
  const reads = (q: keyof typeof READ_BY) => !opts.only || READ_BY[q].includes(opts.only);
  const [options, live, stats, fr, res, frAll, resAll, fu, red, wh, views, dsrs] = await Promise.all([
    reads("options") ? reportOptions(db, opts.locale) : { categories: [], teams: [] },
    reads("live") ? liveTicketFlow(db, p) : [],
    reads("stats") ? purgedTicketFlow(db, p) : [],
    reads("fr") ? hoursPercentiles(db, p, "firstResponseAt", p.interval) : [],
    reads("res") ? hoursPercentiles(db, p, "resolvedAt", p.interval) : [],
    opts.overall ? hoursPercentiles(db, p, "firstResponseAt", null) : [],
    opts.overall ? hoursPercentiles(db, p, "resolvedAt", null) : [],
    reads("fu") ? followUpOutcomes(db, p) : [],
    reads("red") ? redactionCounts(db, p) : [],
    reads("wh") ? withheldPerMonth(db, p) : [],
    reads("views") ? auditPerMonth(db, p, "access_details.viewed") : [],
    reads("dsrs") ? dataSubjectRequests(db, p, DSR_LIST_LIMIT) : [],
  ]);

  // Purged tickets keep months only: they join the service charts when the buckets are months.
  const serviceCells: FlowCell[] = p.interval === "month" ? [...live, ...stats] : live;
  const flow = computeFlow(serviceCells, buckets);
  const purgedFlow = computeFlow(stats, months);
  const purgedNotInWeeks = p.interval === "week"
    ? sum(stats.filter((c) => (c.opened >= months[0]! && c.opened <= months.at(-1)!) || (c.closed !== null && c.closed >= months[0]! && c.closed <= months.at(-1)!)).map((c) => c.n))
    : 0;
  const dims = [...new Set([...flow.dims, ...(p.by === "channel" ? CHANNELS : [])])].sort();
  const dimSeries = dims.map((d) => ({ key: key(d), label: dimLabel(p.by, options, d, t) }));
  const bucketLabel = p.interval === "week" ? t("reports.axes.week") : t("reports.axes.month");
  const byLabel = t(`reports.breakdowns.${p.by}`);
  const interval = t(`reports.intervals.${p.interval}`);
  const weekNote = purgedNotInWeeks > 0 ? t("reports.notes.weeks", { count: purgedNotInWeeks }) : undefined;
  const unit = (u: string) => t(`reports.units.${u}`);
  const chartText = (k: string, vars: Record<string, string> = {}) => ({ title: t(`reports.charts.${k}.title`), description: t(`reports.charts.${k}.description`, vars) });
  const monthLabel = t("reports.axes.month");

  const percentileRows = (rows: PercentileRow[]) => {
    const by = new Map(rows.map((r) => [r.bucket, r]));
    return buckets.map((b) => ({ x: b, tickets: by.get(b)?.count ?? 0, median: round1(by.get(b)?.median ?? null), p90: round1(by.get(b)?.p90 ?? null) }));
  };
  const percentileSeries = [{ key: "tickets", label: t("reports.series.tickets") }, { key: "median", label: t("reports.series.median") }, { key: "p90", label: t("reports.series.p90") }];

  const fuBy = new Map(fu.map((r) => [r.month, r]));
  const textTypes = [...new Set(red.filter((r) => r.source !== "IMAGE").map((r) => r.type))].sort();
  const imageTypes = [...new Set(red.filter((r) => r.source === "IMAGE").map((r) => r.type))].sort();
  const redRows = (types: string[], image: boolean) =>
    months.map((m) => Object.assign({ x: m }, Object.fromEntries(types.map((t) => [key(t), sum(red.filter((r) => r.month === m && r.type === t && (r.source === "IMAGE") === image).map((r) => r.n))]))));

  const dsrList = dsrs.map((d) => {
    // The one-month deadline runs from confirmation (docs/decisions/010), so the time taken does too.
    const start = d.confirmedAt ?? d.requestedAt;
    const days = d.completedAt ? Math.round(((d.completedAt.getTime() - start.getTime()) / DAY_MS) * 10) / 10 : null;
    const onTime = d.dueAt === null ? null : d.completedAt ? d.completedAt <= d.dueAt : now <= d.dueAt ? null : false;
    return { ...d, days, onTime };
  });
  const doneDays = dsrList.filter((d) => d.days !== null).map((d) => d.days!).sort((a, b) => a - b);

  const charts: ReportChart[] = [
    {
      id: "opened", section: "service", ...chartText("opened", { interval, by: byLabel }), kind: "stacked", xLabel: bucketLabel, unit: unit("tickets"), series: dimSeries, rows: keyed(flow.opened, dims), note: weekNote,
    },
    {
      id: "closed", section: "service", ...chartText("closed", { interval, by: byLabel }), kind: "stacked", xLabel: bucketLabel, unit: unit("tickets"), series: dimSeries, rows: keyed(flow.closed, dims), note: weekNote,
    },
    {
      id: "backlog", section: "service", ...chartText("backlog", { interval }), kind: "line", xLabel: bucketLabel, unit: unit("tickets"),
      series: [{ key: "open", label: t("reports.series.openTickets") }], rows: flow.backlog.map((r) => ({ x: r.x, open: r.open ?? 0 })), note: weekNote,
    },
    {
      id: "first-response", section: "service", ...chartText("firstResponse", { interval }), kind: "line", xLabel: bucketLabel, unit: unit("hours"),
      series: percentileSeries, rows: percentileRows(fr), drawKeys: ["median", "p90"], note: t("reports.notes.keptOnly"),
    },
    {
      id: "resolution", section: "service", ...chartText("resolution", { interval }), kind: "line", xLabel: bucketLabel, unit: unit("hours"),
      series: percentileSeries, rows: percentileRows(res), drawKeys: ["median", "p90"], note: t("reports.notes.keptOnly"),
    },
    {
      id: "followups", section: "service", ...chartText("followups"), kind: "stacked", xLabel: t("reports.axes.monthDue"), unit: unit("checks"),
      series: [{ key: "works", label: t("reports.series.works") }, { key: "problem", label: t("reports.series.problem") }, { key: "missed", label: t("reports.series.missed") }],
      rows: months.map((m) => ({ x: m, works: fuBy.get(m)?.works ?? 0, problem: fuBy.get(m)?.problem ?? 0, missed: fuBy.get(m)?.missed ?? 0 })),
      note: t("reports.notes.followups"),
    },
    {
      id: "redactions-text", section: "privacy", ...chartText("redactionsText"), kind: "stacked", xLabel: monthLabel, unit: unit("items"),
      series: textTypes.map((t) => ({ key: key(t), label: t })), rows: redRows(textTypes, false),
      note: t("reports.notes.counters"),
    },
    {
      id: "redactions-images", section: "privacy", ...chartText("redactionsImages"), kind: "stacked", xLabel: monthLabel, unit: unit("items"),
      series: imageTypes.map((t) => ({ key: key(t), label: t })), rows: redRows(imageTypes, true),
      note: t("reports.notes.counters"),
    },
    {
      id: "withheld", section: "privacy", ...chartText("withheld"), kind: "bars", xLabel: monthLabel, unit: unit("attachments"),
      series: [{ key: "count", label: t("reports.series.withheld") }], rows: perMonth(months, wh),
      note: t("reports.notes.withheld"),
    },
    {
      id: "purged", section: "privacy", ...chartText("purged", { by: byLabel }), kind: "stacked", xLabel: monthLabel, unit: unit("tickets"),
      series: purgedFlow.dims.map((d) => ({ key: key(d), label: dimLabel(p.by, options, d, t) })), rows: keyed(purgedFlow.purged, purgedFlow.dims),
    },
    {
      id: "dsr", section: "privacy", ...chartText("dsr"), kind: "stacked", xLabel: t("reports.axes.monthRequested"), unit: unit("requests"),
      series: [{ key: "export", label: t("reports.series.export") }, { key: "erase", label: t("reports.series.erase") }],
      rows: months.map((m) => ({
        x: m,
        export: dsrList.filter((d) => d.kind === "EXPORT" && dayOf(d.requestedAt).startsWith(m)).length,
        erase: dsrList.filter((d) => d.kind === "ERASE" && dayOf(d.requestedAt).startsWith(m)).length,
      })),
      note: dsrs.length >= DSR_LIST_LIMIT ? t("reports.notes.dsrLimit", { count: DSR_LIST_LIMIT }) : undefined,
    },
    {
      id: "dsr-requests", section: "privacy", ...chartText("dsrRequests"), kind: "table", xLabel: t("reports.axes.requested"), unit: "",
      series: [
        { key: "kind", label: t("reports.series.kind") }, { key: "status", label: t("reports.series.status") }, { key: "due", label: t("reports.series.due") },
        { key: "completed", label: t("reports.series.completed") }, { key: "days", label: t("reports.series.daysTaken") }, { key: "onTime", label: t("reports.series.onTime") },
      ],
      rows: dsrList.map((d) => ({
        x: dayOf(d.requestedAt), kind: d.kind === "ERASE" ? t("reports.series.erase") : t("reports.series.export"), status: t(`admin.privacy.statuses.${d.status}`, { defaultValue: d.status }),
        due: d.dueAt ? dayOf(d.dueAt) : null, completed: d.completedAt ? dayOf(d.completedAt) : null, days: d.days,
        onTime: d.onTime === null ? (d.completedAt ? null : t("reports.cells.open")) : d.onTime ? t("reports.cells.yes") : t("reports.cells.no"),
      })),
    },
    {
      id: "access-views", section: "privacy", ...chartText("accessViews"), kind: "bars", xLabel: monthLabel, unit: unit("views"),
      series: [{ key: "count", label: t("reports.series.views") }], rows: perMonth(months, views),
      note: t("reports.notes.accessViews"),
    },
  ];

  const totals: ReportTotals = {
    opened: sum(flow.opened.map((r) => sum(dims.map((d) => r[d] ?? 0)))),
    closed: sum(flow.closed.map((r) => sum(dims.map((d) => r[d] ?? 0)))),
    backlogAtEnd: flow.backlog.at(-1)?.open ?? 0,
    purged: sum(purgedFlow.purged.map((r) => sum(purgedFlow.dims.map((d) => r[d] ?? 0)))),
    purgedNotInWeeks,
    firstResponse: frAll[0] ?? null,
    resolution: resAll[0] ?? null,
    followUps: { works: sum(fu.map((r) => r.works)), problem: sum(fu.map((r) => r.problem)), missed: sum(fu.map((r) => r.missed)) },
    redactions: [...new Set(red.map((r) => r.type))].sort().map((type) => ({
      type,
      text: sum(red.filter((r) => r.type === type && r.source !== "IMAGE").map((r) => r.n)),
      images: sum(red.filter((r) => r.type === type && r.source === "IMAGE").map((r) => r.n)),
    })),
    withheld: sum(wh.map((r) => r.n)),
    accessViews: sum(views.map((r) => r.n)),
    dsr: {
      total: dsrList.length,
      done: dsrList.filter((d) => d.completedAt).length,
      onTime: dsrList.filter((d) => d.onTime === true).length,
      overdueOpen: dsrList.filter((d) => !d.completedAt && d.onTime === false).length,
      medianDays: doneDays.length ? doneDays[Math.ceil(doneDays.length / 2) - 1]! : null,
    },
  };
  return { params: p, options, charts, totals };
}

/** RFC 4180 CSV with a BOM (spreadsheets then read UTF-8); text that a spreadsheet would run as a formula is defused. */
export function chartToCsv(chart: ReportChart): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return String(v);
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = [chart.xLabel, ...chart.series.map((s) => s.label)];
  const lines = [header.map(cell).join(","), ...chart.rows.map((r) => [r.x, ...chart.series.map((s) => r[s.key])].map(cell).join(","))];
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
