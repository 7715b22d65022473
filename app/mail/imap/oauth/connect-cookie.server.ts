import { createCookie } from "@remix-run/node";
import { getConfig } from "../../../config.server";
import { getSecrets, openSecret, sealSecret } from "../../../secrets.server";

/**
 * Between "Connect account" and the provider's redirect back: which mailbox, the state that
 * proves the answer belongs to this browser's request, and the PKCE verifier. Sealed (the verifier
 * must stay secret), signed, HttpOnly, sent only to the callback, and good for ten minutes.
 * SameSite=Lax, because the provider's redirect back is a top-level navigation from another site.
 */
const MINUTES = 10;
export const OAUTH_CALLBACK_PATH = "/admin/mailboxes/oauth-callback";

export type PendingConnect = { mailboxId: string; state: string; verifier: string };

function cookie() {
  return createCookie("md_oauth", {
    httpOnly: true, sameSite: "lax", path: OAUTH_CALLBACK_PATH, maxAge: MINUTES * 60,
    secure: getConfig().PUBLIC_URL.startsWith("https://"), secrets: [getSecrets().sessionSecret],
  });
}

export function oauthRedirectUri(): string {
  return new URL(OAUTH_CALLBACK_PATH, getConfig().PUBLIC_URL).href;
}

export async function rememberPendingConnect(pending: PendingConnect): Promise<string> {
  return cookie().serialize(sealSecret(JSON.stringify({ ...pending, exp: Date.now() + MINUTES * 60_000 })));
}

export async function readPendingConnect(request: Request): Promise<PendingConnect | null> {
  const sealed: unknown = await cookie().parse(request.headers.get("Cookie"));
  if (typeof sealed !== "string") return null;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(openSecret(sealed));
  } catch {
    return null;
  }
  const { mailboxId, state, verifier, exp } = v;
  if (typeof mailboxId !== "string" || typeof state !== "string" || typeof verifier !== "string" || typeof exp !== "number" || exp < Date.now()) return null;
  return { mailboxId, state, verifier };
}

export async function clearPendingConnect(): Promise<string> {
  return cookie().serialize("", { maxAge: 0 });
}
