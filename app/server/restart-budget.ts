/**
 * How often a crashed web process is replaced: at most `max` times within `windowMs`. A process
 * that dies at every start (a broken build, a port taken) would otherwise be forked in a tight
 * loop for ever; past the budget the primary stops replacing it and says so in the log, while
 * the SMTP listener, the worker and the other web processes go on.
 */
export function createRestartBudget(max = 5, windowMs = 60_000) {
  let restarts: number[] = [];
  return {
    /** Records a crash at `now`; true if the process may be replaced. */
    allow(now: number): boolean {
      restarts = restarts.filter((t) => now - t < windowMs);
      if (restarts.length >= max) return false;
      restarts.push(now);
      return true;
    },
  };
}
