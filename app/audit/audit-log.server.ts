import type { Db } from "../db.server";

/**
 * The audit log as admins read it (/admin/audit): newest first, filtered by action,
 * paged by time. Rows hold ids, codes and counts only (see recordAudit).
 */
export const AUDIT_PAGE_SIZE = 100;

export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}

export async function listAuditEvents(db: Db, filter: { action?: string; before?: Date }) {
  const rows = await db.auditEvent.findMany({
    where: { ...(filter.action ? { action: filter.action } : {}), ...(filter.before ? { createdAt: { lt: filter.before } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true, createdAt: true, action: true, actorKind: true, details: true,
      actor: { select: { name: true } },
      ticket: { select: { reference: true } },
    },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    events: page.map((e) => ({
      id: e.id, at: e.createdAt, action: e.action, actorKind: e.actorKind,
      actor: e.actor?.name ?? null, ticket: e.ticket?.reference ?? null, details: e.details,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.createdAt : null,
  };
}
