import * as client from "openid-client";
import { endpointsOf, isLoopback, type OAuthApp } from "./oauth-providers";

/**
 * The OAuth2 side of an IMAP mailbox, through openid-client: the authorization-code grant with
 * PKCE when an admin connects the account, and the refresh-token grant whenever the poller needs
 * an access token (Microsoft's and Google's last about an hour). Access tokens live only in this
 * process's memory; the refresh token is sealed in the mailbox row by the caller.
 */

export type ConnectStart = { url: string; state: string; verifier: string };
export type FreshTokens = { accessToken: string; expiresAt: number; refreshToken: string };

/** A sign-in the provider refused for good (revoked consent, wrong secret): an admin must act. */
export class OAuthRefusedError extends Error {
  code = "OAUTH_RECONNECT";
  authenticationFailed = true;
}
/** The provider could not be reached or answered oddly: try again later. */
export class OAuthUnavailableError extends Error {
  code = "OAUTH_UNREACHABLE";
}
/** The account was set up but never connected (or the connection was cleared). */
export class OAuthNotConnectedError extends Error {
  code = "OAUTH_NOT_CONNECTED";
  authenticationFailed = true;
}

const configurations = new Map<string, Promise<client.Configuration>>();

async function configurationFor(app: OAuthApp): Promise<{ config: client.Configuration; scope: string; extraAuthParams: Record<string, string> }> {
  const endpoints = endpointsOf(app);
  const key = JSON.stringify([endpoints, app.clientId, app.clientSecret]);
  let config = configurations.get(key);
  if (!config) {
    config =
      endpoints.kind === "static"
        ? Promise.resolve(
            new client.Configuration(
              { issuer: new URL(endpoints.authorizationEndpoint).origin, authorization_endpoint: endpoints.authorizationEndpoint, token_endpoint: endpoints.tokenEndpoint },
              app.clientId,
              app.clientSecret,
            ),
          )
        : client.discovery(new URL(endpoints.issuer), app.clientId, app.clientSecret, undefined, {
            execute: isLoopback(new URL(endpoints.issuer).hostname) ? [client.allowInsecureRequests] : [],
          });
    configurations.set(key, config);
    // A failed discovery is not remembered: the next try asks again.
    config.catch(() => configurations.delete(key));
  }
  return { config: await config.catch((err) => Promise.reject(classify(err))), scope: endpoints.scope, extraAuthParams: endpoints.extraAuthParams };
}

export async function beginConnect(app: OAuthApp, redirectUri: string): Promise<ConnectStart> {
  const { config, scope, extraAuthParams } = await configurationFor(app);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    ...extraAuthParams,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, state, verifier };
}

/** `callbackUrl` is the redirect URI with the provider's query (code, state) on it. */
export async function finishConnect(app: OAuthApp, callbackUrl: URL, checks: { state: string; verifier: string }): Promise<FreshTokens> {
  // An answer to some other request (a forged or replayed link): refused before anything is sent.
  if (callbackUrl.searchParams.get("state") !== checks.state) throw new OAuthRefusedError("The answer does not belong to this sign-in");
  const { config } = await configurationFor(app);
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.verifier, expectedState: checks.state });
    if (!tokens.refresh_token) throw new OAuthRefusedError("The provider gave no refresh token");
    return fresh(tokens, tokens.refresh_token);
  } catch (err) {
    throw classify(err);
  }
}

type Cached = FreshTokens & { from: string };
const accessTokens = new Map<string, Cached>();
// Ask for a new token a minute before the old one runs out, so a connection never starts with one that dies on the way.
const EARLY_MS = 60_000;

/**
 * An access token for the mailbox `key`: the one held in memory while it is good, else a new one
 * from the refresh token. The answer's refreshToken differs from app.refreshToken when the
 * provider rotated it; the caller must store it then, as the old one may stop working.
 */
export async function accessTokenFor(key: string, app: OAuthApp, now = Date.now()): Promise<FreshTokens> {
  if (!app.refreshToken) throw new OAuthNotConnectedError("The mailbox's account is not connected");
  const held = accessTokens.get(key);
  if (held && held.from === app.refreshToken && held.expiresAt - EARLY_MS > now) return held;
  const { config } = await configurationFor(app);
  let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
  try {
    tokens = await client.refreshTokenGrant(config, app.refreshToken);
  } catch (err) {
    accessTokens.delete(key);
    throw classify(err);
  }
  const result = fresh(tokens, tokens.refresh_token ?? app.refreshToken, now);
  accessTokens.set(key, { ...result, from: result.refreshToken });
  return result;
}

/** The server refused a token we thought good (revoked early): the next try refreshes. */
export function forgetAccessToken(key: string): void {
  accessTokens.delete(key);
}

function fresh(tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, refreshToken: string, now = Date.now()): FreshTokens {
  // A provider that does not say how long the token lasts: assume the common hour, minus a margin.
  const lifetimeS = tokens.expiresIn() ?? 3_000;
  return { accessToken: tokens.access_token, expiresAt: now + lifetimeS * 1000, refreshToken };
}

function classify(err: unknown): Error {
  if (err instanceof OAuthRefusedError || err instanceof OAuthUnavailableError || err instanceof OAuthNotConnectedError) return err;
  // The provider said no in OAuth's own words (RFC 6749 §5.2): only a person can fix these.
  if (err instanceof client.ResponseBodyError && ["invalid_grant", "invalid_client", "unauthorized_client", "access_denied"].includes(err.error)) {
    return new OAuthRefusedError(err.error);
  }
  if (err instanceof client.AuthorizationResponseError) return new OAuthRefusedError(err.error);
  return new OAuthUnavailableError("The OAuth2 provider could not be used");
}
