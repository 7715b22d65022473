import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../root";

/** The parts of the mailbox page that belong to OAuth2 sign-in (app/mail/imap/oauth/). */
type OAuthView = { provider: string; tenant?: string; issuer?: string; scope?: string; clientId: string; connected: boolean } | null;

export function OAuthMethodOption() {
  const { t } = useTranslation();
  return <option value="OAUTH2">{t("mailboxOAuth.method")}</option>;
}

/** The app registration's fields; always in the form (no JavaScript needed), used only for OAUTH2. */
export function OAuthFields({ oauth }: { oauth?: OAuthView }) {
  const { t } = useTranslation();
  return (
    <fieldset className="stack">
      <legend>{t("mailboxOAuth.legend")}</legend>
      <p className="hint">{t("mailboxOAuth.clientSecretHint")}</p>
      <label>{t("mailboxOAuth.provider")}
        <select name="oauthProvider" defaultValue={oauth?.provider ?? "MICROSOFT"}>
          <option value="MICROSOFT">{t("mailboxOAuth.microsoft")}</option>
          <option value="GOOGLE">{t("mailboxOAuth.google")}</option>
          <option value="CUSTOM">{t("mailboxOAuth.custom")}</option>
        </select>
      </label>
      <label>{t("mailboxOAuth.clientId")}<input type="text" name="oauthClientId" defaultValue={oauth?.clientId} maxLength={200} autoComplete="off" /></label>
      <label>{t("mailboxOAuth.tenant")}<input type="text" name="oauthTenant" defaultValue={oauth?.tenant} maxLength={100} autoComplete="off" /></label>
      <label>{t("mailboxOAuth.issuer")}<input type="url" name="oauthIssuer" defaultValue={oauth?.issuer} maxLength={500} /></label>
      <label>{t("mailboxOAuth.scope")}<input type="text" name="oauthScope" defaultValue={oauth?.scope} maxLength={500} /></label>
    </fieldset>
  );
}

/** Whether the account is connected, and the button that sends the admin to the provider. */
export function OAuthConnect({ mailboxId, oauth, redirectUri }: { mailboxId: string; oauth: OAuthView; redirectUri: string }) {
  const { t } = useTranslation();
  if (!oauth) return null;
  return (
    <div className="stack" data-oauth-connected={oauth.connected ? "yes" : "no"}>
      <p className={oauth.connected ? "muted" : "alert bad"}>{t(oauth.connected ? "mailboxOAuth.connected" : "mailboxOAuth.notConnected")}</p>
      <p className="hint">{t("mailboxOAuth.redirectUri", { uri: redirectUri })}</p>
      <Form method="post" reloadDocument>
        <CsrfInput />
        <input type="hidden" name="intent" value="connect" />
        <input type="hidden" name="id" value={mailboxId} />
        <button type="submit">{t(oauth.connected ? "mailboxOAuth.reconnect" : "mailboxOAuth.connect")}</button>
      </Form>
    </div>
  );
}

const OUTCOMES = new Set(["connected", "refused", "expired", "unknown-mailbox", "unavailable"]);

/** The notice after the provider sent the admin back (?connect=outcome; a word, never data). */
export function OAuthOutcome({ outcome }: { outcome: string | null }) {
  const { t } = useTranslation();
  if (!outcome || !OUTCOMES.has(outcome)) return null;
  return (
    <p className={outcome === "connected" ? "alert ok" : "alert bad"} role="status" data-oauth-outcome={outcome}>
      {t(`mailboxOAuth.outcome_${outcome}`)}
    </p>
  );
}
