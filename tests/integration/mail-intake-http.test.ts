import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { fixture, uniqueId, useMailIntakeEnv, variant } from "../setup/mail";
import { startTestApp } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";

// POST /api/inbound-mail: raw RFC 822 from a provider's webhook or a remote MTA.
const SECRET = "inbound-webhook-secret-0123456789";
useMailIntakeEnv({ INBOUND_WEBHOOK_SECRET: SECRET, MAX_MAIL_BYTES: String(64 * 1024) });
const { resetConfigForTests } = await import("../../app/config.server");
resetConfigForTests();
const { getDb } = await import("../../app/db.server");

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

/** Streams `chunks` pieces with chunked encoding; resolves with the status the server sent. */
function postChunked(chunks: number, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${app.url}/api/inbound-mail`, {
      method: "POST",
      headers: { Authorization: `Bearer ${SECRET}`, "Content-Type": "message/rfc822" },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // The server may close the connection after answering; only an error before that counts.
    req.on("error", reject);
    let sent = 0;
    const writeNext = () => {
      if (sent++ >= chunks) return req.end();
      if (req.write(Buffer.alloc(size, 0x79))) setImmediate(writeNext);
      else req.once("drain", writeNext);
    };
    writeNext();
  });
}

function post(body: BodyInit | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/inbound-mail`, {
    method: "POST",
    body: body instanceof Buffer ? new Uint8Array(body) : body,
    headers: { Authorization: `Bearer ${SECRET}`, "Content-Type": "message/rfc822", ...headers },
    // Needed for a streamed body without Content-Length.
    duplex: "half",
  } as RequestInit);
}

describe("HTTP mail intake", () => {
  it("stores a message and answers with the outcome and reference", async () => {
    const raw = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("http")}>` });
    const res = await post(raw);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outcome: string; reference: string };
    expect(body.outcome).toBe("ticket-opened");
    const ticket = await getDb().ticket.findUniqueOrThrow({ where: { reference: body.reference } });
    expect(ticket.channel).toBe("EMAIL");
    // Resent by a retrying webhook: nothing new.
    expect(await (await post(raw, { "Content-Type": "application/octet-stream" })).json()).toEqual({ outcome: "duplicate", reference: null });
  });

  it("refuses a wrong or missing secret with 401, and wrong content types with 415", async () => {
    const raw = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("auth")}>` });
    const tickets = await getDb().ticket.count();
    expect((await post(raw, { Authorization: `Bearer ${SECRET.slice(0, -1)}x` })).status).toBe(401);
    expect((await post(raw, { Authorization: `Bearer ${SECRET}extra` })).status).toBe(401);
    expect((await post(raw, { Authorization: "" })).status).toBe(401);
    expect((await post(raw, { "Content-Type": "application/json" })).status).toBe(415);
    expect(await getDb().ticket.count()).toBe(tickets);
  });

  it("refuses a body over MAX_MAIL_BYTES with 413, with or without Content-Length", async () => {
    const big = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("big")}>` }, "y".repeat(100 * 1024));
    expect((await post(big)).status).toBe(413);
    // Chunked, no Content-Length: the limit must hold while reading, not only on the header.
    expect(await postChunked(20, 8 * 1024)).toBe(413);
    expect(await getDb().quarantinedMail.count()).toBe(0);
  });

  it("answers 503 while the database fails, so the caller retries", async () => {
    const db = getDb();
    const raw = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("503")}>` });
    await db.$executeRawUnsafe('ALTER TABLE "Message" RENAME TO "Message_away"');
    try {
      const res = await post(raw);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("60");
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "Message_away" RENAME TO "Message"');
    }
    expect((await (await post(raw)).json()) as { outcome: string }).toMatchObject({ outcome: "ticket-opened" });
  });

  it("is not there (404) when no secret is configured", async () => {
    // The web build bundles its own config module, so this calls the same handler directly.
    delete process.env.INBOUND_WEBHOOK_SECRET;
    resetConfigForTests();
    try {
      const { receiveInboundMailRequest } = await import("../../app/mail/inbound/inbound-webhook.server");
      const request = new Request("http://localhost/api/inbound-mail", {
        method: "POST",
        body: new Uint8Array(variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("off")}>` })),
        headers: { Authorization: "Bearer ", "Content-Type": "message/rfc822" },
      });
      expect((await receiveInboundMailRequest(request)).status).toBe(404);
    } finally {
      process.env.INBOUND_WEBHOOK_SECRET = SECRET;
      resetConfigForTests();
    }
  });
});
