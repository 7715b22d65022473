import os from "node:os";
import type { PrismaClient } from "@prisma/client";
import { getConfig } from "../config.server";
import { deliverOutbox } from "../mail/outbound/outbox.server";
import { errorCode, log } from "../logging/logger.server";
import { createWorker, type RunCounts } from "./worker.server";
import { enqueuePeriodicJobs } from "./periodic-jobs.server";
import { jobHandlers } from "./job-handlers.server";

// Long enough for a nightly purge of a large backlog (about 300 tickets/s): a lease that
// ran out mid-purge would hand the job to a second worker.
const LEASE_MS = 30 * 60_000;

/**
 * One pass: schedule this period's recurring jobs, run everything due, deliver mail.
 * `at` fixes the clock (tests, catching up); by default it is the real time.
 */
export async function runWorkerOnce(db: PrismaClient, at?: Date, workerId = `${os.hostname()}:${process.pid}`) {
  const clock = at ? () => at : () => new Date();
  await enqueuePeriodicJobs(db, clock(), getConfig().TIMEZONE);
  const worker = createWorker({ db, handlers: jobHandlers, clock, workerId, leaseMs: LEASE_MS });
  let total: RunCounts = { done: 0, retried: 0, dead: 0, lost: 0 };
  // Jobs can enqueue jobs that are due at once (a follow-up's emails); drain them too.
  for (let round = 0; round < 10; round++) {
    const counts = await worker.runDueOnce();
    total = { done: total.done + counts.done, retried: total.retried + counts.retried, dead: total.dead + counts.dead, lost: total.lost + counts.lost };
    if (counts.done + counts.retried + counts.dead + counts.lost === 0) break;
  }
  // Delivery takes 50 mails at a time; a follow-up round can queue more, and `--once` from cron
  // should not leave them for the next run. Stops when a batch finds nothing left to send.
  const mail = { sent: 0, failed: 0 };
  for (let round = 0; round < 100; round++) {
    const batch = await deliverOutbox(db, clock());
    mail.sent += batch.sent;
    mail.failed += batch.failed;
    if (batch.sent + batch.failed === 0) break;
  }
  return { ...total, mailSent: mail.sent, mailFailed: mail.failed };
}

/** The worker loop `npm start` and `npm run worker` run; returns a stop function. */
export function startWorkerLoop(db: PrismaClient, pollMs = getConfig().WORKER_POLL_MS) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    current = runWorkerOnce(db).catch((err) => log.error("worker.tick_failed", { code: errorCode(err) }));
    await current;
    if (!stopped) timer = setTimeout(tick, pollMs);
  };
  timer = setTimeout(tick, 10);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
