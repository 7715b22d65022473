import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

/**
 * Seeds known rows straight into the database and checks that what /reports shows (the
 * domain functions and the CSV downloads through the running app) equals counts the test
 * computes on its own from the seed, in plain JavaScript.
 */
let app: RunningMinidesk;

// A small deterministic generator, so the seed is varied but the same on every run.
let state = 42;
const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const H = 3_600_000;
const D = 24 * H;

type SeedTicket = {
  channel: string; categorySlug: string; team: string; createdAt: Date;
  firstResponseAt: Date | null; resolvedAt: Date | null; closedAt: Date | null;
};
type SeedStat = { category: string; channel: string; teamSlug: string; openedMonth: string; closedMonth: string | null; purgedMonth: string };
type SeedFollowUp = { ticket: number; dueAt: Date; status: string; clientOutcome: string | null; techOutcome: string | null };

const PERSONAL_MARKER_EMAIL = "janez.novak@primer.si";
const PERSONAL_MARKER_SUBJECT = "Zasebna zadeva Kovač";

const tickets: SeedTicket[] = [];
const stats: SeedStat[] = [];
const followUps: SeedFollowUp[] = [];
const CATEGORIES = ["web", "crm", "hosting", "other"] as const;
const TEAMS = ["it", "web", "projects"] as const;
const START = Date.parse("2025-11-15T00:00:00Z");
const END = Date.parse("2026-04-10T00:00:00Z");

for (let i = 0; i < 160; i++) {
  const createdAt = new Date(START + Math.floor(rand() * (END - START)));
  const answered = rand() < 0.85;
  const firstResponseAt = answered ? new Date(createdAt.getTime() + Math.floor(rand() * 72 * H) + 60_000) : null;
  const resolved = answered && rand() < 0.7;
  const resolvedAt = resolved ? new Date(firstResponseAt!.getTime() + Math.floor(rand() * 20 * D)) : null;
  const closedAt = resolved && rand() < 0.8 ? new Date(resolvedAt!.getTime() + Math.floor(rand() * 8 * D)) : null;
  tickets.push({ channel: pick(["WEB", "EMAIL"]), categorySlug: pick(CATEGORIES), team: pick(TEAMS), createdAt, firstResponseAt, resolvedAt, closedAt });
}
// Tickets on bucket edges (UTC midnight of a Monday and of the 1st, the last millisecond of a
// Sunday or a month): week and month buckets must agree on SQLite (ISO text) and PostgreSQL (timestamp).
const at = (s: string) => new Date(s);
for (const [createdAt, firstResponseAt, resolvedAt, closedAt, team] of [
  ["2026-01-05T00:00:00.000Z", "2026-01-05T00:00:00.000Z", "2026-01-11T23:59:59.999Z", "2026-01-12T00:00:00.000Z", "it"],
  ["2026-01-04T23:59:59.999Z", "2026-01-05T00:00:00.001Z", "2026-03-16T00:00:00.000Z", "2026-03-16T00:00:00.000Z", "web"],
  ["2025-12-31T23:59:59.999Z", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z", "projects"],
  ["2026-03-31T23:59:59.999Z", null, null, null, "it"],
  ["2026-02-01T00:00:00.000Z", "2026-02-28T23:59:59.999Z", "2026-03-01T00:00:00.000Z", "2026-03-15T23:59:59.999Z", "web"],
] as const) {
  tickets.push({
    channel: "WEB", categorySlug: "crm", team, createdAt: at(createdAt),
    firstResponseAt: firstResponseAt && at(firstResponseAt), resolvedAt: resolvedAt && at(resolvedAt), closedAt: closedAt && at(closedAt),
  });
}
const MONTHS = ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"];
for (let i = 0; i < 90; i++) {
  const o = Math.floor(rand() * 6);
  const c = rand() < 0.15 ? null : Math.min(o + Math.floor(rand() * 2), 7);
  const purged = Math.min((c ?? o) + Math.floor(rand() * 3), 7);
  stats.push({
    category: pick(CATEGORIES), channel: pick(["WEB", "EMAIL"]), teamSlug: pick(TEAMS),
    openedMonth: MONTHS[o]!, closedMonth: c === null ? null : MONTHS[c]!, purgedMonth: MONTHS[purged]!,
  });
}
for (let i = 0; i < 40; i++) {
  const status = pick(["DONE", "DONE", "MISSED", "SCHEDULED"]);
  const clientOutcome = status === "DONE" ? pick(["WORKS", "PROBLEM", null]) : null;
  const techOutcome = status === "DONE" && clientOutcome === null ? pick(["OK", "PROBLEM"]) : null;
  followUps.push({ ticket: i, dueAt: new Date(Date.parse("2025-12-20T08:00:00Z") + Math.floor(rand() * 110 * D)), status, clientOutcome, techOutcome });
}
const redactionStats = [
  { month: "2026-01", source: "TEXT", type: "EMAIL", count: 7 },
  { month: "2026-01", source: "SUBJECT", type: "EMAIL", count: 2 },
  { month: "2026-01", source: "IMAGE", type: "EMAIL", count: 3 },
  { month: "2026-02", source: "TEXT", type: "IBAN", count: 4 },
  { month: "2026-02", source: "FILENAME", type: "PHONE", count: 1 },
  { month: "2026-03", source: "IMAGE", type: "PHONE", count: 5 },
  { month: "2025-12", source: "TEXT", type: "EMAIL", count: 100 }, // outside the range
];
const dsrs = [
  { kind: "EXPORT", status: "DONE", requestedAt: "2026-01-10T09:00:00Z", dueAt: "2026-02-10T09:00:00Z", completedAt: "2026-01-13T09:00:00Z" },
  { kind: "ERASE", status: "DONE", requestedAt: "2026-02-01T09:00:00Z", dueAt: "2026-03-01T09:00:00Z", completedAt: "2026-03-05T09:00:00Z" },
  { kind: "ERASE", status: "OPEN", requestedAt: "2026-03-02T09:00:00Z", dueAt: "2026-04-02T09:00:00Z", completedAt: null },
  { kind: "EXPORT", status: "UNCONFIRMED", requestedAt: "2026-03-03T09:00:00Z", dueAt: null, completedAt: null },
];
const accessViews = ["2026-01-05", "2026-01-20", "2026-03-07", "2026-03-08", "2026-03-09", "2025-12-31"];

const month = (d: Date) => d.toISOString().slice(0, 7);
const inRange = (d: Date | null, from: string, toExcl: string) => d !== null && d.toISOString() >= from && d.toISOString() < toExcl;

function parseCsv(text: string): string[][] {
  // fetch's text() drops the byte-order mark; the test of the raw bytes checks it is sent.
  return text.replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
}

async function signIn(email: string, password: string) {
  const b = new TestBrowser(app.url, "en");
  await b.get("/login");
  const res = await b.post("/login", { email, password });
  expect(res.status).toBe(302);
  return b;
}

beforeAll(async () => {
  app = await startTestApp();
  const { getDb } = await import("../../app/db.server");
  const db = getDb();
  const teams = new Map((await db.team.findMany()).map((t) => [t.slug, t.id]));
  const requester = await db.requester.create({ data: { email: PERSONAL_MARKER_EMAIL, name: "Janez Novak" } });
  const ids: string[] = [];
  for (const [i, t] of tickets.entries()) {
    const { team, ...rest } = t;
    const row = await db.ticket.create({
      data: {
        ...rest, reference: `MD-2026-${String(i + 1).padStart(6, "0")}`, subject: `${PERSONAL_MARKER_SUBJECT} ${i}`,
        teamId: teams.get(team)!, requesterId: requester.id,
        status: t.closedAt ? "CLOSED" : t.resolvedAt ? "RESOLVED" : "OPEN",
      },
    });
    ids.push(row.id);
  }
  await db.ticketStat.createMany({ data: stats.map((s) => ({ ...s, messageCount: 2, attachmentCount: 0 })) });
  for (const f of followUps) {
    await db.followUp.create({
      data: {
        ticketId: ids[f.ticket]!, description: "check", target: "WEB", deployedAt: new Date(f.dueAt.getTime() - 2 * D),
        dueAt: f.dueAt, status: f.status, clientOutcome: f.clientOutcome, techOutcome: f.techOutcome,
      },
    });
  }
  await db.redactionStat.createMany({ data: redactionStats });
  const attach = (i: number, status: string, at: string) => ({
    ticketId: ids[i]!, fileName: "screenshot.png", mediaType: "image/png", size: 10, status, createdAt: new Date(at),
  });
  await db.attachment.createMany({
    data: [attach(0, "WITHHELD", "2026-01-04T10:00:00Z"), attach(1, "WITHHELD", "2026-03-04T10:00:00Z"), attach(2, "WITHHELD", "2026-03-24T10:00:00Z"), attach(3, "STORED", "2026-03-04T10:00:00Z")],
  });
  for (const d of dsrs) {
    await db.dataSubjectRequest.create({
      data: { kind: d.kind, status: d.status, emailHash: "0".repeat(64), requestedAt: new Date(d.requestedAt), dueAt: d.dueAt ? new Date(d.dueAt) : null, completedAt: d.completedAt ? new Date(d.completedAt) : null },
    });
  }
  for (const day of accessViews) {
    await db.auditEvent.create({ data: { action: "access_details.viewed", ticketId: ids[5], createdAt: new Date(`${day}T12:00:00Z`) } });
  }
  await db.auditEvent.create({ data: { action: "ticket.opened", ticketId: ids[5], createdAt: new Date("2026-01-05T12:00:00Z") } });
});
afterAll(async () => {
  await app?.stop();
});

const Q1 = "from=2026-01-01&to=2026-03-31&interval=month";

describe("reports: figures match the seeded data", () => {
  it("months: opened, closed and backlog combine live tickets with purged-ticket stats", async () => {
    const { getDb } = await import("../../app/db.server");
    const { buildReport } = await import("../../app/reports/build-report.server");
    const { parseReportParams } = await import("../../app/reports/report-params");
    const { params } = parseReportParams(new URLSearchParams(Q1), new Date("2026-04-15T00:00:00Z"));
    const report = await buildReport(getDb(), params, new Date("2026-04-15T00:00:00Z"));
    const chart = (id: string) => report.charts.find((c) => c.id === id)!;
    const monthEnds: Record<string, string> = { "2026-01": "2026-02-01", "2026-02": "2026-03-01", "2026-03": "2026-04-01" };
    for (const [m, end] of Object.entries(monthEnds)) {
      for (const ch of ["WEB", "EMAIL"]) {
        const opened = tickets.filter((t) => t.channel === ch && month(t.createdAt) === m).length + stats.filter((s) => s.channel === ch && s.openedMonth === m).length;
        const closed = tickets.filter((t) => t.channel === ch && t.closedAt && month(t.closedAt) === m).length + stats.filter((s) => s.channel === ch && s.closedMonth === m).length;
        expect(chart("opened").rows.find((r) => r.x === m)![`s_${ch}`]).toBe(opened);
        expect(chart("closed").rows.find((r) => r.x === m)![`s_${ch}`]).toBe(closed);
      }
      const backlog = tickets.filter((t) => t.createdAt.toISOString() < end && (!t.closedAt || t.closedAt.toISOString() >= end)).length
        + stats.filter((s) => s.openedMonth <= m && (s.closedMonth ?? s.purgedMonth) > m).length;
      expect(chart("backlog").rows.find((r) => r.x === m)!.open).toBe(backlog);
    }
    expect(report.totals.opened).toBe(tickets.filter((t) => inRange(t.createdAt, "2026-01-01", "2026-04-01")).length + stats.filter((s) => s.openedMonth >= "2026-01" && s.openedMonth <= "2026-03").length);
  });

  it("response and resolution times: median and 90th percentile per month (nearest rank)", async () => {
    const { getDb } = await import("../../app/db.server");
    const { buildReport } = await import("../../app/reports/build-report.server");
    const { parseReportParams } = await import("../../app/reports/report-params");
    const now = new Date("2026-04-15T00:00:00Z");
    const report = await buildReport(getDb(), parseReportParams(new URLSearchParams(Q1), now).params, now);
    const rank = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1]!;
    for (const [id, field] of [["first-response", "firstResponseAt"], ["resolution", "resolvedAt"]] as const) {
      const chart = report.charts.find((c) => c.id === id)!;
      for (const m of ["2026-01", "2026-02", "2026-03"]) {
        const hours = tickets.filter((t) => t[field] && month(t[field]!) === m).map((t) => (t[field]!.getTime() - t.createdAt.getTime()) / H);
        const row = chart.rows.find((r) => r.x === m)!;
        expect(row.tickets).toBe(hours.length);
        expect(hours.length).toBeGreaterThan(3);
        expect(row.median).toBeCloseTo(Math.round(rank([...hours], 50) * 10) / 10, 5);
        expect(row.p90).toBeCloseTo(Math.round(rank([...hours], 90) * 10) / 10, 5);
      }
    }
  });

  it("weeks: live tickets per Monday-week, and a note counting purged tickets left out", async () => {
    const { getDb } = await import("../../app/db.server");
    const { buildReport } = await import("../../app/reports/build-report.server");
    const { parseReportParams } = await import("../../app/reports/report-params");
    const now = new Date("2026-04-15T00:00:00Z");
    const { params } = parseReportParams(new URLSearchParams("from=2026-01-07&to=2026-03-10&interval=week&by=team"), now);
    expect(params.from).toBe("2026-01-05"); // the Monday of that week
    expect(params.to).toBe("2026-03-15"); // the Sunday
    const report = await buildReport(getDb(), params, now);
    const opened = report.charts.find((c) => c.id === "opened")!;
    expect(opened.rows).toHaveLength(10);
    for (const row of opened.rows) {
      const start = Date.parse(`${row.x}T00:00:00Z`);
      for (const team of TEAMS) {
        const n = tickets.filter((t) => t.team === team && t.createdAt.getTime() >= start && t.createdAt.getTime() < start + 7 * D).length;
        expect(row[`s_${team}`] ?? 0).toBe(n);
      }
    }
    const leftOut = stats.filter((s) => (s.openedMonth >= "2026-01" && s.openedMonth <= "2026-03") || (s.closedMonth !== null && s.closedMonth >= "2026-01" && s.closedMonth <= "2026-03")).length;
    expect(leftOut).toBeGreaterThan(0);
    expect(opened.note).toContain(`${leftOut} purged tickets`);
  });

  it("CSV downloads through the app match, with filters applied", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    const res = await fetch(`${app.url}/reports/csv/opened?${Q1}&by=channel&category=crm&team=it`, { headers: { Cookie: `md_session=${admin.cookies.get("md_session")}`, "Accept-Language": "en" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="minidesk-opened-2026-01-01-2026-03-31.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, so spreadsheets read "č" right
    const rows = parseCsv(bytes.toString("utf8"));
    expect(rows[0]).toEqual(["Month", "Email", "Web form"]);
    // The header row follows the viewer's language: a Slovenian browser gets it in Slovenian.
    const sl = await fetch(`${app.url}/reports/csv/opened?${Q1}&by=channel&category=crm&team=it`, { headers: { Cookie: `md_session=${admin.cookies.get("md_session")}`, "Accept-Language": "sl-SI,sl;q=0.9" } });
    expect(parseCsv(await sl.text())[0]).toEqual(["Mesec", "E-pošta", "Spletni obrazec"]);
    for (const row of rows.slice(1)) {
      const [m, email, web] = row;
      const count = (ch: string) => tickets.filter((t) => t.channel === ch && t.categorySlug === "crm" && t.team === "it" && month(t.createdAt) === m).length
        + stats.filter((s) => s.channel === ch && s.category === "crm" && s.teamSlug === "it" && s.openedMonth === m).length;
      expect([m, Number(email), Number(web)]).toEqual([m, count("EMAIL"), count("WEB")]);
    }
    expect(rows.slice(1).map((r) => r[0])).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(rows.slice(1).flatMap((r) => r.slice(1).map(Number)).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
  });

  it("privacy CSVs: redactions, withheld images, purges, follow-ups, requests and access views", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    const csv = async (id: string, q = Q1) => parseCsv(await (await admin.get(`/reports/csv/${id}?${q}`)).text);

    const text = await csv("redactions-text");
    expect(text[0]).toEqual(["Month", "EMAIL", "IBAN", "PHONE"]);
    expect(text.slice(1)).toEqual([["2026-01", "9", "0", "0"], ["2026-02", "0", "4", "1"], ["2026-03", "0", "0", "0"]]);
    const images = await csv("redactions-images");
    expect(images.slice(1)).toEqual([["2026-01", "3", "0"], ["2026-02", "0", "0"], ["2026-03", "0", "5"]]);

    expect((await csv("withheld")).slice(1)).toEqual([["2026-01", "1"], ["2026-02", "0"], ["2026-03", "2"]]);
    expect((await csv("access-views")).slice(1)).toEqual([["2026-01", "2"], ["2026-02", "0"], ["2026-03", "3"]]);

    const purged = await csv("purged", `${Q1}&by=category`);
    const cats = purged[0]!.slice(1);
    for (const row of purged.slice(1)) {
      cats.forEach((label, i) => {
        const slug = { "Web page": "web", "CRM system": "crm", "Hosting and email": "hosting", "Something else": "other" }[label]!;
        expect(Number(row[i + 1])).toBe(stats.filter((s) => s.purgedMonth === row[0] && s.category === slug).length);
      });
    }
    expect(purged.slice(1).flatMap((r) => r.slice(1).map(Number)).reduce((a, b) => a + b, 0))
      .toBe(stats.filter((s) => s.purgedMonth >= "2026-01" && s.purgedMonth <= "2026-03").length);

    const fu = await csv("followups");
    expect(fu[0]).toEqual(["Month due", "Works", "Problem found", "Missed"]);
    expect(fu.slice(1).flatMap((r) => r.slice(1).map(Number)).reduce((x, y) => x + y, 0)).toBeGreaterThan(5);
    for (const [m, works, problem, missed] of fu.slice(1)) {
      const inMonth = followUps.filter((f) => month(f.dueAt) === m);
      const isProblem = (f: SeedFollowUp) => f.clientOutcome === "PROBLEM" || f.techOutcome === "PROBLEM";
      const isWorks = (f: SeedFollowUp) => !isProblem(f) && (f.clientOutcome === "WORKS" || f.techOutcome === "OK");
      expect(Number(problem)).toBe(inMonth.filter(isProblem).length);
      expect(Number(works)).toBe(inMonth.filter(isWorks).length);
      expect(Number(missed)).toBe(inMonth.filter((f) => !isProblem(f) && !isWorks(f) && f.status === "MISSED").length);
    }

    const dsr = await csv("dsr");
    expect(dsr.slice(1)).toEqual([["2026-01", "1", "0"], ["2026-02", "0", "1"], ["2026-03", "0", "1"]]);
    const list = await csv("dsr-requests");
    expect(list[0]).toEqual(["Requested", "Kind", "Status", "Due", "Completed", "Days taken", "On time"]);
    expect(list.slice(1)).toEqual([
      ["2026-01-10", "Export", "Done", "2026-02-10", "2026-01-13", "3", "yes"],
      ["2026-02-01", "Erasure", "Done", "2026-03-01", "2026-03-05", "32", "no"],
      ["2026-03-02", "Erasure", "Open", "2026-04-02", "", "", "no"],
    ]);
  });

  it("a CSV builds only its own chart, with the same numbers as the full report", async () => {
    const { getDb } = await import("../../app/db.server");
    const { buildReport, buildReportChart, chartToCsv } = await import("../../app/reports/build-report.server");
    const { parseReportParams } = await import("../../app/reports/report-params");
    const { CHART_IDS } = await import("../../app/reports/report-types");
    const now = new Date("2026-04-15T00:00:00Z");
    for (const q of [`${Q1}&by=category`, "from=2026-01-07&to=2026-03-10&interval=week&by=team&channel=WEB"]) {
      const { params } = parseReportParams(new URLSearchParams(q), now);
      const full = await buildReport(getDb(), params, now);
      for (const id of CHART_IDS) {
        const whole = full.charts.find((c) => c.id === id)!;
        const alone = await buildReportChart(getDb(), params, now, id);
        expect(chartToCsv(alone), `${id} for ${q}`).toBe(chartToCsv(whole));
        expect(alone.note, `${id} note for ${q}`).toBe(whole.note);
      }
    }
  });

  it("the page and the summary send tables and chart placeholders, and no personal data anywhere", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    const page = await admin.get(`/reports?${Q1}`);
    expect(page.status).toBe(200);
    // Charts are drawn in the browser: the server sends a placeholder of the chart's size for
    // each drawn figure (all but the request list) and every table; tests/e2e/reports checks the drawing.
    expect(page.text).not.toContain("recharts-surface");
    expect(page.text.match(/<svg class="report-chart-pending" width="500" height="250" aria-hidden="true">/g)).toHaveLength(12);
    expect((page.text.match(/<caption>/g) ?? []).length).toBe(13);
    expect(page.text).toContain("<noscript><p class=\"report-note\">Charts are drawn with JavaScript; the table below has the same numbers.</p></noscript>");
    expect(page.text).toContain('href="/reports/csv/backlog?from=2026-01-01&amp;to=2026-03-31&amp;interval=month&amp;by=channel"');
    expect(page.text).toContain("<caption>Tickets opened (tickets)</caption>");
    const summary = await admin.get(`/reports/summary?${Q1}`);
    expect(summary.status).toBe(200);
    const totalOpened = tickets.filter((t) => inRange(t.createdAt, "2026-01-01", "2026-04-01")).length + stats.filter((s) => s.openedMonth >= "2026-01" && s.openedMonth <= "2026-03").length;
    expect(summary.text).toContain(`data-figure="opened">${totalOpened}<`);
    expect(summary.text.match(/<svg class="report-chart-pending" width="340" height="180"/g)).toHaveLength(2);
    for (const body of [page.text, summary.text, (await admin.get(`/reports/csv/dsr-requests?${Q1}`)).text]) {
      expect(body).not.toContain(PERSONAL_MARKER_EMAIL);
      expect(body).not.toContain(PERSONAL_MARKER_SUBJECT);
      expect(body).not.toContain("Janez");
    }
  });

  it("rejects a broken range in the CSV and shows the default on the page with a message", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    expect((await admin.get("/reports/csv/opened?from=2026-02-30")).status).toBe(400);
    expect((await admin.get("/reports/csv/nope?from=2026-01-01")).status).toBe(404);
    const page = await admin.get("/reports?from=yesterday");
    expect(page.status).toBe(200);
    expect(page.text).toContain("from: Use a date like 2026-03-31");
  });
});

describe("reports: who may see them", () => {
  it("anonymous visitors go to sign-in; a technician needs the permission an admin grants", async () => {
    const anon = new TestBrowser(app.url);
    const page = await anon.get(`/reports?${Q1}`);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/reports?${Q1}`)}`);
    expect((await anon.get("/reports/csv/opened")).status).toBe(302);

    const admin = await signIn("admin@firma.si", "admin-password-123");
    await admin.get("/admin/users");
    await admin.post("/admin/users", { intent: "create", name: "Tina Tehnik", email: "tina@firma.si", role: "TECHNICIAN", password: "tina-password-123" });
    const tech = await signIn("tina@firma.si", "tina-password-123");
    expect((await tech.get("/reports")).status).toBe(403);
    expect((await tech.get("/reports/csv/opened")).status).toBe(403);
    expect((await tech.get("/reports/summary")).status).toBe(403);
    expect((await tech.get("/reports/access")).status).toBe(403);
    expect((await tech.get("/")).text).not.toContain('href="/reports"');

    const { getDb } = await import("../../app/db.server");
    const tina = await getDb().user.findUniqueOrThrow({ where: { email: "tina@firma.si" } });
    const access = await admin.get("/reports/access");
    expect(access.text).toContain("Allow Tina Tehnik");
    expect((await admin.post("/reports/access", { intent: "grant", userId: tina.id })).status).toBe(200);
    expect((await tech.get("/reports")).status).toBe(200);
    expect((await tech.get(`/reports/csv/backlog?${Q1}`)).status).toBe(200);
    expect((await tech.get("/")).text).toContain('href="/reports"');
    expect(await getDb().auditEvent.count({ where: { action: "reports_access.granted", actorUserId: { not: null } } })).toBe(1);

    await admin.post("/reports/access", { intent: "revoke", userId: tina.id });
    expect((await tech.get("/reports")).status).toBe(403);
  });
});
