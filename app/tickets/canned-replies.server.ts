import type { Db } from "../db.server";
import { recordAudit } from "../audit/audit.server";

/** Ready answers technicians insert into a reply; admins keep the list. */
export type CannedReplyInput = { title: string; body: string; locale: "sl" | "en" };

export function listCannedReplies(db: Db) {
  return db.cannedReply.findMany({ orderBy: [{ locale: "asc" }, { title: "asc" }] });
}

export async function createCannedReply(db: Db, actorId: string, input: CannedReplyInput) {
  const row = await db.cannedReply.create({ data: input });
  await recordAudit(db, { actorUserId: actorId, action: "canned_reply.created", details: { cannedReplyId: row.id } });
  return row;
}

export async function updateCannedReply(db: Db, actorId: string, id: string, input: CannedReplyInput) {
  await db.cannedReply.update({ where: { id }, data: input });
  await recordAudit(db, { actorUserId: actorId, action: "canned_reply.updated", details: { cannedReplyId: id } });
}

export async function deleteCannedReply(db: Db, actorId: string, id: string) {
  await db.cannedReply.deleteMany({ where: { id } });
  await recordAudit(db, { actorUserId: actorId, action: "canned_reply.deleted", details: { cannedReplyId: id } });
}
