-- Time to first response and to resolution, stored as whole milliseconds from createdAt, for the
-- reports' percentiles (app/reports/report-queries.server.ts, hoursPercentiles). Working them out
-- per report with julianday() parsed the ISO text of ~90 000 rows on every request and was most
-- of the query's time (issue #12). The expression is the one the reports used, so the figures
-- stay the same to the millisecond: julianday() keeps whole milliseconds internally, so rounding
-- the difference gives them back exactly. PostgreSQL does the same in its own migration of this name.

-- The covering indexes of the percentiles now carry the duration instead of createdAt. Dropped
-- before the backfill and made after it, so the UPDATE does not maintain them row by row.
DROP INDEX "Ticket_firstResponseAt_createdAt_channel_categorySlug_teamId_idx";
DROP INDEX "Ticket_resolvedAt_createdAt_channel_categorySlug_teamId_idx";

ALTER TABLE "Ticket" ADD COLUMN "firstResponseMs" BIGINT;
ALTER TABLE "Ticket" ADD COLUMN "resolutionMs" BIGINT;

UPDATE "Ticket"
   SET "firstResponseMs" = CAST(ROUND((julianday("firstResponseAt") - julianday("createdAt")) * 86400000.0) AS INTEGER),
       "resolutionMs" = CAST(ROUND((julianday("resolvedAt") - julianday("createdAt")) * 86400000.0) AS INTEGER)
 WHERE "firstResponseAt" IS NOT NULL OR "resolvedAt" IS NOT NULL;

CREATE INDEX "Ticket_firstResponseAt_firstResponseMs_channel_categorySlug_teamId_idx" ON "Ticket"("firstResponseAt", "firstResponseMs", "channel", "categorySlug", "teamId");
CREATE INDEX "Ticket_resolvedAt_resolutionMs_channel_categorySlug_teamId_idx" ON "Ticket"("resolvedAt", "resolutionMs", "channel", "categorySlug", "teamId");

-- Triggers keep the durations right whatever writes the dates: the app's reply, resolve, close,
-- reopen (resolvedAt back to NULL, so the duration too) and merge paths, raw inserts of the
-- bench seeders, and code not written yet. The durations are listed among the columns watched,
-- so a direct write to them is put right again. The WHEN clause makes a trigger a no-op when the
-- stored values already agree: a new ticket without dates costs no second write, and the
-- trigger's own UPDATE cannot loop even with PRAGMA recursive_triggers on.
CREATE TRIGGER "ticket_durations_ai" AFTER INSERT ON "Ticket"
WHEN new."firstResponseMs" IS NOT CAST(ROUND((julianday(new."firstResponseAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER)
  OR new."resolutionMs" IS NOT CAST(ROUND((julianday(new."resolvedAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER)
BEGIN
  UPDATE "Ticket"
     SET "firstResponseMs" = CAST(ROUND((julianday(new."firstResponseAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER),
         "resolutionMs" = CAST(ROUND((julianday(new."resolvedAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER)
   WHERE rowid = new.rowid;
END;
CREATE TRIGGER "ticket_durations_au" AFTER UPDATE OF "createdAt", "firstResponseAt", "resolvedAt", "firstResponseMs", "resolutionMs" ON "Ticket"
WHEN new."firstResponseMs" IS NOT CAST(ROUND((julianday(new."firstResponseAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER)
  OR new."resolutionMs" IS NOT CAST(ROUND((julianday(new."resolvedAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER)
BEGIN
  UPDATE "Ticket"
     SET "firstResponseMs" = CAST(ROUND((julianday(new."firstResponseAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER),
         "resolutionMs" = CAST(ROUND((julianday(new."resolvedAt") - julianday(new."createdAt")) * 86400000.0) AS INTEGER)
   WHERE rowid = new.rowid;
END;
