-- The technicians' queue reads newest-first within a team or an assignee
-- (app/tickets/queue.server.ts); these let SQLite walk an index in order and stop early.
CREATE INDEX "Ticket_teamId_updatedAt_idx" ON "Ticket"("teamId", "updatedAt");
CREATE INDEX "Ticket_updatedAt_idx" ON "Ticket"("updatedAt");
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");
CREATE INDEX "Ticket_assigneeId_updatedAt_idx" ON "Ticket"("assigneeId", "updatedAt");
