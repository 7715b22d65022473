-- Full-text search over the (already redacted) ticket subjects and message bodies.
-- SQLite FTS5 with diacritics folded, so "cas" finds "čas". Kept in step by triggers,
-- whatever code path writes. FTS rowid = Message.rowid, or -Ticket.rowid for subjects,
-- so deletes are by rowid (no scan). Only app/tickets/search.server.ts queries it.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
  ticket_id UNINDEXED,
  content,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "search_ticket_ai" AFTER INSERT ON "Ticket" BEGIN
  INSERT INTO "SearchIndex"(rowid, ticket_id, content) VALUES (-new.rowid, new.id, new.subject);
END;
CREATE TRIGGER "search_ticket_au" AFTER UPDATE OF subject ON "Ticket" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid = -old.rowid;
  INSERT INTO "SearchIndex"(rowid, ticket_id, content) VALUES (-new.rowid, new.id, new.subject);
END;
CREATE TRIGGER "search_ticket_ad" AFTER DELETE ON "Ticket" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid = -old.rowid;
END;

CREATE TRIGGER "search_message_ai" AFTER INSERT ON "Message" WHEN new.kind <> 'SYSTEM' BEGIN
  INSERT INTO "SearchIndex"(rowid, ticket_id, content) VALUES (new.rowid, new.ticketId, new.body);
END;
CREATE TRIGGER "search_message_au" AFTER UPDATE OF body, ticketId ON "Message" WHEN new.kind <> 'SYSTEM' BEGIN
  DELETE FROM "SearchIndex" WHERE rowid = old.rowid;
  INSERT INTO "SearchIndex"(rowid, ticket_id, content) VALUES (new.rowid, new.ticketId, new.body);
END;
CREATE TRIGGER "search_message_ad" AFTER DELETE ON "Message" BEGIN
  DELETE FROM "SearchIndex" WHERE rowid = old.rowid;
END;
