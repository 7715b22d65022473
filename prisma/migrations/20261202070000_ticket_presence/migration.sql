-- CreateTable
CREATE TABLE "TicketPresence" (
    "ticketId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "typingUntil" DATETIME,

    PRIMARY KEY ("ticketId", "userId"),
    CONSTRAINT "TicketPresence_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TicketPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TicketPresence_expiresAt_idx" ON "TicketPresence"("expiresAt");

-- CreateIndex
CREATE INDEX "TicketPresence_userId_idx" ON "TicketPresence"("userId");

