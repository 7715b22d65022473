-- Time to first response and to resolution, stored as whole milliseconds from createdAt, for the
-- reports' percentiles (app/reports/report-queries.server.ts, hoursPercentiles), instead of
-- working them out on ~90 000 rows per request (issue #12). The SQLite migration of this name
-- does the same; both use the expression the reports used, so the figures stay the same.
-- BIGINT: an integer of milliseconds overflows after 24 days.

-- The covering indexes of the percentiles now carry the duration instead of createdAt. Dropped
-- before the backfill and made after it, so the UPDATE does not maintain them row by row.
DROP INDEX "Ticket_firstResponseAt_createdAt_channel_categorySlug_teamI_idx";
DROP INDEX "Ticket_resolvedAt_createdAt_channel_categorySlug_teamId_idx";

ALTER TABLE "Ticket" ADD COLUMN "firstResponseMs" BIGINT,
ADD COLUMN "resolutionMs" BIGINT;

-- EXTRACT(EPOCH FROM interval) is numeric (exact) since PostgreSQL 14.
UPDATE "Ticket"
   SET "firstResponseMs" = CAST(ROUND(EXTRACT(EPOCH FROM ("firstResponseAt" - "createdAt")) * 1000) AS BIGINT),
       "resolutionMs" = CAST(ROUND(EXTRACT(EPOCH FROM ("resolvedAt" - "createdAt")) * 1000) AS BIGINT)
 WHERE "firstResponseAt" IS NOT NULL OR "resolvedAt" IS NOT NULL;

CREATE INDEX "Ticket_firstResponseAt_firstResponseMs_channel_categorySlug_idx" ON "Ticket"("firstResponseAt", "firstResponseMs", "channel", "categorySlug", "teamId");
CREATE INDEX "Ticket_resolvedAt_resolutionMs_channel_categorySlug_teamId_idx" ON "Ticket"("resolvedAt", "resolutionMs", "channel", "categorySlug", "teamId");

-- One trigger keeps the durations right whatever writes the dates: the app's reply, resolve,
-- close, reopen (resolvedAt back to NULL, so the duration too) and merge paths, raw inserts and
-- code not written yet. BEFORE, so the row is written once; the durations are among the columns
-- watched, so a direct write to them is put right again.
CREATE FUNCTION minidesk_ticket_durations() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW."firstResponseMs" := CAST(ROUND(EXTRACT(EPOCH FROM (NEW."firstResponseAt" - NEW."createdAt")) * 1000) AS BIGINT);
  NEW."resolutionMs" := CAST(ROUND(EXTRACT(EPOCH FROM (NEW."resolvedAt" - NEW."createdAt")) * 1000) AS BIGINT);
  RETURN NEW;
END $$;
CREATE TRIGGER "ticket_durations" BEFORE INSERT OR UPDATE OF "createdAt", "firstResponseAt", "resolvedAt", "firstResponseMs", "resolutionMs" ON "Ticket"
  FOR EACH ROW EXECUTE FUNCTION minidesk_ticket_durations();
