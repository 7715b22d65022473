import { Prisma, type Job, type PrismaClient } from "@prisma/client";
import { errorCode } from "../logging/logger.server";
import { databaseKind, newRowId, prismaSql } from "../db.server";

/**
 * The database job queue (docs/decisions/008-database-job-queue.md). Jobs live in the Job
 * table so they survive restarts and downtime; a claim is a lease, so a crashed worker's
 * job is taken again once the lease runs out. All engine-specific SQL stays in this file:
 * SQLite serialises writers, so one UPDATE ... RETURNING is atomic; on PostgreSQL the subquery
 * locks the rows it picks FOR UPDATE SKIP LOCKED, so concurrent workers take disjoint jobs.
 */
export type { Job };
export type QueueDb = PrismaClient | Prisma.TransactionClient;

export type NewJob = {
  kind: string;
  payload: unknown;
  runAt: Date;
  /** Same key, same job: enqueueing again returns the existing job and changes nothing. */
  dedupeKey?: string;
  maxAttempts?: number;
};

export const JOB_STATUS = { PENDING: "PENDING", RUNNING: "RUNNING", DONE: "DONE", DEAD: "DEAD" } as const;

export async function enqueueJob(db: QueueDb, job: NewJob): Promise<Job> {
  const data = {
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    runAt: job.runAt,
    maxAttempts: job.maxAttempts ?? 8,
    dedupeKey: job.dedupeKey,
  };
  if (!job.dedupeKey) return db.job.create({ data });
  // Not Prisma's upsert: it reads, then inserts, so two processes enqueueing the same key at
  // once (every worker schedules the hour's maintenance) both insert, and one fails on the
  // unique key; on PostgreSQL inside a transaction, that failure would abort the whole
  // transaction. ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike) lets the first one win.
  const now = new Date();
  await db.$executeRaw(prismaSql().sql`
    INSERT INTO "Job" ("id", "kind", "payload", "runAt", "maxAttempts", "dedupeKey", "createdAt", "updatedAt")
    VALUES (${newRowId()}, ${data.kind}, ${data.payload}, ${data.runAt}, ${data.maxAttempts}, ${job.dedupeKey}, ${now}, ${now})
    ON CONFLICT ("dedupeKey") DO NOTHING`);
  return db.job.findUniqueOrThrow({ where: { dedupeKey: job.dedupeKey } });
}

/**
 * Atomically takes up to `limit` jobs that are due (PENDING with runAt <= now) or whose
 * worker vanished (RUNNING with an expired lease), and leases them to `workerId`.
 * Two workers can never receive the same job: the rows are selected and updated in one
 * statement; SQLite runs one writer at a time, and PostgreSQL skips rows another worker's
 * claim has locked (the outer WHERE re-checks the state after any wait).
 */
export async function claimDueJobs(
  db: QueueDb,
  opts: { workerId: string; now: Date; leaseMs: number; limit: number },
): Promise<Job[]> {
  const { workerId, now, leaseMs, limit } = opts;
  const lockedUntil = new Date(now.getTime() + leaseMs);
  // A job that keeps killing its worker would otherwise be claimed forever.
  await db.$executeRaw`
    UPDATE "Job" SET "status" = 'DEAD', "lastError" = 'LeaseExpired', "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = ${now}
    WHERE "status" = 'RUNNING' AND "lockedUntil" < ${now} AND "attempts" >= "maxAttempts"`;
  const sql = prismaSql();
  const isDue = sql.sql`("status" = 'PENDING' AND "runAt" <= ${now}) OR ("status" = 'RUNNING' AND "lockedUntil" < ${now})`;
  const claimed = sql.sql`"status" = 'RUNNING', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil}, "attempts" = "attempts" + 1, "updatedAt" = ${now}`;
  // PostgreSQL: the batch is picked once, in a materialised CTE. Inside "id IN (subquery)" the
  // planner may run the subquery again for each row it updates, and as each run skips the rows
  // the last one made RUNNING, one claim took every due job instead of a batch (seen in CI).
  // SQLite has one writer at a time, so the plain subquery is exact there.
  const claim = () =>
    databaseKind() === "postgres"
      ? db.$queryRaw<{ id: string }[]>(sql.sql`
          WITH "batch" AS MATERIALIZED (
            SELECT "id" FROM "Job" WHERE ${isDue} ORDER BY "runAt", "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED
          )
          UPDATE "Job" SET ${claimed} FROM "batch" WHERE "Job"."id" = "batch"."id" RETURNING "Job"."id"`)
      : db.$queryRaw<{ id: string }[]>(sql.sql`
          UPDATE "Job" SET ${claimed}
          WHERE "id" IN (SELECT "id" FROM "Job" WHERE ${isDue} ORDER BY "runAt", "id" LIMIT ${limit}) AND (${isDue})
          RETURNING "id"`);
  let rows = await claim();
  // On PostgreSQL a claim that starts while another commits skips the rows the other just made
  // RUNNING and can come back empty, though other jobs are due. Empty means "nothing due" to the
  // worker, so a claim that lost such a race is made again (bounded) while due jobs remain.
  for (let retry = 0; rows.length === 0 && databaseKind() === "postgres" && retry < 3; retry++) {
    const anyDue = await db.$queryRaw<unknown[]>(sql.sql`SELECT 1 FROM "Job" WHERE ${isDue} LIMIT 1`);
    if (anyDue.length === 0) break;
    rows = await claim();
  }
  if (rows.length === 0) return [];
  const jobs = await db.job.findMany({ where: { id: { in: rows.map((r) => r.id) }, lockedBy: workerId } });
  return jobs.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id.localeCompare(b.id));
}

/**
 * Marks a claimed job done; false when the lease had already passed to another worker.
 * Raw single statements here on purpose: Prisma wraps updateMany in a transaction whose
 * COMMIT comes after an await, and with a synchronous SQLite driver a second connection in
 * the same process would then block the event loop until its busy timeout.
 * The WHERE names the claim (worker + attempt), so a worker whose lease was taken over
 * cannot overwrite the new owner's state.
 */
export async function completeJob(db: QueueDb, job: Job, now: Date): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Job" SET "status" = 'DONE', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${now}
    WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "lockedBy" = ${job.lockedBy} AND "attempts" = ${job.attempts}`;
  return count === 1;
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

/** Wait before the next try after `attempts` tries: 30 s, 1 min, 2 min ... capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/**
 * Records a failed try: back to PENDING after a backoff, or DEAD after maxAttempts.
 * Only the error's code is stored, never its message, which may quote personal data.
 */
export async function failJob(db: QueueDb, job: Job, error: unknown, now: Date): Promise<"RETRY" | "DEAD" | "LOST"> {
  const dead = job.attempts >= job.maxAttempts;
  const status = dead ? JOB_STATUS.DEAD : JOB_STATUS.PENDING;
  const runAt = dead ? job.runAt : new Date(now.getTime() + retryDelayMs(job.attempts));
  const code = errorCode(error).slice(0, 100);
  const count = await db.$executeRaw`
    UPDATE "Job" SET "status" = ${status}, "runAt" = ${runAt}, "lockedBy" = NULL, "lockedUntil" = NULL,
      "lastError" = ${code}, "updatedAt" = ${now}
    WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "lockedBy" = ${job.lockedBy} AND "attempts" = ${job.attempts}`;
  if (count !== 1) return "LOST";
  return dead ? "DEAD" : "RETRY";
}
