import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { recordAudit } from "../audit/audit.server";
import { validateForm } from "../http/parse-form.server";
import type { UploadProblem } from "../http/parse-upload-form.server";
import type { Locale } from "../i18n/i18n";
import { log } from "../logging/logger.server";
import { getAttachmentStore } from "../storage/attachment-store.server";
import { DESTROY_ACCESS_DETAILS } from "../tickets/access-details.server";
import type { IncomingFile } from "../tickets/prepare-attachments.server";
import { addClientReply } from "../tickets/replies.server";
import { resolveTicketLink } from "../tickets/ticket-links.server";
import { WEB_TICKET_LIMITS as L } from "./web-ticket-limits";

/**
 * The client's side of a ticket, reached only through a private link (/t/<token>).
 * The client sees the public thread (replies in and out), never internal notes or system
 * messages; of what was withheld, only a neutral line about their own attachments.
 */

/** The ticket the token opens; a wrong, expired or foreign token is a plain 404 with no hint. */
export async function requireClientTicket(db: Db, token: string, now = new Date()): Promise<string> {
  const ticketId = await resolveTicketLink(db, token, now);
  if (!ticketId) throw new Response("Not found", { status: 404 });
  return ticketId;
}

const PUBLIC_MESSAGES = { kind: "REPLY", direction: { in: ["IN", "OUT"] } } satisfies Prisma.MessageWhereInput;

export async function loadClientTicketView(db: Db, ticketId: string, locale: Locale) {
  const ticket = await db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: {
      reference: true, subject: true, status: true, createdAt: true, accessCipher: true,
      messages: {
        where: PUBLIC_MESSAGES,
        orderBy: { createdAt: "asc" },
        select: {
          id: true, direction: true, body: true, createdAt: true,
          attachments: { orderBy: { createdAt: "asc" }, select: { id: true, fileName: true, mediaType: true, status: true, reason: true, storageKey: true } },
        },
      },
    },
  });
  const format = new Intl.DateTimeFormat(locale === "sl" ? "sl-SI" : "en-GB", {
    timeZone: getConfig().TIMEZONE, dateStyle: "medium", timeStyle: "short",
  });
  return {
    reference: ticket.reference,
    subject: ticket.subject,
    status: ticket.status,
    openedAt: format.format(ticket.createdAt),
    hasAccessDetails: Boolean(ticket.accessCipher),
    messages: ticket.messages.map((m) => ({
      id: m.id,
      direction: m.direction as "IN" | "OUT",
      body: m.body,
      at: format.format(m.createdAt),
      attachments: m.attachments
        .filter((a) => a.status === "STORED" && a.storageKey)
        .map((a) => ({ id: a.id, fileName: a.fileName, isImage: a.mediaType.startsWith("image/") })),
      // Only the client's own files: what a technician's upload lost is the team's business.
      withheld: m.direction === "IN"
        ? m.attachments.filter((a) => a.status !== "STORED").map((a) => ({ fileName: a.fileName, reason: a.reason ?? "other" }))
        : [],
    })),
  };
}

export type ClientTicketView = Awaited<ReturnType<typeof loadClientTicketView>>;

/**
 * A stored (redacted) attachment of a public message of this ticket, or null. The ticket
 * comes from the token, so a token for one ticket can never read another ticket's file.
 */
export async function readClientAttachment(db: Db, ticketId: string, attachmentId: string) {
  const row = await db.attachment.findFirst({
    where: { id: attachmentId, ticketId, status: "STORED", storageKey: { not: null }, message: PUBLIC_MESSAGES },
    select: { id: true, storageKey: true, fileName: true, mediaType: true },
  });
  if (!row?.storageKey) return null;
  const bytes = await getAttachmentStore().get(row.storageKey);
  if (!bytes) return null;
  return { bytes, mediaType: row.mediaType, fileName: row.fileName };
}

/** A file name safe for a Content-Disposition header (ASCII fallback plus RFC 5987 form). */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100) || "attachment";
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.slice(0, 100))}`;
}

const ReplySchema = z.object({
  body: z.string().trim().min(1, "required").max(L.description, "tooLong"),
  accessDetails: z.string().max(L.accessDetails, "tooLong").optional(),
});

export type ClientReplyOutcome =
  | { kind: "invalid"; errors: Record<string, string>; values: Record<string, string> }
  | { kind: "replied"; withheld: { fileName: string; reason: string }[] };

export async function replyAsClient(
  db: Db,
  ticketId: string,
  input: { form: FormData; files: IncomingFile[]; uploadProblem: UploadProblem | null },
): Promise<ClientReplyOutcome> {
  const parsed = validateForm(input.form, ReplySchema);
  if (!parsed.ok || input.uploadProblem) {
    const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
    const values: Record<string, string> = {};
    const body = input.form.get("body");
    if (typeof body === "string") values.body = body;
    if (input.uploadProblem) errors.attachments = input.uploadProblem;
    return { kind: "invalid", errors, values };
  }
  const r = await addClientReply(db, ticketId, {
    body: parsed.data.body, files: input.files, via: "WEB", accessDetails: parsed.data.accessDetails,
  });
  log.info("ticket.web_client_replied", { ticketId, messageId: r.messageId, count: input.files.length });
  return { kind: "replied", withheld: r.withheld };
}

/**
 * "It works now" resolves the ticket; "close" closes it. Either way the access details
 * are destroyed at once (they exist only while someone works on the ticket).
 */
export async function finishTicketByClient(db: Db, ticketId: string, outcome: "WORKS" | "CLOSE", now = new Date()) {
  await db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { status: true, resolvedAt: true } });
    if (ticket.status === "CLOSED" || (outcome === "WORKS" && ticket.status === "RESOLVED")) return;
    await tx.ticket.update({
      where: { id: ticketId },
      data: outcome === "WORKS"
        ? { status: "RESOLVED", resolvedAt: now, ...DESTROY_ACCESS_DETAILS }
        : { status: "CLOSED", closedAt: now, resolvedAt: ticket.resolvedAt ?? now, ...DESTROY_ACCESS_DETAILS },
    });
    await recordAudit(tx, {
      ticketId,
      actorKind: "CLIENT",
      action: outcome === "WORKS" ? "ticket.client_resolved" : "ticket.client_closed",
      details: { via: "WEB", from: ticket.status, accessDetailsDestroyed: true },
    });
  });
}
