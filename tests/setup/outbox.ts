import fs from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import { simpleParser, type ParsedMail } from "mailparser";
import type { Db } from "../../app/db.server";
import { getConfig } from "../../app/config.server";
import { deliverOutbox } from "../../app/mail/outbound/outbox.server";

/**
 * A queued mail as its recipient gets it. The OutboxMail row holds placeholders for links (their
 * tokens are made at send time), so tests read links from the delivered message: with no SMTP_URL,
 * the file in OUTBOX_DIR (a delivery that a background kick may already have made).
 */
export async function deliveredMail(db: Db, mailId: string): Promise<ParsedMail> {
  await deliverOutbox(db, new Date(Date.now() + 1000));
  const file = await vi.waitFor(
    () => {
      const dir = getConfig().OUTBOX_DIR;
      const name = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith(`-${mailId}.eml`)) : undefined;
      if (!name) throw new Error(`mail ${mailId} not delivered yet`);
      return path.join(dir, name);
    },
    { timeout: 10_000, interval: 50 },
  );
  return simpleParser(fs.readFileSync(file));
}

export async function deliveredText(db: Db, mailId: string): Promise<string> {
  return (await deliveredMail(db, mailId)).text ?? "";
}
