-- A staff member's language is their own choice (profile); until they make it, the browser's decides.
-- Nobody could choose before, so the old default "en" is dropped for everyone.
-- AlterTable
ALTER TABLE "User" ALTER COLUMN "locale" DROP NOT NULL,
ALTER COLUMN "locale" DROP DEFAULT;
UPDATE "User" SET "locale" = NULL;
