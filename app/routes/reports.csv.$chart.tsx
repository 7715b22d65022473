import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireReportsAccess } from "../auth/guards.server";
import { getDb } from "../db.server";
import { buildReportChart, chartToCsv } from "../reports/build-report.server";
import { parseReportParams } from "../reports/report-params";
import { isChartId } from "../reports/report-types";
import { getLocale } from "../i18n/locale.server";
import { getT } from "../i18n/i18n";

/** /reports/csv/:chart?same-params — one figure's numbers as a CSV download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireReportsAccess(request);
  // The header row and the labels in the viewer's language (profile, else the browser's).
  const locale = await getLocale(request, user);
  const t = getT(locale);
  const id = params.chart ?? "";
  if (!isChartId(id)) throw new Response("No such chart", { status: 404 });
  const now = new Date();
  const parsed = parseReportParams(new URL(request.url).searchParams, now);
  if (Object.keys(parsed.errors).length > 0) {
    return new Response(Object.entries(parsed.errors).map(([k, v]) => `${t(`reports.fields.${k}`, { defaultValue: k })}: ${t(`reports.errors.${v}`, { defaultValue: t("reports.errors.invalid") })}`).join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const chart = await buildReportChart(getDb(), parsed.params, now, id, locale);
  const p = parsed.params;
  return new Response(chartToCsv(chart), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="minidesk-${id}-${p.from}-${p.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
