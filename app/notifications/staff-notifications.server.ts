import crypto from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { getT, isLocale, type Locale } from "../i18n/i18n";
import { enqueueMail, mailDomain, NOTIFICATION_ID_PREFIX } from "../mail/outbound/outbox.server";
import { cleanSubject, normalizeMessageId } from "../mail/inbound/thread-keys";
import { en } from "../i18n/en";
import { sl } from "../i18n/sl";
import { TECHNICIAN_FOLLOWUP_SUBJECTS } from "../followups/follow-up-emails";

/**
 * Staff notifications by email, through the outbox. A mail holds only the ticket reference,
 * its (already redacted) subject and a link to the staff ticket page: never client text.
 * Each goes out with a Message-ID of the form <md.notify.…@our-domain>, so an answer to it
 * (which carries that id in In-Reply-To/References) is recognised by ingestMail and never
 * opens or joins a ticket; the outbox adds Auto-Submitted: auto-generated besides.
 */
export const NOTIFICATION_EVENTS = ["NEW_IN_TEAM", "CLIENT_REPLY", "ASSIGNED", "FOLLOWUP_DUE"] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

type Tx = Prisma.TransactionClient | Db;

const PREF_OF: Record<NotificationEvent, "newInTeam" | "clientReply" | "assigned" | "followUpDue"> = {
  NEW_IN_TEAM: "newInTeam",
  CLIENT_REPLY: "clientReply",
  ASSIGNED: "assigned",
  FOLLOWUP_DUE: "followUpDue",
};
const KEY_OF: Record<NotificationEvent, "NewInTeam" | "ClientReply" | "Assigned" | "FollowUpDue"> = {
  NEW_IN_TEAM: "NewInTeam",
  CLIENT_REPLY: "ClientReply",
  ASSIGNED: "Assigned",
  FOLLOWUP_DUE: "FollowUpDue",
};

export { NOTIFICATION_ID_PREFIX };

export function notificationMessageId(dedupeKey: string): string {
  return `<${NOTIFICATION_ID_PREFIX}${crypto.createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32)}@${mailDomain()}>`;
}

/** Does this mail answer one of our notifications? (normalised ids, as findThreadKeys gives them) */
export function answersNotification(messageIds: string[]): boolean {
  const domain = `@${mailDomain()}`;
  return messageIds.some((raw) => {
    const id = normalizeMessageId(raw);
    return id !== null && id.startsWith(NOTIFICATION_ID_PREFIX) && id.endsWith(domain);
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Every subject a notification goes out with, in every language, once Re:/Fwd: and [MD-…] tags are gone. */
const NOTIFICATION_SUBJECTS: RegExp[] = [
  ...[en, sl].flatMap((m) => [m.notify.subjectNewInTeam, m.notify.subjectClientReply, m.notify.subjectAssigned, m.notify.subjectDigest]),
  ...TECHNICIAN_FOLLOWUP_SUBJECTS,
].map((template) => {
  const parts = template.split(/(\{\{\w+\}\})/).map((part) =>
    part === "{{reference}}" ? String.raw`MD-\d{4}-\d{6,9}` : part === "{{count}}" ? String.raw`\d+` : escape(part).replace(/\s+/g, String.raw`\s+`),
  );
  return new RegExp(`^${parts.join("")}$`, "i");
});

export function isNotificationSubject(subject: string): boolean {
  const cleaned = cleanSubject(subject);
  return NOTIFICATION_SUBJECTS.some((re) => re.test(cleaned));
}

/**
 * A staff member answering a notification from a mail program that dropped In-Reply-To and
 * References: from an active staff address, with a notification's subject.
 */
export async function staffAnswersNotification(tx: Tx, from: string, subject: string): Promise<boolean> {
  if (!isNotificationSubject(subject)) return false;
  const user = await tx.user.findUnique({ where: { email: from.trim().toLowerCase() }, select: { active: true, role: true } });
  return user !== null && user.active && (user.role === "TECHNICIAN" || user.role === "ADMIN");
}

export function localeOfUser(value: string | null | undefined): Locale {
  return isLocale(value) ? value : getConfig().DEFAULT_LOCALE;
}

export type Delivery = "mail" | "digest" | "off";

/** How this person wants to hear about this event. No stored row: everything on, no digest. */
export async function deliveryFor(tx: Tx, userId: string, event: NotificationEvent): Promise<Delivery> {
  const prefs = await tx.staffNotificationPrefs.findUnique({ where: { userId } });
  if (prefs && !prefs[PREF_OF[event]]) return "off";
  return prefs?.dailyDigest ? "digest" : "mail";
}

/**
 * Tells these people about an event on a ticket, each as they chose: a mail now, a line in
 * tomorrow's digest, or nothing. `key` makes the mail idempotent (a job that runs twice, the
 * same message). Runs inside the caller's transaction, so the mail commits with the event.
 */
export async function notifyStaff(
  tx: Tx,
  input: { event: NotificationEvent; ticketId: string; userIds: string[]; key: string },
  now: Date,
): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  const people = await tx.user.findMany({ where: { id: { in: userIds }, active: true, role: { in: ["TECHNICIAN", "ADMIN"] } } });
  if (people.length === 0) return;
  const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: input.ticketId }, select: { reference: true, subject: true } });
  for (const person of people) {
    const how = await deliveryFor(tx, person.id, input.event);
    if (how === "off") continue;
    if (how === "digest") {
      await tx.staffNotification.create({ data: { userId: person.id, ticketId: input.ticketId, event: input.event, digest: true, createdAt: now } });
      continue;
    }
    const dedupeKey = `notify.${input.event}:${input.key}:${person.id}`;
    const mail = notificationEmail(localeOfUser(person.locale), input.event, ticket.reference, ticket.subject, input.ticketId);
    await enqueueMail(tx, { to: person.email, ticketId: input.ticketId, messageId: notificationMessageId(dedupeKey), ...mail });
    await tx.staffNotification.create({ data: { userId: person.id, ticketId: input.ticketId, event: input.event, sentAt: now, createdAt: now } });
  }
}

export function ticketPageUrl(ticketId: string): string {
  return `${getConfig().PUBLIC_URL}/queue/${ticketId}`;
}

function notificationEmail(locale: Locale, event: Exclude<NotificationEvent, "FOLLOWUP_DUE"> | NotificationEvent, reference: string, subject: string, ticketId: string) {
  const t = getT(locale);
  const k = KEY_OF[event];
  const url = ticketPageUrl(ticketId);
  const text = [
    t(`notify.body${k === "FollowUpDue" ? "Assigned" : k}`),
    "",
    `${reference}`,
    t("notify.subjectLine", { subject }),
    t("notify.open", { url }),
    "",
    "-- ",
    t("notify.footer", { url: `${getConfig().PUBLIC_URL}/profile` }),
  ].join("\n");
  return { subject: t(`notify.subject${k === "FollowUpDue" ? "Assigned" : k}`, { reference }), text };
}

/** Active staff of a team: who hears of a new unassigned ticket. */
export async function teamStaffIds(tx: Tx, teamId: string): Promise<string[]> {
  const members = await tx.teamMember.findMany({ where: { teamId, user: { active: true, role: { in: ["TECHNICIAN", "ADMIN"] } } }, select: { userId: true } });
  return members.map((m) => m.userId);
}
