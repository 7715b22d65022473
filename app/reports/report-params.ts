import { z } from "zod";

/**
 * What a report shows: a date range, a bucket size, one breakdown and three filters, all in
 * the URL so a report can be bookmarked. Only dates and slugs ever go in the URL: no names,
 * no addresses. Pure (the clock is an argument), shared by the page, the CSV and the summary.
 */
export const INTERVALS = ["week", "month"] as const;
export const BREAKDOWNS = ["channel", "category", "team"] as const;
export const CHANNELS = ["WEB", "EMAIL"] as const;
/** Shown in the browser too, so it lives here and not in a .server module. */
export const CHANNEL_LABELS: Record<string, string> = { WEB: "Web form", EMAIL: "Email" };
export type Interval = (typeof INTERVALS)[number];
export type Breakdown = (typeof BREAKDOWNS)[number];

export type ReportParams = {
  /** First day in the range (YYYY-MM-DD, UTC), already aligned to the interval. */
  from: string;
  /** Last day in the range, inclusive, aligned to the interval. */
  to: string;
  interval: Interval;
  by: Breakdown;
  channel?: string;
  category?: string;
  team?: string;
};

/** A range longer than this is refused: five years of weekly bars help no one. */
const MAX_DAYS = 5 * 366;
/** Weekly buckets up to about half a year by default, monthly beyond. */
const AUTO_WEEK_MAX_DAYS = 190;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dateFormat")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "notRealDate");
const slug = z.string().regex(/^[a-z0-9-]{1,40}$/, "unknownValue");
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const Schema = z.object({
  from: z.preprocess(emptyToUndefined, isoDay.optional()),
  to: z.preprocess(emptyToUndefined, isoDay.optional()),
  interval: z.preprocess(emptyToUndefined, z.enum(INTERVALS).optional()),
  by: z.preprocess(emptyToUndefined, z.enum(BREAKDOWNS).optional()),
  channel: z.preprocess(emptyToUndefined, z.enum(CHANNELS).optional()),
  category: z.preprocess(emptyToUndefined, slug.optional()),
  team: z.preprocess(emptyToUndefined, slug.optional()),
});

export const DAY_MS = 86_400_000;

export function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
/** Monday of the ISO week of a day. */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}
function lastDayOfMonth(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return addDays(dayOf(d), -1);
}

export type ParsedReportParams = { params: ReportParams; errors: Record<string, string> };

/**
 * Reads the URL. An invalid field is reported (as a message code: reports.errors.* in the i18n;
 * zod's own enum message becomes "invalid" on the page) and replaced by its default, so the page
 * still shows something useful next to the message.
 */
export function parseReportParams(search: URLSearchParams, now: Date): ParsedReportParams {
  const raw = Object.fromEntries(["from", "to", "interval", "by", "channel", "category", "team"].map((k) => [k, search.get(k)]));
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [key, shape] of Object.entries(Schema.shape)) {
    const r = shape.safeParse(raw[key]);
    if (r.success) values[key] = r.data;
    else errors[key] = r.error.issues[0]?.message ?? "invalid";
  }
  let to = (values.to as string | undefined) ?? dayOf(now);
  let from = (values.from as string | undefined) ?? addDays(to, -181);
  if (from > to) {
    errors.from = "startAfterEnd";
    from = addDays(to, -181);
  }
  if (daysBetween(from, to) > MAX_DAYS) {
    errors.from = "tooLong";
    from = addDays(to, -MAX_DAYS);
  }
  const interval: Interval = (values.interval as Interval | undefined) ?? (daysBetween(from, to) <= AUTO_WEEK_MAX_DAYS ? "week" : "month");
  // Whole buckets only, so the first and last bar are comparable with the others.
  if (interval === "week") {
    from = weekStart(from);
    to = addDays(weekStart(to), 6);
  } else {
    from = `${monthOfDay(from)}-01`;
    to = lastDayOfMonth(to);
  }
  return {
    params: {
      from, to, interval,
      by: (values.by as Breakdown | undefined) ?? "channel",
      channel: values.channel as string | undefined,
      category: values.category as string | undefined,
      team: values.team as string | undefined,
    },
    errors,
  };
}

/** The query string for the same report (for CSV links, the summary and the form). */
export function reportSearch(p: ReportParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set("from", p.from);
  q.set("to", p.to);
  q.set("interval", p.interval);
  q.set("by", p.by);
  if (p.channel) q.set("channel", p.channel);
  if (p.category) q.set("category", p.category);
  if (p.team) q.set("team", p.team);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** The buckets of a range: Monday dates for weeks, YYYY-MM for months. */
export function listBuckets(from: string, to: string, interval: Interval): string[] {
  const out: string[] = [];
  if (interval === "week") {
    for (let d = weekStart(from); d <= to; d = addDays(d, 7)) out.push(d);
  } else {
    for (let m = monthOfDay(from); m <= monthOfDay(to); ) {
      out.push(m);
      const d = new Date(`${m}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + 1);
      m = d.toISOString().slice(0, 7);
    }
  }
  return out;
}

export function listMonths(from: string, to: string): string[] {
  return listBuckets(from, to, "month");
}

/** The day after the range: the exclusive upper bound for timestamps. */
export function dayAfter(day: string): string {
  return addDays(day, 1);
}
