import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp } from "../setup/app";
import { artifactPath, launchBrowser } from "../setup/browser";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addStaffReply } from "../../app/tickets/replies.server";
import { recordDeployedChange } from "../../app/followups/schedule-follow-up.server";
import { en } from "../../app/i18n/en";
import { sl } from "../../app/i18n/sl";
import { formatTime } from "../../app/ui/format-time";

/**
 * Issue 22: a technician with a Slovenian browser sees every staff, admin and reports page in
 * Slovenian. The check is built from the English dictionary: every English message (of two
 * words or more, or a word of six letters or more) that differs from its Slovenian one must not
 * be on a Slovenian page, and neither may a handful of common English UI words. Ticket content
 * and names are data, so the test data is Slovenian too.
 */
process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

let app: RunningMinidesk;
let browser: Browser;
let ticketId: string;
let ticketCreatedAt: Date;

function flatten(o: object, prefix = ""): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? flatten(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

/** Literal parts of a message (between {{placeholders}} and line breaks) long enough to be telling. */
function tellingParts(text: string): string[] {
  return text
    .split(/\{\{[^}]+\}\}|\n/)
    .map((s) => s.trim().replace(/^[\s,.;:()"“”„«»-]+|[\s,.;:()"“”„«»-]+$/g, ""))
    .filter((s) => s.split(/\s+/).length >= 2 || /\p{L}{6,}/u.test(s));
}

const slByKey = new Map(flatten(sl));
const ENGLISH_MESSAGES = [...new Set(
  flatten(en)
    .filter(([key, value]) => slByKey.get(key) !== value)
    .flatMap(([, value]) => tellingParts(value))
    // A part the Slovenian dictionary uses too (a product or protocol name, say) is not English UI.
    .filter((part) => ![...slByKey.values()].some((s) => s.includes(part))),
)];
const COMMON_WORDS = ["Save", "Submit", "Status", "Assign", "Reply", "Search", "Filter", "Close", "Cancel", "Delete", "Edit", "Remove",
  "Back", "Next", "Settings", "Ticket", "Tickets", "Queue", "Priority", "Category", "Team", "Teams", "Name", "Email", "Password",
  "Reports", "Download", "Show", "Merge", "Move", "Insert", "Change", "Opened", "Updated", "Assignee", "Subject", "Reference", "Nobody", "Anyone"];

/**
 * What a person sees and hears on the page: rendered text (with every <details> opened), labels,
 * placeholders, titles. Machine codes shown as <code> (audit actions and their details, entity
 * types) are identifiers, not UI text, and are left out.
 */
async function uiText(page: Page): Promise<string> {
  return page.evaluate(() => {
    document.querySelectorAll("details").forEach((d) => { d.open = true; });
    document.querySelectorAll("code").forEach((c) => { c.textContent = ""; });
    const attrs = [...document.querySelectorAll("[aria-label],[placeholder],[title],img[alt]")].flatMap((el) =>
      ["aria-label", "placeholder", "title", "alt"].map((a) => el.getAttribute(a) ?? "").filter(Boolean));
    return [document.title, document.body.innerText, ...attrs].join("\n");
  });
}

function englishOn(page: string): string[] {
  // Dotted machine codes (the audit log's action menu: "followup.scheduled") are identifiers too.
  const text = page.replace(/\b[a-z_]+(?:\.[a-z_]+)+\b/g, " ");
  const found = ENGLISH_MESSAGES.filter((m) => text.includes(m));
  for (const w of COMMON_WORDS) if (new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, "u").test(text)) found.push(w);
  return [...new Set(found)];
}

beforeAll(async () => {
  app = await startTestApp();
  const db = getDb();
  // Names are data: Slovenian ones, as a Slovenian company would have.
  await db.user.update({ where: { email: "admin@firma.si" }, data: { name: "Ana Skrbnica" } });
  for (const [slug, name] of [["it", "Informatika"], ["web", "Splet in trženje"], ["projects", "Vodenje projektov"]] as const) {
    await db.team.update({ where: { slug }, data: { name } });
  }
  const opened = await openTicket(db, {
    channel: "WEB", requester: { email: "mojca@podjetje.si", name: "Mojca Kovač", company: "Podjetje d.o.o.", locale: "sl" },
    subject: "Tiskalnik v pisarni ne tiska", body: "Od jutra tiskalnik javlja napako. Pokličite me na 031 555 444.", categorySlug: "crm",
  });
  ticketId = opened.id;
  ticketCreatedAt = (await db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).createdAt;
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@firma.si" } });
  await addStaffReply(db, ticketId, { id: admin.id }, { body: "Zamenjali smo kartušo, prosimo, preverite.", note: false });
  await recordDeployedChange(db, { ticketId, actorUserId: admin.id, description: "Nov gonilnik tiskalnika", target: "OTHER" }, new Date());
  await db.cannedReply.create({ data: { title: "Pozdrav", body: "Pozdravljeni, hvala za sporočilo.", locale: "sl" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("staff pages in Slovenian", () => {
  it("checks itself: the English list holds the staff pages' messages and a Slovenian one is not in it", () => {
    expect(ENGLISH_MESSAGES).toContain("Tick at least one ticket first");
    expect(ENGLISH_MESSAGES).toContain("Technicians and administrators");
    expect(ENGLISH_MESSAGES).toContain("Download CSV");
    expect(ENGLISH_MESSAGES).not.toContain("Označene dodeli");
    expect(englishOn("Queue · Vrsta")).toEqual(["Queue"]);
    expect(englishOn("Vrsta zahtevkov")).toEqual([]);
    expect(englishOn("ticket.status_changed")).toEqual([]);
    expect(englishOn("Zahtevek · Status")).toEqual(["Status"]);
  });

  it("an admin with a Slovenian browser walks every staff, admin and reports page and meets no English", async () => {
    const context = await browser.newContext({ locale: "sl-SI", extraHTTPHeaders: { "Accept-Language": "sl-SI,sl;q=0.9" }, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Times and numbers are formatted on the server and again in the browser: a mismatch would be a hydration error here.
    page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });
    await page.goto(`${app.url}/login`);
    expect(englishOn(await uiText(page)), "/login").toEqual([]);
    await page.fill("input[name=email]", "admin@firma.si");
    await page.fill("input[name=password]", "admin-password-123");
    await page.click("main button[type=submit]");
    await page.waitForURL(/\/queue/);

    const pages = [
      "/queue", "/queue?view=all", `/queue/${ticketId}`, "/profile", "/account/two-factor", "/forgot-password",
      "/admin", "/admin/users", "/admin/privacy", "/admin/audit", "/admin/teams", "/admin/categories", "/admin/canned-replies",
      "/admin/redaction", "/admin/policies", "/admin/mail", "/admin/mailboxes", "/admin/deployments",
      "/reports", "/reports/summary", "/reports/access", "/reports?from=yesterday",
    ];
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      const res = await page.goto(`${app.url}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(await page.getAttribute("html", "lang"), path).toBe("sl");
      if (path.startsWith("/reports")) await page.locator("[data-chart] .recharts-wrapper").first().waitFor({ timeout: 15_000 }).catch(() => {});
      const english = englishOn(await uiText(page));
      if (english.length) found[path] = english;
    }
    expect(found).toEqual({});

    // The ticket: the message is there, times are in the Slovenian format, and a form error is Slovenian.
    await page.goto(`${app.url}/queue/${ticketId}`);
    expect(await page.locator("article[data-direction=IN] .body").textContent()).toContain("Od jutra tiskalnik javlja napako");
    expect(await page.textContent("main")).toContain(formatTime(ticketCreatedAt, "sl"));
    await page.fill("input[name=target]", "ni-oznaka");
    await page.click("form:has(input[name=target]) button[type=submit]");
    await page.waitForSelector(".field-error");
    expect(await page.textContent(".field-error")).toBe(sl.staff.errors.reference);
    // A refusal from the domain (a code there), worded here in Slovenian.
    await page.fill("input[name=target]", "MD-2026-999999");
    await page.click("form:has(input[name=target]) button[type=submit]");
    await page.waitForSelector(`.alert.bad:has-text("${sl.ticket.errors.TargetNotFound}")`);
    expect(englishOn(await uiText(page))).toEqual([]);
    await page.screenshot({ path: artifactPath("staff-slovenian-ticket.png"), fullPage: true });
    // A bulk action without ticked tickets: the queue's own message, in Slovenian.
    await page.goto(`${app.url}/queue`);
    await page.click("button[name=intent][value=bulk-close]");
    await page.waitForSelector(".alert.bad");
    expect(await page.textContent(".alert.bad")).toBe(sl.queue.tickFirst);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("without JavaScript, a technician with an English browser chooses Slovenian on the profile and keeps it everywhere", async () => {
    const db = getDb();
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.fill("input[name=email]", "admin@firma.si");
    await page.fill("input[name=password]", "admin-password-123");
    await page.click("main button[type=submit]");
    await page.waitForURL(/\/queue/);
    await db.user.update({ where: { email: "admin@firma.si" }, data: { locale: null } });
    await page.goto(`${app.url}/profile`);
    expect(await page.getAttribute("html", "lang")).toBe("en"); // nothing chosen yet: the browser's language
    await page.selectOption("select[name=l]", "sl");
    await page.click("#language button[type=submit]");
    await page.waitForURL(/\/profile$/);
    expect(await page.getAttribute("html", "lang")).toBe("sl");
    expect(await page.textContent("h1")).toBe(sl.profile.title);
    expect((await db.user.findUniqueOrThrow({ where: { email: "admin@firma.si" } })).locale).toBe("sl");
    // Another device, still an English browser: the saved choice wins over Accept-Language.
    const other = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en" } });
    const second = await other.newPage();
    await second.goto(`${app.url}/login`);
    await second.fill("input[name=email]", "admin@firma.si");
    await second.fill("input[name=password]", "admin-password-123");
    await second.click("main button[type=submit]");
    await second.waitForURL(/\/queue/);
    expect(await second.textContent("h1")).toBe(sl.queue.title);
    // The header switch, a form for staff, works without JavaScript too and saves English back.
    await second.click("form.lang button[value=en]");
    await second.waitForURL(/\/queue/);
    expect(await second.textContent("h1")).toBe(en.queue.title);
    expect((await db.user.findUniqueOrThrow({ where: { email: "admin@firma.si" } })).locale).toBe("en");
    // The client's link form of the switch, typed in (Sec-Fetch-Site: none), saves too for staff...
    await second.goto(`${app.url}/lang?l=sl&to=%2Fqueue`);
    expect(await second.textContent("h1")).toBe(sl.queue.title);
    expect((await db.user.findUniqueOrThrow({ where: { email: "admin@firma.si" } })).locale).toBe("sl");
    // ...but not from another site: the account keeps its choice.
    const cookie = (await other.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const follow = (site: string) => fetch(`${app.url}/lang?l=en&to=%2F`, { headers: { Cookie: cookie, "Sec-Fetch-Site": site }, redirect: "manual" });
    expect((await follow("cross-site")).status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { email: "admin@firma.si" } })).locale).toBe("sl");
    await follow("same-origin"); // the same request from this site does save (so the one above was signed in)
    expect((await db.user.findUniqueOrThrow({ where: { email: "admin@firma.si" } })).locale).toBe("en");
    await other.close();
    await context.close();
  });
});
