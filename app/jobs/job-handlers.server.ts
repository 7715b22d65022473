import { followUpJobHandlers } from "../followups/follow-up-jobs.server";
import { runHourlyMaintenance } from "../maintenance/hourly-maintenance.server";
import type { JobHandler } from "./worker.server";

/** Every job kind the worker knows, and the domain function that does it. */
export const jobHandlers: Record<string, JobHandler> = {
  ...followUpJobHandlers,
  "maintenance.hourly": async (_payload, ctx) => {
    await runHourlyMaintenance(ctx.db, ctx.now);
  },
  "retention.nightly": async () => {
    // Wired to the retention purge (app/retention) once it lands.
  },
};
