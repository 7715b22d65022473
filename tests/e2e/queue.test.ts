import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestApp } from "../setup/app";
import { artifactPath, launchBrowser } from "../setup/browser";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { hashPassword } from "../../app/auth/password.server";
import { openTicket } from "../../app/tickets/open-ticket.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

let app: RunningMinidesk;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  const it = await getDb().team.findUniqueOrThrow({ where: { slug: "it" } });
  await getDb().user.create({
    data: { email: "tech@firma.si", name: "Tina Tech", role: "TECHNICIAN", passwordHash: await hashPassword("technician-pass-123"), teams: { create: [{ teamId: it.id }] } },
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a technician in the browser", () => {
  it("signs in, filters the queue, opens a ticket, replies and closes it", async () => {
    const wanted = await openTicket(getDb(), { channel: "WEB", requester: { email: "ana@example.com", name: "Ana", locale: "sl" }, subject: "Strežnik je počasen", body: "Od včeraj se vse nalaga počasi.", categorySlug: "hosting" });
    const other = await openTicket(getDb(), { channel: "EMAIL", requester: { email: "bor@example.com", locale: "en" }, subject: "Printer jam", body: "Paper stuck", categorySlug: "crm" });
    const page = await browser.newPage({ locale: "en-GB" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });
    page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.status()} ${r.url()}`); });
    await page.goto(`${app.url}/login`);
    await page.fill("input[name=email]", "tech@firma.si");
    await page.fill("input[name=password]", "technician-pass-123");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/queue/);
    await page.waitForSelector("table.queue");
    await page.waitForSelector("[data-live-status] span"); // hydrated: "/" is a script's shortcut
    // "/" focuses the search; search folds diacritics.
    await page.keyboard.press("/");
    await page.keyboard.type("streznik");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=streznik/);
    await page.waitForFunction(() => document.querySelectorAll("a[data-ticket-link]").length === 1);
    expect(await page.locator("a[data-ticket-link]").allTextContents()).toEqual([wanted.reference]);
    expect(await page.content()).not.toContain(other.reference);
    // A click on a reference opens the ticket in the page (no new document: the marker stays), and Back returns.
    await page.evaluate(() => Object.assign(window, { stillTheSameDocument: true }));
    await page.click("a[data-ticket-link]");
    await page.waitForURL(new RegExp(`/queue/${wanted.id}$`));
    expect(await page.evaluate(() => (window as unknown as { stillTheSameDocument?: boolean }).stillTheSameDocument)).toBe(true);
    await page.goBack();
    await page.waitForURL(/q=streznik/);
    await page.waitForSelector("a[data-ticket-link]");
    // Escape leaves the search box; j then Enter opens the first row.
    await page.locator("input[data-queue-search]").focus();
    await page.keyboard.press("Escape");
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/queue/${wanted.id}$`));
    await page.fill("textarea[name=body]", "Povečali smo pomnilnik strežnika. Prosimo, preverite.");
    await page.selectOption("select[name=then]", "CLOSED");
    await page.click("button[name=note][value='0']");
    await page.waitForSelector("article[data-direction=OUT]");
    expect(await page.locator("[data-ticket-status]").textContent()).toBe("Closed");
    expect(await page.inputValue("textarea[name=body]")).toBe("");
    await page.screenshot({ path: artifactPath("queue-ticket-closed.png"), fullPage: true });
    const row = await getDb().ticket.findUniqueOrThrow({ where: { id: wanted.id } });
    expect(row.status).toBe("CLOSED");
    // One answer went to the client (the team's "new ticket" notifications go to staff).
    expect(await getDb().outboxMail.count({ where: { ticketId: wanted.id, toAddress: "ana@example.com" } })).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
