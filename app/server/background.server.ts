import { getConfig } from "../config.server";
import { getDb } from "../db.server";
import { startWorkerLoop } from "../jobs/run-worker.server";
import { startSmtpListener } from "../mail/inbound/smtp-listener.server";
import { startMailboxPollers } from "../mail/imap/mailbox-pollers.server";

export type Stoppable = { stop: () => Promise<void> };

/** Starts the inbound SMTP listener, the IMAP mailbox pollers and the job worker, as configured. */
export async function startBackgroundWork(): Promise<Stoppable[]> {
  const config = getConfig();
  const started: Stoppable[] = [];
  if (config.SMTP_LISTEN) started.push(await startSmtpListener());
  if (config.IMAP_POLL) started.push(await startMailboxPollers(getDb()));
  if (config.WORKER) started.push(startWorkerLoop(getDb()));
  return started;
}
