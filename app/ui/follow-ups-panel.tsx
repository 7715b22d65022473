import { formatTime } from "./format-time";

/**
 * FOLLOW-UPS SLOT of the ticket page (app/routes/queue.$id.tsx). Read-only for now: the
 * follow-ups work adds the "record a deployed change" form and outcomes here.
 */
export type FollowUpRow = {
  id: string; description: string; target: string; url: string | null; deployedAt: string; dueAt: string;
  status: string; clientOutcome: string | null; techOutcome: string | null;
};

export function FollowUpsPanel({ followUps, children }: { followUps: FollowUpRow[]; children?: React.ReactNode }) {
  return (
    <section className="panel" id="follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-up checks</h2>
      {followUps.length === 0 ? (
        <p className="muted">No deployed change recorded for this ticket.</p>
      ) : (
        <ul className="plain-list">
          {followUps.map((f) => (
            <li key={f.id} data-follow-up={f.status}>
              <span className="badge">{f.status.toLowerCase()}</span> {f.target.toLowerCase()}: {f.description}
              <br /><span className="muted">deployed {formatTime(f.deployedAt)}, check due {formatTime(f.dueAt)}
                {f.clientOutcome ? `, client: ${f.clientOutcome.toLowerCase()}` : ""}{f.techOutcome ? `, technician: ${f.techOutcome.toLowerCase()}` : ""}</span>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
