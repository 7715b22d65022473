/**
 * `npm start`: checks the configuration, builds the web app when its sources are newer
 * than the build, migrates the database, then runs the web app, the inbound SMTP
 * listener and the job worker in this one process (embedded defaults).
 */
import { getConfig, getConfigOrExit } from "../app/config.server";
import { buildIfNeeded } from "../app/server/build-if-needed.server";

async function main() {
  getConfigOrExit();
  buildIfNeeded();
  const { startMinidesk } = await import("../app/server/services.server");
  const running = await startMinidesk();
  const c = getConfig();
  console.log(`Minidesk is running on ${c.PUBLIC_URL} (listening on ${running.url})`);
  if (running.setupUrl) {
    console.log(`\nNo administrator yet. Open this one-time link to create one (valid 24 hours):\n  ${running.setupUrl}\n`);
  }
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

void main();
