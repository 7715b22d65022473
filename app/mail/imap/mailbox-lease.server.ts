import type { Db } from "../../db.server";

/**
 * One poller per mailbox across every instance: the poller holds a lease on the Mailbox row
 * (owner and expiry) and renews it while it works. Taking or renewing is one UPDATE that only
 * matches a free, expired or already-owned lease, so two instances can never both hold it;
 * an instance that dies simply stops renewing, and another takes over once the lease runs out.
 */
export async function takeMailboxLease(db: Db, mailboxId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const { count } = await db.mailbox.updateMany({
    where: {
      id: mailboxId,
      enabled: true,
      OR: [{ leaseOwner: null }, { leaseOwner: owner }, { leaseUntil: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function releaseMailboxLease(db: Db, mailboxId: string, owner: string): Promise<void> {
  await db.mailbox.updateMany({ where: { id: mailboxId, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
}
