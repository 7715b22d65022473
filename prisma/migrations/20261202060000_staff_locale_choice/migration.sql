-- A staff member's language is their own choice (profile); until they make it, the browser's decides.
-- Nobody could choose before, so the old default "en" is dropped for everyone.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'TECHNICIAN',
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT,
    "canViewReports" BOOLEAN NOT NULL DEFAULT false,
    "totpSecret" TEXT,
    "totpEnabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("active", "canViewReports", "createdAt", "email", "id", "locale", "name", "passwordHash", "role", "totpEnabledAt", "totpSecret", "updatedAt") SELECT "active", "canViewReports", "createdAt", "email", "id", "locale", "name", "passwordHash", "role", "totpEnabledAt", "totpSecret", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

UPDATE "User" SET "locale" = NULL;
