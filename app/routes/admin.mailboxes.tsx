import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { deleteMailbox, listMailboxes, MailboxInputError, saveMailbox, type MailboxView } from "../mail/imap/mailboxes.server";
import { OAuthSetupError } from "../mail/imap/oauth/oauth-providers";
import { startMailboxConnect } from "../mail/imap/oauth/connect-mailbox.server";
import { oauthRedirectUri } from "../mail/imap/oauth/connect-cookie.server";
import { getT } from "../i18n/i18n";
import { getLocale } from "../i18n/locale.server";
import { OAuthConnect, OAuthFields, OAuthMethodOption, OAuthOutcome } from "../ui/mailbox-oauth";

// A folder name as IMAP servers take it; no control characters, bounded.
const folder = z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]+$/u, "No control characters");
const checkbox = z.enum(["on"]).optional().transform((v) => v === "on");

const SaveSchema = z.object({
  intent: z.literal("save"),
  id: z.string().max(64).optional().transform((v) => v || null),
  name: z.string().trim().min(1, "Give the mailbox a name").max(80),
  host: z.string().trim().min(1, "The server's name").max(255).regex(/^[A-Za-z0-9.:[\]-]+$/, "A host name or an IP address"),
  port: z.coerce.number().int().min(1).max(65535),
  tls: checkbox,
  username: z.string().trim().min(1, "The account's user name").max(320),
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
    if (!(await deleteMailbox(db, input.id, admin.id))) return json({ errors: { id: "Unknown mailbox" } }, { status: 404 });
    return json({ ok: "Deleted." });
  }
  if (input.intent === "connect") {
    const start = await startMailboxConnect(db, input.id).catch(() => "failed" as const);
    if (start === "failed") return json({ errors: { id: getT(await getLocale(request))("mailboxOAuth.startFailed") } }, { status: 502 });
    if (!start) return json({ errors: { id: "Unknown mailbox" } }, { status: 404 });
    return redirect(start.url, { headers: { "Set-Cookie": start.setCookie } });
  }
  const { intent: _intent, id, oauthProvider, oauthClientId, oauthTenant, oauthIssuer, oauthScope, ...fields } = input;
  const oauth = { provider: oauthProvider, clientId: oauthClientId ?? "", tenant: oauthTenant, issuer: oauthIssuer, scope: oauthScope };
  try {
    await saveMailbox(db, id, { ...fields, secret: fields.secret || undefined, oauth: fields.authMethod === "OAUTH2" ? oauth : undefined }, admin.id);
  } catch (err) {
    if (err instanceof OAuthSetupError) {
      return json({ errors: { [err.field]: getT(await getLocale(request))(`mailboxOAuth.error_${err.field}`) } }, { status: 400 });
    }
    if (err instanceof MailboxInputError) {
      return json({ errors: err.field === "secret" ? { secret: "A new mailbox needs its password or token" } : { id: "Unknown mailbox" } }, { status: 400 });
    }
    if (err && typeof err === "object" && "code" in err && err.code === "P2002") return json({ errors: { name: "That name is taken" } }, { status: 400 });
    throw err;
  }
  return json({ ok: "Saved. The mailbox is read within a few seconds." });
}

const STATUS_TEXT: Record<string, string> = {
  NEW: "Not read yet",
  OK: "Reading",
  RETRYING: "Failing, retrying",
  AUTH_FAILED: "Sign-in refused: check the user name and password or token",
};

export default function Mailboxes() {
  const { mailboxes, oauthRedirectUri, connectOutcome } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { ok?: string; errors?: Record<string, string> } | undefined;
  const e = data?.errors ?? {};
  return (
    <div>
      <h1>Mailboxes (IMAP)</h1>
      <p className="muted">
        Minidesk reads these mailboxes and turns each message into a ticket or a reply, as mail to the SMTP listener.
        Passwords and tokens are stored encrypted and never shown again.
      </p>
      <OAuthOutcome outcome={connectOutcome} />
      {data?.ok && <p className="alert ok" role="status">{data.ok}</p>}
      {Object.keys(e).length > 0 && <p className="alert bad" role="alert">{Object.values(e).join(" ")}</p>}
      <div className="grid-cards">
        {mailboxes.map((m) => (
          <section className="stack panel" key={m.id} data-mailbox={m.name}>
            <h2>{m.name}</h2>
            <MailboxStatus mailbox={m} />
            {m.source !== "ENV" && <OAuthConnect mailboxId={m.id} oauth={m.oauth} redirectUri={oauthRedirectUri} />}
            {m.source === "ENV" ? (
              <p className="muted">Set by the IMAP_… environment variables; change it there and restart.</p>
            ) : (
              <>
                <Form method="post" className="stack">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="save" />
                  <input type="hidden" name="id" value={m.id} />
                  <MailboxFields mailbox={m} />
                  <button type="submit">Save</button>
                </Form>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={m.id} />
                  <button type="submit" className="secondary">Delete</button>
                </Form>
              </>
            )}
          </section>
        ))}
      </div>
      <h2>Add a mailbox</h2>
      <Form method="post" className="stack panel narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <MailboxFields />
        <button type="submit">Add mailbox</button>
      </Form>
    </div>
  );
}

function MailboxStatus({ mailbox: m }: { mailbox: MailboxView | SerializedMailbox }) {
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd data-mailbox-status={m.status}>{m.enabled ? STATUS_TEXT[m.status] ?? m.status : "Switched off"}</dd>
      {m.lastErrorCode && (<><dt>Last error</dt><dd data-mailbox-error>{m.lastErrorCode}{m.failures > 1 ? ` (${m.failures} times in a row)` : ""}</dd></>)}
      {m.nextAttemptAt && m.status !== "OK" && (<><dt>Next try</dt><dd>{new Date(m.nextAttemptAt).toLocaleString()}</dd></>)}
      <dt>Last checked</dt><dd>{m.lastCheckedAt ? new Date(m.lastCheckedAt).toLocaleString() : "never"}</dd>
      <dt>Messages taken</dt><dd data-mailbox-ingested>{m.ingestedCount}</dd>
      {m.skippedCount > 0 && (<><dt>Too large, left in the mailbox</dt><dd>{m.skippedCount}</dd></>)}
      <dt>Reader</dt><dd>{m.active ? "an instance is connected" : "none at the moment"}</dd>
    </dl>
  );
}

type SerializedMailbox = ReturnType<typeof useLoaderData<typeof loader>>["mailboxes"][number];

function MailboxFields({ mailbox: m }: { mailbox?: SerializedMailbox }) {
  return (
    <>
      <label>Name<input type="text" name="name" defaultValue={m?.name} required maxLength={80} /></label>
      <label>Server<input type="text" name="host" defaultValue={m?.host} required placeholder="imap.example.com" /></label>
      <label>Port<input type="number" name="port" min={1} max={65535} defaultValue={m?.port ?? 993} required /></label>
      <label className="inline"><input type="checkbox" name="tls" defaultChecked={m?.tls ?? true} /> TLS from the start (port 993); otherwise STARTTLS when the server offers it</label>
      <label>User name<input type="text" name="username" defaultValue={m?.username} required autoComplete="off" /></label>
      <label>Sign-in
        <select name="authMethod" defaultValue={m?.authMethod ?? "PASSWORD"}>
          <option value="PASSWORD">Password</option>
          <option value="XOAUTH2">OAuth2 access token (Microsoft 365, Gmail)</option>
          <OAuthMethodOption />
        </select>
      </label>
      <label>Password or token
        {m && <span className="hint">Leave empty to keep the stored one.</span>}
        <input type="password" name="secret" autoComplete="new-password" required={!m} />
      </label>
      <OAuthFields oauth={m?.oauth} />
      <label>Folder to read<input type="text" name="folder" defaultValue={m?.folder ?? "INBOX"} required /></label>
      <label>After a message is taken
        <select name="afterIngest" defaultValue={m?.afterIngest ?? "MOVE"}>
          <option value="MOVE">Move it to the folder below</option>
          <option value="FLAG">Leave it, marked read and flagged</option>
        </select>
      </label>
      <label>Processed folder<input type="text" name="processedFolder" defaultValue={m?.processedFolder ?? "Processed"} required /></label>
      <label className="inline"><input type="checkbox" name="enabled" defaultChecked={m?.enabled ?? true} /> Read this mailbox</label>
    </>
  );
}
