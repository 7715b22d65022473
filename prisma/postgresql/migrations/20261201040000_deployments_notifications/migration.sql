-- CreateTable
CREATE TABLE "DeploymentIntegration" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeploymentIntegration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeploymentDelivery" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeploymentDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffNotificationPrefs" (
    "userId" TEXT NOT NULL,
    "newInTeam" BOOLEAN NOT NULL DEFAULT true,
    "clientReply" BOOLEAN NOT NULL DEFAULT true,
    "assigned" BOOLEAN NOT NULL DEFAULT true,
    "followUpDue" BOOLEAN NOT NULL DEFAULT true,
    "dailyDigest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffNotificationPrefs_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "StaffNotification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketSeen" (
    "userId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketSeen_pkey" PRIMARY KEY ("userId","ticketId")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeploymentIntegration_tokenHash_key" ON "DeploymentIntegration"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "DeploymentDelivery_integrationId_deliveryId_key" ON "DeploymentDelivery"("integrationId", "deliveryId");

-- CreateIndex
CREATE INDEX "StaffNotification_userId_digest_sentAt_idx" ON "StaffNotification"("userId", "digest", "sentAt");

-- CreateIndex
CREATE INDEX "StaffNotification_ticketId_idx" ON "StaffNotification"("ticketId");

-- CreateIndex
CREATE INDEX "TicketSeen_ticketId_idx" ON "TicketSeen"("ticketId");

-- AddForeignKey
ALTER TABLE "DeploymentIntegration" ADD CONSTRAINT "DeploymentIntegration_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentDelivery" ADD CONSTRAINT "DeploymentDelivery_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "DeploymentIntegration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffNotificationPrefs" ADD CONSTRAINT "StaffNotificationPrefs_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffNotification" ADD CONSTRAINT "StaffNotification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffNotification" ADD CONSTRAINT "StaffNotification_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSeen" ADD CONSTRAINT "TicketSeen_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSeen" ADD CONSTRAINT "TicketSeen_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

