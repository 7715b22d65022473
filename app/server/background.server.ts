import { getConfig } from "../config.server";
import { getDb } from "../db.server";
import { startWorkerLoop } from "../jobs/run-worker.server";
import { startSmtpListener } from "../mail/inbound/smtp-listener.server";
import { startMailboxPollers } from "../mail/imap/mailbox-pollers.server";

/** `intake`: takes new work from outside (stopped first at shutdown, before the worker). */
export type Stoppable = { stop: () => Promise<void>; intake?: boolean };

/** Starts the inbound SMTP listener, the IMAP mailbox pollers and the job worker, as configured. */
export async function startBackgroundWork(): Promise<Stoppable[]> {
  const config = getConfig();
  const started: Stoppable[] = [];
  if (config.SMTP_LISTEN) {
    const listener = await startSmtpListener();
    started.push({ stop: () => listener.stop(), intake: true });
  }
  if (config.IMAP_POLL) started.push({ ...(await startMailboxPollers(getDb())), intake: true });
  if (config.WORKER) started.push(startWorkerLoop(getDb()));
  return started;
}
