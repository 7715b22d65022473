-- FTS5 keeps a deleted row's terms in its index segments until a merge rewrites them; with
-- secure-delete (SQLite 3.44+) a delete removes them from the segments at once, so a retention
-- purge or an erasure leaves no word of the deleted text in the index (decision 022). The option
-- is stored in the table's config, so it holds for every connection from now on.
INSERT INTO "SearchIndex"("SearchIndex", rank) VALUES('secure-delete', 1);
