/**
 * `npm run db:migrate`: applies the migrations to DATABASE_URL (SQLite file or PostgreSQL) and
 * creates the default teams and categories, so the MTA pipe, the worker or the webhook can take
 * mail on a database that `npm start` never opened. Idempotent: run it after every update.
 * The first administrator is still made by `npm start` (ADMIN_EMAIL/ADMIN_PASSWORD or a setup link).
 */
import { getConfigOrExit } from "../app/config.server";
import { migrateDatabase, pendingMigrations } from "../app/db-migrate.server";
import { disconnectDb, getDb } from "../app/db.server";
import { ensureDefaults } from "../app/setup/bootstrap.server";

const config = getConfigOrExit();
try {
  const pending = await pendingMigrations(config.DATABASE_URL).catch(() => []);
  await migrateDatabase(config.DATABASE_URL);
  await ensureDefaults(getDb());
  console.log(pending.length ? `Applied ${pending.length} migration(s); the database is up to date.` : "The database is up to date.");
} catch (err) {
  console.error(`Migration failed: ${(err as { code?: string }).code ?? (err as Error).name}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
