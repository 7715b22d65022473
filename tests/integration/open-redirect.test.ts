import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import { CONTROL_AND_SPACE, hostileTargets, OTHER_HOSTILE } from "../setup/hostile-redirects";
import type { RunningMinidesk } from "../../app/server/services.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";
process.env.SIGNIN_ATTEMPTS_PER_15MIN = "100000";

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

const targets = [...CONTROL_AND_SPACE.flatMap(hostileTargets), ...OTHER_HOSTILE];

/** Where a browser goes after this response: the Location resolved as Chromium resolves it. */
function destination(location: string | null) {
  expect(location).not.toBeNull();
  return new URL(location!, app.url);
}

describe("redirect targets from the address bar and forms stay on this site", () => {
  it("/lang?to= sends every hostile target to the home page", async () => {
    const own = new URL(app.url).origin;
    for (const to of targets) {
      const res = await fetch(`${app.url}/lang?l=en&to=${encodeURIComponent(to)}`, { redirect: "manual" });
      expect(res.status, JSON.stringify(to)).toBe(302);
      const where = destination(res.headers.get("Location"));
      expect(where.origin, JSON.stringify(to)).toBe(own);
      expect(where.pathname, JSON.stringify(to)).toBe("/");
    }
    const ok = await fetch(`${app.url}/lang?l=en&to=${encodeURIComponent("/new?x=1")}`, { redirect: "manual" });
    expect(ok.headers.get("Location")).toBe("/new?x=1");
  });

  it("/login's redirectTo sends every hostile target to the queue", async () => {
    const own = new URL(app.url).origin;
    const b = new TestBrowser(app.url);
    await b.get("/login");
    // A real sign-in (scrypt) per target, so a sample: the characters browsers strip, raw and
    // encoded, and the other forms. The unit test tries every character through the same function.
    const sample = ["\t", "\n", "\r", "\0", "\x1f", " ", "\x7f", "\u00a0", "\u2028", "\u3000", "\ufeff"];
    const some = [...sample.flatMap((c) => [hostileTargets(c)[0]!, hostileTargets(c)[5]!]), ...OTHER_HOSTILE.slice(0, 12)];
    for (const to of some) {
      const res = await b.post("/login", { email: "admin@firma.si", password: "admin-password-123", redirectTo: to });
      expect(res.status, JSON.stringify(to)).toBe(302);
      const where = destination(res.location);
      expect(where.origin, JSON.stringify(to)).toBe(own);
      expect(where.pathname, JSON.stringify(to)).toBe("/queue");
    }
    const ok = await b.post("/login", { email: "admin@firma.si", password: "admin-password-123", redirectTo: "/admin/users?x=1" });
    expect(ok.location).toBe("/admin/users?x=1");
  }, 120_000);
});
