/**
 * Data-subject requests from the command line (an admin on the server):
 *   npx tsx scripts/dsr.ts export <email>                 JSON copy on stdout
 *   npx tsx scripts/dsr.ts erase <email> [--pseudonymise] delete their tickets (default) or keep them anonymous
 * The address is only read from the arguments; the audit log records counts only.
 */
import { getDb, disconnectDb } from "../app/db.server";
import { erasePersonData, exportPersonData } from "../app/retention/dsr.server";

const [command, email, ...rest] = process.argv.slice(2);
const usage = "usage: npx tsx scripts/dsr.ts export <email> | erase <email> [--pseudonymise]";
if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || (command !== "export" && command !== "erase") || rest.some((a) => a !== "--pseudonymise")) {
  console.error(usage);
  process.exit(2);
}

const db = getDb();
try {
  if (command === "export") {
    process.stdout.write(JSON.stringify(await exportPersonData(db, email), null, 2) + "\n");
  } else {
    const mode = rest.includes("--pseudonymise") ? "pseudonymise" : "purge";
    const r = await erasePersonData(db, email, { mode, actor: "CLI" });
    console.log(`Erased (${mode}): contact ${r.requester}; tickets deleted ${r.ticketsPurged}, kept without the person ${r.ticketsKept}; ` +
      `files ${r.files}; mails ${r.outbox + r.outboxFiles}; jobs ${r.jobs}; texts scrubbed ${r.textsScrubbed}; deleted bytes cleared from the files: ${r.bytesCleared ? "yes" : "no (a reader held the WAL), run again"}`);
  }
} catch (err) {
  // The error's code only: a message could quote the address.
  console.error(`Stopped: ${(err as { code?: string }).code ?? (err as Error).name}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
