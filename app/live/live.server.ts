import type { Db } from "../db.server";
import type { StaffUser } from "../auth/guards.server";
import { getConfig } from "../config.server";
import { QUEUE_SUMMARY_MAX_AGE_MS, forgetQueueSummariesBefore } from "../tickets/queue.server";
import { queueChangedAt, ticketChangedAt } from "./changes.server";
import { othersOnTicket, recordPresence, type OtherPresence, type PresenceState } from "./presence.server";

/** What an open queue tab is told on each check (app/routes/live.queue.ts). */
export type QueueLiveState = {
  /** The newest change among the person's tickets (ms since 1970), null when they see none. */
  changedAt: number | null;
  /** When to ask again. */
  interval: number;
  /**
   * How long a process keeps its tab counts (014). A reload after a change that another process
   * answered with counts from before the change reloads once more when they have expired.
   */
  countsMaxAgeMs: number;
};

export async function queueLiveState(db: Db, user: StaffUser): Promise<QueueLiveState> {
  const changed = await queueChangedAt(db, user);
  // This process's counts predate the change: the reload that follows shows the new numbers.
  if (changed) forgetQueueSummariesBefore(user, changed);
  return { changedAt: changed?.getTime() ?? null, interval: getConfig().LIVE_INTERVAL_MS, countsMaxAgeMs: QUEUE_SUMMARY_MAX_AGE_MS };
}

/** What an open ticket page is told on each heartbeat (app/routes/live.tickets.$id.ts). */
export type TicketLiveState = { changedAt: number; interval: number; others: OtherPresence[] };

/**
 * The ticket's last change and who else is on it; with a state, records this person's first.
 * Null when the person may not see the ticket (the route answers 404, as the ticket page does).
 */
export async function ticketLiveState(db: Db, user: StaffUser, ticketId: string, state?: PresenceState, now = new Date()): Promise<TicketLiveState | null> {
  const changed = await ticketChangedAt(db, user, ticketId);
  if (!changed) return null;
  const interval = getConfig().LIVE_INTERVAL_MS;
  if (state) await recordPresence(db, ticketId, user.id, state, interval, now);
  const others = state === "left" ? [] : await othersOnTicket(db, ticketId, user.id, now);
  return { changedAt: changed.getTime(), interval, others };
}
