import type { Db } from "../../../db.server";
import { recordAudit } from "../../../audit/audit.server";
import { oauthAppOf, storeRefreshToken } from "../mailboxes.server";
import { beginConnect, finishConnect, OAuthRefusedError } from "./oauth-client.server";
import { clearPendingConnect, OAUTH_CALLBACK_PATH, oauthRedirectUri, readPendingConnect, rememberPendingConnect } from "./connect-cookie.server";

/**
 * Connecting an OAUTH2 mailbox's account: the admin is sent to the provider's sign-in (where the
 * mailbox's owner consents to IMAP access), and comes back to the callback with a code that is
 * exchanged for the refresh token the poller lives on.
 */
export type ConnectOutcome = "connected" | "refused" | "expired" | "unknown-mailbox" | "unavailable";

export async function startMailboxConnect(db: Db, mailboxId: string): Promise<{ url: string; setCookie: string } | null> {
  const mailbox = await db.mailbox.findFirst({ where: { id: mailboxId, source: "ADMIN" } });
  const app = mailbox && oauthAppOf(mailbox);
  if (!app) return null;
  const start = await beginConnect(app, oauthRedirectUri());
  return { url: start.url, setCookie: await rememberPendingConnect({ mailboxId, state: start.state, verifier: start.verifier }) };
}

/** The provider sent the admin back: `request` carries its answer (code and state, or an error) in the query. */
export async function finishMailboxConnect(db: Db, request: Request, actorUserId: string): Promise<{ outcome: ConnectOutcome; setCookie: string }> {
  const setCookie = await clearPendingConnect();
  const pending = await readPendingConnect(request);
  if (!pending) return { outcome: "expired", setCookie };
  const mailbox = await db.mailbox.findFirst({ where: { id: pending.mailboxId, source: "ADMIN" } });
  const app = mailbox && oauthAppOf(mailbox);
  if (!mailbox || !app) return { outcome: "unknown-mailbox", setCookie };
  // The redirect URI as registered (PUBLIC_URL), whatever host name the request came in by.
  const callbackUrl = new URL(OAUTH_CALLBACK_PATH + new URL(request.url).search, oauthRedirectUri());
  try {
    const tokens = await finishConnect(app, callbackUrl, pending);
    await storeRefreshToken(db, mailbox.id, app, tokens.refreshToken);
    // Read it now, with no back-off left over from the time it was not connected.
    await db.mailbox.update({ where: { id: mailbox.id }, data: { status: "NEW", failures: 0, nextAttemptAt: null, lastErrorCode: null } });
    await recordAudit(db, { actorUserId, action: "mailbox.connected", details: { mailboxId: mailbox.id } });
    return { outcome: "connected", setCookie };
  } catch (err) {
    return { outcome: err instanceof OAuthRefusedError ? "refused" : "unavailable", setCookie };
  }
}
