import type { MouseEvent } from "react";
import { useNavigate } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "./format-time";

/** One row of the queue table, as the queue's loader sends it (dates as ISO text). */
export type QueueRowData = {
  id: string; reference: string; subject: string; status: string; priority: string; categorySlug: string;
  createdAt: string; updatedAt: string;
  assignee: { name: string } | null; requester: { company: string | null } | null; team: { name: string };
  /** A client message the viewer has not seen yet. */
  unseen?: boolean;
};

/**
 * The queue's rows. Each reference is a plain link and one click handler on the table body
 * turns a plain left click into a client-side navigation, as a Remix <Link> would: fifty
 * <Link>s (each a stack of router hooks) were a visible part of rendering every queue page.
 * Without JavaScript, or with a modifier key (new tab), the browser follows the link itself.
 */
export function QueueRows({ rows }: { rows: QueueRowData[] }) {
  const navigate = useNavigate();
  const { t: tr } = useTranslation();
  const { time } = useFormat();
  const onClick = (e: MouseEvent<HTMLTableSectionElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-ticket-link]");
    if (!link) return;
    e.preventDefault();
    navigate(link.getAttribute("href")!);
  };
  return (
    <tbody onClick={onClick}>
      {rows.map((t) => (
        <tr key={t.id} data-ticket-row>
          <td><input type="checkbox" name="ids" value={t.id} form="bulk" aria-label={tr("queue.selectTicket", { reference: t.reference })} /></td>
          <td><a href={`/queue/${t.id}`} data-ticket-link>{t.reference}</a>{t.unseen ? <> <span className="badge unseen" data-unseen title={tr("profile.unseenTitle")}>{tr("profile.unseen")}</span></> : null}</td>
          <td>{t.subject}{t.requester?.company ? <span className="muted"> · {t.requester.company}</span> : null}</td>
          <td><span className={`badge ${t.status}`}>{tr(`staff.statuses.${t.status}`, { defaultValue: t.status.toLowerCase() })}</span></td>
          <td><span className={`badge ${t.priority}`}>{tr(`staff.priorities.${t.priority}`, { defaultValue: t.priority.toLowerCase() })}</span></td>
          <td>{t.team.name} · {t.categorySlug}</td>
          <td>{t.assignee?.name ?? <span className="muted">—</span>}</td>
          <td>{time(t.createdAt)}</td>
          <td>{time(t.updatedAt)}</td>
        </tr>
      ))}
    </tbody>
  );
}
