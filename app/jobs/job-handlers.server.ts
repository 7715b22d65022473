import { followUpJobHandlers } from "../followups/follow-up-jobs.server";
import { runHourlyMaintenance } from "../maintenance/hourly-maintenance.server";
import { handleRetentionJob, RETENTION_JOB } from "../retention/retention-job.server";
import { DIGEST_JOB, handleDigestJob } from "../notifications/digest-job.server";
import type { JobHandler } from "./worker.server";

/** Every job kind the worker knows, and the domain function that does it. */
export const jobHandlers: Record<string, JobHandler> = {
  ...followUpJobHandlers,
  "maintenance.hourly": async (_payload, ctx) => {
    await runHourlyMaintenance(ctx.db, ctx.now);
  },
  [RETENTION_JOB]: handleRetentionJob,
  [DIGEST_JOB]: handleDigestJob,
};
