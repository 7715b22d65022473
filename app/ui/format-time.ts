/** Staff pages show times in the company's zone, the same on server and browser (no hydration mismatch). */
const formatter = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Ljubljana", dateStyle: "short", timeStyle: "short" });

export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  return formatter.format(typeof value === "string" ? new Date(value) : value);
}
