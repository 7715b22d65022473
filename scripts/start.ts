/**
 * `npm start`: checks the configuration, builds the web app when its sources are newer
 * than the build, migrates the database, then runs the web app, the inbound SMTP
 * listener and the job worker in this one process (embedded defaults). With WEB_PROCESSES > 1
 * the web app is served by that many processes on one port (app/server/cluster.server.ts).
 */
import cluster from "node:cluster";
import { getConfig, getConfigOrExit } from "../app/config.server";
import type { RunningMinidesk } from "../app/server/services.server";
import { buildIfNeeded } from "../app/server/build-if-needed.server";

async function main() {
  getConfigOrExit();
  const c = getConfig();
  if (cluster.isWorker) {
    const { runClusterWebProcess } = await import("../app/server/cluster.server");
    return runClusterWebProcess();
  }
  buildIfNeeded();
  let running: RunningMinidesk;
  if (c.WEB_PROCESSES > 1) {
    const { startCluster } = await import("../app/server/cluster.server");
    running = await startCluster(c.WEB_PROCESSES);
  } else {
    const { startMinidesk } = await import("../app/server/services.server");
    running = await startMinidesk();
  }
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
