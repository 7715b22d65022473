import { describe, expect, it } from "vitest";
import { endpointsOf, isAllowedIssuer, OAuthSetupError } from "./oauth-providers";

describe("OAuth2 providers for IMAP mailboxes", () => {
  it("signs in to Microsoft 365 at the tenant's endpoints, asking for IMAP and a refresh token", () => {
    const e = endpointsOf({ provider: "MICROSOFT", tenant: "firma.onmicrosoft.com" });
    expect(e).toMatchObject({ kind: "static", tokenEndpoint: "https://login.microsoftonline.com/firma.onmicrosoft.com/oauth2/v2.0/token" });
    expect(e.scope.split(" ")).toEqual(["https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access"]);
    expect(endpointsOf({ provider: "MICROSOFT" })).toMatchObject({ authorizationEndpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize" });
  });

  it("asks Google for offline access with consent, or it gives no refresh token", () => {
    expect(endpointsOf({ provider: "GOOGLE" })).toMatchObject({ scope: "https://mail.google.com/", extraAuthParams: { access_type: "offline", prompt: "consent" } });
  });

  it("refuses a tenant that would bend the URL and an issuer that is not https", () => {
    for (const tenant of ["evil.example/../x", "a?b", "x#y", "a b"]) expect(() => endpointsOf({ provider: "MICROSOFT", tenant })).toThrow(OAuthSetupError);
    expect(() => endpointsOf({ provider: "CUSTOM" })).toThrow(OAuthSetupError);
    expect(isAllowedIssuer("https://id.example.com/realms/firma")).toBe(true);
    expect(isAllowedIssuer("http://id.example.com/realms/firma")).toBe(false);
    expect(isAllowedIssuer("http://127.0.0.1:8080/")).toBe(true);
    expect(isAllowedIssuer("https://user:pw@id.example.com/")).toBe(false);
    expect(isAllowedIssuer("javascript:alert(1)")).toBe(false);
  });
});
