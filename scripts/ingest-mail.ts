/**
 * MTA pipe delivery: one message on stdin becomes a ticket, a reply or a quarantine entry.
 *   npx tsx scripts/ingest-mail.ts < message.eml
 * Postfix (master.cf):  minidesk unix - n n - 4 pipe flags=Rq user=minidesk
 *   argv=/usr/bin/env -C /srv/minidesk npx tsx scripts/ingest-mail.ts
 * Exit 0 when the mail is stored (including quarantined and duplicate); 75 (EX_TEMPFAIL,
 * sysexits.h) when the MTA should keep it and retry: database missing or failing, bad config.
 * The process ends by itself once the mail is stored and its confirmation has left the outbox
 * (OCR worker threads and the database are closed then: app/server/shutdown.server.ts).
 */
import fs from "node:fs";
import path from "node:path";

const EX_TEMPFAIL = 75;

async function readStdin(max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  // Past the limit the rest is drained, not kept: the mail is quarantined as too large and
  // the MTA must not see a broken pipe.
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    if (kept > max) continue;
    chunks.push(chunk);
    kept += chunk.length;
  }
  return Buffer.concat(chunks);
}

async function main(): Promise<number> {
  const { getConfig, ConfigError } = await import("../app/config.server");
  let config;
  try {
    config = getConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : "Invalid configuration");
    return EX_TEMPFAIL;
  }
  const dbFile = config.DATABASE_URL.startsWith("file:") ? path.resolve(config.DATABASE_URL.slice("file:".length)) : null;
  if (dbFile && !fs.existsSync(dbFile)) {
    console.error("Minidesk database not found: run `npm run db:migrate` (or `npm start`) once to create it; the mail stays with the MTA.");
    return EX_TEMPFAIL;
  }
  const { pendingMigrations } = await import("../app/db-migrate.server");
  const pending = await pendingMigrations(config.DATABASE_URL).catch(() => []);
  if (pending.length > 0) {
    console.error(`Minidesk database is not up to date (${pending.length} migration(s) pending): run \`npm run db:migrate\`; the mail stays with the MTA.`);
    return EX_TEMPFAIL;
  }
  const raw = await readStdin(config.MAX_MAIL_BYTES);
  const { getDb } = await import("../app/db.server");
  const { ingestMail } = await import("../app/mail/inbound/ingest-mail.server");
  const { errorCode } = await import("../app/logging/logger.server");
  const { closeSharedResources } = await import("../app/server/shutdown.server");
  try {
    const result = await ingestMail(getDb(), raw, { receivedVia: "PIPE" });
    console.log(result.reference ? `${result.outcome} ${result.reference}` : result.outcome);
    return 0;
  } catch (err) {
    console.error(`Temporary failure (${errorCode(err)}); the MTA should retry.`);
    return EX_TEMPFAIL;
  } finally {
    // The confirmation leaves first; then the OCR threads, which would keep the process alive.
    await closeSharedResources().catch(() => undefined);
  }
}

main().then(
  (code) => {
    // Not process.exit(): stdout must be flushed to the MTA; nothing else is left running.
    process.exitCode = code;
  },
  () => {
    process.exitCode = EX_TEMPFAIL;
  },
);
