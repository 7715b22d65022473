import type { PrismaClient } from "@prisma/client";
import { destroyExpiredAccessDetails } from "../tickets/access-details.server";

const FINISHED_JOB_DAYS = 7;

/** Small, idempotent clean-ups that should not wait for the night. */
export async function runHourlyMaintenance(db: PrismaClient, now: Date) {
  const accessDetails = await destroyExpiredAccessDetails(db, now);
  // Finished jobs are only a record of what ran; their payload ids should not outlive need.
  const jobs = await db.job.deleteMany({
    where: { status: "DONE", updatedAt: { lt: new Date(now.getTime() - FINISHED_JOB_DAYS * 864e5) } },
  });
  return { accessDetails, finishedJobs: jobs.count };
}
