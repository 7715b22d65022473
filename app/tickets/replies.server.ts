import { notifyStaff } from "../notifications/staff-notifications.server";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { getT, isLocale } from "../i18n/i18n";
import { recordAudit } from "../audit/audit.server";
import { enqueueMail, kickOutbox, newMessageId } from "../mail/outbound/outbox.server";
import { loadRedactionPolicy, recordFindings, redactText, type UnredactedText } from "./redact-for-storage.server";
import { prepareAttachments, type IncomingFile } from "./prepare-attachments.server";
import { insertAttachmentRows, writeAttachmentFiles } from "./persist-attachments.server";
import { withheldNote } from "./withheld-note";
import { encryptAccessDetails } from "./access-details.server";
import { MailLinks } from "../mail/outbound/send-time-links.server";
import { ticketLinkInMail } from "./ticket-links.server";

/** A client answers (portal or email): redacted, attached, and the ticket wakes up. */
export async function addClientReply(
  db: Db,
  ticketId: string,
  input: { body: UnredactedText; files?: IncomingFile[]; mailMessageId?: string; via: "WEB" | "EMAIL"; accessDetails?: string },
  now = new Date(),
) {
  const policy = await loadRedactionPolicy(db);
  const body = redactText(input.body, policy);
  const prepared = await prepareAttachments(input.files ?? [], policy);
  const written = await writeAttachmentFiles(prepared);
  try {
    return await db.$transaction(async (tx) => {
      const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      const message = await tx.message.create({
        data: {
          ticketId, kind: "REPLY", direction: "IN", body: body.text, mailMessageId: input.mailMessageId,
          redactionReport: JSON.stringify({ counts: body.counts }), createdAt: now,
        },
      });
      await recordFindings(tx, now, { ticketId, messageId: message.id, source: "TEXT" }, body.findings);
      const { withheld } = await insertAttachmentRows(tx, now, { ticketId, messageId: message.id }, written.files);
      if (withheld.length) {
        await tx.message.create({ data: { ticketId, kind: "SYSTEM", direction: "INTERNAL", body: withheldNote(withheld), createdAt: now } });
      }
      // A client's answer puts the ticket back in front of the team.
      const reopen = ["PENDING", "RESOLVED", "CLOSED"].includes(ticket.status);
      await tx.ticket.update({
        where: { id: ticketId },
        data: {
          lastClientAt: now,
          ...(reopen ? { status: "OPEN", resolvedAt: null, closedAt: null } : {}),
          ...(input.accessDetails?.trim() ? encryptAccessDetails(input.accessDetails.trim(), now) : {}),
        },
      });
      await recordAudit(tx, {
        ticketId, actorKind: "CLIENT", action: "ticket.client_replied",
        details: { via: input.via, reopened: reopen, attachments: prepared.length, withheld: withheld.length },
      });
      if (ticket.assigneeId) {
        await notifyStaff(tx, { event: "CLIENT_REPLY", ticketId, userIds: [ticket.assigneeId], key: message.id }, now);
      }
      return { messageId: message.id, reopened: reopen, withheld, redacted: body.counts };
    });
  } catch (err) {
    await written.discard();
    throw err;
  }
}

/**
 * A technician's public reply (emailed to the client, threaded with Message-ID,
 * In-Reply-To and References) or internal note (never shown to the client).
 * Staff text is redacted too: a technician pasting a card number must not store it.
 */
export async function addStaffReply(
  db: Db,
  ticketId: string,
  author: { id: string },
  input: { body: UnredactedText; note: boolean; files?: IncomingFile[] },
  now = new Date(),
) {
  const policy = await loadRedactionPolicy(db);
  const body = redactText(input.body, policy);
  const prepared = await prepareAttachments(input.files ?? [], policy);
  const written = await writeAttachmentFiles(prepared);
  const outboundId = input.note ? undefined : newMessageId();
  try {
    const result = await db.$transaction(async (tx) => {
      const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId } });
      const message = await tx.message.create({
        data: {
          ticketId, kind: input.note ? "NOTE" : "REPLY", direction: input.note ? "INTERNAL" : "OUT",
          authorUserId: author.id, body: body.text, createdAt: now,
          mailMessageId: outboundId?.slice(1, -1),
          redactionReport: JSON.stringify({ counts: body.counts }),
        },
      });
      await recordFindings(tx, now, { ticketId, messageId: message.id, source: "TEXT" }, body.findings);
      await insertAttachmentRows(tx, now, { ticketId, messageId: message.id }, written.files);
      if (!input.note) {
        await tx.ticket.update({
          where: { id: ticketId },
          data: { firstResponseAt: ticket.firstResponseAt ?? now, ...(ticket.status === "NEW" ? { status: "OPEN" } : {}) },
        });
      }
      await recordAudit(tx, { ticketId, actorUserId: author.id, action: input.note ? "ticket.note_added" : "ticket.replied", details: { attachments: prepared.length } });
      return { messageId: message.id, redacted: body.counts };
    });
    if (!input.note) await emailStaffReply(db, ticketId, result.messageId, outboundId!);
    return result;
  } catch (err) {
    await written.discard();
    throw err;
  }
}

async function emailStaffReply(db: Db, ticketId: string, messageId: string, outboundId: string) {
  const ticket = await db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    include: { requester: true, messages: { where: { mailMessageId: { not: null } }, orderBy: { createdAt: "asc" }, select: { id: true, mailMessageId: true, direction: true } } },
  });
  if (!ticket.requester) return;
  const message = await db.message.findUniqueOrThrow({ where: { id: messageId } });
  const t = getT(isLocale(ticket.requester.locale) ? ticket.requester.locale : getConfig().DEFAULT_LOCALE);
  const earlier = ticket.messages.filter((m) => m.id !== messageId).map((m) => `<${m.mailMessageId}>`);
  const lastInbound = [...ticket.messages].reverse().find((m) => m.direction === "IN" && m.id !== messageId);
  const links = new MailLinks();
  const link = ticketLinkInMail(links, ticketId);
  await enqueueMail(db, {
    to: ticket.requester.email,
    ticketId,
    dedupeKey: undefined,
    subject: t("email.replySubject", { reference: ticket.reference, subject: ticket.subject }),
    text: message.body + t("email.replyFooter", { reference: ticket.reference, link }),
    inReplyTo: lastInbound ? `<${lastInbound.mailMessageId}>` : earlier.at(-1),
    // RFC 5322 §3.6.4: the thread's ids, oldest first; capped so headers stay short.
    references: earlier.slice(-20),
    messageId: outboundId,
    links: links.specs,
  });
  kickOutbox(db);
}
