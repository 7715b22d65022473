import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { findStoredSecrets, signedCookieValue } from "../setup/stored-bytes";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";
process.env.SIGNIN_ATTEMPTS_PER_15MIN = "5";

let app: RunningMinidesk;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

async function signIn(email: string, password: string) {
  const b = new TestBrowser(app.url);
  await b.get("/login");
  const res = await b.post("/login", { email, password });
  return { b, res };
}

describe("staff sign-in", () => {
  it("signs the admin in with a session cookie that is HttpOnly and SameSite", async () => {
    const { b, res } = await signIn("Admin@Firma.si", "admin-password-123");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/queue");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("md_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const page = await b.get("/admin/users");
    expect(page.status).toBe(200);
    expect(page.text).toContain("admin@firma.si");
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const { b, res } = await signIn("admin@firma.si", "wrong-password-123");
    expect(res.status).toBe(401);
    expect(res.text).toMatch(/Email or password is not right|E-pošta ali geslo ni pravilno/);
    expect(b.cookies.has("md_session")).toBe(false);
    const unknown = await signIn("nobody@firma.si", "whatever-password");
    expect(unknown.res.status).toBe(401);
  });

  it("limits guessing: the sixth attempt within 15 minutes is refused", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn("guess@firma.si", `guess-${i}`)).res.status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
  });

  it("signs out and the old session cookie no longer works", async () => {
    const { b } = await signIn("admin@firma.si", "admin-password-123");
    const sessionCookie = b.cookies.get("md_session")!;
    await b.get("/admin/users");
    const out = await b.post("/logout", {});
    expect(out.status).toBe(302);
    const replay = await fetch(app.url + "/admin/users", { headers: { Cookie: `md_session=${sessionCookie}` }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("CSRF", () => {
  it("rejects a form without this browser's token", async () => {
    const b = new TestBrowser(app.url);
    await b.get("/login");
    const res = await b.post("/login", { email: "admin@firma.si", password: "admin-password-123" }, { csrf: false });
    expect(res.status).toBe(403);
  });

  it("rejects a token from another browser and a post from another site", async () => {
    const attacker = new TestBrowser(app.url);
    await attacker.get("/login");
    const victim = new TestBrowser(app.url);
    await victim.get("/login");
    victim.csrf = attacker.csrf;
    expect((await victim.post("/login", { email: "a@b.si", password: "x" })).status).toBe(403);
    const fresh = new TestBrowser(app.url);
    await fresh.get("/login");
    expect((await fresh.post("/login", { email: "a@b.si", password: "x" }, { origin: "https://evil.example" })).status).toBe(403);
  });
});

describe("roles", () => {
  it("a technician cannot open admin pages; anonymous visitors are sent to sign-in", async () => {
    const { b: admin } = await signIn("admin@firma.si", "admin-password-123");
    await admin.get("/admin/users");
    const created = await admin.post("/admin/users", {
      intent: "create", name: "Tina Tehnik", email: "tina@firma.si", role: "TECHNICIAN", password: "tina-password-123",
    });
    expect(created.status).toBe(200);
    const { b: tech, res } = await signIn("tina@firma.si", "tina-password-123");
    expect(res.status).toBe(302);
    expect((await tech.get("/admin/users")).status).toBe(403);
    expect((await tech.post("/admin/users", { intent: "deactivate", userId: "x" })).status).toBe(403);
    const anon = new TestBrowser(app.url);
    const page = await anon.get("/admin/users");
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
  });

  it("deactivating a technician ends their session", async () => {
    const { b: admin } = await signIn("admin@firma.si", "admin-password-123");
    await admin.get("/admin/users");
    await admin.post("/admin/users", { intent: "create", name: "Marko", email: "marko@firma.si", role: "ADMIN", password: "marko-password-123" });
    const { b: marko } = await signIn("marko@firma.si", "marko-password-123");
    expect((await marko.get("/admin/users")).status).toBe(200);
    const { getDb } = await import("../../app/db.server");
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "marko@firma.si" } });
    await admin.post("/admin/users", { intent: "deactivate", userId: user.id });
    expect((await marko.get("/admin/users")).status).toBe(302);
    expect((await signIn("marko@firma.si", "marko-password-123")).res.status).toBe(401);
  });
});

describe("first start", () => {
  it("passwords are stored only as slow hashes", async () => {
    const { getDb } = await import("../../app/db.server");
    const admin = await getDb().user.findUniqueOrThrow({ where: { email: "admin@firma.si" } });
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    expect(admin.passwordHash).not.toContain("admin-password-123");
  });
});

describe("sessions at rest", () => {
  it("keeps only a hash of each session id: the database holds no cookie's id, and the sessions still work", async () => {
    const { getDb } = await import("../../app/db.server");
    const { hashPassword } = await import("../../app/auth/password.server");
    // Its own account: the admin's sign-ins above used up its rate limit for this window.
    await getDb().user.create({ data: { email: "seja@firma.si", name: "Seja", role: "ADMIN", passwordHash: await hashPassword("seja-password-123") } });
    const browsers = await Promise.all([0, 1, 2].map(async () => (await signIn("seja@firma.si", "seja-password-123")).b));
    const ids = browsers.map((b) => signedCookieValue(b.cookies.get("md_session")!) as string);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    for (const b of browsers) expect((await b.get("/admin/users")).status).toBe(200);
    const rows = await getDb().session.findMany({ select: { id: true } });
    for (const id of ids) expect(rows.map((r) => r.id)).not.toContain(id);
    expect(await findStoredSecrets(ids)).toEqual([]);
    // A row's stored id, put into a cookie, opens nothing: it is a hash, not a key.
    const stolen = new TestBrowser(app.url);
    stolen.cookies.set("md_session", browsers[0]!.cookies.get("md_session")!.replace(/^[^.]+/, Buffer.from(JSON.stringify(rows[0]!.id)).toString("base64")));
    expect((await stolen.get("/admin/users")).status).toBe(302);
  });
});
