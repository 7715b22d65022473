import { redirect } from "@remix-run/node";
import { getDb } from "../db.server";
import { getSession } from "./session.server";

export type Role = "CLIENT" | "TECHNICIAN" | "ADMIN";
export type StaffUser = { id: string; email: string; name: string; role: Role; teamIds: string[]; canViewReports?: boolean };

/** The signed-in user, or null. Deactivated users count as signed out. */
export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  if (typeof userId !== "string") return null;
  const user = await getDb().user.findUnique({
    where: { id: userId },
    include: { teams: { select: { teamId: true } } },
  });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, teamIds: user.teams.map((t) => t.teamId), canViewReports: user.canViewReports };
}

/** A technician or admin; anonymous visitors go to sign-in, clients get 403. */
export async function requireTechnician(request: Request): Promise<StaffUser> {
  const user = await getStaffUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (user.role !== "TECHNICIAN" && user.role !== "ADMIN") {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

export async function requireAdmin(request: Request): Promise<StaffUser> {
  const user = await requireTechnician(request);
  if (user.role !== "ADMIN") throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Reports (counts only, no personal data): admins, and technicians an admin allowed. */
export function mayViewReports(user: Pick<StaffUser, "role" | "canViewReports">): boolean {
  return user.role === "ADMIN" || (user.role === "TECHNICIAN" && user.canViewReports === true);
}

export async function requireReportsAccess(request: Request): Promise<StaffUser> {
  const user = await requireTechnician(request);
  if (!mayViewReports(user)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** The team filter every ticket query of a technician goes through. Admins see all. */
export function ticketScope(user: StaffUser): { teamId?: { in: string[] } } {
  return user.role === "ADMIN" ? {} : { teamId: { in: user.teamIds } };
}
