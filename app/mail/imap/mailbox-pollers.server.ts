import type { Db } from "../../db.server";
import { getConfig } from "../../config.server";
import { errorCode, log } from "../../logging/logger.server";
import { syncEnvironmentMailbox } from "./mailboxes.server";
import { MailboxPoller, pollerOwnerId, type PollerHooks } from "./mailbox-poller.server";

/**
 * The IMAP service of `npm start`: one poller per enabled mailbox, started and stopped as
 * mailboxes are added, disabled or deleted on the admin page (checked every SCAN_MS). Every
 * instance runs it; the leases decide which one reads each mailbox.
 */
const SCAN_MS = 15_000;

export type MailboxPollers = { stop: () => Promise<void>; scan: () => Promise<void> };

export async function startMailboxPollers(db: Db, hooks: PollerHooks = {}): Promise<MailboxPollers> {
  await syncEnvironmentMailbox(db, getConfig());
  const owner = pollerOwnerId();
  const pollers = new Map<string, MailboxPoller>();
  let stopping = false;

  const scan = async () => {
    if (stopping) return;
    const enabled = new Set((await db.mailbox.findMany({ where: { enabled: true }, select: { id: true } })).map((m) => m.id));
    for (const [id, poller] of pollers) {
      if (!enabled.has(id) || poller.finished) {
        pollers.delete(id);
        await poller.stop();
      }
    }
    for (const id of enabled) {
      if (pollers.has(id) || stopping) continue;
      const poller = new MailboxPoller(db, id, owner, hooks);
      pollers.set(id, poller);
      poller.start();
    }
  };
  const rescan = () => scan().catch((err) => log.error("imap.scan_failed", { code: errorCode(err) }));
  await rescan();
  const timer = setInterval(rescan, SCAN_MS);
  timer.unref();
  return {
    scan,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await Promise.all([...pollers.values()].map((p) => p.stop()));
      pollers.clear();
    },
  };
}
