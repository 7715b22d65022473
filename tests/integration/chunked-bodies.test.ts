import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { resetConfigForTests } from "../../app/config.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { hashPassword } from "../../app/auth/password.server";
import { fixture, useMailIntakeEnv, variant, uniqueId } from "../setup/mail";

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

const CHUNK = Buffer.alloc(64 * 1024, "a");
/** What a hostile client would send if nobody stopped it. */
const ENDLESS = 256 * 1024 * 1024;

type Sent = { status: number; body: string; bytesSentBeforeAnswer: number; ms: number };

/**
 * A real chunked request (node:http, no Content-Length): `head` first, then filler (or `tail`
 * when given, then the end), written as fast as the server takes it until the answer arrives.
 */
function sendChunked(path: string, headers: Record<string, string>, head: Buffer, opts: { filler?: number; tail?: Buffer } = {}): Promise<Sent> {
  const url = new URL(app.url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: url.hostname, port: url.port, path, method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } }, (res) => {
      answered = true;
      const bytesSentBeforeAnswer = sent;
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body, bytesSentBeforeAnswer, ms: Date.now() - started }));
      res.on("error", () => resolve({ status: res.statusCode!, body, bytesSentBeforeAnswer, ms: Date.now() - started }));
    });
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const write = async () => {
      req.write(head);
      sent += head.length;
      const filler = opts.filler ?? 0;
      while (!answered && sent < filler) {
        const ok = req.write(CHUNK);
        sent += CHUNK.length;
        if (!ok) await new Promise<void>((r) => { req.once("drain", r); req.once("close", r); });
      }
      if (!answered) req.end(opts.tail ?? Buffer.alloc(0));
      else req.destroy();
    };
    write().catch(reject);
  });
}

async function signInPage() {
  const b = new TestBrowser(app.url);
  await b.get("/login");
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return { b, cookie };
}

describe("chunked bodies are capped while they stream", { timeout: 60_000 }, () => {
  it("a form (sign-in, 256 KB limit) over the limit: 413 at once, the rest never read", async () => {
    const { b, cookie } = await signInPage();
    const res = await sendChunked("/login", { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      Buffer.from(`csrf=${encodeURIComponent(b.csrf)}&email=chunked%40firma.si&password=`), { filler: ENDLESS });
    expect(res.status).toBe(413);
    expect(res.bytesSentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
  });

  it("a form under the limit still signs in", async () => {
    const { b, cookie } = await signInPage();
    const res = await sendChunked("/login", { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      Buffer.from(`csrf=${encodeURIComponent(b.csrf)}&email=chunked%40firma.si&password=chunked-password-123`));
    expect(res.status).toBe(302);
  });

  it("the new-ticket upload form over its limit (2 × 100 KB + 1 MB): 413 at once", async () => {
    const { b, cookie } = await signInPage();
    await b.get("/new");
    const boundary = "----chunkedboundary";
    // Filler before the first boundary (a preamble): no part, so no per-part limit applies.
    const head = Buffer.from("preamble ");
    const res = await sendChunked("/new", { Cookie: cookie, Origin: app.url, "Content-Type": `multipart/form-data; boundary=${boundary}` }, head, { filler: ENDLESS });
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
    const res = await sendChunked("/new", { Cookie: cookie, Origin: app.url, "Content-Type": `multipart/form-data; boundary=${boundary}` }, body);
    expect([302, 303]).toContain(res.status);
    expect(await getDb().ticket.count({ where: { subject: "Chunked printer" } })).toBe(1);
  });

  it("the inbound-mail webhook over MAX_MAIL_BYTES: 413 at once; under it: stored", async () => {
    const auth = { Authorization: `Bearer ${SECRET}`, "Content-Type": "message/rfc822" };
    const over = await sendChunked("/api/inbound-mail", auth, Buffer.from("From: a@example.com\r\nSubject: big\r\n\r\n"), { filler: ENDLESS });
    expect(over.status).toBe(413);
    expect(over.bytesSentBeforeAnswer).toBeLessThan(8 * 1024 * 1024);
    const ok = await sendChunked("/api/inbound-mail", auth, variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("chunked")}>` }));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ outcome: "ticket-opened" });
  });
});
