import type { PrismaClient } from "@prisma/client";
import { destroyExpiredAccessDetails } from "../tickets/access-details.server";
import { autoCloseResolved } from "../tickets/ticket-actions.server";

const FINISHED_JOB_DAYS = 7;

/** Small, idempotent clean-ups that should not wait for the night. */
export async function runHourlyMaintenance(db: PrismaClient, now: Date) {
  const accessDetails = await destroyExpiredAccessDetails(db, now);
  // "Resolved" waits AUTO_CLOSE_RESOLVED_DAYS for the client, then closes itself.
  const autoClosed = await autoCloseResolved(db, now);
  // Finished jobs are only a record of what ran; their payload ids should not outlive need.
  const jobs = await db.job.deleteMany({
    where: { status: "DONE", updatedAt: { lt: new Date(now.getTime() - FINISHED_JOB_DAYS * 864e5) } },
  });
  return { accessDetails, autoClosed, finishedJobs: jobs.count };
}
