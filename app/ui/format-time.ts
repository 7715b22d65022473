/** Staff pages show times in the company's zone, the same on server and browser (no hydration mismatch). */
const formatter = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Ljubljana", dateStyle: "short", timeStyle: "short" });

/**
 * Formatted times by their ISO text: Intl formatting was a measurable part of rendering the
 * queue (two times per row, fifty rows, every page view), and the same tickets come back page
 * after page. Bounded by clearing, not a policy.
 */
const formatted = new Map<string, string>();

export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const key = typeof value === "string" ? value : value.toISOString();
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatter.format(typeof value === "string" ? new Date(value) : value);
    if (formatted.size >= 5_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}
