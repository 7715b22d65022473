import { notifyStaff, teamStaffIds } from "../notifications/staff-notifications.server";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { ticketScope, type StaffUser } from "../auth/guards.server";
import { recordAudit } from "../audit/audit.server";
import { DESTROY_ACCESS_DETAILS, decryptAccessDetails } from "./access-details.server";
import { PRIORITIES, STATUSES, type TicketPriority, type TicketStatus } from "./queue.server";

/**
 * What a technician does to a ticket. Every function checks the team scope itself (a
 * ticket of another team is "not found", never "forbidden", so its existence is not
 * revealed) and records an audit event with ids and codes only.
 */
export class TicketNotFoundError extends Error {
  readonly code = "TicketNotFound";
}
export class TicketActionError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

type Tx = Prisma.TransactionClient;

async function ticketInScope(db: Db | Tx, user: StaffUser, ticketId: string) {
  const ticket = await db.ticket.findFirst({ where: { AND: [{ id: ticketId }, ticketScope(user)] } });
  if (!ticket) throw new TicketNotFoundError();
  return ticket;
}

/** The ticket, if this person's teams may see it; null otherwise. */
export async function findTicketInScope(db: Db, user: StaffUser, ticketId: string) {
  return db.ticket.findFirst({ where: { AND: [{ id: ticketId }, ticketScope(user)] } });
}

/**
 * The workflow. NEW → OPEN → PENDING (waits for the client) → RESOLVED → CLOSED, with
 * shortcuts forward and a reopen (to OPEN) from PENDING, RESOLVED and CLOSED.
 */
const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  NEW: ["OPEN", "PENDING", "RESOLVED", "CLOSED"],
  OPEN: ["PENDING", "RESOLVED", "CLOSED"],
  PENDING: ["OPEN", "RESOLVED", "CLOSED"],
  RESOLVED: ["OPEN", "CLOSED"],
  CLOSED: ["OPEN"],
};

export function allowedTransitions(status: string): TicketStatus[] {
  return TRANSITIONS[status as TicketStatus] ?? [];
}

function statusData(from: string, to: TicketStatus, now: Date): Prisma.TicketUpdateInput {
  switch (to) {
    // Resolving ends the need for access details: they are destroyed at once.
    case "RESOLVED": return { status: to, resolvedAt: now, closedAt: null, ...DESTROY_ACCESS_DETAILS };
    case "CLOSED": return { status: to, closedAt: now, resolvedAt: from === "RESOLVED" ? undefined : now, ...DESTROY_ACCESS_DETAILS };
    case "OPEN": return { status: to, resolvedAt: null, closedAt: null };
    default: return { status: to };
  }
}

async function applyStatus(tx: Tx, actor: { id: string } | null, ticket: { id: string; status: string; mergedIntoId: string | null }, to: TicketStatus, now: Date, details: Record<string, string | boolean> = {}) {
  if (!allowedTransitions(ticket.status).includes(to)) {
    throw new TicketActionError("InvalidTransition", `A ${ticket.status.toLowerCase()} ticket cannot become ${to.toLowerCase()}.`);
  }
  if (ticket.mergedIntoId && to === "OPEN") throw new TicketActionError("Merged", "A merged ticket stays closed; answer in the ticket it was merged into.");
  await tx.ticket.update({ where: { id: ticket.id }, data: statusData(ticket.status, to, now) });
  await recordAudit(tx, { ticketId: ticket.id, actorUserId: actor?.id, action: "ticket.status_changed", details: { from: ticket.status, to, ...details } });
}

export async function changeStatus(db: Db, user: StaffUser, ticketId: string, to: TicketStatus, now = new Date()) {
  if (!STATUSES.includes(to)) throw new TicketActionError("InvalidStatus", "Unknown status.");
  await db.$transaction(async (tx) => applyStatus(tx, user, await ticketInScope(tx, user, ticketId), to, now));
}

export async function changePriority(db: Db, user: StaffUser, ticketId: string, priority: TicketPriority) {
  if (!PRIORITIES.includes(priority)) throw new TicketActionError("InvalidPriority", "Unknown priority.");
  await db.$transaction(async (tx) => {
    const ticket = await ticketInScope(tx, user, ticketId);
    if (ticket.priority === priority) return;
    await tx.ticket.update({ where: { id: ticketId }, data: { priority } });
    await recordAudit(tx, { ticketId, actorUserId: user.id, action: "ticket.priority_changed", details: { from: ticket.priority, to: priority } });
  });
}

/** May this staff member hold a ticket of this team? */
async function assignableTo(tx: Tx, assigneeId: string, teamId: string) {
  const person = await tx.user.findFirst({
    where: { id: assigneeId, active: true, role: { in: ["TECHNICIAN", "ADMIN"] } },
    select: { id: true, role: true, teams: { where: { teamId }, select: { teamId: true } } },
  });
  return !!person && (person.teams.length > 0 || person.role === "ADMIN");
}

async function assignOne(tx: Tx, user: StaffUser, ticketId: string, assigneeId: string | null, now: Date, bulk: boolean) {
  const ticket = await ticketInScope(tx, user, ticketId);
  if (assigneeId && !(await assignableTo(tx, assigneeId, ticket.teamId))) {
    throw new TicketActionError("NotInTeam", "That person is not in the ticket's team.");
  }
  if (ticket.assigneeId === assigneeId) return false;
  // Taking a new ticket opens it: the client sees someone is on it.
  await tx.ticket.update({ where: { id: ticketId }, data: { assigneeId, ...(assigneeId && ticket.status === "NEW" ? { status: "OPEN" } : {}), updatedAt: now } });
  await recordAudit(tx, {
    ticketId, actorUserId: user.id, action: "ticket.assigned",
    details: { assigneeId, previousAssigneeId: ticket.assigneeId, bulk },
  });
  // Taking a ticket yourself needs no mail.
  if (assigneeId && assigneeId !== user.id) {
    await notifyStaff(tx, { event: "ASSIGNED", ticketId, userIds: [assigneeId], key: `${ticketId}:${now.getTime()}` }, now);
  }
  return true;
}

/** Assigns to a member of the ticket's team (or to nobody with null). */
export async function assignTicket(db: Db, user: StaffUser, ticketId: string, assigneeId: string | null, now = new Date()) {
  await db.$transaction(async (tx) => assignOne(tx, user, ticketId, assigneeId, now, false));
}

/**
 * A new category routes the ticket to the category's team. If the assignee is not in the
 * new team, the ticket becomes unassigned. The caller may lose sight of the ticket.
 */
export async function changeCategory(db: Db, user: StaffUser, ticketId: string, categorySlug: string) {
  return db.$transaction(async (tx) => {
    const ticket = await ticketInScope(tx, user, ticketId);
    const category = await tx.category.findUnique({ where: { slug: categorySlug } });
    if (!category) throw new TicketActionError("UnknownCategory", "Unknown category.");
    if (ticket.categorySlug === category.slug && ticket.teamId === category.teamId) return { teamChanged: false };
    const teamChanged = ticket.teamId !== category.teamId;
    const keepAssignee = !ticket.assigneeId || !teamChanged || (await assignableTo(tx, ticket.assigneeId, category.teamId));
    await tx.ticket.update({
      where: { id: ticketId },
      data: { categorySlug: category.slug, teamId: category.teamId, ...(keepAssignee ? {} : { assigneeId: null }) },
    });
    await recordAudit(tx, {
      ticketId, actorUserId: user.id, action: "ticket.category_changed",
      details: { from: ticket.categorySlug, to: category.slug, teamChanged, unassigned: !keepAssignee },
    });
    if (teamChanged && !(keepAssignee && ticket.assigneeId)) await arrivedUnassigned(tx, user, ticketId, category.teamId);
    return { teamChanged };
  });
}

/** Hands the ticket to another team directly (the category stays). */
export async function changeTeam(db: Db, user: StaffUser, ticketId: string, teamId: string) {
  await db.$transaction(async (tx) => {
    const ticket = await ticketInScope(tx, user, ticketId);
    if (ticket.teamId === teamId) return;
    if (!(await tx.team.findUnique({ where: { id: teamId } }))) throw new TicketActionError("UnknownTeam", "Unknown team.");
    const keepAssignee = !ticket.assigneeId || (await assignableTo(tx, ticket.assigneeId, teamId));
    await tx.ticket.update({ where: { id: ticketId }, data: { teamId, ...(keepAssignee ? {} : { assigneeId: null }) } });
    await recordAudit(tx, { ticketId, actorUserId: user.id, action: "ticket.team_changed", details: { from: ticket.teamId, to: teamId, unassigned: !keepAssignee } });
    if (!(keepAssignee && ticket.assigneeId)) await arrivedUnassigned(tx, user, ticketId, teamId);
  });
}

/** A ticket moved into a team with nobody on it: that team hears of it as of a new one (not the mover). */
async function arrivedUnassigned(tx: Tx, user: StaffUser, ticketId: string, teamId: string, now = new Date()) {
  const userIds = (await teamStaffIds(tx, teamId)).filter((id) => id !== user.id);
  await notifyStaff(tx, { event: "NEW_IN_TEAM", ticketId, userIds, key: `${ticketId}:team:${teamId}:${now.getTime()}` }, now);
}

/**
 * Merges a duplicate into a target (both visible to this person): the duplicate's
 * messages, attachments and redaction findings move to the target (the search index
 * follows through its triggers), the duplicate is closed with mergedIntoId, and both
 * get a SYSTEM note saying where the conversation went.
 */
export async function mergeTickets(db: Db, user: StaffUser, duplicateId: string, targetReference: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const duplicate = await ticketInScope(tx, user, duplicateId);
    const target = await tx.ticket.findFirst({ where: { AND: [{ reference: targetReference.trim().toUpperCase() }, ticketScope(user)] } });
    if (!target) throw new TicketActionError("TargetNotFound", "No ticket with that reference in your teams.");
    if (target.id === duplicate.id) throw new TicketActionError("SameTicket", "A ticket cannot be merged into itself.");
    if (target.mergedIntoId) throw new TicketActionError("TargetMerged", "That ticket was itself merged; use the ticket it was merged into.");
    if (duplicate.mergedIntoId) throw new TicketActionError("AlreadyMerged", "This ticket was already merged.");
    const moved = await tx.message.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: target.id } });
    const files = await tx.attachment.updateMany({ where: { ticketId: duplicate.id }, data: { ticketId: target.id } });
    await tx.redactionFinding.updateMany({ where: { ticketId: duplicate.id, messageId: { not: null } }, data: { ticketId: target.id } });
    await tx.redactionFinding.updateMany({ where: { ticketId: duplicate.id, attachmentId: { not: null } }, data: { ticketId: target.id } });
    await tx.message.create({ data: { ticketId: duplicate.id, kind: "SYSTEM", direction: "INTERNAL", body: `Merged into ${target.reference}; the conversation continues there.`, createdAt: now } });
    await tx.message.create({ data: { ticketId: target.id, kind: "SYSTEM", direction: "INTERNAL", body: `${duplicate.reference} was merged into this ticket (${moved.count} messages, ${files.count} attachments moved).`, createdAt: now } });
    await tx.ticket.update({
      where: { id: duplicate.id },
      data: { status: "CLOSED", closedAt: now, resolvedAt: duplicate.resolvedAt ?? now, mergedIntoId: target.id, ...DESTROY_ACCESS_DETAILS },
    });
    await tx.ticket.update({ where: { id: target.id }, data: { updatedAt: now } });
    await recordAudit(tx, { ticketId: duplicate.id, actorUserId: user.id, action: "ticket.merged", details: { into: target.id, messages: moved.count, attachments: files.count } });
    await recordAudit(tx, { ticketId: target.id, actorUserId: user.id, action: "ticket.merged_from", details: { from: duplicate.id, messages: moved.count, attachments: files.count } });
    return { targetId: target.id, messages: moved.count, attachments: files.count };
  });
}

/** Bulk assign: tickets outside this person's teams are skipped, not an error. */
export async function bulkAssign(db: Db, user: StaffUser, ticketIds: string[], assigneeId: string | null, now = new Date()) {
  let changed = 0;
  let skipped = 0;
  for (const id of ticketIds) {
    try {
      if (await db.$transaction((tx) => assignOne(tx, user, id, assigneeId, now, true))) changed++;
    } catch (err) {
      if (err instanceof TicketNotFoundError || err instanceof TicketActionError) skipped++;
      else throw err;
    }
  }
  return { changed, skipped };
}

export async function bulkClose(db: Db, user: StaffUser, ticketIds: string[], now = new Date()) {
  let changed = 0;
  let skipped = 0;
  for (const id of ticketIds) {
    try {
      await db.$transaction(async (tx) => {
        const ticket = await ticketInScope(tx, user, id);
        if (ticket.status === "CLOSED") throw new TicketActionError("AlreadyClosed", "");
        await applyStatus(tx, user, ticket, "CLOSED", now, { bulk: true });
      });
      changed++;
    } catch (err) {
      if (err instanceof TicketNotFoundError || err instanceof TicketActionError) skipped++;
      else throw err;
    }
  }
  return { changed, skipped };
}

/**
 * The worker calls this: a ticket resolved more than AUTO_CLOSE_RESOLVED_DAYS ago with no
 * answer from the client since closes itself. (A client answer reopens a ticket, so a
 * RESOLVED ticket has had none; the lastClientAt check is a second guard.)
 */
export async function autoCloseResolved(db: Db, now = new Date()) {
  const cutoff = new Date(now.getTime() - getConfig().AUTO_CLOSE_RESOLVED_DAYS * 864e5);
  const due = await db.ticket.findMany({ where: { status: "RESOLVED", resolvedAt: { lte: cutoff } }, select: { id: true, status: true, resolvedAt: true, lastClientAt: true, mergedIntoId: true } });
  let closed = 0;
  for (const t of due) {
    if (t.lastClientAt && t.resolvedAt && t.lastClientAt > t.resolvedAt) continue;
    await db.$transaction(async (tx) => {
      const r = await tx.ticket.updateMany({ where: { id: t.id, status: "RESOLVED" }, data: { status: "CLOSED", closedAt: now, ...DESTROY_ACCESS_DETAILS } });
      if (r.count) await recordAudit(tx, { ticketId: t.id, actorKind: "SYSTEM", action: "ticket.auto_closed", details: { days: getConfig().AUTO_CLOSE_RESOLVED_DAYS } });
      closed += r.count;
    });
  }
  return { closed };
}

/**
 * Decrypts the client's access details for a member of the ticket's team (admins too
 * only when they are in the team) and records every view.
 */
export async function viewAccessDetails(db: Db, user: StaffUser, ticketId: string, now = new Date()): Promise<string | null> {
  const ticket = await ticketInScope(db, user, ticketId);
  if (!user.teamIds.includes(ticket.teamId)) throw new TicketActionError("NotInTeam", "Only the ticket's team may see access details.");
  if (!ticket.accessCipher || (ticket.accessExpiresAt && ticket.accessExpiresAt <= now)) return null;
  const plain = decryptAccessDetails(ticket.accessCipher);
  await recordAudit(db, { ticketId, actorUserId: user.id, action: "access_details.viewed" });
  return plain;
}
