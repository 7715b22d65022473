import type { Db } from "../db.server";
import { recordAudit } from "../audit/audit.server";

/** Technicians and whether they may open /reports (admins always may, so they are not listed). */
export async function listReportsAccess(db: Db) {
  return db.user.findMany({
    where: { role: "TECHNICIAN", active: true },
    select: { id: true, name: true, canViewReports: true },
    orderBy: { name: "asc" },
  });
}

/** Grants or takes back the reports permission; returns false when no such technician exists. */
export async function setReportsAccess(db: Db, adminId: string, userId: string, allowed: boolean): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId, role: "TECHNICIAN" }, data: { canViewReports: allowed } });
  if (count === 0) return false;
  await recordAudit(db, {
    action: allowed ? "reports_access.granted" : "reports_access.revoked",
    actorUserId: adminId,
    details: { userId },
  });
  return true;
}
