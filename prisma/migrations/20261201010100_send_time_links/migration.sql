-- Mail bodies in the outbox hold placeholders; the links they stand for are described here and
-- their tokens made only when the mail is sent (app/mail/outbound/send-time-links.server.ts).
ALTER TABLE "OutboxMail" ADD COLUMN "links" TEXT;
