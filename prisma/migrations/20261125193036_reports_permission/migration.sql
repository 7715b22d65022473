-- Reports permission for technicians (admins always see reports). A plain ADD COLUMN:
-- no table copy, foreign keys untouched.
ALTER TABLE "User" ADD COLUMN "canViewReports" BOOLEAN NOT NULL DEFAULT false;

-- TicketStat (one anonymous row per purged ticket) rolled up by every column the reports group
-- or filter by. Triggers keep it in step whatever code writes TicketStat, so retention needs no
-- change; the reports then read thousands of rows instead of millions (see docs/decisions).
CREATE TABLE "TicketStatMonthly" (
    "openedMonth" TEXT NOT NULL,
    "closedMonth" TEXT NOT NULL DEFAULT '',
    "purgedMonth" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "teamSlug" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug")
);
CREATE INDEX "TicketStatMonthly_purgedMonth_idx" ON "TicketStatMonthly"("purgedMonth");

INSERT INTO "TicketStatMonthly" ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug", "count")
SELECT "openedMonth", coalesce("closedMonth", ''), "purgedMonth", "channel", "category", "teamSlug", COUNT(*)
  FROM "TicketStat" GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER "ticket_stat_rollup_ai" AFTER INSERT ON "TicketStat" BEGIN
  INSERT INTO "TicketStatMonthly" ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug", "count")
  VALUES (new."openedMonth", coalesce(new."closedMonth", ''), new."purgedMonth", new."channel", new."category", new."teamSlug", 1)
  ON CONFLICT ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug") DO UPDATE SET "count" = "count" + 1;
END;
CREATE TRIGGER "ticket_stat_rollup_ad" AFTER DELETE ON "TicketStat" BEGIN
  UPDATE "TicketStatMonthly" SET "count" = "count" - 1
   WHERE "openedMonth" = old."openedMonth" AND "closedMonth" = coalesce(old."closedMonth", '') AND "purgedMonth" = old."purgedMonth"
     AND "channel" = old."channel" AND "category" = old."category" AND "teamSlug" = old."teamSlug";
END;
CREATE TRIGGER "ticket_stat_rollup_au" AFTER UPDATE ON "TicketStat" BEGIN
  UPDATE "TicketStatMonthly" SET "count" = "count" - 1
   WHERE "openedMonth" = old."openedMonth" AND "closedMonth" = coalesce(old."closedMonth", '') AND "purgedMonth" = old."purgedMonth"
     AND "channel" = old."channel" AND "category" = old."category" AND "teamSlug" = old."teamSlug";
  INSERT INTO "TicketStatMonthly" ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug", "count")
  VALUES (new."openedMonth", coalesce(new."closedMonth", ''), new."purgedMonth", new."channel", new."category", new."teamSlug", 1)
  ON CONFLICT ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug") DO UPDATE SET "count" = "count" + 1;
END;

-- Reports: covering indexes, so the ticket flow and the response/resolution percentiles read
-- only index pages in the range asked for, never the ticket rows.
CREATE INDEX "Ticket_createdAt_closedAt_channel_categorySlug_teamId_idx" ON "Ticket"("createdAt", "closedAt", "channel", "categorySlug", "teamId");
CREATE INDEX "Ticket_firstResponseAt_createdAt_channel_categorySlug_teamId_idx" ON "Ticket"("firstResponseAt", "createdAt", "channel", "categorySlug", "teamId");
CREATE INDEX "Ticket_resolvedAt_createdAt_channel_categorySlug_teamId_idx" ON "Ticket"("resolvedAt", "createdAt", "channel", "categorySlug", "teamId");
