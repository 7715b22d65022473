import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { getConfig } from "../config.server";
import { requireAdmin } from "../auth/guards.server";

/** Read-only: mail is configured through the environment (README), never through the browser. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const c = getConfig();
  const db = getDb();
  const [queued, failed, quarantined] = await Promise.all([
    db.outboxMail.count({ where: { status: "QUEUED" } }),
    db.outboxMail.count({ where: { status: "FAILED" } }),
    db.quarantinedMail.count(),
  ]);
  return json({
    outbound: c.SMTP_URL ? "SMTP server (SMTP_URL)" : `Outbox folder (${c.OUTBOX_DIR}); no SMTP_URL set`,
    from: c.MAIL_FROM,
    listener: c.SMTP_LISTEN ? `${c.SMTP_LISTEN_HOST}:${c.SMTP_LISTEN_PORT}${c.SMTP_TLS_KEY ? " with STARTTLS" : ""}` : "off",
    webhook: c.INBOUND_WEBHOOK_SECRET ? "on" : "off",
    addresses: c.supportAddresses,
    queued, failed, quarantined,
  });
}

export default function MailStatus() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Mail</h1>
      <dl className="facts panel">
        <dt>Outgoing mail</dt><dd data-mail-outbound>{d.outbound}</dd>
        <dt>Sender</dt><dd>{d.from}</dd>
        <dt>SMTP listener</dt><dd>{d.listener}</dd>
        <dt>Raw-mail webhook</dt><dd>{d.webhook}</dd>
        <dt>Support addresses</dt><dd>{d.addresses.join(", ")}</dd>
        <dt>Waiting to send</dt><dd>{d.queued}</dd>
        <dt>Failed</dt><dd>{d.failed}</dd>
        <dt>Quarantined</dt><dd>{d.quarantined}</dd>
      </dl>
      <p className="muted">Change these with the environment variables in the README and restart.</p>
    </div>
  );
}
