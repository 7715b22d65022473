/**
 * Where a mailbox's OAuth2 sign-in goes. Microsoft 365 and Gmail have fixed endpoints, given here
 * rather than discovered: Microsoft's discovery document names an issuer with a `{tenantid}`
 * placeholder (or the tenant's id when a domain name was given), which a strict OpenID client
 * refuses, and we need no ID token, only the authorization and token endpoints. Any other
 * provider is found by OpenID discovery from its issuer URL.
 */
export type OAuthProvider = "MICROSOFT" | "GOOGLE" | "CUSTOM";

/** The app registration an admin made at the provider, and the account's refresh token once connected. */
export type OAuthApp = {
  provider: OAuthProvider;
  /** Microsoft: the tenant (directory id or domain); "organizations" for any work account. */
  tenant?: string;
  /** CUSTOM only: the issuer, whose /.well-known/openid-configuration is read. */
  issuer?: string;
  /** CUSTOM only: the scopes that give IMAP access there. */
  scope?: string;
  clientId: string;
  clientSecret: string;
  refreshToken?: string;
};

export type ProviderEndpoints =
  | { kind: "static"; authorizationEndpoint: string; tokenEndpoint: string; scope: string; extraAuthParams: Record<string, string> }
  | { kind: "discover"; issuer: string; scope: string; extraAuthParams: Record<string, string> };

// A tenant is a GUID, a domain name, or one of Microsoft's fixed names; nothing that could bend the URL.
const TENANT = /^[A-Za-z0-9.-]{1,100}$/;

export function endpointsOf(app: Pick<OAuthApp, "provider" | "tenant" | "issuer" | "scope">): ProviderEndpoints {
  switch (app.provider) {
    case "MICROSOFT": {
      const tenant = app.tenant?.trim() || "organizations";
      if (!TENANT.test(tenant)) throw new OAuthSetupError("tenant");
      const base = `https://login.microsoftonline.com/${tenant}/oauth2/v2.0`;
      return {
        kind: "static",
        authorizationEndpoint: `${base}/authorize`,
        tokenEndpoint: `${base}/token`,
        // offline_access is what makes Microsoft hand out a refresh token.
        scope: "https://outlook.office.com/IMAP.AccessAsUser.All offline_access",
        extraAuthParams: { prompt: "select_account" },
      };
    }
    case "GOOGLE":
      return {
        kind: "static",
        authorizationEndpoint: "https://accounts.google.com/o/oauth2/v2/auth",
        tokenEndpoint: "https://oauth2.googleapis.com/token",
        scope: "https://mail.google.com/",
        // Google gives a refresh token only with access_type=offline, and again only with consent.
        extraAuthParams: { access_type: "offline", prompt: "consent" },
      };
    case "CUSTOM": {
      if (!app.issuer || !isAllowedIssuer(app.issuer)) throw new OAuthSetupError("issuer");
      return { kind: "discover", issuer: app.issuer, scope: app.scope?.trim() || "offline_access", extraAuthParams: {} };
    }
  }
}

/** https anywhere; plain http only on this machine (a local identity provider, or the tests'). */
export function isAllowedIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && isLoopback(url.hostname);
}

export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export class OAuthSetupError extends Error {
  constructor(public readonly field: "tenant" | "issuer" | "clientId") {
    super(`Invalid OAuth2 setting: ${field}`);
  }
}
