import type { Db } from "../db.server";
import { ticketScope, type StaffUser } from "../auth/guards.server";
import { allowedTransitions } from "./ticket-actions.server";
import {
  selectFindings, selectFollowUps, selectHistory, selectMenus, selectMessageAttachments, selectMessages, selectTicketInScope,
} from "./ticket-page-sql.server";

/** Counts per type from RedactionFinding rows: what was removed, never the value. */
function countsByType(findings: { type: string; count: number }[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.type] = (out[f.type] ?? 0) + f.count;
  return out;
}

/** Rows by key, each list in the order the rows came. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

/** How many audit events the page's history shows, newest first. */
const HISTORY_LENGTH = 100;

/**
 * Everything the ticket page shows, or null when the ticket is outside this person's
 * teams (the route answers 404, so other teams' tickets do not reveal that they exist).
 *
 * The SQL is written by hand (ticket-page-sql.server.ts): Prisma's query builder cost several
 * times what the database did. The ticket is read first, inside the scope; the rest only for a
 * ticket this person may see.
 */
export async function loadTicketPage(db: Db, user: StaffUser, ticketId: string, now = new Date()) {
  const ticket = await selectTicketInScope(db, user, ticketId);
  if (!ticket) return null;
  const [messages, attachments, findings, history, followUps, menus] = await Promise.all([
    selectMessages(db, ticket.id),
    selectMessageAttachments(db, ticket.id),
    selectFindings(db, ticket.id),
    selectHistory(db, ticket.id, HISTORY_LENGTH),
    selectFollowUps(db, ticket.id),
    selectMenus(db, ticket.teamId),
  ]);
  const findingsOf = groupBy(findings, (f) => `${f.owner}:${f.ownerId}`);
  const attachmentsOf = groupBy(attachments, (a) => a.messageId);
  const { accessCipher, accessExpiresAt, mergedInto, requester, team, assignee, ...fields } = ticket;
  return {
    ticket: {
      ...fields,
      requester,
      team,
      assignee,
      followUps,
      subjectRedactions: countsByType(findingsOf.get(`SUBJECT:${ticket.id}`)),
      hasAccessDetails: !!accessCipher && (!accessExpiresAt || accessExpiresAt > now),
      accessExpiresAt,
      mayViewAccessDetails: user.teamIds.includes(ticket.teamId),
    },
    mergedInto,
    messages: messages.map((m) => ({
      ...m,
      redactions: countsByType(findingsOf.get(`MESSAGE:${m.id}`)),
      attachments: (attachmentsOf.get(m.id) ?? []).map(({ storageKey, messageId: _m, ...a }) => ({ ...a, viewable: !!storageKey && a.status === "STORED", redactions: countsByType(findingsOf.get(`ATTACHMENT:${a.id}`)) })),
    })),
    history,
    transitions: allowedTransitions(ticket.status),
    staff: menus.staff,
    categories: menus.categories,
    teams: menus.teams,
    cannedReplies: menus.cannedReplies,
  };
}

/** An attachment of a ticket this person may see, with its storage key; null otherwise. */
export async function findAttachmentInScope(db: Db, user: StaffUser, ticketId: string, attachmentId: string) {
  return db.attachment.findFirst({
    where: { id: attachmentId, ticketId, status: "STORED", storageKey: { not: null }, ticket: ticketScope(user) },
    select: { storageKey: true, mediaType: true, fileName: true },
  });
}
