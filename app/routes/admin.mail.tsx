import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "../db.server";
import { getConfig } from "../config.server";
import { requireAdmin } from "../auth/guards.server";
import { useTranslation } from "react-i18next";

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
    outbound: c.SMTP_URL ? { smtp: true as const, dir: null } : { smtp: false as const, dir: c.OUTBOX_DIR },
    from: c.MAIL_FROM,
    listener: c.SMTP_LISTEN ? { address: `${c.SMTP_LISTEN_HOST}:${c.SMTP_LISTEN_PORT}`, tls: !!c.SMTP_TLS_KEY } : null,
    webhook: !!c.INBOUND_WEBHOOK_SECRET,
    addresses: c.supportAddresses,
    queued, failed, quarantined,
  });
}

export default function MailStatus() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("admin.mail.title")}</h1>
      <dl className="facts panel">
        <dt>{t("admin.mail.outgoing")}</dt><dd data-mail-outbound>{d.outbound.smtp ? t("admin.mail.outboundSmtp") : t("admin.mail.outboundFolder", { dir: d.outbound.dir })}</dd>
        <dt>{t("admin.mail.sender")}</dt><dd>{d.from}</dd>
        <dt>{t("admin.mail.listener")}</dt><dd>{d.listener ? (d.listener.tls ? t("admin.mail.listenerWithTls", { address: d.listener.address }) : d.listener.address) : t("staff.off")}</dd>
        <dt>{t("admin.mail.webhook")}</dt><dd>{d.webhook ? t("staff.on") : t("staff.off")}</dd>
        <dt>{t("admin.mail.addresses")}</dt><dd>{d.addresses.join(", ")}</dd>
        <dt>{t("admin.mail.queued")}</dt><dd>{d.queued}</dd>
        <dt>{t("admin.mail.failed")}</dt><dd>{d.failed}</dd>
        <dt>{t("admin.mail.quarantined")}</dt><dd>{d.quarantined}</dd>
      </dl>
      <p className="muted">{t("admin.mail.changeHint")}</p>
    </div>
  );
}
