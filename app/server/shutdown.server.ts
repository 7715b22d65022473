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
  await outboxSettledBefore(until);
  await shutdownOcrPool();
  // A delivery kicked while the OCR pool was closing (the last image's mail) is waited for too.
  await outboxSettledBefore(until);
  await disconnectDb();
}

async function outboxSettledBefore(until: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, until - Date.now())).unref()));
  const timedOut = await Promise.race([outboxKickSettled().then(() => false), late]);
  clearTimeout(timer);
  if (timedOut) log.warn("shutdown.outbox_wait_exceeded", { ms: OUTBOX_WAIT_MS });
}
