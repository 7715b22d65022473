import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp } from "../setup/app";
import { artifactPath, launchBrowser } from "../setup/browser";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { hashPassword } from "../../app/auth/password.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addClientReply } from "../../app/tickets/replies.server";
import { renderTextImage } from "../fixtures/images/render-text-image";

/**
 * Issue 22: the queue and the ticket page keep themselves current in a real Chromium, two
 * technicians on one ticket see each other, screenshots open full size from the keyboard, and
 * without JavaScript the pages still work (a Refresh link, plain links to the images).
 */
process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";
process.env.LIVE_INTERVAL_MS = "1000"; // the real default is 5 s; the test need not wait that long

let app: RunningMinidesk;
let browser: Browser;
const PASSWORD = "technician-pass-123";

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  const it = await getDb().team.findUniqueOrThrow({ where: { slug: "it" } });
  for (const [email, name] of [["tina@firma.si", "Tina Tech"], ["tomo@firma.si", "Tomo Tech"]]) {
    await getDb().user.create({ data: { email: email!, name: name!, role: "TECHNICIAN", passwordHash: await hashPassword(PASSWORD), teams: { create: [{ teamId: it.id }] } } });
  }
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A signed-in technician in a context of their own (own cookies), collecting page errors. */
async function signedIn(email: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "en-GB", ...opts });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });
  page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${app.url}/login`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/queue/);
  return { context, page, errors };
}

const newTicket = (subject: string, files?: { fileName: string; declaredType: string; bytes: Buffer }[]) =>
  openTicket(getDb(), { channel: "WEB", requester: { email: "ana@example.com", name: "Ana", locale: "sl" }, subject, body: "Prosim za pomoč.", categorySlug: "hosting", files });

const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { sameDocument: true }));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

describe("a queue left open", () => {
  it("shows a new ticket and the new count without a reload, and marks a ticket when its client answers", async () => {
    const seen = await newTicket("Varnostna kopija ne teče");
    const { context, page, errors } = await signedIn("tina@firma.si");
    // Tina has read this ticket: its row is not marked.
    await page.goto(`${app.url}/queue/${seen.id}`);
    await page.waitForSelector("[data-live-status]");
    await page.goto(`${app.url}/queue?view=unassigned`);
    await page.waitForSelector(`a[data-ticket-link]:text("${seen.reference}")`);
    const row = (ref: string) => page.locator("tr", { has: page.locator(`a[data-ticket-link]:text("${ref}")`) });
    expect(await row(seen.reference).locator("[data-unseen]").count()).toBe(0);
    const count = async () => Number(await page.locator("[data-view-count=unassigned]").textContent());
    const before = await count();
    await page.waitForSelector("[data-live-status] span"); // hydrated: the page says it updates itself
    await markDocument(page);
    await page.keyboard.press("j"); // the keyboard marker on the first row (the ticket Tina read)

    // (1) A ticket arrives: its row and the new count appear without a reload.
    const arrived = await newTicket("Tiskalnik v pisarni ne tiska");
    await page.waitForSelector(`a[data-ticket-link]:text("${arrived.reference}")`, { timeout: 15_000 });
    await page.waitForFunction((n) => Number(document.querySelector("[data-view-count=unassigned]")?.textContent) === n, before + 1, { timeout: 15_000 });
    expect(await stillSameDocument(page)).toBe(true);
    // The new row came in above the marker: x still ticks the row that is marked, not the new one.
    await page.keyboard.press("x");
    expect(await row(seen.reference).locator("input[type=checkbox]").isChecked()).toBe(true);
    expect(await row(arrived.reference).locator("input[type=checkbox]").isChecked()).toBe(false);

    // (2) The client answers on the ticket Tina had read: its row is marked.
    await addClientReply(getDb(), seen.id, { body: "Še vedno ne teče.", via: "EMAIL" });
    await row(seen.reference).locator("[data-unseen]").waitFor({ timeout: 15_000 });
    expect(await stillSameDocument(page)).toBe(true);
    await page.screenshot({ path: artifactPath("live-queue-marked.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("stops asking while the tab is hidden, and asks again at once when it shows", async () => {
    const { context, page } = await signedIn("tina@firma.si");
    await page.waitForSelector("[data-live-status] span");
    const checks: number[] = [];
    page.on("request", (r) => { if (r.url().endsWith("/live/queue")) checks.push(Date.now()); });
    const hide = (hidden: boolean) => page.evaluate((h) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (h ? "hidden" : "visible") });
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
    await hide(true);
    const hiddenAt = Date.now();
    checks.length = 0;
    await page.waitForTimeout(3_500);
    expect(checks.filter((t) => t > hiddenAt + 200)).toEqual([]);
    const asked = page.waitForRequest((r) => r.url().endsWith("/live/queue"), { timeout: 900 });
    await hide(false);
    await asked; // at once, not after the interval
    await context.close();
  });
});

describe("two technicians on one ticket", () => {
  it("each sees the other viewing, and writing a reply while one types; it goes away after leaving", async () => {
    const t = await newTicket("Spletna trgovina ne sprejme plačila");
    const tina = await signedIn("tina@firma.si");
    const tomo = await signedIn("tomo@firma.si");
    await tina.page.goto(`${app.url}/queue/${t.id}`);
    await tomo.page.goto(`${app.url}/queue/${t.id}`);
    await tina.page.locator("[data-live-viewing]", { hasText: "Tomo Tech" }).waitFor({ timeout: 10_000 });
    await tomo.page.locator("[data-live-viewing]", { hasText: "Tina Tech" }).waitFor({ timeout: 10_000 });
    // The region is announced politely, and names only staff.
    expect(await tina.page.locator("[data-live-presence]").getAttribute("aria-live")).toBe("polite");

    await tomo.page.locator("textarea[name=body]").pressSequentially("Pozdravljeni, preverjam", { delay: 20 });
    await tina.page.locator("[data-live-writing]", { hasText: "Tomo Tech" }).waitFor({ timeout: 10_000 });
    expect(await tina.page.locator("[data-live-viewing]").count()).toBe(0);
    await tina.page.screenshot({ path: artifactPath("live-ticket-writing.png"), fullPage: true });
    expect(await tomo.page.locator("[data-live-writing]").count()).toBe(0); // Tina only looks

    // Tomo leaves (another page of the app): Tina sees nobody.
    await tomo.page.click("a[href='/queue']");
    await tomo.page.waitForURL(/\/queue$/);
    await tina.page.waitForFunction(() => document.querySelector("[data-live-presence]")?.textContent === "", undefined, { timeout: 10_000 });

    // A client answers while Tina only reads: the message appears in her page by itself.
    await tina.page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await addClientReply(getDb(), t.id, { body: "Napaka se pojavi ob plačilu s kartico.", via: "EMAIL" });
    await tina.page.locator("article[data-direction=IN]", { hasText: "ob plačilu s kartico" }).waitFor({ timeout: 10_000 });
    expect(await stillSameDocument(tina.page)).toBe(true);

    // Tina's draft survives a change made meanwhile: a notice offers to show it.
    await tina.page.locator("textarea[name=body]").fill("Moj osnutek");
    await addClientReply(getDb(), t.id, { body: "Dodatno: napaka 402.", via: "EMAIL" });
    await tina.page.locator("[data-live-changed] button").click({ timeout: 10_000 });
    await tina.page.locator("article[data-direction=IN]", { hasText: "napaka 402" }).waitFor();
    expect(await tina.page.inputValue("textarea[name=body]")).toBe("Moj osnutek");
    expect(tina.errors).toEqual([]);
    expect(tomo.errors).toEqual([]);
    await tina.context.close();
    await tomo.context.close();
  });
});

describe("screenshots on the ticket page", () => {
  it("open full size in a dialog from the keyboard, move with the arrows, and close with Escape back to the thumbnail", async () => {
    const shot = (line: string) => renderTextImage({ width: 900, height: 200, fontSize: 28, lines: [line] });
    const t = await newTicket("Napaka na zaslonu", [
      { fileName: "prva.png", declaredType: "image/png", bytes: await shot("Error 500 at checkout") },
      { fileName: "druga.png", declaredType: "image/png", bytes: await shot("Second screen of the error") },
    ]);
    const { context, page, errors } = await signedIn("tina@firma.si");
    await page.goto(`${app.url}/queue/${t.id}`);
    const thumbs = page.locator(".shots a[href] img");
    await thumbs.first().waitFor();
    expect(await thumbs.count()).toBe(2);
    await page.waitForSelector("[data-live-status] span"); // hydrated
    await markDocument(page);

    await page.locator(".shots a[href]").first().focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("dialog[data-screenshot-dialog]");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open && d.matches(":modal"))).toBe(true);
    expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
    await expect.poll(() => dialog.locator("h2").textContent()).toBe("Screenshot 1 of 2");
    const full = dialog.locator("img[data-screenshot-full]");
    await expect.poll(() => full.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(900);
    await page.screenshot({ path: artifactPath("live-screenshot-dialog.png") });

    await page.keyboard.press("ArrowRight");
    await expect.poll(() => dialog.locator("h2").textContent()).toBe("Screenshot 2 of 2");
    expect(await full.getAttribute("src")).toBe(await page.locator(".shots a[href]").nth(1).evaluate((a: HTMLAnchorElement) => a.href));
    await page.keyboard.press("ArrowRight"); // wraps around
    await expect.poll(() => dialog.locator("h2").textContent()).toBe("Screenshot 1 of 2");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => dialog.locator("h2").textContent()).toBe("Screenshot 2 of 2");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    // Focus is back on the thumbnail of the image last shown (the second).
    await expect.poll(() => page.evaluate(() => document.activeElement === document.querySelectorAll(".shots a[href]")[1])).toBe(true);
    expect(await stillSameDocument(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("the queue and the ticket page still render, with a Refresh link and the full-size image a plain link", async () => {
    const t = await newTicket("Brez skript", [{ fileName: "zaslon.png", declaredType: "image/png", bytes: await renderTextImage({ width: 600, height: 160, fontSize: 28, lines: ["Plain link"] }) }]);
    const { context, page } = await signedIn("tina@firma.si", { javaScriptEnabled: false });
    await page.goto(`${app.url}/queue?view=unassigned`);
    await page.waitForSelector(`a[data-ticket-link]:text("${t.reference}")`);
    expect(await page.locator("[data-live-refresh]").getAttribute("href")).toBe("/queue?view=unassigned");
    const arrived = await newTicket("Prišel med branjem");
    await page.click("[data-live-refresh]");
    await page.waitForSelector(`a[data-ticket-link]:text("${arrived.reference}")`);
    await page.goto(`${app.url}/queue/${t.id}`);
    expect(await page.locator("[data-live-refresh]").count()).toBe(1);
    await page.click(".shots a[href]");
    await page.waitForURL(/\/attachments\//);
    await context.close();
  });
});
