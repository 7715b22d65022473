import { notifyStaff, teamStaffIds } from "../notifications/staff-notifications.server";
import type { Db } from "../db.server";
import type { Locale } from "../i18n/i18n";
import { recordAudit } from "../audit/audit.server";
import { nextReference } from "./reference.server";
import { loadRedactionPolicy, recordFindings, redactText, type UnredactedText } from "./redact-for-storage.server";
import { prepareAttachments, type IncomingFile } from "./prepare-attachments.server";
import { insertAttachmentRows, writeAttachmentFiles } from "./persist-attachments.server";
import { withheldNote } from "./withheld-note";
import { encryptAccessDetails } from "./access-details.server";

export type NewTicket = {
  channel: "WEB" | "EMAIL";
  requester: { email: string; name?: string; company?: string; companyTaxId?: string; locale: Locale };
  subject: UnredactedText;
  body: UnredactedText;
  categorySlug?: string;
  files?: IncomingFile[];
  /** Message-ID of the inbound mail, for threading replies. */
  mailMessageId?: string;
  /** Optional passwords and the like: stored only encrypted, never in the text. */
  accessDetails?: string;
};

export type OpenedTicket = {
  id: string;
  reference: string;
  requesterId: string;
  redacted: Record<string, number>;
  withheld: { fileName: string; reason: string }[];
};

const MAX_SUBJECT = 200;

/**
 * Opens a ticket from any channel. Everything from outside is redacted here, before the
 * first write; files are redacted in memory and written only in their redacted form.
 */
export async function openTicket(db: Db, input: NewTicket, now = new Date()): Promise<OpenedTicket> {
  const policy = await loadRedactionPolicy(db);
  const subject = redactText(input.subject.replace(/\s+/g, " ").trim().slice(0, MAX_SUBJECT) || "(no subject)", policy);
  const body = redactText(input.body, policy);
  const prepared = await prepareAttachments(input.files ?? [], policy);
  const category =
    (input.categorySlug && (await db.category.findFirst({ where: { slug: input.categorySlug, active: true } }))) ||
    (await db.category.findFirst({ where: { slug: "other" } })) ||
    (await db.category.findFirstOrThrow({ orderBy: { position: "asc" } }));
  const written = await writeAttachmentFiles(prepared);
  try {
    const result = await db.$transaction(async (tx) => {
      const email = input.requester.email.trim().toLowerCase();
      const requester = await tx.requester.upsert({
        where: { email },
        create: {
          email,
          name: input.requester.name?.trim() || null,
          company: input.requester.company?.trim() || null,
          companyTaxId: input.requester.companyTaxId?.trim() || null,
          locale: input.requester.locale,
        },
        update: {
          locale: input.requester.locale,
          ...(input.requester.name ? { name: input.requester.name.trim() } : {}),
          ...(input.requester.company ? { company: input.requester.company.trim() } : {}),
        },
      });
      const reference = await nextReference(tx, now);
      const ticket = await tx.ticket.create({
        data: {
          reference,
          subject: subject.text,
          channel: input.channel,
          categorySlug: category.slug,
          teamId: category.teamId,
          requesterId: requester.id,
          createdAt: now,
          lastClientAt: now,
          ...(input.accessDetails?.trim()
            ? encryptAccessDetails(input.accessDetails.trim(), now)
            : {}),
        },
      });
      const message = await tx.message.create({
        data: {
          ticketId: ticket.id,
          kind: "REPLY",
          direction: "IN",
          body: body.text,
          mailMessageId: input.mailMessageId,
          redactionReport: JSON.stringify({ counts: body.counts }),
          createdAt: now,
        },
      });
      await recordFindings(tx, now, { ticketId: ticket.id, source: "SUBJECT" }, subject.findings);
      await recordFindings(tx, now, { ticketId: ticket.id, messageId: message.id, source: "TEXT" }, body.findings);
      const { withheld } = await insertAttachmentRows(tx, now, { ticketId: ticket.id, messageId: message.id }, written.files);
      if (withheld.length) {
        await tx.message.create({
          data: { ticketId: ticket.id, kind: "SYSTEM", direction: "INTERNAL", body: withheldNote(withheld), createdAt: now },
        });
      }
      await recordAudit(tx, {
        ticketId: ticket.id,
        actorKind: "CLIENT",
        action: "ticket.opened",
        details: { channel: input.channel, category: category.slug, attachments: prepared.length, withheld: withheld.length },
      });
      // Nobody has a new ticket yet: its team hears of it (as each member chose on /profile).
      await notifyStaff(tx, { event: "NEW_IN_TEAM", ticketId: ticket.id, userIds: await teamStaffIds(tx, category.teamId), key: ticket.id }, now);
      const redacted: Record<string, number> = {};
      for (const f of [...subject.findings, ...body.findings, ...prepared.flatMap((p) => (p.status === "STORED" ? p.findings : []))]) {
        redacted[f.type] = (redacted[f.type] ?? 0) + 1;
      }
      return { id: ticket.id, reference, requesterId: requester.id, redacted, withheld };
    });
    return result;
  } catch (err) {
    await written.discard();
    throw err;
  }
}
