-- The search index carries each row's ticket team, so a technician's search is scoped inside
-- "SearchIndex" itself (issue #7). Before, every match was joined to its ticket for the team
-- check, and the planner hashed all of "Ticket" for it: 54 ms of a 100 000-ticket search, 17 ms
-- now (app/tickets/search.server.ts). PostgreSQL only: SQLite's FTS5 search stays as it is.

-- Tickets and messages are not written meanwhile, so no row is copied with a team that a
-- concurrent move is about to change (the old triggers do not follow team changes).
LOCK TABLE "Ticket", "Message" IN SHARE MODE;

-- The table is written again with the new column rather than UPDATEd: an UPDATE of every row
-- would leave the old versions behind (twice the table, every document twice in the GIN index)
-- until a VACUUM, which cannot run in a migration's transaction. Same ids, so the order of
-- results (newest first by id) stays. Rows without a ticket were never found (the search
-- joined "Ticket"), so they are not copied.
CREATE TABLE "SearchIndex_rebuilt" (
    "id" BIGINT NOT NULL DEFAULT nextval('"SearchIndex_id_seq"'),
    "ticket_id" TEXT NOT NULL,
    "message_id" TEXT,                   -- NULL: the row holds the ticket's subject
    "team_id" TEXT NOT NULL,             -- the ticket's "teamId", kept by the triggers below
    "document" TSVECTOR NOT NULL
);
INSERT INTO "SearchIndex_rebuilt" ("id", "ticket_id", "message_id", "team_id", "document")
SELECT s."id", s."ticket_id", s."message_id", t."teamId", s."document"
  FROM "SearchIndex" s JOIN "Ticket" t ON t."id" = s."ticket_id"
 ORDER BY s."id";
ALTER SEQUENCE "SearchIndex_id_seq" OWNED BY "SearchIndex_rebuilt"."id";
DROP TABLE "SearchIndex";
ALTER TABLE "SearchIndex_rebuilt" RENAME TO "SearchIndex";
ALTER TABLE "SearchIndex" ADD CONSTRAINT "SearchIndex_pkey" PRIMARY KEY ("id");
CREATE UNIQUE INDEX "SearchIndex_subject_key" ON "SearchIndex"("ticket_id") WHERE "message_id" IS NULL;
CREATE UNIQUE INDEX "SearchIndex_message_key" ON "SearchIndex"("message_id");
CREATE INDEX "SearchIndex_document_idx" ON "SearchIndex" USING GIN ("document");
ANALYZE "SearchIndex";

-- The ticket's own row takes its team at insert; a move to another team moves all its rows.
-- Message rows are found through "Message" (its ticketId index), which the message trigger keeps
-- equal to "SearchIndex"."ticket_id": no second index on "SearchIndex" for a rare change.
CREATE OR REPLACE FUNCTION minidesk_search_ticket() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "SearchIndex"("ticket_id", "team_id", "document") VALUES (NEW."id", NEW."teamId", minidesk_search_document(NEW."subject"));
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW."subject" IS DISTINCT FROM OLD."subject" THEN
      UPDATE "SearchIndex" SET "document" = minidesk_search_document(NEW."subject")
       WHERE "ticket_id" = NEW."id" AND "message_id" IS NULL;
    END IF;
    IF NEW."teamId" IS DISTINCT FROM OLD."teamId" THEN
      UPDATE "SearchIndex" SET "team_id" = NEW."teamId" WHERE "ticket_id" = NEW."id" AND "message_id" IS NULL;
      UPDATE "SearchIndex" s SET "team_id" = NEW."teamId"
        FROM "Message" m WHERE m."ticketId" = NEW."id" AND s."message_id" = m."id";
    END IF;
  ELSE
    DELETE FROM "SearchIndex" WHERE "ticket_id" = OLD."id" AND "message_id" IS NULL;
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER "search_ticket_au" ON "Ticket";
CREATE TRIGGER "search_ticket_au" AFTER UPDATE OF "subject", "teamId" ON "Ticket" FOR EACH ROW EXECUTE FUNCTION minidesk_search_ticket();

-- A message row takes its ticket's team. The ticket row is locked (as the reply's own update of
-- the ticket would lock it) so that a move to another team that is not committed yet is waited
-- for: read without the lock, the old team would be copied after the move had updated the other
-- rows, and the message would stay findable by the old team. FOR SHARE would deadlock two
-- concurrent replies (each holding a share lock, each then updating the ticket).
CREATE OR REPLACE FUNCTION minidesk_search_message() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  team TEXT;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT "teamId" INTO team FROM "Ticket" WHERE "id" = NEW."ticketId" FOR NO KEY UPDATE;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "SearchIndex"("ticket_id", "message_id", "team_id", "document")
    VALUES (NEW."ticketId", NEW."id", team, minidesk_search_document(NEW."body"));
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE "SearchIndex" SET "ticket_id" = NEW."ticketId", "team_id" = team, "document" = minidesk_search_document(NEW."body")
     WHERE "message_id" = NEW."id";
  ELSE
    DELETE FROM "SearchIndex" WHERE "message_id" = OLD."id";
  END IF;
  RETURN NULL;
END $$;
