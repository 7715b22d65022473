import cluster from "node:cluster";
import { getConfig } from "../config.server";
import { closeSharedResources } from "./shutdown.server";
import { log } from "../logging/logger.server";
import { prepareDatabase, startWebServer, type RunningMinidesk } from "./services.server";
import { startBackgroundWork } from "./background.server";
import { createRestartBudget } from "./restart-budget";

/**
 * `npm start` with WEB_PROCESSES > 1: Node serves one request at a time per process, so a busy
 * desk on a machine with several cores gets several web processes on one port (node:cluster
 * hands connections round-robin). The primary prepares the database and runs the background work
 * (SMTP listener, worker) once; each forked process serves the web app only. This is safe because
 * nothing a request needs lives in one process's memory (docs/decisions/015).
 */
export async function startCluster(processes: number): Promise<RunningMinidesk> {
  const admin = await prepareDatabase();
  const workers = Array.from({ length: processes }, () => cluster.fork());
  // Every web process listens on the same port (with PORT=0, the first one's random port).
  const ports = await Promise.all(
    workers.map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          w.once("listening", (address) => resolve(address.port));
          w.once("exit", (code) => reject(new Error(`web process exited (${code}) before listening`)));
        }),
    ),
  );
  let stopping = false;
  const budget = createRestartBudget();
  cluster.on("exit", (_worker, code) => {
    if (stopping) return;
    // A crashed web process is replaced; the others go on serving meanwhile.
    log.error("web.process_exited", { code: String(code) });
    if (budget.allow(Date.now())) cluster.fork();
    else log.error("web.restarts_exhausted", { count: Object.keys(cluster.workers ?? {}).length });
  });
  const background = await startBackgroundWork();
  return {
    httpPort: ports[0]!,
    url: `http://${getConfig().HOST}:${ports[0]}`,
    setupUrl: admin.kind === "setup-link" ? admin.url : undefined,
    async stop() {
      stopping = true;
      // Intake first (SMTP listener), then the web processes, the worker, and what they share.
      for (const b of background.filter((x) => x.intake)) await b.stop();
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (w) => new Promise<void>((resolve) => (w!.isDead() ? resolve() : (w!.once("exit", () => resolve()), w!.kill("SIGTERM")))),
        ),
      );
      for (const b of background.filter((x) => !x.intake)) await b.stop();
      await closeSharedResources();
    },
  };
}

/** A forked web process: serves until the primary asks it to stop. */
export async function runClusterWebProcess(): Promise<void> {
  const web = await startWebServer();
  // Ctrl+C reaches every process of the terminal; the primary decides, and stops us with SIGTERM.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", async () => {
    await web.stop();
    process.exit(0);
  });
}
