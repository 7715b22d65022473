import { z } from "zod";
import type { FollowUp } from "@prisma/client";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { enqueueJob } from "../jobs/queue.server";
import { loadRedactionPolicy, redactText } from "../tickets/redact-for-storage.server";
import { addBusinessDays, type BusinessCalendar } from "./business-days";
import { slovenianHolidayDates } from "./slovenian-holidays";

/**
 * After a technician deploys a change, Minidesk asks the client a few business days later
 * whether it works. The schedule is a row in FollowUp plus jobs in the job queue, so it
 * survives restarts; each step is its own job (due → reminder → missed).
 */
export const FOLLOWUP_JOBS = {
  due: "followup.due",
  reminder: "followup.reminder",
  missed: "followup.missed",
} as const;

export const FOLLOWUP_TARGETS = ["WEB", "CRM", "HOSTING", "OTHER"] as const;

/** The company's calendar: its time zone and the Slovenian work-free days. */
export function companyCalendar(): BusinessCalendar {
  return { timeZone: getConfig().TIMEZONE, holidays: slovenianHolidayDates };
}

const DeployedChange = z.object({
  ticketId: z.string().min(1),
  /** Absent when a deployment integration whose creator is gone reports the change. */
  actorUserId: z.string().min(1).optional(),
  /** Redacted here before it is stored or emailed, like every other text. */
  description: z.string().trim().min(1).max(2000),
  target: z.enum(FOLLOWUP_TARGETS),
  url: z
    .string()
    .url()
    .max(500)
    .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) address")
    .optional(),
  deployedAt: z.date().optional(),
  dueAt: z.date().optional(),
});
export type DeployedChange = z.input<typeof DeployedChange>;

/**
 * Records a deployed change and schedules its follow-up: due FOLLOWUP_BUSINESS_DAYS
 * business days after deployment at the same local time, unless the technician chose
 * `dueAt`. The FollowUp, its job and the audit event are written in one transaction.
 */
export async function recordDeployedChange(db: Db, input: DeployedChange, now: Date): Promise<FollowUp> {
  const parsed = DeployedChange.parse(input);
  const policy = await loadRedactionPolicy(db);
  // A URL can carry personal data too (?email=..., https://user:pass@host).
  const change = {
    ...parsed,
    description: redactText(parsed.description, policy).text,
    url: parsed.url ? redactText(parsed.url, policy).text : undefined,
  };
  const deployedAt = change.deployedAt ?? now;
  const dueAt = change.dueAt ?? addBusinessDays(deployedAt, getConfig().FOLLOWUP_BUSINESS_DAYS, companyCalendar());
  return db.$transaction(async (tx) => {
    const followUp = await tx.followUp.create({
      data: {
        ticketId: change.ticketId,
        createdById: change.actorUserId,
        description: change.description,
        target: change.target,
        url: change.url,
        deployedAt,
        dueAt,
      },
    });
    await enqueueJob(tx, {
      kind: FOLLOWUP_JOBS.due,
      payload: { followUpId: followUp.id },
      runAt: dueAt,
      dedupeKey: `${FOLLOWUP_JOBS.due}:${followUp.id}`,
    });
    await tx.auditEvent.create({
      data: {
        ticketId: change.ticketId,
        actorUserId: change.actorUserId,
        actorKind: change.actorUserId ? "USER" : "SYSTEM",
        action: "followup.scheduled",
        // Identifiers and dates only: the description stays on the FollowUp row.
        details: JSON.stringify({ followUpId: followUp.id, target: change.target, dueAt: dueAt.toISOString() }),
        createdAt: now,
      },
    });
    return followUp;
  });
}
