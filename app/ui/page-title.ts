import type { MetaArgs } from "@remix-run/node";
import { getT, isLocale } from "../i18n/i18n";

/**
 * The browser tab's title: "Queue · <COMPANY_NAME>", or the company alone. The name comes from
 * the root loader (the server's configuration), so every page, staff and client alike, carries
 * the installation's own name rather than the product's.
 */
export function pageTitle(matches: MetaArgs["matches"], label?: string): string {
  const root = matches.find((m) => m.id === "root")?.data as { company?: string } | undefined;
  const company = root?.company ?? "Minidesk";
  return label ? `${label} · ${company}` : company;
}

/** The same, with the label a message key translated into the page's language (the root loader's locale). */
export function translatedTitle(matches: MetaArgs["matches"], key: string, options?: Record<string, unknown>): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return pageTitle(matches, String(getT(isLocale(root?.locale) ? root.locale : "en")(key, options)));
}
