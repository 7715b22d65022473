-- What the SQLite migrations do outside the data model (search_index, reports_permission),
-- in PostgreSQL's terms. Same tables, same meaning; see app/tickets/search.server.ts.

-- Full-text search over the (already redacted) subjects and message bodies, accents folded so
-- that "cas" finds "čas": the 'simple' configuration (no stemming, same for Slovenian and
-- English) over unaccent()ed text. unaccent is a trusted extension: the database owner may add it.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE "SearchIndex" (
    "id" BIGSERIAL PRIMARY KEY,          -- grows with time, so ORDER BY id DESC is newest first
    "ticket_id" TEXT NOT NULL,
    "message_id" TEXT,                   -- NULL: the row holds the ticket's subject
    "document" TSVECTOR NOT NULL
);
CREATE UNIQUE INDEX "SearchIndex_subject_key" ON "SearchIndex"("ticket_id") WHERE "message_id" IS NULL;
CREATE UNIQUE INDEX "SearchIndex_message_key" ON "SearchIndex"("message_id");
CREATE INDEX "SearchIndex_document_idx" ON "SearchIndex" USING GIN ("document");

CREATE FUNCTION minidesk_search_document(content TEXT) RETURNS TSVECTOR
LANGUAGE sql STABLE AS $$ SELECT to_tsvector('simple', unaccent(coalesce(content, ''))) $$;

CREATE FUNCTION minidesk_search_ticket() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "SearchIndex"("ticket_id", "document") VALUES (NEW."id", minidesk_search_document(NEW."subject"));
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE "SearchIndex" SET "document" = minidesk_search_document(NEW."subject")
     WHERE "ticket_id" = NEW."id" AND "message_id" IS NULL;
  ELSE
    DELETE FROM "SearchIndex" WHERE "ticket_id" = OLD."id" AND "message_id" IS NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "search_ticket_ai" AFTER INSERT ON "Ticket" FOR EACH ROW EXECUTE FUNCTION minidesk_search_ticket();
CREATE TRIGGER "search_ticket_au" AFTER UPDATE OF "subject" ON "Ticket" FOR EACH ROW EXECUTE FUNCTION minidesk_search_ticket();
CREATE TRIGGER "search_ticket_ad" AFTER DELETE ON "Ticket" FOR EACH ROW EXECUTE FUNCTION minidesk_search_ticket();

CREATE FUNCTION minidesk_search_message() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "SearchIndex"("ticket_id", "message_id", "document")
    VALUES (NEW."ticketId", NEW."id", minidesk_search_document(NEW."body"));
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE "SearchIndex" SET "ticket_id" = NEW."ticketId", "document" = minidesk_search_document(NEW."body")
     WHERE "message_id" = NEW."id";
  ELSE
    DELETE FROM "SearchIndex" WHERE "message_id" = OLD."id";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "search_message_ai" AFTER INSERT ON "Message" FOR EACH ROW WHEN (NEW."kind" <> 'SYSTEM') EXECUTE FUNCTION minidesk_search_message();
CREATE TRIGGER "search_message_au" AFTER UPDATE OF "body", "ticketId" ON "Message" FOR EACH ROW WHEN (NEW."kind" <> 'SYSTEM') EXECUTE FUNCTION minidesk_search_message();
CREATE TRIGGER "search_message_ad" AFTER DELETE ON "Message" FOR EACH ROW EXECUTE FUNCTION minidesk_search_message();

-- TicketStat (one anonymous row per purged ticket) rolled up into TicketStatMonthly, kept in
-- step whatever code writes TicketStat (as the SQLite triggers in reports_permission do).
CREATE FUNCTION minidesk_ticket_stat_rollup() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "TicketStatMonthly" SET "count" = "count" - 1
     WHERE "openedMonth" = OLD."openedMonth" AND "closedMonth" = coalesce(OLD."closedMonth", '')
       AND "purgedMonth" = OLD."purgedMonth" AND "channel" = OLD."channel"
       AND "category" = OLD."category" AND "teamSlug" = OLD."teamSlug";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "TicketStatMonthly" ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug", "count")
    VALUES (NEW."openedMonth", coalesce(NEW."closedMonth", ''), NEW."purgedMonth", NEW."channel", NEW."category", NEW."teamSlug", 1)
    ON CONFLICT ("openedMonth", "closedMonth", "purgedMonth", "channel", "category", "teamSlug")
    DO UPDATE SET "count" = "TicketStatMonthly"."count" + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ticket_stat_rollup" AFTER INSERT OR UPDATE OR DELETE ON "TicketStat"
  FOR EACH ROW EXECUTE FUNCTION minidesk_ticket_stat_rollup();
