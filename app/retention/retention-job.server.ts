import type { JobContext } from "../jobs/worker.server";
import { runRetention } from "./purge.server";

/**
 * Job handler for the nightly purge ("retention.purge"), for the worker's handler table.
 * Idempotent by construction: a second run finds nothing left to delete, and a run cut
 * short is finished by the next. The lease must outlast a run (a few seconds per
 * thousand tickets; see docs/decisions/010-retention-and-erasure.md).
 */
export const RETENTION_JOB = "retention.purge";

export async function handleRetentionJob(_payload: unknown, ctx: JobContext): Promise<void> {
  await runRetention(ctx.db, ctx.now);
}
