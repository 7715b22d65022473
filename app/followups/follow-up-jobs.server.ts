import { z } from "zod";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { MailLinks } from "../mail/outbound/send-time-links.server";
import { unsubscribeLinkInMail } from "../retention/unsubscribe.server";
import { enqueueJob } from "../jobs/queue.server";
import type { JobContext, JobHandler } from "../jobs/worker.server";
import { enqueueMail } from "../mail/outbound/outbox.server";
import { log } from "../logging/logger.server";
import { deliveryFor, notificationMessageId } from "../notifications/staff-notifications.server";
import { addBusinessDays } from "./business-days";
import { clientFollowUpEmail, formatLinkExpiry, technicianFollowUpEmail, type FollowUpLocale } from "./follow-up-emails";
import { companyCalendar, FOLLOWUP_JOBS } from "./schedule-follow-up.server";

/**
 * The follow-up jobs. Each runs in one transaction whose first statement moves the
 * follow-up on conditionally (SCHEDULED → DUE, remindersSent 1 → 2, DUE → MISSED): a job
 * that runs again after a crash finds the step already taken and does nothing, and a step
 * that failed half-way rolled back entirely. Mails carry a dedupe key derived from the
 * follow-up id, so the outbox would refuse a duplicate even outside the transaction.
 */
const Payload = z.object({ followUpId: z.string().min(1) });

type Tx = Prisma.TransactionClient;

export const FOLLOWUP_TOKEN_PURPOSES = { works: "FOLLOWUP_WORKS", broken: "FOLLOWUP_BROKEN" } as const;

export function followUpLinkUrl(token: string): string {
  return `${getConfig().PUBLIC_URL}/followup/${token}`;
}

function localeOf(value: string | null | undefined): FollowUpLocale {
  return value === "sl" || value === "en" ? value : getConfig().DEFAULT_LOCALE;
}

async function loadFollowUp(tx: Tx, id: string) {
  return tx.followUp.findUnique({
    where: { id },
    include: { ticket: { include: { requester: true, assignee: true, team: true } } },
  });
}
type LoadedFollowUp = NonNullable<Awaited<ReturnType<typeof loadFollowUp>>>;

/**
 * A fresh single-use WORKS/BROKEN pair, and the unsubscribe link: placeholders in the mail, whose
 * tokens are made (and only their hashes stored) when the mail is sent (send-time-links.server.ts).
 */
function linksForClient(f: LoadedFollowUp, requesterId: string, now: Date) {
  const expiresAt = new Date(now.getTime() + getConfig().FOLLOWUP_LINK_DAYS * 864e5);
  const links = new MailLinks();
  const common = { path: "/followup/", ticketId: f.ticketId, subjectId: f.id, expiresAt } as const;
  const works = links.add({ ...common, purpose: FOLLOWUP_TOKEN_PURPOSES.works });
  const broken = links.add({ ...common, purpose: FOLLOWUP_TOKEN_PURPOSES.broken });
  const unsubscribe = unsubscribeLinkInMail(links, requesterId, now);
  return { links, works, broken, unsubscribe, expiresAt };
}

/** The client is asked only if we may still write to them. */
function clientToAsk(f: LoadedFollowUp) {
  const r = f.ticket.requester;
  if (!r || r.pseudonymisedAt || r.followUpOptOut) return null;
  return r;
}

/** The assignee as they chose on /profile (mail, a digest line, or nothing), else the team mailbox. */
async function technicianAddress(tx: Tx, f: LoadedFollowUp, now: Date): Promise<{ to: string; locale: FollowUpLocale } | null> {
  const a = f.ticket.assignee;
  if (a?.active) {
    const how = await deliveryFor(tx, a.id, "FOLLOWUP_DUE");
    if (how === "digest") await tx.staffNotification.create({ data: { userId: a.id, ticketId: f.ticketId, event: "FOLLOWUP_DUE", digest: true, createdAt: now } });
    return how === "mail" ? { to: a.email, locale: localeOf(a.locale) } : null;
  }
  if (f.ticket.team.email) return { to: f.ticket.team.email, locale: getConfig().DEFAULT_LOCALE };
  return null;
}

async function sendMails(tx: Tx, f: LoadedFollowUp, step: "due" | "reminder", now: Date) {
  const c = getConfig();
  const client = clientToAsk(f);
  if (client) {
    const links = linksForClient(f, client.id, now);
    const locale = localeOf(client.locale);
    const mail = clientFollowUpEmail({
      locale,
      reference: f.ticket.reference,
      description: f.description,
      url: f.url,
      worksUrl: links.works,
      brokenUrl: links.broken,
      unsubscribeUrl: links.unsubscribe,
      linksValidUntil: formatLinkExpiry(links.expiresAt, locale, c.TIMEZONE),
      company: c.COMPANY_NAME,
      reminder: step === "reminder",
    });
    await enqueueMail(tx, { to: client.email, ticketId: f.ticketId, dedupeKey: `followup.${step}.client:${f.id}`, ...mail, links: links.links.specs });
  }
  const tech = await technicianAddress(tx, f, now);
  if (tech) {
    const mail = technicianFollowUpEmail({
      locale: tech.locale,
      reference: f.ticket.reference,
      subject: f.ticket.subject,
      ticketUrl: `${c.PUBLIC_URL}/queue/${f.ticketId}`,
      clientAsked: client !== null,
      reminder: step === "reminder",
    });
    // A notification id: an answer to this mail never opens or joins a ticket.
    await enqueueMail(tx, { to: tech.to, ticketId: f.ticketId, messageId: notificationMessageId(`followup.${step}.tech:${f.id}`), ...mail });
  }
  return { clientAsked: client !== null, technicianTold: tech !== null };
}

async function audit(tx: Tx, f: { id: string; ticketId: string }, action: string, now: Date, details: Record<string, unknown> = {}) {
  await tx.auditEvent.create({
    data: { ticketId: f.ticketId, actorKind: "SYSTEM", action, details: JSON.stringify({ followUpId: f.id, ...details }), createdAt: now },
  });
}

/** Due: ask the client (two single-use links) and remind the technician; schedule the reminder. */
export async function handleFollowUpDue(payload: unknown, ctx: JobContext): Promise<void> {
  const { followUpId } = Payload.parse(payload);
  const { now } = ctx;
  await ctx.db.$transaction(async (tx) => {
    const moved = await tx.followUp.updateMany({ where: { id: followUpId, status: "SCHEDULED" }, data: { status: "DUE", remindersSent: 1 } });
    if (moved.count === 0) return; // done already, answered early, or deleted with its ticket
    const f = await loadFollowUp(tx, followUpId);
    if (!f) return;
    const sent = await sendMails(tx, f, "due", now);
    const remindAt = addBusinessDays(now, getConfig().FOLLOWUP_SECOND_REMINDER_DAYS, companyCalendar());
    await enqueueJob(tx, { kind: FOLLOWUP_JOBS.reminder, payload: { followUpId }, runAt: remindAt, dedupeKey: `${FOLLOWUP_JOBS.reminder}:${followUpId}` });
    await audit(tx, f, "followup.due", now, sent);
  });
  log.info("followup.due", { jobId: ctx.jobId });
}

/** No answer yet: ask once more with fresh links, then give up after the same wait. */
export async function handleFollowUpReminder(payload: unknown, ctx: JobContext): Promise<void> {
  const { followUpId } = Payload.parse(payload);
  const { now } = ctx;
  await ctx.db.$transaction(async (tx) => {
    const moved = await tx.followUp.updateMany({ where: { id: followUpId, status: "DUE", remindersSent: 1 }, data: { remindersSent: 2 } });
    if (moved.count === 0) return;
    const f = await loadFollowUp(tx, followUpId);
    if (!f) return;
    const sent = await sendMails(tx, f, "reminder", now);
    const missAt = addBusinessDays(now, getConfig().FOLLOWUP_SECOND_REMINDER_DAYS, companyCalendar());
    await enqueueJob(tx, { kind: FOLLOWUP_JOBS.missed, payload: { followUpId }, runAt: missAt, dedupeKey: `${FOLLOWUP_JOBS.missed}:${followUpId}` });
    await audit(tx, f, "followup.reminded", now, sent);
  });
}

/** Still no answer: record it as missed. Links stay valid until they expire; a late answer still counts. */
export async function handleFollowUpMissed(payload: unknown, ctx: JobContext): Promise<void> {
  const { followUpId } = Payload.parse(payload);
  await ctx.db.$transaction(async (tx) => {
    const moved = await tx.followUp.updateMany({ where: { id: followUpId, status: "DUE" }, data: { status: "MISSED" } });
    if (moved.count === 0) return;
    const f = await tx.followUp.findUnique({ where: { id: followUpId }, select: { id: true, ticketId: true } });
    if (f) await audit(tx, f, "followup.missed", ctx.now);
  });
}

/** Registered with the worker: `createWorker({ handlers: { ...followUpJobHandlers } })`. */
export const followUpJobHandlers: Record<string, JobHandler> = {
  [FOLLOWUP_JOBS.due]: handleFollowUpDue,
  [FOLLOWUP_JOBS.reminder]: handleFollowUpReminder,
  [FOLLOWUP_JOBS.missed]: handleFollowUpMissed,
};
