import type { Prisma } from "@prisma/client";
import { redirect } from "@remix-run/node";
import { prismaSql } from "../db.server";
import { findSessionUser } from "./session.server";
import { getConfig } from "../config.server";

export type Role = "CLIENT" | "TECHNICIAN" | "ADMIN";
export type StaffUser = { id: string; email: string; name: string; role: Role; teamIds: string[]; canViewReports?: boolean; twoFactor?: boolean;
  /** The language chosen on the profile ("sl" | "en"), or null: the browser's decides. */
  locale?: string | null };

/**
 * The signed-in user, or null. Deactivated users count as signed out.
 *
 * A page request runs the root loader and the route's loader, each with its own Request
 * object but the same load context (app/server/http.server.ts makes one per HTTP request).
 * Given that context, a GET looks the user up once and both loaders share the answer; it
 * lives only as long as the request, so a sign-out or deactivation still counts at once.
 * Actions (POST) always look again: they may change the very rows this reads.
 */
export function getStaffUser(request: Request, context?: object): Promise<StaffUser | null> {
  if (!context || (request.method !== "GET" && request.method !== "HEAD")) return lookUpStaffUser(request);
  const cookie = request.headers.get("Cookie") ?? "";
  let byCookie = usersOfRequest.get(context);
  if (!byCookie) usersOfRequest.set(context, (byCookie = new Map()));
  let user = byCookie.get(cookie);
  if (!user) {
    user = lookUpStaffUser(request);
    byCookie.set(cookie, user);
  }
  return user;
}

const usersOfRequest = new WeakMap<object, Map<string, Promise<StaffUser | null>>>();

async function lookUpStaffUser(request: Request): Promise<StaffUser | null> {
  const user = await findSessionUser(request);
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, teamIds: user.teams.map((t) => t.teamId), canViewReports: user.canViewReports, twoFactor: user.twoFactor, locale: user.locale };
}

/** A technician or admin; anonymous visitors go to sign-in, clients get 403. */
export async function requireTechnician(request: Request, context?: object): Promise<StaffUser> {
  const user = await getStaffUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (user.role !== "TECHNICIAN" && user.role !== "ADMIN") {
    throw new Response("Forbidden", { status: 403 });
  }
  // TOTP_REQUIRED_FOR_ADMINS: an admin without two-factor enrols before anything else.
  if (user.role === "ADMIN" && !user.twoFactor && getConfig().TOTP_REQUIRED_FOR_ADMINS) throw redirect("/account/two-factor");
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

/** A technician in no team sees no ticket at all: answered before any query (and `IN ()` is not SQL). */
export function seesNoTickets(user: Pick<StaffUser, "role" | "teamIds">): boolean {
  return user.role !== "ADMIN" && user.teamIds.length === 0;
}

/**
 * ticketScope for hand-written SQL: `column IN (the person's teams)`, where `column` names a
 * ticket's team (e.g. `t."teamId"`); null for an admin, who sees every team. Callers answer
 * seesNoTickets first.
 */
export function teamScopeSql(user: Pick<StaffUser, "role" | "teamIds">, column: string): Prisma.Sql | null {
  if (user.role === "ADMIN") return null;
  const sql = prismaSql();
  return sql.sql`${sql.raw(column)} IN (${sql.join(user.teamIds)})`;
}
