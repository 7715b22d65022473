import { prismaSql, rawDate, rawDateOrNull, type Db } from "../db.server";
import { seesNoTickets, teamScopeSql, type StaffUser } from "../auth/guards.server";

/**
 * The ticket page's SQL, written by hand like the queue's (queue-sql.server.ts, decision 014): one
 * text for SQLite and PostgreSQL, identifiers quoted, values as parameters, rows turned into one
 * shape on both. Technicians open tickets all day, and the page's twelve Prisma queries cost
 * about 5 ms of CPU per page at 100 000 tickets (each compiled to a plan in WebAssembly, every row
 * and relation built into objects) while SQLite answered all of them in about 0.6 ms.
 *
 * The order of rows is the one the Prisma queries asked for, ties included: where they gave no
 * tie-breaker (history by time, follow-ups by due date, attachments and findings in no order),
 * none is added, so the database walks the same index and returns ties as it did. The menus are
 * the exception: merged into one statement, their ties are ordered by id (selectMenus).
 * tests/integration/ticket-page.test.ts compares the page with Prisma's reading on both databases.
 */

const sql = () => prismaSql();



export type TicketPageTicket = {
  id: string; reference: string; subject: string; status: string; priority: string; channel: string; categorySlug: string;
  teamId: string; requesterId: string | null; assigneeId: string | null; mergedIntoId: string | null;
  createdAt: Date; updatedAt: Date; firstResponseAt: Date | null; resolvedAt: Date | null; closedAt: Date | null; lastClientAt: Date | null;
  accessCipher: string | null; accessExpiresAt: Date | null;
  legalHoldUntil: Date | null; legalHoldReason: string | null; legalHoldById: string | null;
  attachmentsPurgedAt: Date | null; purgeStartedAt: Date | null;
  requester: { name: string | null; email: string; company: string | null; locale: string } | null;
  team: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  /** The ticket this one was merged into, only if this person may see it too. */
  mergedInto: { id: string; reference: string } | null;
};

type Stamp = Date | string;
type TicketRow = Omit<TicketPageTicket, "createdAt" | "updatedAt" | "firstResponseAt" | "resolvedAt" | "closedAt" | "lastClientAt" | "accessExpiresAt" | "legalHoldUntil" | "attachmentsPurgedAt" | "purgeStartedAt" | "requester" | "team" | "assignee" | "mergedInto"> & {
  createdAt: Stamp; updatedAt: Stamp; firstResponseAt: Stamp | null; resolvedAt: Stamp | null; closedAt: Stamp | null; lastClientAt: Stamp | null;
  accessExpiresAt: Stamp | null; legalHoldUntil: Stamp | null; attachmentsPurgedAt: Stamp | null; purgeStartedAt: Stamp | null;
  requesterRowId: string | null; requesterName: string | null; requesterEmail: string | null; requesterCompany: string | null; requesterLocale: string | null;
  teamName: string; assigneeName: string | null; mergedIntoRowId: string | null; mergedIntoReference: string | null;
};

/**
 * The ticket with its requester, team, assignee and the ticket it was merged into, in one
 * statement; null when it is outside this person's teams (the same answer as a ticket that does
 * not exist). The merge target is checked against the same scope: its reference is not shown
 * to someone who may not see it.
 */
export async function selectTicketInScope(db: Db, user: StaffUser, ticketId: string): Promise<TicketPageTicket | null> {
  if (seesNoTickets(user)) return null;
  const s = sql();
  const scope = teamScopeSql(user, `t."teamId"`);
  const mergedScope = teamScopeSql(user, `mt."teamId"`);
  const rows = await db.$queryRaw<TicketRow[]>(s.sql`
    SELECT t."id", t."reference", t."subject", t."status", t."priority", t."channel", t."categorySlug", t."teamId",
           t."requesterId", t."assigneeId", t."mergedIntoId", t."createdAt", t."updatedAt", t."firstResponseAt",
           t."resolvedAt", t."closedAt", t."lastClientAt", t."accessCipher", t."accessExpiresAt", t."legalHoldUntil",
           t."legalHoldReason", t."legalHoldById", t."attachmentsPurgedAt", t."purgeStartedAt",
           r."id" AS "requesterRowId", r."name" AS "requesterName", r."email" AS "requesterEmail",
           r."company" AS "requesterCompany", r."locale" AS "requesterLocale",
           tm."name" AS "teamName", a."name" AS "assigneeName",
           mt."id" AS "mergedIntoRowId", mt."reference" AS "mergedIntoReference"
      FROM "Ticket" t
      JOIN "Team" tm ON tm."id" = t."teamId"
      LEFT JOIN "Requester" r ON r."id" = t."requesterId"
      LEFT JOIN "User" a ON a."id" = t."assigneeId"
      LEFT JOIN "Ticket" mt ON mt."id" = t."mergedIntoId" ${mergedScope ? s.sql`AND ${mergedScope}` : s.empty}
     WHERE t."id" = ${ticketId} ${scope ? s.sql`AND ${scope}` : s.empty}`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id, reference: r.reference, subject: r.subject, status: r.status, priority: r.priority, channel: r.channel,
    categorySlug: r.categorySlug, teamId: r.teamId, requesterId: r.requesterId, assigneeId: r.assigneeId, mergedIntoId: r.mergedIntoId,
    createdAt: rawDate(r.createdAt), updatedAt: rawDate(r.updatedAt), firstResponseAt: rawDateOrNull(r.firstResponseAt),
    resolvedAt: rawDateOrNull(r.resolvedAt), closedAt: rawDateOrNull(r.closedAt), lastClientAt: rawDateOrNull(r.lastClientAt),
    accessCipher: r.accessCipher, accessExpiresAt: rawDateOrNull(r.accessExpiresAt),
    legalHoldUntil: rawDateOrNull(r.legalHoldUntil), legalHoldReason: r.legalHoldReason, legalHoldById: r.legalHoldById,
    attachmentsPurgedAt: rawDateOrNull(r.attachmentsPurgedAt), purgeStartedAt: rawDateOrNull(r.purgeStartedAt),
    requester: r.requesterRowId === null ? null : { name: r.requesterName, email: r.requesterEmail!, company: r.requesterCompany, locale: r.requesterLocale! },
    team: { id: r.teamId, name: r.teamName },
    assignee: r.assigneeId !== null && r.assigneeName !== null ? { id: r.assigneeId, name: r.assigneeName } : null,
    mergedInto: r.mergedIntoRowId !== null && r.mergedIntoReference !== null ? { id: r.mergedIntoRowId, reference: r.mergedIntoReference } : null,
  };
}

export type TicketPageMessage = {
  id: string; ticketId: string; kind: string; direction: string; authorUserId: string | null; body: string; createdAt: Date;
  author: { name: string } | null;
};

/** The conversation, oldest first, with each author's name. */
export async function selectMessages(db: Db, ticketId: string): Promise<TicketPageMessage[]> {
  const s = sql();
  const rows = await db.$queryRaw<(Omit<TicketPageMessage, "createdAt" | "author"> & { createdAt: Stamp; authorName: string | null })[]>(s.sql`
    SELECT m."id", m."ticketId", m."kind", m."direction", m."authorUserId", m."body", m."createdAt", u."name" AS "authorName"
      FROM "Message" m
      LEFT JOIN "User" u ON u."id" = m."authorUserId"
     WHERE m."ticketId" = ${ticketId}
     ORDER BY m."createdAt" ASC, m."id" ASC`);
  return rows.map((m) => ({
    id: m.id, ticketId: m.ticketId, kind: m.kind, direction: m.direction, authorUserId: m.authorUserId, body: m.body,
    createdAt: rawDate(m.createdAt), author: m.authorUserId !== null && m.authorName !== null ? { name: m.authorName } : null,
  }));
}

export type TicketPageAttachment = {
  id: string; messageId: string; fileName: string; mediaType: string; size: number; status: string; reason: string | null; storageKey: string | null;
};

/** The attachments of the ticket's messages (the page shows them under their message). */
export async function selectMessageAttachments(db: Db, ticketId: string): Promise<TicketPageAttachment[]> {
  const s = sql();
  const rows = await db.$queryRaw<(Omit<TicketPageAttachment, "size"> & { size: number | bigint })[]>(s.sql`
    SELECT a."id", a."messageId", a."fileName", a."mediaType", a."size", a."status", a."reason", a."storageKey"
      FROM "Attachment" a
     WHERE a."messageId" IN (SELECT m."id" FROM "Message" m WHERE m."ticketId" = ${ticketId})`);
  return rows.map((a) => ({ ...a, size: Number(a.size) }));
}

/** A redaction finding's type and count, and what it belongs to: the subject, a message or an attachment. */
export type TicketPageFinding = { owner: "SUBJECT" | "MESSAGE" | "ATTACHMENT"; ownerId: string; type: string; count: number };

/**
 * What redaction removed from the subject, the messages and their attachments (types and counts,
 * never values), in one statement: each part walks its own index.
 */
export async function selectFindings(db: Db, ticketId: string): Promise<TicketPageFinding[]> {
  const s = sql();
  const rows = await db.$queryRaw<(Omit<TicketPageFinding, "count"> & { count: number | bigint })[]>(s.sql`
    SELECT 'SUBJECT' AS "owner", f."ticketId" AS "ownerId", f."type", f."count"
      FROM "RedactionFinding" f
     WHERE f."ticketId" = ${ticketId} AND f."source" = 'SUBJECT'
    UNION ALL
    SELECT 'MESSAGE', f."messageId", f."type", f."count"
      FROM "RedactionFinding" f
     WHERE f."messageId" IN (SELECT m."id" FROM "Message" m WHERE m."ticketId" = ${ticketId})
    UNION ALL
    SELECT 'ATTACHMENT', f."attachmentId", f."type", f."count"
      FROM "RedactionFinding" f
     WHERE f."attachmentId" IN (SELECT a."id" FROM "Attachment" a JOIN "Message" m ON m."id" = a."messageId" WHERE m."ticketId" = ${ticketId})`);
  return rows.map((f) => ({ ...f, count: Number(f.count) }));
}

export type TicketPageEvent = { id: string; action: string; actorKind: string; actor: string | null; details: string; createdAt: Date };

/** The newest `take` audit events, with the acting person's name. */
export async function selectHistory(db: Db, ticketId: string, take: number): Promise<TicketPageEvent[]> {
  const s = sql();
  const rows = await db.$queryRaw<(Omit<TicketPageEvent, "createdAt"> & { createdAt: Stamp })[]>(s.sql`
    SELECT e."id", e."action", e."actorKind", u."name" AS "actor", e."details", e."createdAt"
      FROM "AuditEvent" e
      LEFT JOIN "User" u ON u."id" = e."actorUserId"
     WHERE e."ticketId" = ${ticketId}
     ORDER BY e."createdAt" DESC
     LIMIT ${take}`);
  return rows.map((e) => ({ id: e.id, action: e.action, actorKind: e.actorKind, actor: e.actor, details: e.details, createdAt: rawDate(e.createdAt) }));
}

export type TicketPageFollowUp = {
  id: string; ticketId: string; createdById: string | null; description: string; target: string; url: string | null;
  deployedAt: Date; dueAt: Date; status: string; clientOutcome: string | null; techOutcome: string | null;
  remindersSent: number; resolvedAt: Date | null; createdAt: Date;
};

/** The ticket's follow-up checks, the soonest due first. */
export async function selectFollowUps(db: Db, ticketId: string): Promise<TicketPageFollowUp[]> {
  const s = sql();
  type Row = Omit<TicketPageFollowUp, "deployedAt" | "dueAt" | "resolvedAt" | "createdAt" | "remindersSent"> & {
    deployedAt: Stamp; dueAt: Stamp; resolvedAt: Stamp | null; createdAt: Stamp; remindersSent: number | bigint;
  };
  const rows = await db.$queryRaw<Row[]>(s.sql`
    SELECT f."id", f."ticketId", f."createdById", f."description", f."target", f."url", f."deployedAt", f."dueAt", f."status",
           f."clientOutcome", f."techOutcome", f."remindersSent", f."resolvedAt", f."createdAt"
      FROM "FollowUp" f
     WHERE f."ticketId" = ${ticketId}
     ORDER BY f."dueAt" ASC`);
  return rows.map((f) => ({
    id: f.id, ticketId: f.ticketId, createdById: f.createdById, description: f.description, target: f.target, url: f.url,
    deployedAt: rawDate(f.deployedAt), dueAt: rawDate(f.dueAt), status: f.status, clientOutcome: f.clientOutcome, techOutcome: f.techOutcome,
    remindersSent: Number(f.remindersSent), resolvedAt: rawDateOrNull(f.resolvedAt), createdAt: rawDate(f.createdAt),
  }));
}

export type TicketPageMenus = {
  /** Who the ticket may be assigned to: active technicians of its team, and every active admin. */
  staff: { id: string; name: string }[];
  /** The categories a ticket may be moved to: active ones, in the admin's order. */
  categories: { slug: string; nameEn: string; nameSl: string }[];
  /** Every team: a ticket may be moved to any of them. */
  teams: { id: string; name: string }[];
  cannedReplies: { id: string; title: string; body: string }[];
};

/**
 * The page's four menus in one statement (each statement costs Prisma about as much as SQLite
 * spends on all four lists). Each list keeps the order it had as a query of its own: staff and
 * teams by name, categories by position (the admin's order: 0 unless set), canned replies by
 * title; ties, which those queries left to the database, by id (for categories about the order
 * they were created in, as the ids are cuids).
 */
export async function selectMenus(db: Db, teamId: string): Promise<TicketPageMenus> {
  const s = sql();
  type Row = { list: "staff" | "category" | "team" | "canned"; key: string; label: string; body: string | null };
  const rows = await db.$queryRaw<Row[]>(s.sql`
    SELECT u."list", u."key", u."label", u."body" FROM (
      SELECT 'staff' AS "list", su."id" AS "key", su."name" AS "label", NULL AS "body", NULL AS "position", su."name" AS "byName", su."id" AS "tie"
        FROM "User" su
       WHERE su."active" = true AND su."role" IN ('TECHNICIAN', 'ADMIN')
         AND (EXISTS (SELECT 1 FROM "TeamMember" m WHERE m."teamId" = ${teamId} AND m."userId" = su."id") OR su."role" = 'ADMIN')
      UNION ALL
      SELECT 'category', c."slug", c."nameEn", c."nameSl", c."position", NULL, c."id" FROM "Category" c WHERE c."active" = true
      UNION ALL
      SELECT 'team', tm."id", tm."name", NULL, NULL, tm."name", tm."id" FROM "Team" tm
      UNION ALL
      SELECT 'canned', cr."id", cr."title", cr."body", NULL, cr."title", cr."id" FROM "CannedReply" cr
    ) u
    ORDER BY u."list", u."position", u."byName", u."tie"`);
  const menus: TicketPageMenus = { staff: [], categories: [], teams: [], cannedReplies: [] };
  for (const r of rows) {
    if (r.list === "staff") menus.staff.push({ id: r.key, name: r.label });
    else if (r.list === "category") menus.categories.push({ slug: r.key, nameEn: r.label, nameSl: r.body ?? r.label });
    else if (r.list === "team") menus.teams.push({ id: r.key, name: r.label });
    else menus.cannedReplies.push({ id: r.key, title: r.label, body: r.body ?? "" });
  }
  return menus;
}
