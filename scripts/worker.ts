/**
 * `npm run worker`: the job worker alone (follow-ups, mail delivery, maintenance, retention).
 * `npm run worker -- --once` runs what is due and exits, for cron.
 */
import { getConfig, getConfigOrExit } from "../app/config.server";
import { getDb, disconnectDb } from "../app/db.server";
import { migrateDatabase } from "../app/db-migrate.server";
import { runWorkerOnce, startWorkerLoop } from "../app/jobs/run-worker.server";
import { ensureDefaultsOnce } from "../app/setup/bootstrap.server";

async function main() {
  getConfigOrExit();
  await migrateDatabase(getConfig().DATABASE_URL);
  const db = getDb();
  await ensureDefaultsOnce(db);
  if (process.argv.includes("--once")) {
    const counts = await runWorkerOnce(db);
    console.log(`jobs done=${counts.done} retried=${counts.retried} dead=${counts.dead}; mail sent=${counts.mailSent} failed=${counts.mailFailed}`);
    await disconnectDb();
    return;
  }
  const loop = startWorkerLoop(db);
  console.log("Minidesk worker running (Ctrl+C to stop)");
  const stop = async () => {
    await loop.stop();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
