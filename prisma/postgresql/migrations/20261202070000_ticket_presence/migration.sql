-- CreateTable
CREATE TABLE "TicketPresence" (
    "ticketId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "typingUntil" TIMESTAMP(3),

    CONSTRAINT "TicketPresence_pkey" PRIMARY KEY ("ticketId","userId")
);

-- CreateIndex
CREATE INDEX "TicketPresence_expiresAt_idx" ON "TicketPresence"("expiresAt");

-- CreateIndex
CREATE INDEX "TicketPresence_userId_idx" ON "TicketPresence"("userId");

-- AddForeignKey
ALTER TABLE "TicketPresence" ADD CONSTRAINT "TicketPresence_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketPresence" ADD CONSTRAINT "TicketPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

