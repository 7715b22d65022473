import { getConfig } from "../config.server";
import { getDb } from "../db.server";
import { deliverOutbox } from "../mail/outbound/outbox.server";
import { log, errorCode } from "../logging/logger.server";

export type Stoppable = { stop: () => Promise<void> };

/** Starts the inbound SMTP listener and the job worker, as configured. */
export async function startBackgroundWork(): Promise<Stoppable[]> {
  const config = getConfig();
  const started: Stoppable[] = [];
  if (config.WORKER) {
    const db = getDb();
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      try {
        await deliverOutbox(db);
      } catch (err) {
        log.error("worker.tick_failed", { code: errorCode(err) });
      }
      if (!stopped) timer = setTimeout(tick, config.WORKER_POLL_MS);
    };
    let timer = setTimeout(tick, 10);
    started.push({
      async stop() {
        stopped = true;
        clearTimeout(timer);
      },
    });
  }
  return started;
}
