import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { useStaffErrors } from "../ui/field-error";
import { useFormat } from "../ui/format-time";
import { useTranslation } from "react-i18next";
import { deleteMailbox, listMailboxes, MailboxInputError, saveMailbox, type MailboxView } from "../mail/imap/mailboxes.server";
import { OAuthSetupError } from "../mail/imap/oauth/oauth-providers";
import { startMailboxConnect } from "../mail/imap/oauth/connect-mailbox.server";
import { oauthRedirectUri } from "../mail/imap/oauth/connect-cookie.server";
import { OAuthConnect, OAuthFields, OAuthMethodOption, OAuthOutcome } from "../ui/mailbox-oauth";

// A folder name as IMAP servers take it; no control characters, bounded.
const folder = z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]+$/u, "noControl");
const checkbox = z.enum(["on"]).optional().transform((v) => v === "on");

const SaveSchema = z.object({
  intent: z.literal("save"),
  id: z.string().max(64).optional().transform((v) => v || null),
  name: z.string().trim().min(1, "nameRequired").max(80),
  host: z.string().trim().min(1, "hostRequired").max(255).regex(/^[A-Za-z0-9.:[\]-]+$/, "host"),
  port: z.coerce.number().int().min(1).max(65535),
  tls: checkbox,
  username: z.string().trim().min(1, "usernameRequired").max(320),
  authMethod: z.enum(["PASSWORD", "XOAUTH2", "OAUTH2"]),
  secret: z.string().max(8192).optional(),
  oauthProvider: z.enum(["MICROSOFT", "GOOGLE", "CUSTOM"]).default("MICROSOFT"),
  oauthClientId: optionalText(200),
  oauthTenant: optionalText(100),
  oauthIssuer: optionalText(500),
  oauthScope: optionalText(500),
  folder,
  afterIngest: z.enum(["MOVE", "FLAG"]),
  processedFolder: folder,
  enabled: checkbox,
});
const DeleteSchema = z.object({ intent: z.literal("delete"), id: z.string().min(1).max(64) });
const ConnectSchema = z.object({ intent: z.literal("connect"), id: z.string().min(1).max(64) });
const Schema = z.discriminatedUnion("intent", [SaveSchema, DeleteSchema, ConnectSchema]);

function optionalText(max: number) {
  return z.string().trim().max(max).optional().transform((v) => v || undefined);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const connect = new URL(request.url).searchParams.get("connect");
  return json({ mailboxes: await listMailboxes(getDb()), oauthRedirectUri: oauthRedirectUri(), connectOutcome: connect });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  const input = parsed.data;
  if (input.intent === "delete") {
    if (!(await deleteMailbox(db, input.id, admin.id))) return json({ errors: { id: "unknownMailbox" } }, { status: 404 });
    return json({ ok: "deleted" });
  }
  if (input.intent === "connect") {
    const start = await startMailboxConnect(db, input.id).catch(() => "failed" as const);
    if (start === "failed") return json({ errors: { id: "mailboxOAuth.startFailed" } }, { status: 502 });
    if (!start) return json({ errors: { id: "unknownMailbox" } }, { status: 404 });
    return redirect(start.url, { headers: { "Set-Cookie": start.setCookie } });
  }
  const { intent: _intent, id, oauthProvider, oauthClientId, oauthTenant, oauthIssuer, oauthScope, ...fields } = input;
  const oauth = { provider: oauthProvider, clientId: oauthClientId ?? "", tenant: oauthTenant, issuer: oauthIssuer, scope: oauthScope };
  try {
    await saveMailbox(db, id, { ...fields, secret: fields.secret || undefined, oauth: fields.authMethod === "OAUTH2" ? oauth : undefined }, admin.id);
  } catch (err) {
    if (err instanceof OAuthSetupError) {
      return json({ errors: { [err.field]: `mailboxOAuth.error_${err.field}` } }, { status: 400 });
    }
    if (err instanceof MailboxInputError) {
      return json({ errors: err.field === "secret" ? { secret: "secretNeeded" } : { id: "unknownMailbox" } }, { status: 400 });
    }
    if (err && typeof err === "object" && "code" in err && err.code === "P2002") return json({ errors: { name: "nameTaken" } }, { status: 400 });
    throw err;
  }
  return json({ ok: "savedRead" });
}


export default function Mailboxes() {
  const { mailboxes, oauthRedirectUri, connectOutcome } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: string; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  const { t } = useTranslation();
  const errorText = useStaffErrors();
  // OAuth2 sign-in's own messages carry their full key (app/ui/mailbox-oauth.tsx's block).
  const message = (code: string) => (code.startsWith("mailboxOAuth.") ? t(code) : code.endsWith("Required") ? t(`admin.mailboxes.${code}`) : errorText(code));
  return (
    <div>
      <h1>{t("admin.mailboxes.title")}</h1>
      <p className="muted">{t("admin.mailboxes.intro")}</p>
      <OAuthOutcome outcome={connectOutcome} />
      {data?.ok && <p className="alert ok" role="status">{t(`admin.mailboxes.${data.ok}`)}</p>}
      {Object.keys(e).length > 0 && <p className="alert bad" role="alert">{Object.values(e).map(message).join(" ")}</p>}
      <div className="grid-cards">
        {mailboxes.map((m) => (
          <section className="stack panel" key={m.id} data-mailbox={m.name}>
            <h2>{m.name}</h2>
            <MailboxStatus mailbox={m} />
            {m.source !== "ENV" && <OAuthConnect mailboxId={m.id} oauth={m.oauth} redirectUri={oauthRedirectUri} />}
            {m.source === "ENV" ? (
              <p className="muted">{t("admin.mailboxes.fromEnv")}</p>
            ) : (
              <>
                <Form method="post" className="stack">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="save" />
                  <input type="hidden" name="id" value={m.id} />
                  <MailboxFields mailbox={m} />
                  <button type="submit">{t("staff.save")}</button>
                </Form>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={m.id} />
                  <button type="submit" className="secondary">{t("staff.delete")}</button>
                </Form>
              </>
            )}
          </section>
        ))}
      </div>
      <h2>{t("admin.mailboxes.addTitle")}</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <MailboxFields />
        <button type="submit">{t("admin.mailboxes.addMailbox")}</button>
      </Form>
    </div>
  );
}

function MailboxStatus({ mailbox: m }: { mailbox: MailboxView | SerializedMailbox }) {
  const { t } = useTranslation();
  const { time } = useFormat();
  return (
    <dl className="facts">
      <dt>{t("admin.mailboxes.status")}</dt>
      <dd data-mailbox-status={m.status}>{m.enabled ? t(`admin.mailboxes.statuses.${m.status}`, { defaultValue: m.status }) : t("admin.mailboxes.switchedOff")}</dd>
      {m.lastErrorCode && (<><dt>{t("admin.mailboxes.lastError")}</dt><dd data-mailbox-error>{m.lastErrorCode}{m.failures > 1 ? ` ${t("admin.mailboxes.timesInRow", { count: m.failures })}` : ""}</dd></>)}
      {m.nextAttemptAt && m.status !== "OK" && (<><dt>{t("admin.mailboxes.nextTry")}</dt><dd>{time(m.nextAttemptAt)}</dd></>)}
      <dt>{t("admin.mailboxes.lastChecked")}</dt><dd>{m.lastCheckedAt ? time(m.lastCheckedAt) : t("staff.never")}</dd>
      <dt>{t("admin.mailboxes.taken")}</dt><dd data-mailbox-ingested>{m.ingestedCount}</dd>
      {m.skippedCount > 0 && (<><dt>{t("admin.mailboxes.tooLarge")}</dt><dd>{m.skippedCount}</dd></>)}
      <dt>{t("admin.mailboxes.reader")}</dt><dd>{m.active ? t("admin.mailboxes.readerConnected") : t("admin.mailboxes.readerNone")}</dd>
    </dl>
  );
}

type SerializedMailbox = ReturnType<typeof useLoaderData<typeof loader>>["mailboxes"][number];

function MailboxFields({ mailbox: m }: { mailbox?: SerializedMailbox }) {
  const { t } = useTranslation();
  return (
    <>
      <label>{t("admin.mailboxes.name")}<input type="text" name="name" defaultValue={m?.name} required maxLength={80} /></label>
      <label>{t("admin.mailboxes.server")}<input type="text" name="host" defaultValue={m?.host} required placeholder="imap.example.com" /></label>
      <label>{t("admin.mailboxes.port")}<input type="number" name="port" min={1} max={65535} defaultValue={m?.port ?? 993} required /></label>
      <label className="inline"><input type="checkbox" name="tls" defaultChecked={m?.tls ?? true} /> {t("admin.mailboxes.tls")}</label>
      <label>{t("admin.mailboxes.username")}<input type="text" name="username" defaultValue={m?.username} required autoComplete="off" /></label>
      <label>{t("admin.mailboxes.signIn")}
        <select name="authMethod" defaultValue={m?.authMethod ?? "PASSWORD"}>
          <option value="PASSWORD">{t("admin.mailboxes.password")}</option>
          <option value="XOAUTH2">{t("admin.mailboxes.oauth")}</option>
          <OAuthMethodOption />
        </select>
      </label>
      <label>{t("admin.mailboxes.secret")}
        {m && <span className="hint">{t("admin.mailboxes.keepSecret")}</span>}
        <input type="password" name="secret" autoComplete="new-password" required={!m} />
      </label>
      <OAuthFields oauth={m?.oauth} />
      <label>{t("admin.mailboxes.folder")}<input type="text" name="folder" defaultValue={m?.folder ?? "INBOX"} required /></label>
      <label>{t("admin.mailboxes.after")}
        <select name="afterIngest" defaultValue={m?.afterIngest ?? "MOVE"}>
          <option value="MOVE">{t("admin.mailboxes.afterMove")}</option>
          <option value="FLAG">{t("admin.mailboxes.afterFlag")}</option>
        </select>
      </label>
      <label>{t("admin.mailboxes.processedFolder")}<input type="text" name="processedFolder" defaultValue={m?.processedFolder ?? "Processed"} required /></label>
      <label className="inline"><input type="checkbox" name="enabled" defaultChecked={m?.enabled ?? true} /> {t("admin.mailboxes.enabled")}</label>
    </>
  );
}
