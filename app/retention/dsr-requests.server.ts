import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { getT, type Locale } from "../i18n/i18n";
import { hashToken } from "../auth/tokens.server";
import { MailLinks } from "../mail/outbound/send-time-links.server";
import { recordAudit } from "../audit/audit.server";
import { hitRateLimit } from "../auth/rate-limit.server";
import { z } from "zod";
import { enqueueMail, kickOutbox } from "../mail/outbound/outbox.server";
import { emailHash, erasePersonData, exportPersonData, normaliseAddress, type EraseMode } from "./dsr.server";

/**
 * The life of a data-subject request: a client asks on /privacy, confirms through a link
 * mailed to the address (proving it is theirs), and the request waits in the admins'
 * queue with its legal deadline: one month from receipt (GDPR Art. 12(3)), counted here
 * from the confirmation, the moment we know who asks. The request row holds the
 * address's hash and the requester id, never the address.
 */
export type RequestKind = "EXPORT" | "ERASE";
export const CONFIRM_LINK_HOURS = 48;

export const PrivacyRequestSchema = z.object({
  email: z.string().trim().min(1, "required").max(254, "tooLong").email("email"),
  kind: z.enum(["EXPORT", "ERASE"], { message: "required" }),
});

const HOUR = 3600_000;
export const PRIVACY_REQUESTS_PER_ADDRESS_PER_HOUR = 10;
export const PRIVACY_REQUESTS_PER_EMAIL_PER_HOUR = 3;

/**
 * The portal's entry: limited per client address (a visible message, it reveals nothing)
 * and per email (silent, so nobody can flood an inbox through us; the page answers the same).
 */
export async function requestPrivacyFromPortal(
  db: Db,
  input: { email: string; kind: RequestKind; clientAddress: string; locale: Locale },
  now = new Date(),
): Promise<{ kind: "sent" } | { kind: "rate-limited"; retryAfterS: number }> {
  const byAddress = await hitRateLimit("privacy.address", input.clientAddress, PRIVACY_REQUESTS_PER_ADDRESS_PER_HOUR, HOUR, now);
  if (!byAddress.allowed) return { kind: "rate-limited", retryAfterS: byAddress.retryAfterS };
  const byEmail = await hitRateLimit("privacy.email", normaliseAddress(input.email), PRIVACY_REQUESTS_PER_EMAIL_PER_HOUR, HOUR, now);
  if (byEmail.allowed) await submitPrivacyRequest(db, input, now);
  return { kind: "sent" };
}

/** One calendar month later; 31 January gives the last day of February. */
export function oneMonthAfter(d: Date): Date {
  const out = new Date(d);
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + 1);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

export function confirmUrl(token: string) {
  return `${getConfig().PUBLIC_URL}/privacy/confirm/${token}`;
}

/**
 * Records the request and mails the confirmation link. Behaves the same whether or not
 * we know the address, so the page tells nobody whether someone is our client.
 */
export async function submitPrivacyRequest(db: Db, input: { email: string; kind: RequestKind; locale: Locale }, now = new Date()) {
  const address = normaliseAddress(input.email);
  const requester = await db.requester.findUnique({ where: { email: address }, select: { id: true } });
  const request = await db.dataSubjectRequest.create({
    data: { kind: input.kind, emailHash: emailHash(address), requesterId: requester?.id ?? null, source: "PORTAL", requestedAt: now },
  });
  // The confirmation token is made when the mail is sent (send-time-links.server.ts).
  const links = new MailLinks();
  const link = links.add({ path: "/privacy/confirm/", purpose: "DSR_CONFIRM", subjectId: request.id, expiresAt: new Date(now.getTime() + CONFIRM_LINK_HOURS * 3600_000) });
  const t = getT(input.locale);
  const c = getConfig();
  await enqueueMail(db, {
    to: address,
    dedupeKey: `dsr.confirm:${request.id}`,
    subject: t("privacy.emailSubject"),
    text: t("privacy.emailBody", {
      company: c.COMPANY_NAME,
      what: t(input.kind === "EXPORT" ? "privacy.whatExport" : "privacy.whatErase"),
      hours: CONFIRM_LINK_HOURS,
      link,
    }),
    links: links.specs,
  });
  kickOutbox(db);
  await recordAudit(db, { action: "privacy.requested", actorKind: "CLIENT", details: { requestId: request.id, kind: input.kind } });
  return { requestId: request.id };
}

export type ConfirmState =
  | { state: "invalid" }
  | { state: "pending"; kind: RequestKind }
  | { state: "confirmed"; kind: RequestKind; dueAt: Date };

async function requestForToken(db: Db, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== "DSR_CONFIRM" || !row.subjectId) return null;
  const request = await db.dataSubjectRequest.findUnique({ where: { id: row.subjectId } });
  if (!request) return null;
  // A used link keeps showing the outcome; an unused one stops working when it expires.
  if (!row.usedAt && row.expiresAt <= now) return null;
  return { token: row, request };
}

/** What the confirmation page shows (a GET never confirms: mail scanners open links). */
export async function confirmationState(db: Db, token: string, now = new Date()): Promise<ConfirmState> {
  const found = await requestForToken(db, token, now);
  if (!found) return { state: "invalid" };
  const kind = found.request.kind as RequestKind;
  return found.request.dueAt ? { state: "confirmed", kind, dueAt: found.request.dueAt } : { state: "pending", kind };
}

export async function confirmPrivacyRequest(db: Db, token: string, now = new Date()): Promise<ConfirmState> {
  const found = await requestForToken(db, token, now);
  if (!found) return { state: "invalid" };
  const dueAt = oneMonthAfter(now);
  const confirmed = await db.$transaction(async (tx) => {
    const used = await tx.accessToken.updateMany({ where: { id: found.token.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return false;
    await tx.dataSubjectRequest.update({ where: { id: found.request.id }, data: { status: "OPEN", confirmedAt: now, dueAt } });
    await recordAudit(tx, { action: "privacy.confirmed", actorKind: "CLIENT", details: { requestId: found.request.id, kind: found.request.kind } });
    return true;
  });
  if (!confirmed) return confirmationState(db, token, now);
  return { state: "confirmed", kind: found.request.kind as RequestKind, dueAt };
}

/** The admins' queue: open requests by deadline, then the latest finished ones. */
export async function listPrivacyRequests(db: Db) {
  const [open, finished] = await Promise.all([
    db.dataSubjectRequest.findMany({ where: { status: "OPEN" }, orderBy: { dueAt: "asc" }, take: 200 }),
    db.dataSubjectRequest.findMany({ where: { status: { in: ["DONE", "REJECTED"] } }, orderBy: { completedAt: "desc" }, take: 20 }),
  ]);
  const requesterIds = [...open, ...finished].map((r) => r.requesterId).filter((x): x is string => !!x);
  const known = new Set(
    (await db.requester.findMany({ where: { id: { in: requesterIds }, pseudonymisedAt: null }, select: { id: true } })).map((r) => r.id),
  );
  const ticketCounts = new Map(
    (await db.ticket.groupBy({ by: ["requesterId"], where: { requesterId: { in: [...known] } }, _count: { _all: true } })).map((g) => [g.requesterId, g._count._all]),
  );
  const shape = (r: (typeof open)[number]) => ({
    id: r.id, kind: r.kind, status: r.status, source: r.source, requestedAt: r.requestedAt, confirmedAt: r.confirmedAt,
    dueAt: r.dueAt, completedAt: r.completedAt, note: r.note,
    personKnown: !!r.requesterId && known.has(r.requesterId),
    tickets: (r.requesterId && ticketCounts.get(r.requesterId)) || 0,
  });
  return { open: open.map(shape), finished: finished.map(shape) };
}

export class PrivacyRequestError extends Error {
  constructor(readonly code: "NOT_FOUND" | "NOT_OPEN") {
    super(code);
  }
}

async function openRequest(db: Db, id: string) {
  const r = await db.dataSubjectRequest.findUnique({ where: { id } });
  if (!r) throw new PrivacyRequestError("NOT_FOUND");
  if (r.status !== "OPEN") throw new PrivacyRequestError("NOT_OPEN");
  return r;
}

async function addressOf(db: Db, requesterId: string | null): Promise<string | null> {
  if (!requesterId) return null;
  const p = await db.requester.findUnique({ where: { id: requesterId }, select: { email: true, pseudonymisedAt: true } });
  return p && !p.pseudonymisedAt ? p.email : null;
}

/** The export an admin downloads for a request; audited with counts only. */
export async function exportForRequest(db: Db, id: string, actor: { id: string }, now = new Date()) {
  const r = await openRequest(db, id);
  const address = await addressOf(db, r.requesterId);
  const data = address
    ? await exportPersonData(db, address, now)
    : { format: "minidesk.person-export.v1", generatedAt: now.toISOString(), contact: null, tickets: [], emailsSentToYou: [], privacyRequests: [] };
  await recordAudit(db, {
    action: "privacy.exported",
    actorUserId: actor.id,
    details: { requestId: r.id, tickets: data.tickets.length, emails: data.emailsSentToYou.length },
  });
  return data;
}

/** Erases the person behind a request and closes it. */
export async function eraseForRequest(db: Db, id: string, actor: { id: string }, mode: EraseMode, now = new Date()) {
  const r = await openRequest(db, id);
  const address = await addressOf(db, r.requesterId);
  const result = address ? await erasePersonData(db, address, { mode, actor, now, requestId: r.id }) : null;
  await db.dataSubjectRequest.update({
    where: { id: r.id },
    data: { status: "DONE", completedAt: now, note: result ? `erased:${mode}` : "no-data" },
  });
  if (!result) await recordAudit(db, { action: "privacy.erased", actorUserId: actor.id, details: { requestId: r.id, mode, requester: "none" } });
  return result;
}

export async function closePrivacyRequest(db: Db, id: string, actor: { id: string }, outcome: "DONE" | "REJECTED", now = new Date()) {
  const r = await openRequest(db, id);
  await db.dataSubjectRequest.update({ where: { id: r.id }, data: { status: outcome, completedAt: now } });
  await recordAudit(db, { action: outcome === "DONE" ? "privacy.completed" : "privacy.rejected", actorUserId: actor.id, details: { requestId: r.id, kind: r.kind } });
}
