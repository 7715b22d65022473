-- Session ids are now stored as their SHA-256 (app/auth/session.server.ts). The rows written
-- before held the cookie's id in clear, and no cookie matches them any more: remove them, so
-- nobody who once read the database holds a working session. Everyone signs in again once.
DELETE FROM "Session";
