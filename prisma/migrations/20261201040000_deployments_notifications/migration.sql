-- CreateTable
CREATE TABLE "DeploymentIntegration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeploymentIntegration_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeploymentDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeploymentDelivery_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "DeploymentIntegration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffNotificationPrefs" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "newInTeam" BOOLEAN NOT NULL DEFAULT true,
    "clientReply" BOOLEAN NOT NULL DEFAULT true,
    "assigned" BOOLEAN NOT NULL DEFAULT true,
    "followUpDue" BOOLEAN NOT NULL DEFAULT true,
    "dailyDigest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StaffNotificationPrefs_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffNotification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffNotification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StaffNotification_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketSeen" (
    "userId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "ticketId"),
    CONSTRAINT "TicketSeen_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TicketSeen_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

