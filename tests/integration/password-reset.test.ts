import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ParsedMail } from "mailparser";
import { startMailCatcher } from "../setup/mail";
import { startTestApp, TestBrowser } from "../setup/app";
import { findStoredSecrets } from "../setup/stored-bytes";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { deliverOutbox } from "../../app/mail/outbound/outbox.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";
process.env.PASSWORD_RESETS_PER_HOUR = "3";
process.env.PASSWORD_RESET_MINUTES = "30";

let app: RunningMinidesk;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_URL = catcher.url;
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
  await catcher?.close();
});

const db = () => getDb();

async function createTech(email: string) {
  const { hashPassword } = await import("../../app/auth/password.server");
  await db().user.create({ data: { email, name: "Tehnik", role: "TECHNICIAN", passwordHash: await hashPassword("old-password-123") } });
}

async function signIn(email: string, password: string) {
  const b = new TestBrowser(app.url);
  await b.get("/login");
  return { b, res: await b.post("/login", { email, password }) };
}

async function askReset(email: string) {
  const b = new TestBrowser(app.url);
  await b.get("/forgot-password");
  return b.post("/forgot-password", { email });
}

async function mailsTo(address: string, count: number): Promise<ParsedMail[]> {
  return vi.waitFor(
    async () => {
      await deliverOutbox(db(), new Date(Date.now() + 1000));
      const got = catcher.received.filter((m) => JSON.stringify(m.to).includes(address));
      if (got.length < count) throw new Error(`${got.length} of ${count}`);
      return got;
    },
    { timeout: 15_000, interval: 100 },
  );
}

const resetPath = (m: ParsedMail) => /\/reset-password\/[A-Za-z0-9_-]{20,}/.exec(m.text ?? "")![0];

describe("staff password reset", () => {
  it("mails a link that sets a new password once, ends the old sessions, and is stored only hashed", async () => {
    await createTech("tina@firma.si");
    const { b: oldSession } = await signIn("tina@firma.si", "old-password-123");
    expect((await oldSession.get("/queue")).status).toBe(200);

    const asked = await askReset("Tina@Firma.si");
    expect(asked.status).toBe(200);
    const [mail] = await mailsTo("tina@firma.si", 1);
    const path = resetPath(mail!);
    expect(await findStoredSecrets([path.split("/").pop()!])).toEqual([]);

    const b = new TestBrowser(app.url);
    const form = await b.get(path);
    expect(form.status).toBe(200);
    expect(form.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await b.post(path, { password: "new-password-456", confirm: "other-password-456" })).status).toBe(400);
    const done = await b.post(path, { password: "new-password-456", confirm: "new-password-456" });
    expect(done.status).toBe(200);
    expect(done.text).toMatch(/Your password is set|Geslo je nastavljeno/);

    expect((await oldSession.get("/queue")).status).toBe(302); // signed out everywhere
    expect((await signIn("tina@firma.si", "old-password-123")).res.status).toBe(401);
    expect((await signIn("tina@firma.si", "new-password-456")).res.status).toBe(302);
    // Once only.
    expect((await b.get(path)).status).toBe(404);
    expect((await b.post(path, { password: "third-password-789", confirm: "third-password-789" })).status).toBe(404);
    expect((await signIn("tina@firma.si", "third-password-789")).res.status).toBe(401);
  });

  it("a link stops working when it expires", async () => {
    await createTech("marko@firma.si");
    await askReset("marko@firma.si");
    const [mail] = await mailsTo("marko@firma.si", 1);
    const path = resetPath(mail!);
    const row = await db().accessToken.findFirstOrThrow({ where: { purpose: "PASSWORD_RESET", usedAt: null } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(31 * 60_000);
    await db().accessToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const b = new TestBrowser(app.url);
    expect((await b.get(path)).status).toBe(404);
    await b.get("/forgot-password");
    expect((await b.post(path, { password: "new-password-456", confirm: "new-password-456" })).status).toBe(404);
  });

  it("answers an unknown address exactly as a known one, and mails nobody", async () => {
    const before = catcher.received.length;
    const unknown = await askReset("nobody@firma.si");
    const known = await askReset("admin@firma.si");
    expect(unknown.status).toBe(known.status);
    const answer = (html: string) => /<p class="alert[^"]*" role="(?:status|alert)">([^<]*)</.exec(html)?.[1];
    expect(answer(unknown.text)).toMatch(/on its way|na poti/);
    expect(answer(unknown.text)).toBe(answer(known.text));
    await mailsTo("admin@firma.si", 1);
    expect(catcher.received.slice(before).some((m) => JSON.stringify(m.to).includes("nobody@firma.si"))).toBe(false);
  });

  it("limits requests: per account silently (same answer, no more mail), per client address with 429", async () => {
    await createTech("ana@firma.si");
    for (let i = 0; i < 5; i++) expect((await askReset("ana@firma.si")).status).toBe(200);
    await mailsTo("ana@firma.si", 3);
    await new Promise((r) => setTimeout(r, 300));
    await deliverOutbox(db(), new Date(Date.now() + 1000));
    expect(catcher.received.filter((m) => JSON.stringify(m.to).includes("ana@firma.si"))).toHaveLength(3);
    // The same client address, asking about many addresses, is stopped (limit × 5 per hour).
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await askReset(`x${i}@firma.si`)).status);
    expect(statuses).toContain(429);
  });
});
