import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { resetConfigForTests } from "../../app/config.server";

/** COMPANY_NAME is the installation's name: clients and staff see it in the header and the tab. */
const COMPANY = "Računalniški servis Kranjc d.o.o.";
process.env.COMPANY_NAME = COMPANY;
resetConfigForTests();

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const brand = (html: string) => /<a[^>]*class="brand"[^>]*>([^<]*)<\/a>/.exec(html)?.[1];
const unescape = (s: string | undefined) => s?.replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');

describe("COMPANY_NAME on the pages", () => {
  it("shows it in the header and the title of the client portal and the staff pages", async () => {
    const browser = new TestBrowser(app.url);
    for (const path of ["/", "/new", "/my-links", "/privacy", "/login"]) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(200);
      expect(unescape(brand(page.text)), path).toBe(COMPANY);
      expect(unescape(title(page.text)), path).toContain(COMPANY);
      expect(title(page.text), path).not.toMatch(/Minidesk/);
    }
    // No Accept-Language: DEFAULT_LOCALE (sl); an English browser gets the English title.
    expect(unescape(title((await browser.get("/login")).text))).toBe(`Prijava · ${COMPANY}`);
    expect(unescape(title((await new TestBrowser(app.url, "en").get("/login")).text))).toBe(`Sign in · ${COMPANY}`);
  });
});
