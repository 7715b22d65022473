import type { Db } from "../db.server";
import { ticketScope, type StaffUser } from "../auth/guards.server";
import { allowedTransitions } from "./ticket-actions.server";

/** Counts per type from RedactionFinding rows: what was removed, never the value. */
function countsByType(findings: { type: string; count: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.type] = (out[f.type] ?? 0) + f.count;
  return out;
}

/**
 * Everything the ticket page shows, or null when the ticket is outside this person's
 * teams (the route answers 404, so other teams' tickets do not reveal that they exist).
 */
export async function loadTicketPage(db: Db, user: StaffUser, ticketId: string, now = new Date()) {
  const ticket = await db.ticket.findFirst({
    where: { AND: [{ id: ticketId }, ticketScope(user)] },
    include: {
      requester: { select: { name: true, email: true, company: true, locale: true } },
      team: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          author: { select: { name: true } },
          findings: { select: { type: true, count: true } },
          attachments: {
            select: {
              id: true, fileName: true, mediaType: true, size: true, status: true, reason: true, storageKey: true,
              findings: { select: { type: true, count: true } },
            },
          },
        },
      },
      findings: { where: { source: "SUBJECT" }, select: { type: true, count: true } },
      auditEvents: { orderBy: { createdAt: "desc" }, take: 100, include: { actor: { select: { name: true } } } },
      followUps: { orderBy: { dueAt: "asc" } },
    },
  });
  if (!ticket) return null;
  const [mergedInto, staff, categories, teams, cannedReplies] = await Promise.all([
    ticket.mergedIntoId ? db.ticket.findFirst({ where: { AND: [{ id: ticket.mergedIntoId }, ticketScope(user)] }, select: { id: true, reference: true } }) : null,
    db.user.findMany({
      where: { active: true, role: { in: ["TECHNICIAN", "ADMIN"] }, OR: [{ teams: { some: { teamId: ticket.teamId } } }, { role: "ADMIN" }] },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.category.findMany({ where: { active: true }, orderBy: { position: "asc" }, select: { slug: true, nameEn: true } }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.cannedReply.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, body: true } }),
  ]);
  const { accessCipher, accessExpiresAt, messages, findings, auditEvents, ...rest } = ticket;
  return {
    ticket: {
      ...rest,
      subjectRedactions: countsByType(findings),
      hasAccessDetails: !!accessCipher && (!accessExpiresAt || accessExpiresAt > now),
      accessExpiresAt,
      mayViewAccessDetails: user.teamIds.includes(ticket.teamId),
    },
    mergedInto,
    messages: messages.map(({ findings: mf, attachments, mailMessageId: _m, redactionReport: _r, ...m }) => ({
      ...m,
      redactions: countsByType(mf),
      attachments: attachments.map(({ storageKey, findings: af, ...a }) => ({ ...a, viewable: !!storageKey && a.status === "STORED", redactions: countsByType(af) })),
    })),
    history: auditEvents.map((e) => ({ id: e.id, action: e.action, actorKind: e.actorKind, actor: e.actor?.name ?? null, details: e.details, createdAt: e.createdAt })),
    transitions: allowedTransitions(ticket.status),
    staff,
    categories,
    teams,
    cannedReplies,
  };
}

/** An attachment of a ticket this person may see, with its storage key; null otherwise. */
export async function findAttachmentInScope(db: Db, user: StaffUser, ticketId: string, attachmentId: string) {
  return db.attachment.findFirst({
    where: { id: attachmentId, ticketId, status: "STORED", storageKey: { not: null }, ticket: ticketScope(user) },
    select: { storageKey: true, mediaType: true, fileName: true },
  });
}
