import { disconnectDb } from "../db.server";
import { outboxKickSettled } from "../mail/outbound/outbox.server";
import { shutdownOcrPool } from "../redaction/image/ocr-pool.server";
import { log } from "../logging/logger.server";

// A send stuck on a mail server that stopped answering (nodemailer waits minutes on a socket)
// must not hold a stopping process: the mail stays claimed with a lease and is sent again after
// it, so at most a duplicate is risked, never a loss.
const OUTBOX_WAIT_MS = 15_000;

/**
 * The last step of every shutdown, once nothing takes new work any more (HTTP server, SMTP
 * listener and worker loop stopped, or the pipe's one mail stored): let the outbox delivery that
 * the last mail started finish (it uses the database: closing that first made it fail with a
 * TypeError, logged as mail.deliver_failed), then end the OCR worker threads (tesseract.js keeps
 * a process alive as long as they run), then close the database. After this the event loop is
 * empty and the process ends by itself.
 */
export async function closeSharedResources(): Promise<void> {
  const until = Date.now() + OUTBOX_WAIT_MS;
  await settledBefore(outboxKickSettled(), until, "outbox");
  await shutdownOcrPool();
  // A delivery kicked while the OCR pool was closing (the last image's mail) is waited for too.
  await settledBefore(outboxKickSettled(), until, "outbox");
  // Closing the pool waits for queries in flight; one that hangs (a lost connection to
  // PostgreSQL) must not hold a stopping process past its supervisor's kill timeout.
  await settledBefore(disconnectDb(), Date.now() + DB_CLOSE_WAIT_MS, "database");
}

const DB_CLOSE_WAIT_MS = 10_000;

/**
 * Waits for `work` until `until`, then goes on without it and says which step was late: a
 * shutdown that hangs in CI or under systemd is then told apart from one that was slow.
 */
export async function settledBefore(work: Promise<unknown>, until: number, step: "outbox" | "database" | "http"): Promise<void> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, until - Date.now())).unref()));
  const timedOut = await Promise.race([work.then(() => false, () => false), late]);
  clearTimeout(timer);
  if (timedOut) log.warn(`shutdown.${step}_wait_exceeded`, { ms: Date.now() - started });
}
