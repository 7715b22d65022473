import type { Db } from "../db.server";

/** Details are ids, codes and counts only: an audit row must never hold personal data. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

type AuditWriter = Pick<Db, "auditEvent">;

export async function recordAudit(
  db: AuditWriter,
  e: { action: string; ticketId?: string; actorUserId?: string; actorKind?: "USER" | "CLIENT" | "SYSTEM"; details?: AuditDetails },
) {
  await db.auditEvent.create({
    data: {
      action: e.action,
      ticketId: e.ticketId,
      actorUserId: e.actorUserId,
      actorKind: e.actorKind ?? (e.actorUserId ? "USER" : "SYSTEM"),
      details: JSON.stringify(e.details ?? {}),
    },
  });
}
