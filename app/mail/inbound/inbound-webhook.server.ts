import crypto from "node:crypto";
import { getConfig } from "../../config.server";
import { getDb } from "../../db.server";
import { errorCode, log } from "../../logging/logger.server";
import { ingestMail } from "./ingest-mail.server";

// POST /api/inbound-mail: for mail providers that deliver by webhook, or an MTA on another
// host. Machine to machine, so a shared secret instead of a session and CSRF token.

const ACCEPTED_TYPES = new Set(["message/rfc822", "text/plain", "application/octet-stream"]);

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });

export async function receiveInboundMailRequest(request: Request): Promise<Response> {
  const config = getConfig();
  // Disabled unless configured: indistinguishable from a route that does not exist.
  if (!config.INBOUND_WEBHOOK_SECRET) return json(404, { error: "not-found" });
  if (!bearerMatches(request.headers.get("authorization"), config.INBOUND_WEBHOOK_SECRET)) {
    return json(401, { error: "unauthorized" }, { "WWW-Authenticate": "Bearer" });
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.has(type)) return json(415, { error: "unsupported-media-type" });

  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > config.MAX_MAIL_BYTES) return json(413, { error: "too-large" });
  const raw = await readBounded(request, config.MAX_MAIL_BYTES);
  if (raw === null) return json(413, { error: "too-large" });

  try {
    const result = await ingestMail(getDb(), raw, { receivedVia: "HTTP" });
    return json(200, { outcome: result.outcome, reference: result.reference ?? null });
  } catch (err) {
    log.error("http.inbound_mail_failed", { code: errorCode(err) });
    return json(503, { error: "temporary-failure" }, { "Retry-After": "60" });
  }
}

/** Compares hashes, so neither the length nor any prefix of the secret leaks through timing. */
function bearerMatches(header: string | null, secret: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1] ?? "";
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(secret)) && given !== "";
}

// Past the limit the rest is read and thrown away for a while, so the sender gets its 413
// instead of a reset connection (cancelling the body closes the socket before we can answer);
// a body that goes on beyond this is cut off.
const DISCARD_BYTES = 16 * 1024 * 1024;

/** The body, or null when it is larger than `max`: never more than the limit held in memory. */
export async function readBounded(request: Request, max: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total <= max) chunks.push(value);
    else if (total > max + DISCARD_BYTES) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return total > max ? null : Buffer.concat(chunks);
}
