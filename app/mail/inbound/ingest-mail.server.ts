import crypto from "node:crypto";
import type { Db } from "../../db.server";
import { getConfig } from "../../config.server";
import { recordAudit } from "../../audit/audit.server";
import { hitRateLimit } from "../../auth/rate-limit.server";
import { errorCode, log } from "../../logging/logger.server";
import { openTicket } from "../../tickets/open-ticket.server";
import { addClientReply } from "../../tickets/replies.server";
import { sendTicketConfirmation } from "../../tickets/client-emails.server";
import { trustedText } from "../../tickets/redact-for-storage.server";
import type { IncomingFile } from "../../tickets/prepare-attachments.server";
import { mailDomain } from "../outbound/outbox.server";
import type { ParsedInboundMail } from "./inbound-mail";
import { classifyAutomatedMail, parseBounce } from "./loop-guard";
import { DEFAULT_INBOUND_MAIL_LIMITS, parseInboundMail, UnparseableMailError } from "./parse-inbound.server";
import { quarantineMail, unparseableExcerptSource, type QuarantineReason } from "./quarantine.server";
import { stripQuotedReply } from "./strip-quoted-reply";
import { cleanSubject, findThreadKeys } from "./thread-keys";
import { answersNotification, staffAnswersNotification } from "../../notifications/staff-notifications.server";
import { guessMailLocale } from "./guess-mail-locale";
import { ensureDefaultsOnce } from "../../setup/bootstrap.server";

/**
 * The one way mail becomes tickets, whatever brought it (SMTP listener, MTA pipe, HTTP
 * webhook, IMAP mailbox). It either stores the mail (as a ticket, a reply, a bounce note or in quarantine)
 * and returns, or throws: a throw means nothing was decided and the sender must retry
 * (451 / EX_TEMPFAIL / 503), so mail is never lost silently. See docs/decisions/006.
 */
export type IngestOutcome =
  | "ticket-opened"
  | "reply-added"
  | "bounce-recorded"
  | "ignored-automated"
  | "quarantined"
  | "duplicate";

export type IngestResult = { outcome: IngestOutcome; reference?: string };

export type IngestOptions = {
  receivedVia: "SMTP" | "PIPE" | "HTTP" | "IMAP";
  /** Envelope recipients, when the transport knows them (SMTP RCPT TO). Only counted. */
  envelopeTo?: string[];
  now?: Date;
};

// A person writes a few mails in ten minutes; a script or a loop with a mail system we do not
// recognise as automated writes hundreds. Beyond this the mail is kept aside, not ticketed.
export const FLOOD_LIMIT = 20;
export const FLOOD_WINDOW_MS = 10 * 60_000;

export const BOUNCE_NOTE = "Our email to the client could not be delivered";

export async function ingestMail(db: Db, raw: Buffer, options: IngestOptions): Promise<IngestResult> {
  const started = Date.now();
  // Every way in (SMTP, pipe, webhook, a poller) passes here: a ticket needs the default team and category.
  await ensureDefaultsOnce(db);
  const result = await ingest(db, raw, options);
  log.info("mail.ingested", { code: `${options.receivedVia}:${result.outcome}`, reference: result.reference, ms: Date.now() - started, count: options.envelopeTo?.length });
  return result;
}

async function ingest(db: Db, raw: Buffer, options: IngestOptions): Promise<IngestResult> {
  const config = getConfig();
  const now = options.now ?? new Date();

  let mail: ParsedInboundMail;
  try {
    mail = await parseInboundMail(raw, { ...DEFAULT_INBOUND_MAIL_LIMITS, maxMessageBytes: config.MAX_MAIL_BYTES });
  } catch (err) {
    if (!(err instanceof UnparseableMailError)) throw err;
    const reason = `UNPARSEABLE_${err.reason.toUpperCase().replace(/-/g, "_")}` as QuarantineReason;
    await quarantineMail(db, reason, unparseableExcerptSource(raw), now);
    return { outcome: "quarantined" };
  }

  // Idempotency: an MTA that lost our 250 sends the same mail again. Without a Message-ID the
  // content's hash stands in, so an identical retry is still recognised.
  const messageKey = mail.messageId ?? `nomid.${crypto.createHash("sha256").update(raw).digest("hex").slice(0, 40)}@ingest.invalid`;
  if (await db.message.findUnique({ where: { mailMessageId: messageKey }, select: { id: true } })) {
    return { outcome: "duplicate" };
  }

  // Loop guard before anything could answer. Mail "from" one of our own addresses is ours too.
  const classification = classifyAutomatedMail(mail.headers, mail.from, { ownMessageIdDomain: mailDomain() });
  const kind = mail.from && config.supportAddresses.includes(mail.from.address) && !classification.automated ? "own-mail" : classification.kind;
  if (kind === "bounce") return recordBounce(db, mail, messageKey, now);
  if (kind !== "none") return ignoreAutomated(db, kind);

  if (!mail.from) {
    await quarantineMail(db, "NO_SENDER", `${mail.subject}\n${mail.text}`, now);
    return { outcome: "quarantined" };
  }
  const flood = await hitRateLimit("mail-in", mail.from.address, FLOOD_LIMIT, FLOOD_WINDOW_MS, now);
  if (!flood.allowed) {
    await quarantineMail(db, "FLOOD", `${mail.subject}\n${mail.text}`, now);
    return { outcome: "quarantined" };
  }

  // An answer to a staff notification (a technician hitting "reply") is no client mail: it
  // must neither open a ticket nor land in one. Known by the notification's Message-ID in
  // In-Reply-To/References, or, when a mail program dropped those, by a staff sender answering
  // with a notification's subject.
  if (answersNotification(findThreadKeys(mail).messageIds) || (await staffAnswersNotification(db, mail.from.address, mail.subject))) {
    return ignoreAutomated(db, "notification-reply");
  }

  const files = attachmentsOf(mail);
  try {
    const ticket = await findThreadTicket(db, mail);
    if (ticket) {
      // Only replies lose their quoted history (006, point 4); if nothing is left, keep it all.
      const body = stripQuotedReply(mail.text).trim() || mail.text;
      await addClientReply(db, ticket.id, { body, files, mailMessageId: messageKey, via: "EMAIL" }, now);
      return { outcome: "reply-added", reference: ticket.reference };
    }
    const opened = await openTicket(
      db,
      {
        channel: "EMAIL",
        requester: {
          email: mail.from.address,
          name: mail.from.name || undefined,
          locale: guessMailLocale(mail.headers["content-language"], `${mail.subject}\n${mail.text}`, config.DEFAULT_LOCALE),
        },
        subject: cleanSubject(mail.subject),
        body: mail.text,
        files,
        mailMessageId: messageKey,
      },
      now,
    );
    try {
      await sendTicketConfirmation(db, opened, mail.messageId ?? undefined);
    } catch (err) {
      // The ticket is stored; failing now would make the sender retry and hit "duplicate" anyway.
      log.error("mail.confirmation_failed", { ticketId: opened.id, code: errorCode(err) });
    }
    return { outcome: "ticket-opened", reference: opened.reference };
  } catch (err) {
    // Two deliveries of one mail raced (two MX hosts, two recipients): the first one stands.
    if (errorCode(err) === "P2002" && (await db.message.findUnique({ where: { mailMessageId: messageKey } }))) {
      return { outcome: "duplicate" };
    }
    throw err;
  }
}

/** Attachments and inline images, as the ticket domain's redaction expects them. */
function attachmentsOf(mail: ParsedInboundMail): IncomingFile[] {
  const max = getConfig().MAX_ATTACHMENTS;
  if (mail.attachments.length > max) log.warn("mail.attachments_over_limit", { count: mail.attachments.length - max });
  return mail.attachments.slice(0, max).map((a) => ({ fileName: a.filename, declaredType: a.contentType, bytes: a.content }));
}

type ThreadTicket = { id: string; reference: string };

/**
 * Subject tag first, then In-Reply-To/References against the Message-IDs we received (Message)
 * and sent (Message for staff replies, OutboxMail for confirmations, stored with brackets).
 * A tag alone is trusted only from the ticket's requester: references are sequential, and a
 * stranger typing one must not land text in someone else's thread. A colleague answering with
 * "reply all" carries our headers and threads by them.
 */
async function findThreadTicket(db: Db, mail: ParsedInboundMail): Promise<ThreadTicket | null> {
  const keys = findThreadKeys(mail);
  const byHeaders = await ticketByMessageIds(db, keys.messageIds);
  if (keys.ticketReference) {
    const tagged = await db.ticket.findUnique({
      where: { reference: keys.ticketReference },
      select: { id: true, reference: true, mergedIntoId: true, requester: { select: { email: true } } },
    });
    if (tagged && (tagged.requester?.email === mail.from?.address || byHeaders?.id === tagged.id)) {
      return followMerge(db, tagged);
    }
  }
  return byHeaders;
}

async function ticketByMessageIds(db: Db, allIds: string[]): Promise<(ThreadTicket & { mergedIntoId: string | null }) | null> {
  // A staff notification is filed under its ticket, but nothing threads through it: not a
  // reply, and not a bounce (a technician's full mailbox is no undelivered client mail).
  const ids = allIds.filter((id) => !answersNotification([id]));
  if (ids.length === 0) return null;
  const messages = await db.message.findMany({ where: { mailMessageId: { in: ids } }, select: { mailMessageId: true, ticketId: true } });
  const sent = await db.outboxMail.findMany({
    where: { mailMessageId: { in: ids.map((id) => `<${id}>`) }, ticketId: { not: null } },
    select: { mailMessageId: true, ticketId: true },
  });
  // ids are ordered most relevant first (In-Reply-To, then newest References).
  for (const id of ids) {
    const ticketId =
      messages.find((m) => m.mailMessageId === id)?.ticketId ?? sent.find((m) => m.mailMessageId === `<${id}>`)?.ticketId;
    if (ticketId) {
      const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true, reference: true, mergedIntoId: true } });
      if (ticket) return followMerge(db, ticket);
    }
  }
  return null;
}

async function followMerge<T extends ThreadTicket & { mergedIntoId: string | null }>(db: Db, ticket: T) {
  if (!ticket.mergedIntoId) return ticket;
  const target = await db.ticket.findUnique({ where: { id: ticket.mergedIntoId }, select: { id: true, reference: true, mergedIntoId: true } });
  return target ?? ticket;
}

/**
 * A delivery failure of our own mail: the team must know the client did not get it, so the
 * ticket gets a note (never the failed address: the ticket knows whom we wrote to).
 */
async function recordBounce(db: Db, mail: ParsedInboundMail, messageKey: string, now: Date): Promise<IngestResult> {
  const report = parseBounce(mail);
  const permanent = report.action === "failed" || (report.action === null && !report.status?.startsWith("4."));
  const ticket = report.originalMessageId && permanent ? await ticketByMessageIds(db, [report.originalMessageId]) : null;
  if (!ticket) return ignoreAutomated(db, permanent ? "bounce-unmatched" : "bounce-delayed");
  const status = report.status ? ` (${report.status})` : "";
  await db.$transaction(async (tx) => {
    await tx.message.create({
      data: {
        ticketId: ticket.id,
        kind: "SYSTEM",
        direction: "INTERNAL",
        body: trustedText(`${BOUNCE_NOTE}${status}.`),
        // Recorded so a repeated bounce is recognised as a duplicate.
        mailMessageId: messageKey,
        createdAt: now,
      },
    });
    await recordAudit(tx, { ticketId: ticket.id, actorKind: "SYSTEM", action: "mail.bounced", details: { status: report.status, action: report.action } });
  });
  return { outcome: "bounce-recorded", reference: ticket.reference };
}

async function ignoreAutomated(db: Db, kind: string): Promise<IngestResult> {
  await recordAudit(db, { actorKind: "SYSTEM", action: "mail.ignored_automated", details: { kind } });
  return { outcome: "ignored-automated" };
}
