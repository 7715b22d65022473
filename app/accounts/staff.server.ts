import type { Db } from "../db.server";
import { hashPassword } from "../auth/password.server";
import { recordAudit } from "../audit/audit.server";

export type StaffRole = "TECHNICIAN" | "ADMIN";

export async function listStaff(db: Db) {
  return db.user.findMany({
    where: { role: { in: ["TECHNICIAN", "ADMIN"] } },
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, active: true, teams: { select: { team: { select: { id: true, name: true } } } } },
  });
}

export class DuplicateEmailError extends Error {}

/** An admin creates a technician (or another admin) with a starting password and teams. */
export async function createStaffUser(
  db: Db,
  actorId: string,
  input: { name: string; email: string; role: StaffRole; password: string; teamIds: string[] },
) {
  const email = input.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email } })) throw new DuplicateEmailError();
  const user = await db.user.create({
    data: {
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      teams: { create: input.teamIds.map((teamId) => ({ teamId })) },
    },
  });
  await recordAudit(db, { actorUserId: actorId, action: "staff.created", details: { userId: user.id, role: input.role } });
  return user;
}

/** Deactivation ends the person's sessions at once; their tickets stay with their team. */
export async function setStaffActive(db: Db, actorId: string, userId: string, active: boolean) {
  if (userId === actorId && !active) throw new Error("An administrator cannot deactivate themselves");
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { active } }),
    ...(active ? [] : [db.session.deleteMany({ where: { userId } })]),
  ]);
  await recordAudit(db, { actorUserId: actorId, action: active ? "staff.activated" : "staff.deactivated", details: { userId } });
}

export async function setStaffTeams(db: Db, actorId: string, userId: string, teamIds: string[]) {
  await db.$transaction([
    db.teamMember.deleteMany({ where: { userId } }),
    db.teamMember.createMany({ data: teamIds.map((teamId) => ({ userId, teamId })) }),
  ]);
  await recordAudit(db, { actorUserId: actorId, action: "staff.teams_changed", details: { userId, teams: teamIds.length } });
}
