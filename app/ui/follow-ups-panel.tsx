import { useTranslation } from "react-i18next";
import { useFormat } from "./format-time";

/**
 * FOLLOW-UPS SLOT of the ticket page (app/routes/queue.$id.tsx). Read-only for now: the
 * follow-ups work adds the "record a deployed change" form and outcomes here.
 */
export type FollowUpRow = {
  id: string; description: string; target: string; url: string | null; deployedAt: string; dueAt: string;
  status: string; clientOutcome: string | null; techOutcome: string | null;
};

export function FollowUpsPanel({ followUps, children }: { followUps: FollowUpRow[]; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const { time } = useFormat();
  const outcome = (o: string) => t(`ticket.followUps.outcomes.${o}`, { defaultValue: o.toLowerCase() });
  return (
    <section className="panel" id="follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">{t("ticket.followUps.title")}</h2>
      {followUps.length === 0 ? (
        <p className="muted">{t("ticket.followUps.none")}</p>
      ) : (
        <ul className="plain-list">
          {followUps.map((f) => (
            <li key={f.id} data-follow-up={f.status}>
              <span className="badge">{t(`ticket.followUps.statuses.${f.status}`, { defaultValue: f.status.toLowerCase() })}</span> {t(`ticket.targets.${f.target}`, { defaultValue: f.target.toLowerCase() })}: {f.description}
              <br /><span className="muted">{t("ticket.followUps.deployed", { deployed: time(f.deployedAt), due: time(f.dueAt) })}
                {f.clientOutcome ? `, ${t("ticket.followUps.client", { outcome: outcome(f.clientOutcome) })}` : ""}{f.techOutcome ? `, ${t("ticket.followUps.technician", { outcome: outcome(f.techOutcome) })}` : ""}</span>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
