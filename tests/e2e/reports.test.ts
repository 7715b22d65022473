import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestApp } from "../setup/app";
import { artifactPath, launchBrowser } from "../setup/browser";
import type { RunningMinidesk } from "../../app/server/services.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

let app: RunningMinidesk;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  const { getDb } = await import("../../app/db.server");
  const db = getDb();
  const team = await db.team.findFirstOrThrow({ where: { slug: "it" } });
  const now = Date.now();
  const D = 86_400_000;
  // A few weeks of tickets so every service chart has bars and lines to draw.
  for (let i = 0; i < 40; i++) {
    const createdAt = new Date(now - (i % 20) * 4 * D - (i % 7) * 3_600_000);
    const closed = i % 3 !== 0;
    await db.ticket.create({
      data: {
        reference: `MD-2026-${String(i + 1).padStart(6, "0")}`, subject: "Printer", channel: i % 2 ? "WEB" : "EMAIL",
        categorySlug: ["web", "crm", "hosting"][i % 3]!, teamId: team.id, createdAt, status: closed ? "CLOSED" : "OPEN",
        firstResponseAt: new Date(createdAt.getTime() + (i + 1) * 1_800_000),
        resolvedAt: closed ? new Date(createdAt.getTime() + (i + 2) * 7_200_000) : null,
        closedAt: closed ? new Date(createdAt.getTime() + (i + 2) * 7_200_000 + D) : null,
      },
    });
  }
  const month = new Date(now).toISOString().slice(0, 7);
  await db.redactionStat.createMany({ data: [{ month, source: "TEXT", type: "EMAIL", count: 12 }, { month, source: "IMAGE", type: "PHONE", count: 3 }] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("reports in a browser", () => {
  it("an admin signs in, opens Reports from the menu and sees drawn charts with their tables", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const consoleErrors: string[] = [];
    page.on("console", (m) => { if (m.type() === "error" && page.url().includes("/reports")) consoleErrors.push(m.text()); });
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Email").fill("admin@firma.si");
    await page.getByLabel("Password").fill("admin-password-123");
    await page.getByRole("button", { name: /sign in|prijava/i }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`${app.url}/`);
    // Sign-in lands on the queue (another area); errors there are not this test's business.
    pageErrors.length = 0;
    const navLink = page.getByRole("link", { name: /^(Reports|Poročila)$/ });
    expect(await navLink.getAttribute("href")).toBe("/reports");
    await navLink.click();
    await page.waitForURL(/\/reports$/);
    // Charts are drawn in the browser after hydration, in place of the server's empty placeholders.
    await page.locator('[data-chart="opened"] .recharts-wrapper').waitFor({ timeout: 15_000 });
    await expect(page.locator(".report-chart-pending").count()).resolves.toBe(0);

    const opened = page.locator('[data-chart="opened"]');
    await expect(opened.locator(".recharts-wrapper > svg.recharts-surface").count()).resolves.toBe(1);
    expect(await opened.locator(".recharts-bar-rectangle path").count()).toBeGreaterThan(3);
    const backlog = page.locator('[data-chart="backlog"]');
    expect(await backlog.locator(".recharts-line path.recharts-curve").count()).toBe(1);
    expect(await page.locator('[data-chart="first-response"] .recharts-line').count()).toBe(2);
    expect(await page.locator('[data-chart="redactions-text"] .recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    // The accessible twin of each chart: a table with a caption.
    await expect(page.getByRole("table", { name: "Tickets opened (tickets)" }).isVisible()).resolves.toBe(true);
    expect(await page.locator(".recharts-wrapper > svg.recharts-surface").count()).toBeGreaterThanOrEqual(10);

    // The GET form keeps the choice in the URL (bookmarkable).
    await page.locator('select[name="interval"]').selectOption("month");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/interval=month/);
    await page.locator('select[name="interval"]').selectOption("week");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/interval=week/);
    await page.locator('[data-chart="opened"] .recharts-wrapper > svg').waitFor();
    await page.screenshot({ path: artifactPath("reports.png"), fullPage: true });
    // Hydrated without errors, and recharts' style properties (set through the DOM) pass the CSP.
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);

    await page.getByRole("link", { name: "One-page summary for printing" }).click();
    await page.waitForURL(/\/reports\/summary/);
    await page.locator(".summary-charts .recharts-wrapper > svg").first().waitFor();
    expect(await page.locator(".summary-charts .recharts-wrapper > svg.recharts-surface").count()).toBe(2);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    // Printing (to PDF) happens in the browser, where the charts are drawn: they print, with their bars and line.
    for (const svg of await page.locator(".summary-charts .recharts-wrapper > svg.recharts-surface").all()) {
      expect(await svg.isVisible()).toBe(true);
      expect((await svg.boundingBox())!.height).toBeGreaterThan(100);
    }
    expect(await page.locator('.summary-charts [data-chart="opened"] .recharts-bar-rectangle path').count()).toBeGreaterThan(3);
    expect(await page.locator('.summary-charts [data-chart="backlog"] .recharts-line path.recharts-curve').count()).toBe(1);
    await page.screenshot({ path: artifactPath("reports-summary-print.png"), fullPage: true });
    // What "Print → Save as PDF" makes: one A4 page (kept as an artifact to look at).
    const pdf = await page.pdf({ path: artifactPath("reports-summary.pdf"), format: "A4", preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    await page.close();
  });
});
