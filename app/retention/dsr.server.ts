import crypto from "node:crypto";
import fs from "node:fs/promises";
import { containsText, type Db } from "../db.server";
import { recordAudit } from "../audit/audit.server";
import { getAttachmentStore } from "../storage/attachment-store.server";
import { DESTROY_ACCESS_DETAILS } from "../tickets/access-details.server";
import { purgeTicketBatch } from "./purge.server";
import { clearDeletedBytes } from "./clear-deleted-bytes.server";
import { OutboxFolder, removeFile } from "./retention-files.server";
import { getConfig } from "../config.server";
import { outboxSendsSettled } from "../mail/outbound/outbox.server";

/**
 * A person's rights under GDPR Art. 15 (a copy of their data) and Art. 17 (erasure).
 * The person is identified by the email address they wrote from; the address itself is
 * only ever compared, never logged or written to the audit trail.
 */
export function normaliseAddress(email: string): string {
  return email.trim().toLowerCase();
}

/** What a DataSubjectRequest stores instead of the address. */
export function emailHash(email: string): string {
  return crypto.createHash("sha256").update(normaliseAddress(email)).digest("hex");
}

const addressPattern = (address: string) =>
  new RegExp(`(?<![A-Za-z0-9._%+-])${address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, "gi");

function isHeld(t: { legalHoldUntil: Date | null }, now: Date) {
  return !!t.legalHoldUntil && t.legalHoldUntil > now;
}

export type PersonExport = Awaited<ReturnType<typeof exportPersonData>>;

/**
 * Everything we hold about one address, as JSON: their contact record, their tickets with
 * every message (the replies they saw and our internal notes about their case), the
 * attachments we keep (names, types, sizes; not the bytes), follow-up checks, the audit
 * trail of their tickets, the mail we sent them and their privacy requests. Staff are
 * named only by role: other people's data does not belong in it.
 */
export async function exportPersonData(db: Db, email: string, now = new Date()) {
  const address = normaliseAddress(email);
  const requester = await db.requester.findUnique({ where: { email: address } });
  const tickets = requester
    ? await db.ticket.findMany({
        where: { requesterId: requester.id },
        orderBy: { createdAt: "asc" },
        include: {
          team: { select: { name: true } },
          messages: { orderBy: { createdAt: "asc" } },
          attachments: { orderBy: { createdAt: "asc" } },
          followUps: { orderBy: { createdAt: "asc" } },
          auditEvents: { orderBy: { createdAt: "asc" } },
          findings: { select: { source: true, type: true, count: true } },
        },
      })
    : [];
  const mails = (await db.outboxMail.findMany({ where: { toAddress: containsText(address) }, orderBy: { createdAt: "asc" } }))
    .filter((m) => addressPattern(address).test(m.toAddress));
  const requests = await db.dataSubjectRequest.findMany({ where: { emailHash: emailHash(address) }, orderBy: { requestedAt: "asc" } });

  const removed = (findings: { source: string; type: string; count: number }[]) => {
    const out: Record<string, number> = {};
    for (const f of findings) out[f.type] = (out[f.type] ?? 0) + f.count;
    return out;
  };
  return {
    format: "minidesk.person-export.v1",
    generatedAt: now.toISOString(),
    contact: requester && {
      email: requester.email,
      name: requester.name,
      company: requester.company,
      companyTaxId: requester.companyTaxId,
      language: requester.locale,
      followUpEmails: !requester.followUpOptOut,
      firstContact: requester.createdAt.toISOString(),
      pseudonymisedAt: requester.pseudonymisedAt?.toISOString() ?? null,
    },
    tickets: tickets.map((t) => ({
      reference: t.reference,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      channel: t.channel,
      category: t.categorySlug,
      team: t.team.name,
      openedAt: t.createdAt.toISOString(),
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
      closedAt: t.closedAt?.toISOString() ?? null,
      // Stored encrypted and destroyed on resolve; we say whether we still hold them.
      accessDetailsHeld: !!t.accessCipher,
      accessDetailsDestroyAt: t.accessExpiresAt?.toISOString() ?? null,
      legalHoldUntil: t.legalHoldUntil?.toISOString() ?? null,
      personalDataRemovedBeforeStoring: removed(t.findings),
      messages: t.messages.map((m) => ({
        at: m.createdAt.toISOString(),
        from: m.direction === "IN" ? "you" : m.kind === "SYSTEM" ? "system" : "staff",
        visibility: m.kind === "REPLY" ? "shared with you" : "internal",
        kind: m.kind,
        text: m.body,
      })),
      attachments: t.attachments.map((a) => ({
        name: a.fileName,
        type: a.mediaType,
        size: a.size,
        status: a.status,
        at: a.createdAt.toISOString(),
      })),
      followUps: t.followUps.map((f) => ({
        description: f.description,
        target: f.target,
        url: f.url,
        deployedAt: f.deployedAt.toISOString(),
        dueAt: f.dueAt.toISOString(),
        status: f.status,
        yourAnswer: f.clientOutcome,
        ourCheck: f.techOutcome,
      })),
      events: t.auditEvents.map((e) => ({ at: e.createdAt.toISOString(), action: e.action, by: e.actorKind.toLowerCase(), details: JSON.parse(e.details) as unknown })),
    })),
    emailsSentToYou: mails.map((m) => ({ at: m.createdAt.toISOString(), subject: m.subject, status: m.status, text: m.textBody })),
    privacyRequests: requests.map((r) => ({
      kind: r.kind, status: r.status, requestedAt: r.requestedAt.toISOString(),
      confirmedAt: r.confirmedAt?.toISOString() ?? null, dueAt: r.dueAt?.toISOString() ?? null, completedAt: r.completedAt?.toISOString() ?? null,
    })),
  };
}

export type EraseMode = "purge" | "pseudonymise";
export type EraseResult = {
  requester: "none" | "deleted" | "pseudonymised";
  ticketsPurged: number;
  ticketsKept: number;
  files: number;
  outbox: number;
  outboxFiles: number;
  jobs: number;
  textsScrubbed: number;
  bytesCleared: boolean;
};

/**
 * Erases a person. "purge" deletes their tickets through the retention path (tickets
 * under legal hold are kept and pseudonymised instead); "pseudonymise" keeps the tickets
 * but cuts them off from the person. Either way the address ends up nowhere: not in a
 * row, not in a free page of the database file or its WAL (VACUUM, then a truncating
 * checkpoint), not in the outbox or storage folders.
 */
export async function erasePersonData(
  db: Db,
  email: string,
  opts: { mode: EraseMode; actor: { id: string } | "CLI"; now?: Date; requestId?: string },
): Promise<EraseResult> {
  const now = opts.now ?? new Date();
  const address = normaliseAddress(email);
  const pattern = addressPattern(address);
  const result: EraseResult = {
    requester: "none", ticketsPurged: 0, ticketsKept: 0, files: 0, outbox: 0, outboxFiles: 0, jobs: 0, textsScrubbed: 0, bytesCleared: false,
  };
  const outbox = new OutboxFolder();
  const requester = await db.requester.findUnique({
    where: { email: address },
    include: { tickets: { select: { id: true, legalHoldUntil: true, purgeStartedAt: true } } },
  });

  if (requester) {
    if (opts.mode === "purge") {
      const ids = requester.tickets.filter((t) => t.purgeStartedAt || !isHeld(t, now)).map((t) => t.id);
      for (let i = 0; i < ids.length; i += 200) {
        const r = await purgeTicketBatch(db, ids.slice(i, i + 200), now, { outbox });
        result.ticketsPurged += r.tickets;
        result.files += r.files;
        result.outbox += r.outbox;
        result.outboxFiles += r.outboxFiles;
        result.jobs += r.jobs;
      }
    }
    const kept = await db.ticket.findMany({ where: { requesterId: requester.id }, select: { id: true } });
    const keptIds = kept.map((t) => t.id);
    result.ticketsKept = keptIds.length;
    // What stays must not lead back to the person: no access details, no client links.
    await db.ticket.updateMany({ where: { requesterId: requester.id }, data: DESTROY_ACCESS_DETAILS });
    await db.accessToken.deleteMany({ where: { OR: [{ ticketId: { in: keptIds }, purpose: "TICKET_LINK" }, { subjectId: requester.id }] } });
    result.files += await purgeFilesMentioning(db, keptIds, address);
    if (opts.mode === "purge" && keptIds.length === 0) {
      await db.requester.delete({ where: { id: requester.id } });
      result.requester = "deleted";
    } else {
      await db.requester.update({
        where: { id: requester.id },
        data: {
          email: `erased-${crypto.randomBytes(8).toString("hex")}@invalid`,
          name: null, company: null, companyTaxId: null, followUpOptOut: true, pseudonymisedAt: now,
        },
      });
      result.requester = "pseudonymised";
    }
  }

  // Mail to the address (including our own confirmation of their request), and its copies.
  // A send this process is in the middle of would write its copy after the folder was swept.
  await outboxSendsSettled();
  const mails = (await db.outboxMail.findMany({ where: { toAddress: containsText(address) }, select: { id: true, toAddress: true } }))
    .filter((m) => new RegExp(pattern).test(m.toAddress));
  result.outboxFiles += await outbox.deleteFor(mails.map((m) => m.id));
  result.outbox += (await db.outboxMail.deleteMany({ where: { id: { in: mails.map((m) => m.id) } } })).count;
  for (const [id, file] of await outbox.index()) {
    const text = await fs.readFile(file, "latin1").catch(() => "");
    if (text.toLowerCase().includes(address)) {
      await removeFile(file);
      outbox.forget(id);
      result.outboxFiles++;
    }
  }
  const jobs = (await db.job.findMany({ where: { payload: containsText(address) }, select: { id: true, payload: true } }))
    .filter((j) => new RegExp(pattern).test(j.payload));
  result.jobs += (await db.job.deleteMany({ where: { id: { in: jobs.map((j) => j.id) } } })).count;
  result.textsScrubbed = await scrubAddress(db, address, pattern);

  await recordAudit(db, {
    action: "privacy.erased",
    actorUserId: opts.actor === "CLI" ? undefined : opts.actor.id,
    actorKind: opts.actor === "CLI" ? "SYSTEM" : "USER",
    details: {
      mode: opts.mode, requestId: opts.requestId ?? null, requester: result.requester,
      ticketsPurged: result.ticketsPurged, ticketsKept: result.ticketsKept, files: result.files,
      outbox: result.outbox + result.outboxFiles, jobs: result.jobs, textsScrubbed: result.textsScrubbed,
    },
  });
  result.bytesCleared = await clearDeletedBytes(db);
  return result;
}

/**
 * Text is redacted before it is stored, so the address should not be in any of it; this
 * is the second line: any stored text that still holds it gets the placeholder.
 */
async function scrubAddress(db: Db, address: string, pattern: RegExp): Promise<number> {
  const fix = (s: string) => s.replace(new RegExp(pattern), "[EMAIL]");
  let n = 0;
  const messages = await db.message.findMany({ where: { body: containsText(address) }, select: { id: true, body: true } });
  for (const m of messages) if (fix(m.body) !== m.body) (await db.message.update({ where: { id: m.id }, data: { body: fix(m.body) } }), n++);
  const tickets = await db.ticket.findMany({
    where: { OR: [{ subject: containsText(address) }, { legalHoldReason: containsText(address) }] },
    select: { id: true, subject: true, legalHoldReason: true },
  });
  for (const t of tickets) {
    await db.ticket.update({ where: { id: t.id }, data: { subject: fix(t.subject), legalHoldReason: t.legalHoldReason && fix(t.legalHoldReason) } });
    n++;
  }
  const followUps = await db.followUp.findMany({ where: { description: containsText(address) }, select: { id: true, description: true } });
  for (const f of followUps) (await db.followUp.update({ where: { id: f.id }, data: { description: fix(f.description) } }), n++);
  const quarantined = await db.quarantinedMail.findMany({ where: { excerpt: containsText(address) }, select: { id: true, excerpt: true } });
  for (const q of quarantined) (await db.quarantinedMail.update({ where: { id: q.id }, data: { excerpt: fix(q.excerpt) } }), n++);
  const mails = await db.outboxMail.findMany({
    where: { OR: [{ textBody: containsText(address) }, { htmlBody: containsText(address) }, { subject: containsText(address) }] },
    select: { id: true, textBody: true, htmlBody: true, subject: true },
  });
  for (const m of mails) {
    await db.outboxMail.update({ where: { id: m.id }, data: { textBody: fix(m.textBody), htmlBody: m.htmlBody && fix(m.htmlBody), subject: fix(m.subject) } });
    n++;
  }
  return n;
}

/** Attachment files of tickets that stay which still contain the address (a text file, say). */
async function purgeFilesMentioning(db: Db, ticketIds: string[], address: string): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const store = getAttachmentStore();
  const rows = await db.attachment.findMany({ where: { ticketId: { in: ticketIds }, storageKey: { not: null } }, select: { id: true, storageKey: true } });
  let n = 0;
  for (const r of rows) {
    const bytes = await store.get(r.storageKey!);
    if (!bytes || !bytes.toString("latin1").toLowerCase().includes(address)) continue;
    await db.attachment.update({ where: { id: r.id }, data: { storageKey: null, status: "PURGED", reason: "ERASURE" } });
    await store.delete(r.storageKey!);
    n++;
  }
  return n;
}
