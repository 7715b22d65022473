import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { getConfig } from "../config.server";
import { getSecrets } from "../secrets.server";

/**
 * CSRF protection for every form (signed double-submit token, OWASP's pattern):
 * the root loader gives each browser a random token in a signed, httpOnly cookie and
 * the same token to the page, which puts it in a hidden field. An action accepts a
 * form only when both match and, when the browser says where the form came from
 * (Origin), that it came from us.
 */
export const CSRF_FIELD = "csrf";

function csrfCookie() {
  return createCookie("md_csrf", {
    httpOnly: true,
    sameSite: "lax",
    secure: getConfig().PUBLIC_URL.startsWith("https://"),
    path: "/",
    secrets: [getSecrets().sessionSecret],
  });
}

/** Returns the browser's token, and a Set-Cookie header when a new one was made. */
export async function ensureCsrfToken(request: Request): Promise<{ token: string; setCookie?: string }> {
  const cookie = csrfCookie();
  const existing = await cookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing };
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, setCookie: await cookie.serialize(token) };
}

export class CsrfError extends Response {}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return origin !== "null";
  const own = new URL(getConfig().PUBLIC_URL).origin;
  const requestOrigin = new URL(request.url).origin;
  return origin === own || origin === requestOrigin;
}

/** Throws 403 unless the form carries this browser's token. */
export async function requireCsrf(request: Request, form: FormData): Promise<void> {
  const cookieToken = await csrfCookie().parse(request.headers.get("Cookie"));
  const formToken = form.get(CSRF_FIELD);
  const ok =
    typeof cookieToken === "string" &&
    typeof formToken === "string" &&
    cookieToken.length === formToken.length &&
    crypto.timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken)) &&
    sameOrigin(request);
  if (!ok) {
    throw new Response("This form has expired or did not come from this site. Reload the page and try again.", {
      status: 403,
    });
  }
}
