import { disconnectDb } from "../db.server";
import { outboxKickSettled } from "../mail/outbound/outbox.server";
import { shutdownOcrPool } from "../redaction/image/ocr-pool.server";

/**
 * The last step of every shutdown, once nothing takes new work any more (HTTP server, SMTP
 * listener and worker loop stopped, or the pipe's one mail stored): let the outbox delivery that
 * the last mail started finish (it uses the database: closing that first made it fail with a
 * TypeError, logged as mail.deliver_failed), then end the OCR worker threads (tesseract.js keeps
 * a process alive as long as they run), then close the database. After this the event loop is
 * empty and the process ends by itself.
 */
export async function closeSharedResources(): Promise<void> {
  await outboxKickSettled();
  await shutdownOcrPool();
  // A delivery kicked while the OCR pool was closing (the last image's mail) is waited for too.
  await outboxKickSettled();
  await disconnectDb();
}
