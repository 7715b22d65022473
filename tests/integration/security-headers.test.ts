import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { resetConfigForTests } from "../../app/config.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { hashPassword } from "../../app/auth/password.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { issueTicketLink } from "../../app/tickets/ticket-links.server";

/**
 * The headers a browser acts on, as an installation behind https sees them: a CSP that runs
 * only scripts carrying this response's nonce, no framing, a referrer policy, no caching of
 * private pages, and cookies that are Secure, HttpOnly and SameSite.
 */
process.env.PUBLIC_URL = "https://podpora.minidesk.example.si";
resetConfigForTests();

let app: RunningMinidesk;
let tech: TestBrowser;
let ticketId = "";
let token = "";
const setCookies: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  const db = getDb();
  await ensureDefaults(db);
  await db.user.create({ data: { email: "glavni@firma.si", name: "Admin", role: "ADMIN", passwordHash: await hashPassword("headers-password-123") } });
  const t = await openTicket(db, { channel: "WEB", requester: { email: "stranka@example.com", locale: "sl" }, subject: "Tiskalnik", body: "Ne tiska." });
  ticketId = t.id;
  token = await issueTicketLink(db, t.id);
  tech = new TestBrowser(app.url);
  const login = await tech.get("/login");
  setCookies.push(...login.headers.getSetCookie());
  const signedIn = await tech.post("/login", { email: "glavni@firma.si", password: "headers-password-123" });
  expect(signedIn.status).toBe(302);
  setCookies.push(...signedIn.headers.getSetCookie());
});
afterAll(async () => app?.stop());

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name!, values]));
}

describe("security headers", () => {
  it("CSP: scripts only with this response's nonce, no inline scripts otherwise, no framing", async () => {
    const page = await new TestBrowser(app.url).get("/new");
    const csp = directives(page.headers.get("content-security-policy") ?? "");
    const scripts = csp.get("script-src") ?? csp.get("default-src")!;
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toBeTruthy();
    // Every inline script of the page carries that nonce; the next response gets another.
    const inline = [...page.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) if (!/\bsrc=/.test(attrs)) expect(attrs).toContain(`nonce="${nonce}"`);
    const again = directives((await new TestBrowser(app.url).get("/new")).headers.get("content-security-policy")!);
    expect(again.get("script-src")!.find((s) => s.startsWith("'nonce-"))).not.toBe(`'nonce-${nonce}'`);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
    expect(page.headers.get("x-frame-options")).toMatch(/deny|sameorigin/i);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  });

  it("referrer policy everywhere, and none at all from a private ticket link", async () => {
    expect((await new TestBrowser(app.url).get("/")).headers.get("referrer-policy")).toBeTruthy();
    const client = await new TestBrowser(app.url).get(`/t/${token}`);
    expect(client.status).toBe(200);
    expect(client.headers.get("referrer-policy")!.split(",").at(-1)!.trim()).toBe("no-referrer");
  });

  it("private pages are never cached: the client's ticket page, the technician's ticket page, admin pages", async () => {
    const pages = [
      ["client ticket", await new TestBrowser(app.url).get(`/t/${token}`)],
      ["queue ticket", await tech.get(`/queue/${ticketId}`)],
      ["queue", await tech.get("/queue")],
      ["admin", await tech.get("/admin")],
      ["admin users", await tech.get("/admin/users")],
      ["admin privacy", await tech.get("/admin/privacy")],
    ] as const;
    for (const [name, page] of pages) {
      expect(page.status, name).toBe(200);
      expect(page.headers.get("cache-control"), name).toContain("no-store");
    }
  });

  it("cookies: Secure (https site), HttpOnly, SameSite", () => {
    const names = new Set(setCookies.map((c) => c.split("=")[0]));
    expect(names.has("md_session")).toBe(true);
    for (const c of setCookies) {
      expect(c, c.split("=")[0]).toMatch(/;\s*Secure/i);
      expect(c, c.split("=")[0]).toMatch(/;\s*HttpOnly/i);
      expect(c, c.split("=")[0]).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    }
  });
});
