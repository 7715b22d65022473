import type { Prisma } from "@prisma/client";
import { databaseKind, prismaSql, rawDate, rawDateOrNull, type Db } from "../db.server";
import { recordAudit } from "../audit/audit.server";
import { getAttachmentStore } from "../storage/attachment-store.server";
import { monthOf } from "../tickets/redact-for-storage.server";
import { daysBefore, getRetentionPolicy, type RetentionPolicy } from "./policy.server";
import { listStorageFiles, OutboxFolder, removeFile } from "./retention-files.server";
import { clearDeletedBytes } from "./clear-deleted-bytes.server";

/**
 * Retention purge (docs/decisions/009-retention-purge.md). Deletes what has been kept
 * long enough, in small batches with a pause between them so the web app sharing the
 * SQLite file is never blocked for long.
 *
 * Crash safety for a ticket: (1) mark purgeStartedAt, (2) delete its files, (3) delete
 * its rows and write the anonymous TicketStat in one transaction. A run that dies after
 * (1) leaves marked tickets, which the next run finishes first, whatever their state;
 * a run that dies after (2) left rows pointing to files that are gone, which is harmless
 * because the rows go next. The orphan sweep deletes files no row refers to.
 */
export const PURGE_KINDS = [
  "tickets", "ticketFiles", "attachments", "outbox", "outboxFiles", "quarantine",
  "sessions", "tokens", "rateLimits", "jobs", "requests", "audit", "orphanFiles",
] as const;
export type PurgeKind = (typeof PURGE_KINDS)[number];
export type PurgeCounts = Record<PurgeKind, number>;

export type PurgeHooks = {
  /** After a batch of tickets is marked purgeStartedAt, before any file goes. */
  afterMark?: (ticketIds: string[]) => void | Promise<void>;
  /** After each attachment file of a ticket batch is deleted. */
  afterFileDeleted?: (key: string) => void | Promise<void>;
  /** After a batch has committed, before the next one. */
  betweenBatches?: (kind: PurgeKind, doneSoFar: number) => void | Promise<void>;
  /** Progress for a CLI: `total` is the count the plan found. */
  onProgress?: (kind: PurgeKind, done: number, total: number) => void;
};

export type PurgeOptions = {
  now?: Date;
  dryRun?: boolean;
  batchSize?: number;
  /** Pause between batches (ms); 0 still yields to the event loop. */
  pauseMs?: number;
  hooks?: PurgeHooks;
  policy?: RetentionPolicy;
};

export type PurgeReport = {
  dryRun: boolean;
  /** The WAL was copied back and cut to zero, so deleted text is gone from the files too (false: a reader held it; the next run finishes it). */
  bytesCleared: boolean;
  counts: PurgeCounts;
  /** Oldest date among the items of each kind (closing date for tickets); null when none. */
  oldest: Record<PurgeKind, Date | null>;
  ms: number;
};

/**
 * Tickets per transaction, at most. A batch's transaction runs without yielding to the event
 * loop (better-sqlite3 is synchronous and the adapter resolves at once), so its length is how
 * long a request to the web app in the same process may wait. The ticket purge therefore sizes
 * its batches to take about TARGET_TRANSACTION_MS each: up to DEFAULT_BATCH on an idle machine,
 * fewer when the machine is busy (decision 022).
 */
const DEFAULT_BATCH = 500;
const MIN_BATCH = 20;
export const TARGET_TRANSACTION_MS = 100;

/** The next batch size: proportional to how far the last transaction was from the target. */
export function nextBatchSize(current: number, transactionMs: number, max: number): number {
  const proposed = Math.round((current * TARGET_TRANSACTION_MS) / Math.max(transactionMs, 1));
  // Halfway towards it, so one slow transaction (a checkpoint, another process) does not swing it.
  return Math.min(max, Math.max(Math.min(MIN_BATCH, max), Math.round((current + proposed) / 2)));
}

function zeroCounts(): PurgeCounts {
  return Object.fromEntries(PURGE_KINDS.map((k) => [k, 0])) as PurgeCounts;
}
function noDates(): Record<PurgeKind, Date | null> {
  return Object.fromEntries(PURGE_KINDS.map((k) => [k, null])) as Record<PurgeKind, Date | null>;
}

const pause = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/** A ticket under legal hold is never purged, nor are its attachments. */
export function notUnderHold(now: Date): Prisma.TicketWhereInput {
  return { OR: [{ legalHoldUntil: null }, { legalHoldUntil: { lte: now } }] };
}

/** Closed tickets whose retention (per category, else the global one) has run out. */
export function ticketsDueWhere(policy: RetentionPolicy, now: Date): Prisma.TicketWhereInput {
  const cats = Object.entries(policy.categoryDays);
  return {
    status: "CLOSED",
    purgeStartedAt: null,
    OR: [
      ...cats.map(([slug, d]) => ({ categorySlug: slug, closedAt: { lt: daysBefore(now, d) } })),
      { categorySlug: { notIn: cats.map(([slug]) => slug) }, closedAt: { lt: daysBefore(now, policy.closedTicketDays) } },
    ],
    AND: [notUnderHold(now)],
  };
}

export function attachmentsDueWhere(policy: RetentionPolicy, now: Date): Prisma.TicketWhereInput {
  return {
    status: "CLOSED",
    purgeStartedAt: null,
    attachmentsPurgedAt: null,
    closedAt: { lt: daysBefore(now, policy.attachmentDays) },
    AND: [notUnderHold(now)],
  };
}

function outboxDueWhere(policy: RetentionPolicy, now: Date): Prisma.OutboxMailWhereInput {
  return { status: { in: ["SENT", "FAILED"] }, createdAt: { lt: daysBefore(now, policy.outboxDays) } };
}
function tokensDueWhere(policy: RetentionPolicy, now: Date): Prisma.AccessTokenWhereInput {
  return { OR: [{ expiresAt: { lte: now } }, { usedAt: { lt: daysBefore(now, policy.usedLinkDays) } }] };
}
function requestsDueWhere(policy: RetentionPolicy, now: Date): Prisma.DataSubjectRequestWhereInput {
  // Confirmed requests are the record that we answered: they stay as long as the audit log.
  return {
    OR: [
      { status: "UNCONFIRMED", requestedAt: { lt: daysBefore(now, policy.unconfirmedRequestDays) } },
      { status: { in: ["DONE", "REJECTED"] }, completedAt: { lt: daysBefore(now, policy.auditDays) } },
    ],
  };
}

/**
 * Deletes these tickets completely (the shared path of the retention purge and of a
 * person's erasure), leaving one TicketStat row each. Safe to call again for the same
 * ids after a crash at any point.
 */
export async function purgeTicketBatch(
  db: Db,
  ticketIds: string[],
  now: Date,
  ctx: { hooks?: PurgeHooks; outbox?: OutboxFolder } = {},
): Promise<{ tickets: number; files: number; outbox: number; outboxFiles: number; jobs: number; transactionMs: number }> {
  if (ticketIds.length === 0) return { tickets: 0, files: 0, outbox: 0, outboxFiles: 0, jobs: 0, transactionMs: 0 };
  const sql = prismaSql();
  const byTicket = idsIn(sql.raw(`"ticketId"`), ticketIds);
  // Not updatedAt: four indexes hold it, and the mark is no change anyone made to the ticket.
  await db.$executeRaw(sql.sql`UPDATE "Ticket" SET "purgeStartedAt" = ${now} WHERE "purgeStartedAt" IS NULL AND ${idsIn(sql.raw(`"id"`), ticketIds)}`);
  await ctx.hooks?.afterMark?.(ticketIds);
  await yieldToEventLoop();

  const keys = (await db.$queryRaw<{ storageKey: string }[]>(sql.sql`SELECT "storageKey" FROM "Attachment" WHERE "storageKey" IS NOT NULL AND ${byTicket}`)).map((r) => r.storageKey);
  await deleteFiles(keys, ctx.hooks);
  const outbox = ctx.outbox ?? new OutboxFolder();
  const mails = await db.$queryRaw<{ id: string }[]>(sql.sql`SELECT "id" FROM "OutboxMail" WHERE ${byTicket}`);
  const outboxFiles = await outbox.deleteFor(mails.map((m) => m.id));
  await yieldToEventLoop();
  const followUps = await db.$queryRaw<{ id: string }[]>(sql.sql`SELECT "id" FROM "FollowUp" WHERE ${byTicket}`);
  // Jobs carry ids in their JSON payload (a ticket's, or a follow-up's).
  const referenced = [...ticketIds, ...followUps.map((f) => f.id)];

  await yieldToEventLoop();

  // Raw statements with the ids as one JSON parameter: through Prisma's query builder, each
  // statement with a 500-value IN list cost tens of milliseconds of JavaScript before SQLite saw
  // it, all of it holding the event loop (decision 022). The transaction itself never yields
  // (better-sqlite3 answers synchronously), so no request's statement can land inside it on the
  // shared connection; its length is what the batch size bounds.
  const t0 = performance.now();
  const counts = await db.$transaction(async (tx) => {
    const tickets = await tx.$queryRaw<{
      id: string; categorySlug: string; channel: string; createdAt: Date | string; closedAt: Date | string | null;
      teamSlug: string; messages: bigint | number | string; attachments: bigint | number | string;
    }[]>(sql.sql`
      SELECT t."id", t."categorySlug", t."channel", t."createdAt", t."closedAt", tm."slug" AS "teamSlug",
        (SELECT COUNT(*) FROM "Message" m WHERE m."ticketId" = t."id") AS "messages",
        (SELECT COUNT(*) FROM "Attachment" a WHERE a."ticketId" = t."id") AS "attachments"
      FROM "Ticket" t JOIN "Team" tm ON tm."id" = t."teamId"
      WHERE ${idsIn(sql.raw(`t."id"`), ticketIds)}`);
    if (tickets.length === 0) return { tickets: 0, outbox: 0, jobs: 0 };
    const ids = tickets.map((t) => t.id);
    await tx.ticketStat.createMany({
      data: tickets.map((t) => {
        const closedAt = rawDateOrNull(t.closedAt);
        return {
          category: t.categorySlug,
          channel: t.channel,
          teamSlug: t.teamSlug,
          openedMonth: monthOf(rawDate(t.createdAt)),
          closedMonth: closedAt ? monthOf(closedAt) : null,
          purgedMonth: monthOf(now),
          messageCount: Number(t.messages),
          attachmentCount: Number(t.attachments),
        };
      }),
    });
    // One pass over the Job table for the whole batch (a JSON array of ids joined against the
    // payload text; an OR of LIKEs is slow to plan).
    const list = JSON.stringify(referenced);
    const jobs = await tx.$executeRaw(
      databaseKind() === "postgres"
        ? sql.sql`DELETE FROM "Job" WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(${list}::jsonb) AS r(value) WHERE strpos("Job"."payload", r.value) > 0)`
        : sql.sql`DELETE FROM "Job" WHERE EXISTS (SELECT 1 FROM json_each(${list}) AS r WHERE instr("Job"."payload", r.value) > 0)`,
    );
    const these = idsIn(sql.raw(`"ticketId"`), ids);
    const outboxRows = await tx.$executeRaw(sql.sql`DELETE FROM "OutboxMail" WHERE ${these}`);
    for (const table of ["RedactionFinding", "Attachment", "Message", "AccessToken", "FollowUp", "AuditEvent"]) {
      await tx.$executeRaw(sql.sql`DELETE FROM ${sql.raw(`"${table}"`)} WHERE ${these}`);
    }
    const deleted = await tx.$executeRaw(sql.sql`DELETE FROM "Ticket" WHERE ${idsIn(sql.raw(`"id"`), ids)}`);
    return { tickets: deleted, outbox: outboxRows, jobs };
  });
  return { ...counts, files: keys.length, outboxFiles, transactionMs: performance.now() - t0 };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `column IN (ids)` with the ids sent as one JSON array parameter, on either database. */
function idsIn(column: Prisma.Sql, ids: string[]): Prisma.Sql {
  const sql = prismaSql();
  const list = JSON.stringify(ids);
  return databaseKind() === "postgres"
    ? sql.sql`${column} IN (SELECT jsonb_array_elements_text(${list}::jsonb))`
    : sql.sql`${column} IN (SELECT value FROM json_each(${list}))`;
}

/** Deletes attachment files a few at a time (each is a round trip to the file system's threads). */
async function deleteFiles(keys: string[], hooks?: PurgeHooks): Promise<void> {
  const store = getAttachmentStore();
  // With a hook (tests stop a purge after the n-th file), strictly one after the other.
  const lanes = hooks?.afterFileDeleted ? 1 : 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, keys.length) }, async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        await store.delete(key);
        await hooks?.afterFileDeleted?.(key);
      }
    }),
  );
}

/**
 * The oldest `limit` tickets due for the purge: ticketsDueWhere as SQL. Not through Prisma: on
 * SQLite (no ANALYZE statistics) the planner takes the index on status for `status = 'CLOSED'`
 * and sorts every closed ticket for each batch, so a purge of 100 000 tickets did 1 000 sorts of
 * up to 100 000 rows. `+"status"` keeps that term off the index, so the closedAt index gives the
 * order and the LIMIT stops the walk early. PostgreSQL plans it well as it is.
 */
async function dueTicketIds(db: Db, policy: RetentionPolicy, now: Date, limit: number): Promise<string[]> {
  const sql = prismaSql();
  const cats = Object.entries(policy.categoryDays);
  const byCategory = cats.map(([slug, d]) => sql.sql`("categorySlug" = ${slug} AND "closedAt" < ${daysBefore(now, d)})`);
  const rest = cats.length > 0
    ? sql.sql`("categorySlug" NOT IN (${sql.join(cats.map(([slug]) => slug))}) AND "closedAt" < ${daysBefore(now, policy.closedTicketDays)})`
    : sql.sql`"closedAt" < ${daysBefore(now, policy.closedTicketDays)}`;
  const status = databaseKind() === "postgres" ? sql.raw(`"status"`) : sql.raw(`+"status"`);
  const rows = await db.$queryRaw<{ id: string }[]>(sql.sql`
    SELECT "id" FROM "Ticket"
    WHERE ${status} = 'CLOSED' AND "purgeStartedAt" IS NULL AND "closedAt" IS NOT NULL
      AND (${sql.join([...byCategory, rest], " OR ")})
      AND ("legalHoldUntil" IS NULL OR "legalHoldUntil" <= ${now})
    ORDER BY "closedAt" ASC
    LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

/** Deletes the attachment files of these tickets; rows stay as "PURGED" with no key. */
async function purgeAttachmentBatch(db: Db, ticketIds: string[], now: Date, hooks?: PurgeHooks): Promise<number> {
  const store = getAttachmentStore();
  const rows = await db.attachment.findMany({
    where: { ticketId: { in: ticketIds }, storageKey: { not: null } },
    select: { id: true, storageKey: true },
  });
  for (const r of rows) {
    await store.delete(r.storageKey!);
    await hooks?.afterFileDeleted?.(r.storageKey!);
  }
  await db.$transaction(async (tx) => {
    await tx.attachment.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { storageKey: null, status: "PURGED" } });
    await tx.ticket.updateMany({ where: { id: { in: ticketIds } }, data: { attachmentsPurgedAt: now } });
  });
  return rows.length;
}

type Plan = { counts: PurgeCounts; oldest: Record<PurgeKind, Date | null> };

/** What a purge would delete now: counts and oldest dates per kind. Changes nothing. */
export async function planRetention(db: Db, now: Date, policy: RetentionPolicy): Promise<Plan> {
  const counts = zeroCounts();
  const oldest = noDates();
  const minOf = <T extends Date | null | undefined>(d: T) => d ?? null;

  const started = await db.ticket.count({ where: { purgeStartedAt: { not: null } } });
  const dueTickets = await db.ticket.aggregate({ where: ticketsDueWhere(policy, now), _count: { _all: true }, _min: { closedAt: true } });
  counts.tickets = started + dueTickets._count._all;
  oldest.tickets = minOf(dueTickets._min.closedAt);
  const ticketScope: Prisma.TicketWhereInput = { OR: [{ purgeStartedAt: { not: null } }, ticketsDueWhere(policy, now)] };
  counts.ticketFiles = await db.attachment.count({ where: { storageKey: { not: null }, ticket: ticketScope } });

  // Attachments of tickets that will not be purged whole in this run.
  const attWhere: Prisma.AttachmentWhereInput = {
    storageKey: { not: null },
    ticket: { AND: [attachmentsDueWhere(policy, now), { NOT: ticketsDueWhere(policy, now) }] },
  };
  const att = await db.attachment.aggregate({ where: attWhere, _count: { _all: true }, _min: { createdAt: true } });
  counts.attachments = att._count._all;
  oldest.attachments = minOf(att._min.createdAt);

  const ob = await db.outboxMail.aggregate({ where: outboxDueWhere(policy, now), _count: { _all: true }, _min: { createdAt: true } });
  counts.outbox = ob._count._all;
  oldest.outbox = minOf(ob._min.createdAt);
  const oldFiles = await new OutboxFolder().olderThan(daysBefore(now, policy.outboxDays));
  counts.outboxFiles = oldFiles.length;
  oldest.outboxFiles = oldFiles.reduce<Date | null>((m, f) => (!m || f.mtime < m ? f.mtime : m), null);

  const q = await db.quarantinedMail.aggregate({
    where: { receivedAt: { lt: daysBefore(now, policy.quarantineDays) } }, _count: { _all: true }, _min: { receivedAt: true },
  });
  counts.quarantine = q._count._all;
  oldest.quarantine = minOf(q._min.receivedAt);
  const s = await db.session.aggregate({ where: { expiresAt: { lte: now } }, _count: { _all: true }, _min: { expiresAt: true } });
  counts.sessions = s._count._all;
  oldest.sessions = minOf(s._min.expiresAt);
  const tk = await db.accessToken.aggregate({ where: tokensDueWhere(policy, now), _count: { _all: true }, _min: { createdAt: true } });
  counts.tokens = tk._count._all;
  oldest.tokens = minOf(tk._min.createdAt);
  const rl = await db.rateLimit.aggregate({
    where: { windowStart: { lt: new Date(now.getTime() - policy.rateLimitHours * 3600_000) } }, _count: { _all: true }, _min: { windowStart: true },
  });
  counts.rateLimits = rl._count._all;
  oldest.rateLimits = minOf(rl._min.windowStart);
  const jb = await db.job.aggregate({
    where: { status: { in: ["DONE", "DEAD"] }, updatedAt: { lt: daysBefore(now, policy.finishedJobDays) } }, _count: { _all: true }, _min: { updatedAt: true },
  });
  counts.jobs = jb._count._all;
  oldest.jobs = minOf(jb._min.updatedAt);
  const rq = await db.dataSubjectRequest.aggregate({ where: requestsDueWhere(policy, now), _count: { _all: true }, _min: { requestedAt: true } });
  counts.requests = rq._count._all;
  oldest.requests = minOf(rq._min.requestedAt);
  const au = await db.auditEvent.aggregate({
    where: { createdAt: { lt: daysBefore(now, policy.auditDays) } }, _count: { _all: true }, _min: { createdAt: true },
  });
  counts.audit = au._count._all;
  oldest.audit = minOf(au._min.createdAt);

  const orphans = await findOrphanFiles(db, now, policy);
  counts.orphanFiles = orphans.length;
  oldest.orphanFiles = orphans.reduce<Date | null>((m, f) => (!m || f.mtime < m ? f.mtime : m), null);
  return { counts, oldest };
}

/** Files under STORAGE_DIR that no Attachment row names, older than the grace period. */
async function findOrphanFiles(db: Db, now: Date, policy: RetentionPolicy) {
  const cutoff = new Date(now.getTime() - policy.orphanGraceMinutes * 60_000);
  // List first, then read the keys: a file listed here is older than the grace period,
  // so its row (if any) was committed long before the keys are read.
  const old = (await listStorageFiles()).filter((f) => f.mtime < cutoff);
  if (old.length === 0) return [];
  const rows = await db.attachment.findMany({ where: { storageKey: { not: null } }, select: { storageKey: true } });
  const referenced = new Set(rows.map((r) => r.storageKey!));
  return old.filter((f) => f.partial || !referenced.has(f.key));
}

/**
 * Deletes in batches what the policy says has been kept long enough and returns counts per
 * kind. With `dryRun`, returns what would go and changes nothing. The worker calls this
 * nightly; scripts/purge.ts calls it by hand.
 */
export async function runRetention(db: Db, now = new Date(), opts: Omit<PurgeOptions, "now"> = {}): Promise<PurgeReport> {
  const t0 = Date.now();
  const policy = opts.policy ?? (await getRetentionPolicy(db));
  const plan = await planRetention(db, now, policy);
  if (opts.dryRun) return { dryRun: true, bytesCleared: false, counts: plan.counts, oldest: plan.oldest, ms: Date.now() - t0 };

  // The other kinds go through Prisma's IN lists, 200 rows a statement.
  const batch = opts.batchSize ?? 200;
  const hooks = opts.hooks;
  const counts = zeroCounts();
  const outbox = new OutboxFolder();
  const progress = (kind: PurgeKind) => hooks?.onProgress?.(kind, counts[kind], Math.max(plan.counts[kind], counts[kind]));
  const between = async (kind: PurgeKind) => {
    await hooks?.betweenBatches?.(kind, counts[kind]);
    await pause(opts.pauseMs ?? 0);
  };

  // 1. Tickets: first those a previous run started, then those due. A batch size given by the
  // caller is kept as is (tests stop a purge at a chosen batch); otherwise it follows the clock.
  let size = opts.batchSize ?? 100;
  for (const started of [true, false]) {
    for (;;) {
      const ids = started
        ? (await db.ticket.findMany({ where: { purgeStartedAt: { not: null } }, select: { id: true }, orderBy: { closedAt: "asc" }, take: size })).map((t) => t.id)
        : await dueTicketIds(db, policy, now, size);
      if (ids.length === 0) break;
      const r = await purgeTicketBatch(db, ids, now, { hooks, outbox });
      if (opts.batchSize === undefined) size = nextBatchSize(size, r.transactionMs, DEFAULT_BATCH);
      counts.tickets += r.tickets;
      counts.ticketFiles += r.files;
      counts.outbox += r.outbox;
      counts.outboxFiles += r.outboxFiles;
      counts.jobs += r.jobs;
      progress("tickets");
      await between("tickets");
    }
  }

  // 2. Attachments of closed tickets, earlier than the tickets themselves.
  for (;;) {
    const ids = (await db.ticket.findMany({ where: attachmentsDueWhere(policy, now), select: { id: true }, take: batch })).map((t) => t.id);
    if (ids.length === 0) break;
    counts.attachments += await purgeAttachmentBatch(db, ids, now, hooks);
    progress("attachments");
    await between("attachments");
  }

  // 3. Sent and failed mail, with the copies written to the outbox folder.
  for (;;) {
    const rows = await db.outboxMail.findMany({ where: outboxDueWhere(policy, now), select: { id: true }, take: batch });
    if (rows.length === 0) break;
    counts.outboxFiles += await outbox.deleteFor(rows.map((r) => r.id));
    counts.outbox += (await db.outboxMail.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } })).count;
    progress("outbox");
    await between("outbox");
  }
  for (const f of await outbox.olderThan(daysBefore(now, policy.outboxDays))) {
    // A file whose mail is still queued is not written yet; an old file is a copy of a sent mail.
    await removeFile(f.file);
    outbox.forget(f.id);
    counts.outboxFiles++;
  }

  // 4. Small tables: one bounded statement each, repeated until nothing is left.
  const simple: [PurgeKind, () => Promise<number>][] = [
    ["quarantine", () => deleteBatch(db.quarantinedMail, { receivedAt: { lt: daysBefore(now, policy.quarantineDays) } }, batch)],
    ["sessions", () => deleteBatch(db.session, { expiresAt: { lte: now } }, batch)],
    ["tokens", () => deleteBatch(db.accessToken, tokensDueWhere(policy, now), batch)],
    ["rateLimits", () => deleteBatch(db.rateLimit, { windowStart: { lt: new Date(now.getTime() - policy.rateLimitHours * 3600_000) } }, batch, "key")],
    ["jobs", () => deleteBatch(db.job, { status: { in: ["DONE", "DEAD"] }, updatedAt: { lt: daysBefore(now, policy.finishedJobDays) } }, batch)],
    ["requests", () => deleteBatch(db.dataSubjectRequest, requestsDueWhere(policy, now), batch)],
    ["audit", () => deleteBatch(db.auditEvent, { createdAt: { lt: daysBefore(now, policy.auditDays) } }, batch)],
  ];
  for (const [kind, step] of simple) {
    for (;;) {
      const n = await step();
      counts[kind] += n;
      if (n === 0) break;
      progress(kind);
      await between(kind);
    }
  }

  // 5. Files nobody refers to (a crash between writing a file and its row, or the reverse).
  for (const f of await findOrphanFiles(db, now, policy)) {
    await removeFile(f.file);
    counts.orphanFiles++;
  }
  progress("orphanFiles");

  await recordAudit(db, { action: "retention.purged", actorKind: "SYSTEM", details: { ...counts } });
  // Deleted rows stay readable in free pages, the WAL and the search index until rebuilt: as
  // after an erasure, text that is purged must leave the files too, not only the tables.
  const deletedText = counts.tickets + counts.outbox + counts.quarantine + counts.requests + counts.audit > 0;
  const bytesCleared = deletedText ? await clearDeletedBytes(db) : false;
  return { dryRun: false, bytesCleared, counts, oldest: plan.oldest, ms: Date.now() - t0 };
}

type Deletable = {
  findMany(args: { where: object; select: object; take: number }): Promise<object[]>;
  deleteMany(args: { where: object }): Promise<{ count: number }>;
};

/** Deletes at most `take` rows matching `where`: a short write, however many are due. */
async function deleteBatch(model: unknown, where: object, take: number, idField = "id"): Promise<number> {
  const m = model as Deletable;
  const rows = (await m.findMany({ where, select: { [idField]: true }, take })) as Record<string, string>[];
  if (rows.length === 0) return 0;
  return (await m.deleteMany({ where: { [idField]: { in: rows.map((r) => r[idField]!) } } })).count;
}
