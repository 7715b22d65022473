import type { Db } from "../db.server";
import { recordAudit } from "../audit/audit.server";

/** Teams and the categories that route tickets to them (admin pages). */
export function listTeams(db: Db) {
  return db.team.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { members: true, tickets: true } }, categories: { select: { slug: true } } },
  });
}

export async function createTeam(db: Db, actorId: string, input: { slug: string; name: string; email?: string }) {
  const team = await db.team.create({ data: { slug: input.slug, name: input.name, email: input.email || null } });
  await recordAudit(db, { actorUserId: actorId, action: "team.created", details: { teamId: team.id } });
  return team;
}

export async function updateTeam(db: Db, actorId: string, id: string, input: { name: string; email?: string }) {
  await db.team.update({ where: { id }, data: { name: input.name, email: input.email || null } });
  await recordAudit(db, { actorUserId: actorId, action: "team.updated", details: { teamId: id } });
}

export function listCategories(db: Db) {
  return db.category.findMany({ orderBy: { position: "asc" }, include: { team: { select: { name: true } } } });
}

export type CategoryInput = { nameEn: string; nameSl: string; teamId: string; retentionDays: number | null; active: boolean; position: number };

export async function saveCategory(db: Db, actorId: string, slug: string, input: CategoryInput, create: boolean) {
  if (create) await db.category.create({ data: { slug, ...input } });
  else await db.category.update({ where: { slug }, data: input });
  await recordAudit(db, {
    actorUserId: actorId, action: create ? "category.created" : "category.updated",
    details: { category: slug, teamId: input.teamId, retentionDays: input.retentionDays, active: input.active },
  });
}
