import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAuth2Server } from "oauth2-mock-server";
import { SUPPORT, uniqueId, useMailIntakeEnv } from "../setup/mail";
import { startTestApp, TestBrowser } from "../setup/app";
import { waitFor } from "../setup/wait-for";
import { dovecotAvailable, removeDovecot, startDovecot, type Dovecot } from "../setup/dovecot";
import type { RunningMinidesk } from "../../app/server/services.server";

/**
 * A mailbox signed in with OAuth2, end to end with real parts: an OAuth2 provider on 127.0.0.1
 * (oauth2-mock-server, made strict here: it remembers the tokens it gave and refuses others, and
 * its access tokens last seconds), a real Dovecot that checks each XOAUTH2 token against that
 * provider, and the real web app, where an admin connects the account through the provider's
 * sign-in. The poller must renew its access token from the refresh token, store the rotated
 * refresh token sealed, and show "sign-in refused" when the consent is revoked.
 */
useMailIntakeEnv({ IMAP_POLL_MS: "500", IMAP_RETRY_MS: "100", IMAP_RETRY_MAX_MS: "400", IMAP_LEASE_MS: "5000" });
process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

const ACCOUNT = "podpora@firma.example";
const APPEND_PASSWORD = "Append-Only-Pass-2231";
const CLIENT_ID = "minidesk-imap";
const CLIENT_SECRET = "Client-Secret-Value-9917";
const TOKEN_SECONDS = 3;

const provider = new OAuth2Server();
const accessTokens = new Map<string, number>(); // token → valid until (ms)
const refreshTokens = new Set<string>();
let refreshGrants = 0;
let senders = 0;
let dovecot: Dovecot;
let app: RunningMinidesk;

beforeAll(async () => {
  await provider.issuer.keys.generate("RS256");
  await provider.start(0, "127.0.0.1");
  provider.service.on("beforeResponse", (response: { body: Record<string, unknown>; statusCode: number }, req: { body: Record<string, string> }) => {
    if (req.body.grant_type === "refresh_token") {
      // A refresh token works once (rotation) and only if we gave it.
      if (!refreshTokens.delete(req.body.refresh_token!)) {
        response.statusCode = 400;
        response.body = { error: "invalid_grant" };
        return;
      }
      refreshGrants++;
    }
    if (typeof response.body.access_token === "string") {
      response.body.expires_in = TOKEN_SECONDS;
      accessTokens.set(response.body.access_token, Date.now() + TOKEN_SECONDS * 1000);
    }
    if (typeof response.body.refresh_token === "string") refreshTokens.add(response.body.refresh_token);
  });
  provider.service.on("beforeUserinfo", (response: { body: Record<string, unknown>; statusCode: number }, req: { headers: Record<string, string> }) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const until = token && accessTokens.get(token);
    if (!until || until < Date.now()) {
      response.statusCode = 401;
      response.body = { error: "invalid_token" };
      return;
    }
    response.body = { sub: ACCOUNT };
  });
  if (dovecotAvailable()) dovecot = await startDovecot({ [ACCOUNT]: APPEND_PASSWORD }, { oauth2UserinfoUrl: `${provider.issuer.url}/userinfo` });
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
  if (dovecot) await removeDovecot(dovecot);
  await provider.stop();
});

async function signInAdmin() {
  const b = new TestBrowser(app.url);
  await b.get("/login");
  expect((await b.post("/login", { email: "admin@firma.si", password: "admin-password-123" })).status).toBe(302);
  return b;
}

async function deliver(subject: string) {
  const client = await dovecot.connect(ACCOUNT, APPEND_PASSWORD);
  try {
    await client.append("INBOX", Buffer.from([
      `From: Jana Kovač <jana.kovac.${++senders}@stranka.example>`, "Date: Wed, 02 Dec 2026 08:00:00 +0100", `To: ${SUPPORT}`, `Subject: ${subject}`,
      `Message-ID: <${uniqueId("oauth")}>`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Spletna stran se ne odpre.", "",
    ].join("\r\n")));
  } finally {
    await client.logout();
  }
}

const fields = (extra: Record<string, string> = {}) => ({
  intent: "save", name: "Microsoft podpora", host: "127.0.0.1", port: String(dovecot.port), username: ACCOUNT,
  authMethod: "OAUTH2", secret: CLIENT_SECRET, oauthProvider: "CUSTOM", oauthIssuer: provider.issuer.url!, oauthClientId: CLIENT_ID,
  oauthScope: "imap offline_access", folder: "INBOX", afterIngest: "MOVE", processedFolder: "Processed", enabled: "on", ...extra,
});

describe.skipIf(!dovecotAvailable())("IMAP mailbox with OAuth2 sign-in", () => {
  it("is connected by an admin through the provider, read with renewed tokens, and shows a revoked consent", async () => {
    const { getDb } = await import("../../app/db.server");
    const { startMailboxPollers } = await import("../../app/mail/imap/mailbox-pollers.server");
    const db = getDb();
    const admin = await signInAdmin();
    await admin.get("/admin/mailboxes");
    expect((await admin.post("/admin/mailboxes", fields())).status).toBe(200);
    const page = await admin.get("/admin/mailboxes");
    expect(page.text).toContain('data-oauth-connected="no"');
    expect(page.text).toContain("/admin/mailboxes/oauth-callback");
    expect(page.text).not.toContain(CLIENT_SECRET);
    const mailbox = await db.mailbox.findFirstOrThrow({ where: { name: "Microsoft podpora" } });

    // Connect: to the provider's sign-in with PKCE and a state, and back to the callback.
    const toProvider = await admin.post("/admin/mailboxes", { intent: "connect", id: mailbox.id });
    expect(toProvider.status).toBe(302);
    const authorize = new URL(toProvider.headers.get("location")!);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer.url}/authorize`);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
    const back = new URL((await fetch(authorize, { redirect: "manual" })).headers.get("location")!);
    expect(back.pathname).toBe("/admin/mailboxes/oauth-callback");

    // The callback with someone else's state (a forged link) is refused and changes nothing.
    const forged = new URL(back);
    forged.searchParams.set("state", "not-the-state");
    const refused = await admin.get(forged.pathname + forged.search);
    expect(refused.headers.get("location")).toBe("/admin/mailboxes?connect=refused");
    expect((await admin.get("/admin/mailboxes")).text).toContain('data-oauth-connected="no"');

    // The real one, in a fresh attempt (the pending sign-in is used up by any answer).
    await admin.get("/admin/mailboxes");
    const again = new URL((await admin.post("/admin/mailboxes", { intent: "connect", id: mailbox.id })).headers.get("location")!);
    const callback = new URL((await fetch(again, { redirect: "manual" })).headers.get("location")!);
    const done = await admin.get(callback.pathname + callback.search);
    expect(done.headers.get("location")).toBe("/admin/mailboxes?connect=connected");
    const connected = await admin.get("/admin/mailboxes?connect=connected");
    expect(connected.text).toContain('data-oauth-outcome="connected"');
    expect(connected.text).toContain('data-oauth-connected="yes"');

    // Read over IMAP with XOAUTH2; then again after the access token has run out.
    const pollers = await startMailboxPollers(db);
    try {
      await deliver("IMAP-OAUTH-1 stran ne dela");
      await waitFor("the first ticket", async () => (await db.ticket.count({ where: { subject: { startsWith: "IMAP-OAUTH-1" } } })) === 1);
      const grantsBefore = refreshGrants;
      await new Promise((r) => setTimeout(r, TOKEN_SECONDS * 1000 + 500));
      await deliver("IMAP-OAUTH-2 stran ne dela");
      await waitFor("the second ticket", async () => (await db.ticket.count({ where: { subject: { startsWith: "IMAP-OAUTH-2" } } })) === 1);
      await waitFor("a renewed access token", async () => refreshGrants > grantsBefore);

      // The provider rotates refresh tokens: the stored one is the newest, and it is sealed.
      const { oauthAppOf } = await import("../../app/mail/imap/mailboxes.server");
      const stored = oauthAppOf(await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } }))!;
      expect(refreshTokens.has(stored.refreshToken!)).toBe(true);
      if (process.env.DATABASE_URL!.startsWith("file:")) {
        await db.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
        const bytes = fs.readFileSync(process.env.DATABASE_URL!.slice("file:".length));
        expect(bytes.includes(stored.refreshToken!)).toBe(false);
        expect(bytes.includes(CLIENT_SECRET)).toBe(false);
      }

      // Consent revoked at the provider: no token is renewed, the admin sees why.
      refreshTokens.clear();
      accessTokens.clear();
      const status = await waitFor("the refused sign-in", async () => {
        const m = await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
        return m.status === "AUTH_FAILED" && m;
      }, 20_000);
      expect(status.lastErrorCode).toBe("OAUTH_RECONNECT");
      const shown = await admin.get("/admin/mailboxes");
      expect(shown.text).toContain('data-mailbox-status="AUTH_FAILED"');
      expect(shown.text).toContain("OAUTH_RECONNECT");
    } finally {
      await pollers.stop();
    }
  }, 90_000);

  it("refuses an issuer that is not https (except on this machine) and an OAuth2 mailbox without a client id", async () => {
    const admin = await signInAdmin();
    await admin.get("/admin/mailboxes");
    const plainHttp = await admin.post("/admin/mailboxes", fields({ name: "Http", oauthIssuer: "http://login.example.com/tenant" }));
    expect(plainHttp.status).toBe(400);
    const noClient = await admin.post("/admin/mailboxes", fields({ name: "No client", oauthClientId: "" }));
    expect(noClient.status).toBe(400);
    const badTenant = await admin.post("/admin/mailboxes", fields({ name: "Tenant", oauthProvider: "MICROSOFT", oauthTenant: "evil.example/../x" }));
    expect(badTenant.status).toBe(400);
    const { getDb } = await import("../../app/db.server");
    expect(await getDb().mailbox.count({ where: { name: { in: ["Http", "No client", "Tenant"] } } })).toBe(0);
  });

  it("answers a callback with no pending sign-in (another browser, or too late) without storing anything", async () => {
    const admin = await signInAdmin();
    const res = await admin.get("/admin/mailboxes/oauth-callback?code=stolen-code&state=whatever");
    expect(res.headers.get("location")).toBe("/admin/mailboxes?connect=expired");
    const anonymous = await fetch(`${app.url}/admin/mailboxes/oauth-callback?code=x&state=y`, { redirect: "manual" });
    expect([302, 303, 401, 403]).toContain(anonymous.status);
    expect(anonymous.headers.get("location") ?? "").not.toContain("connect=");
  });
});
