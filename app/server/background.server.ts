import { getConfig } from "../config.server";
import { getDb } from "../db.server";
import { startWorkerLoop } from "../jobs/run-worker.server";
import { startSmtpListener } from "../mail/inbound/smtp-listener.server";

export type Stoppable = { stop: () => Promise<void> };

/** Starts the inbound SMTP listener and the job worker, as configured. */
export async function startBackgroundWork(): Promise<Stoppable[]> {
  const config = getConfig();
  const started: Stoppable[] = [];
  if (config.SMTP_LISTEN) started.push(await startSmtpListener());
  if (config.WORKER) started.push(startWorkerLoop(getDb()));
  return started;
}
