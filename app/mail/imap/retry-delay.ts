/**
 * How long a mailbox that failed `failures` times in a row waits before the next try: doubling
 * from `baseMs`, capped at `maxMs`, with up to a quarter of jitter so that several instances
 * (or several mailboxes on one server) do not knock at the same moment. `random` is passed in so
 * the function stays pure.
 */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number, random: number = Math.random()): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const delay = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(delay * (1 - 0.25 * random));
}
