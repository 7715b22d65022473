-- Foreign-key child columns get an index: with ON DELETE CASCADE, deleting one message
-- otherwise scans every Attachment and RedactionFinding row (the retention purge deletes
-- thousands). OutboxMail.ticketId: the purge deletes a ticket's mail.
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");
CREATE INDEX "RedactionFinding_messageId_idx" ON "RedactionFinding"("messageId");
CREATE INDEX "RedactionFinding_attachmentId_idx" ON "RedactionFinding"("attachmentId");
CREATE INDEX "OutboxMail_ticketId_idx" ON "OutboxMail"("ticketId");
