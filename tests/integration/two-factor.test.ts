import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSync } from "otplib";
import { startTestApp, TestBrowser } from "../setup/app";
import { findStoredSecrets } from "../setup/stored-bytes";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";
process.env.TOTP_REQUIRED_FOR_ADMINS = "true";
process.env.SIGNIN_ATTEMPTS_PER_15MIN = "50";

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

async function passwordStep(email: string, password: string) {
  const b = new TestBrowser(app.url);
  await b.get("/login");
  return { b, res: await b.post("/login", { email, password }) };
}

/** Enrols the signed-in browser: reads the key from the page, answers with a real code. */
async function enrol(b: TestBrowser) {
  const page = await b.get("/account/two-factor");
  expect(page.status).toBe(200);
  const secret = /data-totp-secret="?[^>]*>([A-Z2-7]+)</.exec(page.text)![1]!;
  expect(page.text).toContain("data:image/svg+xml;base64,");
  expect(page.text).toContain("otpauth://totp/");
  expect((await b.post("/account/two-factor", { code: "000000" })).status).toBe(400);
  const done = await b.post("/account/two-factor", { code: generateSync({ secret }) });
  expect(done.status).toBe(200);
  const codes = [...done.text.matchAll(/<code>([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})<\/code>/g)].map((m) => m[1]!);
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

describe("two-factor sign-in", () => {
  it("an admin without two-factor is sent to enrol before anything else; a technician is not", async () => {
    const { b, res } = await passwordStep("admin@firma.si", "admin-password-123");
    expect(res.location).toBe("/queue");
    for (const path of ["/queue", "/admin/users", "/reports"]) {
      const page = await b.get(path);
      expect(page.status, path).toBe(302);
      expect(page.headers.get("Location")).toBe("/account/two-factor");
    }
    const { hashPassword } = await import("../../app/auth/password.server");
    await getDb().user.create({ data: { email: "tina@firma.si", name: "Tina", role: "TECHNICIAN", passwordHash: await hashPassword("tina-password-123") } });
    const tech = await passwordStep("tina@firma.si", "tina-password-123");
    expect((await tech.b.get("/queue")).status).toBe(200);
  });

  it("enrols with a code, then asks for the code after the password; a wrong code does not sign in", async () => {
    const { b } = await passwordStep("admin@firma.si", "admin-password-123");
    const { secret, codes } = await enrol(b);
    expect((await b.get("/queue")).status).toBe(200);
    // The secret is kept encrypted, the recovery codes hashed.
    expect(await findStoredSecrets([secret, ...codes, ...codes.map((c) => c.replace(/-/g, ""))])).toEqual([]);

    const next = await passwordStep("admin@firma.si", "admin-password-123");
    expect(next.res.location).toBe("/login/code");
    expect(next.b.cookies.has("md_session")).toBe(false);
    expect((await next.b.get("/queue")).status).toBe(302);
    await next.b.get("/login/code");
    const wrong = await next.b.post("/login/code", { code: "123456" === generateSync({ secret }) ? "654321" : "123456" });
    expect(wrong.status).toBe(401);
    expect(next.b.cookies.has("md_session")).toBe(false);
    const right = await next.b.post("/login/code", { code: generateSync({ secret }) });
    expect(right.status).toBe(302);
    expect(right.location).toBe("/queue");
    expect((await next.b.get("/admin/users")).status).toBe(200);

    // A recovery code works once.
    const r1 = await passwordStep("admin@firma.si", "admin-password-123");
    await r1.b.get("/login/code");
    expect((await r1.b.post("/login/code", { code: codes[0]!.toUpperCase() })).status).toBe(302);
    expect((await r1.b.get("/queue")).status).toBe(200);
    const r2 = await passwordStep("admin@firma.si", "admin-password-123");
    await r2.b.get("/login/code");
    expect((await r2.b.post("/login/code", { code: codes[0]! })).status).toBe(401);
    expect((await r2.b.post("/login/code", { code: codes[1]! })).status).toBe(302);
  });

  it("the code step without the password step opens nothing", async () => {
    const b = new TestBrowser(app.url);
    expect((await b.get("/login/code")).status).toBe(302);
    await b.get("/login");
    const res = await b.post("/login/code", { code: "123456" });
    expect([302, 401]).toContain(res.status); // the page's loader sends the browser back to /login
    expect(res.location ?? "/login").toBe("/login");
    expect(b.cookies.has("md_session")).toBe(false);
  });
});
