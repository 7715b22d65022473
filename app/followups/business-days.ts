/**
 * Business-day arithmetic in the company's time zone. Pure: the caller passes the time
 * zone and the holiday calendar, so tests and other countries need no globals.
 * Only Intl.DateTimeFormat is used for zone conversion, which knows the DST rules.
 */
export type BusinessCalendar = {
  timeZone: string;
  /** Work-free dates of a year as "YYYY-MM-DD" (weekends are added here). */
  holidays: (year: number) => Set<string>;
};

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    ms: instant.getUTCMilliseconds(),
  };
}

/** Milliseconds the zone is ahead of UTC at an instant (+1 h or +2 h in Ljubljana). */
function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  return asUtc - instant;
}

/**
 * The instant a wall-clock time happens in a zone. Two passes settle the offset on either
 * side of a DST change; a time skipped by spring-forward lands one hour later, as clocks do.
 */
export function fromLocalParts(p: LocalParts, timeZone: string): Date {
  const naive = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  const first = naive - offsetMs(naive, timeZone);
  const second = naive - offsetMs(first, timeZone);
  return new Date(second);
}

function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function isBusinessDate(year: number, month: number, day: number, holidays: BusinessCalendar["holidays"]): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays(year).has(dateKey(year, month, day));
}

/** The local calendar date of an instant, "YYYY-MM-DD". */
export function localDateKey(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return dateKey(p.year, p.month, p.day);
}

/** Whether the local date of `instant` is neither a weekend nor a holiday. */
export function isBusinessDay(instant: Date, cal: BusinessCalendar): boolean {
  const p = localParts(instant, cal.timeZone);
  return isBusinessDate(p.year, p.month, p.day, cal.holidays);
}

/**
 * `start` moved forward by `days` business days, keeping its local wall-clock time:
 * Thursday 14:30 + 2 = Monday 14:30 local, even when a DST change falls in between.
 * A start on a weekend counts from the next business day (Saturday + 1 = Monday).
 */
export function addBusinessDays(start: Date, days: number, cal: BusinessCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("days must be a non-negative integer");
  if (days === 0) return new Date(start.getTime());
  const p = localParts(start, cal.timeZone);
  // Walk the calendar with UTC dates as plain Y-M-D arithmetic; the zone is applied at the end.
  const cursor = new Date(Date.UTC(p.year, p.month - 1, p.day));
  let left = days;
  while (left > 0) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (isBusinessDate(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, cursor.getUTCDate(), cal.holidays)) left--;
  }
  return fromLocalParts(
    { ...p, year: cursor.getUTCFullYear(), month: cursor.getUTCMonth() + 1, day: cursor.getUTCDate() },
    cal.timeZone,
  );
}
