import type { MetaArgs } from "@remix-run/node";

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
