import type { Db } from "../db.server";
import { recordAudit } from "../audit/audit.server";
import { loadRedactionPolicy, redactText } from "../tickets/redact-for-storage.server";

/**
 * A legal hold keeps a ticket (and its attachments) past its retention date, for a
 * dispute or an authority's request. Who set it and why is recorded on the ticket and
 * in the audit log; the reason is redacted like any other text we store.
 */
export class LegalHoldError extends Error {
  constructor(readonly code: "NOT_FOUND" | "PURGE_IN_PROGRESS" | "UNTIL_IN_PAST" | "REASON_REQUIRED") {
    super(code);
  }
}

const MAX_REASON = 500;

export async function setLegalHold(
  db: Db,
  ticketId: string,
  actor: { id: string },
  input: { until: Date; reason: string },
  now = new Date(),
) {
  const reason = input.reason.replace(/\s+/g, " ").trim().slice(0, MAX_REASON);
  if (!reason) throw new LegalHoldError("REASON_REQUIRED");
  if (!(input.until > now)) throw new LegalHoldError("UNTIL_IN_PAST");
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true, purgeStartedAt: true } });
  if (!ticket) throw new LegalHoldError("NOT_FOUND");
  // A purge that has started has deleted files already; it is finished, never half-kept.
  if (ticket.purgeStartedAt) throw new LegalHoldError("PURGE_IN_PROGRESS");
  const redacted = redactText(reason, await loadRedactionPolicy(db));
  await db.$transaction(async (tx) => {
    const r = await tx.ticket.updateMany({
      where: { id: ticketId, purgeStartedAt: null },
      data: { legalHoldUntil: input.until, legalHoldReason: redacted.text, legalHoldById: actor.id },
    });
    if (r.count !== 1) throw new LegalHoldError("PURGE_IN_PROGRESS");
    await recordAudit(tx, {
      ticketId,
      actorUserId: actor.id,
      action: "retention.hold_set",
      details: { until: input.until.toISOString().slice(0, 10), reasonLength: redacted.text.length, redacted: Object.keys(redacted.counts) },
    });
  });
}

export async function clearLegalHold(db: Db, ticketId: string, actor: { id: string }) {
  await db.$transaction(async (tx) => {
    const r = await tx.ticket.updateMany({
      where: { id: ticketId },
      data: { legalHoldUntil: null, legalHoldReason: null, legalHoldById: null },
    });
    if (r.count !== 1) throw new LegalHoldError("NOT_FOUND");
    await recordAudit(tx, { ticketId, actorUserId: actor.id, action: "retention.hold_cleared" });
  });
}

/** Tickets under a hold that has not ended, for the admin page. */
export async function listLegalHolds(db: Db, now = new Date()) {
  return db.ticket.findMany({
    where: { legalHoldUntil: { gt: now } },
    orderBy: { legalHoldUntil: "asc" },
    select: {
      id: true, reference: true, status: true, closedAt: true, legalHoldUntil: true, legalHoldReason: true,
      legalHoldById: true,
    },
    take: 200,
  });
}

/** The admin page names tickets by reference (MD-2026-000123). */
export async function ticketIdByReference(db: Db, reference: string): Promise<string> {
  const t = await db.ticket.findUnique({ where: { reference: reference.trim().toUpperCase() }, select: { id: true } });
  if (!t) throw new LegalHoldError("NOT_FOUND");
  return t.id;
}
