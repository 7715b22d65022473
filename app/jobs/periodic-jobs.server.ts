import type { PrismaClient } from "@prisma/client";
import { fromLocalParts, localDateKey, localParts } from "../followups/business-days";
import { enqueueJob } from "./queue.server";
import { RETENTION_JOB } from "../retention/retention-job.server";
import { DIGEST_JOB } from "../notifications/digest-job.server";

/**
 * Recurring work (auto-close, expiry of access details, the nightly retention run) is put
 * on the queue with a dedupe key per period: however many workers tick, each period's job
 * exists once, and a worker that was down catches up with one run, not a backlog.
 */
export type PeriodicJob = { kind: string; every: "hour" | "day"; atLocalHour?: number };

export const PERIODIC_JOBS: PeriodicJob[] = [
  { kind: "maintenance.hourly", every: "hour" },
  { kind: RETENTION_JOB, every: "day", atLocalHour: 2 },
  // Staff who chose the daily digest get it at the start of the working day.
  { kind: DIGEST_JOB, every: "day", atLocalHour: 7 },
];

export function periodicJobFor(job: PeriodicJob, now: Date, timeZone: string): { runAt: Date; dedupeKey: string } {
  if (job.every === "hour") return { runAt: now, dedupeKey: `${job.kind}:${now.toISOString().slice(0, 13)}` };
  // Nightly work waits for the quiet hour in the company's time zone.
  const p = localParts(now, timeZone);
  const runAt = fromLocalParts({ ...p, hour: job.atLocalHour ?? 2, minute: 0, second: 0, ms: 0 }, timeZone);
  return { runAt, dedupeKey: `${job.kind}:${localDateKey(now, timeZone)}` };
}

export async function enqueuePeriodicJobs(db: PrismaClient, now: Date, timeZone: string) {
  for (const job of PERIODIC_JOBS) {
    await enqueueJob(db, { kind: job.kind, payload: {}, ...periodicJobFor(job, now, timeZone) });
  }
}
