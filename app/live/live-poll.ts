/**
 * The pure parts of the live pages (app/live/use-live-poll.ts): when to ask again, whether the
 * page is out of date, and whether the person is writing a reply. No timers, no DOM.
 */

/** Longest wait between checks after repeated failures. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * The wait before the next check: the server's interval while all is well; after failures it
 * doubles (capped at MAX_BACKOFF_MS), with up to a fifth of random spread so that tabs that
 * failed together (a restart) do not all come back in the same instant.
 */
export function nextDelay(intervalMs: number, failures: number, random = Math.random()): number {
  if (failures <= 0) return intervalMs;
  const base = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 16));
  return Math.round(base * (1 - 0.2 * random));
}

/**
 * Whether the page shows data older than the last change. `loadedAt` is the server's clock when
 * the page's data was read; a change up to `slackMs` before it may have been written just after
 * the read (a transaction in flight), so it counts as newer: one reload too many, never one too few.
 */
export function isOutOfDate(changedAt: number | null, loadedAt: number, slackMs = 300): boolean {
  return changedAt !== null && changedAt > loadedAt - slackMs;
}

/** A keystroke this recent (with text in the box) is "writing a reply". */
export const TYPING_IDLE_MS = 6_000;

export type OwnState = "viewing" | "typing";

export function ownState(lastKeyAt: number | null, now: number, hasText: boolean): OwnState {
  return hasText && lastKeyAt !== null && now - lastKeyAt < TYPING_IDLE_MS ? "typing" : "viewing";
}

export type Other = { name: string; typing: boolean };

/** Who is writing and who is only looking, for the two lines the ticket page shows. */
export function splitPresence(others: Other[]): { writing: string[]; viewing: string[] } {
  const writing = others.filter((o) => o.typing).map((o) => o.name);
  const viewing = others.filter((o) => !o.typing).map((o) => o.name);
  return { writing, viewing };
}

/**
 * After a reload for a change at `changedAt`: the tab counts came with `countsAt` (when the
 * answering process counted them) and the data with `loadedAt` (its clock then). Counts older
 * than the change were kept from before it by a process that did not see it (014 keeps them up
 * to `maxAgeMs`): reload once more when they have expired. Null: the counts are current.
 */
export function settleDelay(changedAt: number, countsAt: number, loadedAt: number, maxAgeMs: number): number | null {
  if (countsAt >= changedAt) return null;
  return Math.max(0, countsAt + maxAgeMs - loadedAt) + 250;
}
