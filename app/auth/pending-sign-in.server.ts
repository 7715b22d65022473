import { createCookie } from "@remix-run/node";
import { getConfig } from "../config.server";
import { getSecrets } from "../secrets.server";

/**
 * Between the password and the TOTP code: a signed, HttpOnly cookie naming the account whose
 * password was right, for five minutes. It is not a session: no staff page accepts it.
 */
const MINUTES = 5;

function cookie() {
  return createCookie("md_2fa", {
    httpOnly: true, sameSite: "lax", path: "/", maxAge: MINUTES * 60,
    secure: getConfig().PUBLIC_URL.startsWith("https://"), secrets: [getSecrets().sessionSecret],
  });
}

export async function startPendingSignIn(userId: string, redirectTo: string): Promise<string> {
  return cookie().serialize({ u: userId, to: redirectTo, exp: Date.now() + MINUTES * 60_000 });
}

export async function readPendingSignIn(request: Request): Promise<{ userId: string; redirectTo: string } | null> {
  const v: unknown = await cookie().parse(request.headers.get("Cookie"));
  if (!v || typeof v !== "object") return null;
  const { u, to, exp } = v as Record<string, unknown>;
  if (typeof u !== "string" || typeof to !== "string" || typeof exp !== "number" || exp < Date.now()) return null;
  return { userId: u, redirectTo: to };
}

export async function clearPendingSignIn(): Promise<string> {
  return cookie().serialize("", { maxAge: 0 });
}
