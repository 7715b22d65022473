import { useTranslation } from "react-i18next";
import { isLocale, type Locale } from "../i18n/i18n";

/**
 * The one place dates and numbers are formatted for a language (Intl with the page's locale).
 * Staff pages show times in the company's zone, the same on server and browser (no hydration
 * mismatch): Slovenian as 2. 12. 26, 14:05, English as 02/12/2026, 14:05.
 */
const TAGS: Record<Locale, string> = { sl: "sl-SI", en: "en-GB" };
const ZONE = "Europe/Ljubljana";

const timeFormatters = {
  sl: new Intl.DateTimeFormat(TAGS.sl, { timeZone: ZONE, dateStyle: "short", timeStyle: "short" }),
  en: new Intl.DateTimeFormat(TAGS.en, { timeZone: ZONE, dateStyle: "short", timeStyle: "short" }),
};
const dateFormatters = {
  sl: new Intl.DateTimeFormat(TAGS.sl, { timeZone: ZONE, dateStyle: "medium" }),
  en: new Intl.DateTimeFormat(TAGS.en, { timeZone: ZONE, dateStyle: "medium" }),
};
const numberFormatters = { sl: new Intl.NumberFormat(TAGS.sl), en: new Intl.NumberFormat(TAGS.en) };

/**
 * Formatted times by locale and ISO text: Intl formatting was a measurable part of rendering
 * the queue (two times per row, fifty rows, every page view), and the same tickets come back
 * page after page. Bounded by clearing, not a policy.
 */
const formatted = new Map<string, string>();

function toDate(value: string | Date): Date {
  return typeof value === "string" ? new Date(value) : value;
}

export function formatTime(value: string | Date | null | undefined, locale: Locale = "en"): string {
  if (!value) return "";
  const key = `${locale}|${typeof value === "string" ? value : value.toISOString()}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = timeFormatters[locale].format(toDate(value));
    if (formatted.size >= 5_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** A calendar day: a Date, an ISO time, or a plain "YYYY-MM-DD" (taken as that day, not shifted by the zone). */
export function formatDate(value: string | Date | null | undefined, locale: Locale = "en"): string {
  if (!value) return "";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    return new Intl.DateTimeFormat(TAGS[locale], { timeZone: "UTC", dateStyle: "medium" }).format(new Date(Date.UTC(y, m - 1, d, 12)));
  }
  return dateFormatters[locale].format(toDate(value));
}

export function formatNumber(value: number | null | undefined, locale: Locale = "en", options?: Intl.NumberFormatOptions): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return options ? new Intl.NumberFormat(TAGS[locale], options).format(value) : numberFormatters[locale].format(value);
}

/** The page's language (from the root's i18n instance) and the formatters bound to it. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale: Locale = isLocale(i18n.language) ? i18n.language : "en";
  return {
    locale,
    time: (value: string | Date | null | undefined) => formatTime(value, locale),
    date: (value: string | Date | null | undefined) => formatDate(value, locale),
    number: (value: number | null | undefined, options?: Intl.NumberFormatOptions) => formatNumber(value, locale, options),
  };
}
