import type { ImapFlow } from "imapflow";
import type { Mailbox } from "@prisma/client";
import type { Db } from "../../db.server";
import { ingestMail } from "../inbound/ingest-mail.server";

/**
 * One pass over the mail that arrived in the open folder since the last one, oldest first.
 * For each message: ingest (the same pipeline as SMTP), then move it to the processed folder or
 * flag it, then record its UID. A crash between any two steps re-reads the message next time,
 * and Message-ID dedupe answers "duplicate" for one already stored: delivery is at least once,
 * storage exactly once, and no UID is recorded before its mail is committed, so none is skipped.
 * An ingest failure throws and the pass ends where it was, to be retried with back-off.
 */
export const PROCESSED_KEYWORD = "$MinideskProcessed";
export const TOO_LARGE_KEYWORD = "$MinideskTooLarge";
const BATCH = 50;

export type TakeResult = { ingested: number; skipped: number; more: boolean };

export async function takeNewMail(
  client: ImapFlow,
  db: Db,
  mailbox: Mailbox,
  opts: { maxBytes: number; onMessage?: () => Promise<void> },
): Promise<TakeResult> {
  const open = client.mailbox;
  if (!open) throw Object.assign(new Error("No folder is open"), { code: "NO_FOLDER" });
  const uidValidity = String(open.uidValidity);
  let lastUid = Number(mailbox.lastUid);
  if (mailbox.uidValidity !== uidValidity) {
    // A recreated folder numbers its messages afresh: read it all again (dedupe holds).
    lastUid = 0;
    await db.mailbox.update({ where: { id: mailbox.id }, data: { uidValidity, lastUid: 0 } });
    mailbox.uidValidity = uidValidity;
  }
  const flagging = mailbox.afterIngest === "FLAG";
  // "n:*" always matches the newest message, even below n (RFC 3501 6.4.8): filter again.
  const found = (await client.search({ uid: `${lastUid + 1}:*`, ...(flagging ? { unKeyword: PROCESSED_KEYWORD } : {}) }, { uid: true })) || [];
  const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
  if (uids.length > 0 && !flagging) await ensureFolder(client, mailbox.processedFolder);

  let ingested = 0;
  let skipped = 0;
  for (const uid of uids.slice(0, BATCH)) {
    const range = String(uid);
    const head = await client.fetchOne(range, { uid: true, size: true }, { uid: true });
    const tooLarge = head !== false && (head.size ?? 0) > opts.maxBytes;
    if (tooLarge) {
      // Left where it is, for a person to handle, and marked so it is not tried again.
      await client.messageFlagsAdd(range, [TOO_LARGE_KEYWORD, ...(flagging ? [PROCESSED_KEYWORD] : [])], { uid: true });
      skipped++;
    } else if (head) {
      const message = await client.fetchOne(range, { uid: true, source: true }, { uid: true });
      if (message && message.source) {
        await ingestMail(db, message.source, { receivedVia: "IMAP" });
        ingested++;
        if (flagging) await client.messageFlagsAdd(range, ["\\Seen", PROCESSED_KEYWORD], { uid: true });
        else await client.messageMove(range, mailbox.processedFolder, { uid: true });
      }
    }
    // A message expunged by someone else meanwhile (head === false) is simply passed.
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { lastUid: uid, ...(tooLarge ? { skippedCount: { increment: 1 } } : head ? { ingestedCount: { increment: 1 } } : {}) },
    });
    mailbox.lastUid = BigInt(uid);
    await opts.onMessage?.();
  }
  return { ingested, skipped, more: uids.length > BATCH };
}

async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (folders.some((f) => f.path === path)) return;
  await client.mailboxCreate(path);
}
