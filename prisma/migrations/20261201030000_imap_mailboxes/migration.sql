-- CreateTable
CREATE TABLE "Mailbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'ADMIN',
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 993,
    "tls" BOOLEAN NOT NULL DEFAULT true,
    "username" TEXT NOT NULL,
    "authMethod" TEXT NOT NULL DEFAULT 'PASSWORD',
    "secretSealed" TEXT,
    "folder" TEXT NOT NULL DEFAULT 'INBOX',
    "afterIngest" TEXT NOT NULL DEFAULT 'MOVE',
    "processedFolder" TEXT NOT NULL DEFAULT 'Processed',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "uidValidity" TEXT,
    "lastUid" BIGINT NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "lastErrorCode" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "ingestedCount" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_name_key" ON "Mailbox"("name");
