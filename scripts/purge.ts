/**
 * Retention purge by hand (the worker runs the same function nightly):
 *   npx tsx scripts/purge.ts --dry-run   what would go: counts and oldest date per kind
 *   npx tsx scripts/purge.ts             delete it, with progress and a summary
 * Prints counts and dates only, never content.
 */
import { getDb, disconnectDb } from "../app/db.server";
import { runRetention, PURGE_KINDS, type PurgeReport } from "../app/retention/purge.server";

const dryRun = process.argv.includes("--dry-run");
if (process.argv.slice(2).some((a) => a !== "--dry-run")) {
  console.error("usage: npx tsx scripts/purge.ts [--dry-run]");
  process.exit(2);
}

const tty = process.stdout.isTTY === true;
let lastKind = "";
function progress(kind: string, done: number, total: number) {
  if (tty) {
    const width = 30;
    const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : width;
    if (kind !== lastKind && lastKind) process.stdout.write("\n");
    process.stdout.write(`\r${kind.padEnd(12)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}   `);
  } else if (kind !== lastKind || done === total) {
    console.log(`${kind}: ${done}/${total}`);
  }
  lastKind = kind;
}

function summary(r: PurgeReport) {
  if (tty && lastKind) process.stdout.write("\n");
  console.log(dryRun ? "Would delete:" : `Deleted in ${(r.ms / 1000).toFixed(1)} s:`);
  for (const k of PURGE_KINDS) {
    const oldest = r.oldest[k] ? `  (oldest ${r.oldest[k]!.toISOString().slice(0, 10)})` : "";
    console.log(`  ${k.padEnd(12)} ${String(r.counts[k]).padStart(8)}${oldest}`);
  }
  if (!dryRun && !r.bytesCleared && r.counts.tickets > 0) console.log("The WAL still holds old pages (another process kept reading): run the purge again to clear them.");
}

try {
  const report = await runRetention(getDb(), new Date(), { dryRun, hooks: { onProgress: progress } });
  summary(report);
} catch (err) {
  console.error(`Purge stopped: ${(err as { code?: string }).code ?? (err as Error).name}. Run it again to finish; nothing is left half-deleted.`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
