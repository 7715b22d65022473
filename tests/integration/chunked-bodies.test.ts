import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { resetConfigForTests } from "../../app/config.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { hashPassword } from "../../app/auth/password.server";
import { fixture, useMailIntakeEnv, variant, uniqueId } from "../setup/mail";
import { ENDLESS, sendChunked } from "../setup/chunked-request";

/**
 * Bodies without a Content-Length (Transfer-Encoding: chunked) are counted as they arrive: past
 * the limit the server answers 413 at once and stops reading, before any sign-in, instead of
 * reading (and holding) everything a client cares to send. Under the limit they work as usual.
 */
const SECRET = "chunked-webhook-secret-0123456789";
useMailIntakeEnv({ INBOUND_WEBHOOK_SECRET: SECRET, MAX_MAIL_BYTES: "300000", MAX_UPLOAD_BYTES: "100000", MAX_ATTACHMENTS: "2" });
resetConfigForTests();

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
  const db = getDb();
  await ensureDefaults(db);
  await db.user.create({ data: { email: "chunked@firma.si", name: "Tehnik", role: "ADMIN", passwordHash: await hashPassword("chunked-password-123") } });
});
afterAll(async () => app?.stop());

async function signInPage() {
  const b = new TestBrowser(app.url);
  await b.get("/login");
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return { b, cookie };
}

describe("chunked bodies are capped while they stream", { timeout: 60_000 }, () => {
  it("a form (sign-in, 256 KB limit) over the limit: 413 at once, the rest never read", async () => {
    const { b, cookie } = await signInPage();
    const res = await sendChunked(app.url, "/login", { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      Buffer.from(`csrf=${encodeURIComponent(b.csrf)}&email=chunked%40firma.si&password=`), { filler: ENDLESS });
    expect(res.status).toBe(413);
    expect(res.bytesSentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
  });

  it("a form under the limit still signs in", async () => {
    const { b, cookie } = await signInPage();
    const res = await sendChunked(app.url, "/login", { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      Buffer.from(`csrf=${encodeURIComponent(b.csrf)}&email=chunked%40firma.si&password=chunked-password-123`));
    expect(res.status).toBe(302);
  });

  it("the new-ticket upload form over its limit (2 × 100 KB + 1 MB): 413 at once", async () => {
    const { b, cookie } = await signInPage();
    await b.get("/new");
    const boundary = "----chunkedboundary";
    // Filler before the first boundary (a preamble): no part, so no per-part limit applies.
    const head = Buffer.from("preamble ");
    const res = await sendChunked(app.url, "/new", { Cookie: cookie, Origin: app.url, "Content-Type": `multipart/form-data; boundary=${boundary}` }, head, { filler: ENDLESS });
    expect(res.status).toBe(413);
    expect(res.bytesSentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
  });

  it("the new-ticket upload form under the limit opens a ticket", async () => {
    const { b } = await signInPage();
    await b.get("/new");
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const boundary = "----chunkedboundary2";
    const fields = { csrf: b.csrf, name: "Ana Test", email: "ana.chunked@example.com", subject: "Chunked printer", description: "The printer is offline.", category: "other" };
    const body = Buffer.from(Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`);
    const res = await sendChunked(app.url, "/new", { Cookie: cookie, Origin: app.url, "Content-Type": `multipart/form-data; boundary=${boundary}` }, body);
    expect([302, 303]).toContain(res.status);
    expect(await getDb().ticket.count({ where: { subject: "Chunked printer" } })).toBe(1);
  });

  it("the inbound-mail webhook over MAX_MAIL_BYTES: 413 at once; under it: stored", async () => {
    const auth = { Authorization: `Bearer ${SECRET}`, "Content-Type": "message/rfc822" };
    const over = await sendChunked(app.url, "/api/inbound-mail", auth, Buffer.from("From: a@example.com\r\nSubject: big\r\n\r\n"), { filler: ENDLESS });
    expect(over.status).toBe(413);
    expect(over.bytesSentBeforeAnswer).toBeLessThan(8 * 1024 * 1024);
    const ok = await sendChunked(app.url, "/api/inbound-mail", auth, variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("chunked")}>` }));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ outcome: "ticket-opened" });
  });
});
