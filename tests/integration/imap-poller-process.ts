/**
 * One Minidesk instance's IMAP service alone, for tests/integration/imap-intake.test.ts: it reads
 * the mailboxes in the test's database until it is killed. IMAP_TEST_DELAY_MS slows each message
 * down, so the test can kill the process in the middle of a batch; it prints a line per message.
 */
import { getDb } from "../../app/db.server";
import { startMailboxPollers } from "../../app/mail/imap/mailbox-pollers.server";

const delay = Number(process.env.IMAP_TEST_DELAY_MS ?? "0");
await startMailboxPollers(getDb(), {
  onMessage: async () => {
    process.stdout.write("message\n");
    await new Promise((resolve) => setTimeout(resolve, delay));
  },
});
process.stdout.write("ready\n");
setInterval(() => {}, 60_000);
