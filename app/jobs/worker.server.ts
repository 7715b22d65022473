import type { PrismaClient } from "@prisma/client";
import { errorCode, log } from "../logging/logger.server";
import { claimDueJobs, completeJob, failJob, type Job } from "./queue.server";

/**
 * Runs jobs from the queue. Delivery is at-least-once: a worker can die after a handler's
 * side effect and before completeJob, and the job then runs again when its lease expires.
 * So every handler must be idempotent. The pattern: derive each side effect's unique key
 * from the job's own identity (never from the attempt or the clock) and let the database
 * refuse the duplicate. Mail goes through the outbox with `dedupeKey: "<job kind>:<id>"`,
 * whose Message-ID is unique; follow-ups move status with a conditional update
 * (`where: { id, status: "SCHEDULED" }`), so a second run finds nothing to do.
 */
export type JobContext = {
  db: PrismaClient;
  jobId: string;
  /** 1 on the first try. For logs and metrics only: keys must not depend on it. */
  attempt: number;
  now: Date;
};

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export type WorkerOptions = {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  clock: () => Date;
  workerId: string;
  /** How long a claim holds; a handler must finish well within it. */
  leaseMs: number;
  batchSize?: number;
};

export type RunCounts = { done: number; retried: number; dead: number; lost: number };

export class UnknownJobKind extends Error {
  readonly code = "UnknownJobKind";
}

export function createWorker(opts: WorkerOptions) {
  const { db, handlers, clock, workerId, leaseMs } = opts;
  const batchSize = opts.batchSize ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function runOne(job: Job, counts: RunCounts) {
    const started = clock();
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new UnknownJobKind();
      await handler(JSON.parse(job.payload) as unknown, { db, jobId: job.id, attempt: job.attempts, now: started });
      if (await completeJob(db, job, clock())) counts.done++;
      else counts.lost++;
      log.info("job.done", { jobId: job.id, jobKind: job.kind, count: job.attempts, ms: clock().getTime() - started.getTime() });
    } catch (err) {
      const outcome = await failJob(db, job, err, clock());
      if (outcome === "DEAD") counts.dead++;
      else if (outcome === "RETRY") counts.retried++;
      else counts.lost++;
      const fields = { jobId: job.id, jobKind: job.kind, code: errorCode(err), count: job.attempts };
      if (outcome === "DEAD") log.error("job.dead", fields);
      else log.warn("job.failed", fields);
    }
  }

  /**
   * Claims and runs everything due at this moment, batch after batch, so after downtime
   * the backlog is caught up in one call. Failed jobs are rescheduled into the future,
   * so they do not come back within the same call.
   */
  async function runDueOnce(): Promise<RunCounts> {
    const counts: RunCounts = { done: 0, retried: 0, dead: 0, lost: 0 };
    for (;;) {
      const jobs = await claimDueJobs(db, { workerId, now: clock(), leaseMs, limit: batchSize });
      if (jobs.length === 0) return counts;
      for (const job of jobs) await runOne(job, counts);
    }
  }

  function schedule(delayMs: number, pollMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runDueOnce()
        .catch((err) => log.error("worker.pass_failed", { code: errorCode(err) }))
        .finally(() => {
          running = undefined;
          // The next pass waits pollMs after this one ends, so passes never overlap.
          schedule(pollMs, pollMs);
        });
    }, delayMs);
  }

  return {
    workerId,
    runDueOnce,
    /** Runs a pass now, then every `pollMs` after the previous pass ends, until stop(). */
    start(pollMs: number) {
      if (!stopped) return;
      stopped = false;
      schedule(0, pollMs);
    },
    /** Stops polling and waits for the pass in progress to finish. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
