import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestApp } from "../setup/app";
import { artifactPath, launchBrowser } from "../setup/browser";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { shutdownOcrPool } from "../../app/redaction/image/ocr-pool.server";
import { renderTextImage } from "../fixtures/images/render-text-image";

/** A person in Chromium opens a ticket with a screenshot and sees the reference. */
let app: RunningMinidesk;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await shutdownOcrPool();
});

describe("new ticket in the browser", () => {
  it("fills the form, uploads a screenshot, submits and sees the reference and what was removed", async () => {
    const page = await browser.newPage({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });
    const cspErrors: string[] = [];
    page.on("console", (m) => { if (m.type() === "error") cspErrors.push(m.text()); });
    await page.goto(`${app.url}/`);
    await page.getByRole("link", { name: "Open a new ticket" }).click();
    await page.waitForURL("**/new");
    await page.getByRole("heading", { name: "Open a new ticket" }).waitFor();

    await page.getByLabel("Your name").fill("Petra Test");
    await page.getByLabel("Your email").fill("petra.test@example.com");
    await page.getByLabel("Area").selectOption("web");
    await page.getByLabel("Subject").fill("Contact form broken");
    await page.getByLabel("What happened?").fill("The form shows an error. You can reach me at 041 555 666.");
    const png = await renderTextImage({ width: 800, height: 120, fontSize: 24, lines: ["Error 500 on contact form", "Sent by petra.test@example.com"] });
    await page.locator('input[type=file][name=attachments]').setInputFiles({ name: "screenshot.png", mimeType: "image/png", buffer: png });
    await page.screenshot({ path: artifactPath("new-ticket-form.png"), fullPage: true });
    await page.getByRole("button", { name: "Send the ticket" }).click();

    await page.waitForURL(/\/new\/done\?ref=MD-\d{4}-\d{6}$/, { timeout: 30_000 });
    const reference = (await page.getByTestId("reference").textContent())?.trim();
    expect(reference).toMatch(/^MD-\d{4}-\d{6}$/);
    const redacted = await page.getByTestId("redacted").textContent();
    expect(redacted).toContain("phone numbers");
    expect(redacted).not.toContain("555");
    await page.screenshot({ path: artifactPath("new-ticket-done.png"), fullPage: true });

    const ticket = await getDb().ticket.findUniqueOrThrow({ where: { reference: reference! }, include: { attachments: true, messages: true } });
    expect(ticket.categorySlug).toBe("web");
    expect(ticket.attachments.map((a) => a.status)).toEqual(["STORED"]);
    expect(ticket.messages[0]!.body).not.toContain("041 555 666");
    // The CSP allows no inline script or style: the page must not have tripped it.
    expect(cspErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await page.close();
  });
});
