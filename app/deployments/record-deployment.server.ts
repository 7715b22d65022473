import type { DeploymentIntegration } from "@prisma/client";
import { errorCode } from "../logging/logger.server";
import type { Db } from "../db.server";
import { FOLLOWUP_TARGETS, recordDeployedChange } from "../followups/schedule-follow-up.server";
import type { DeploymentEvent } from "./deployment-event";

export type DeploymentAnswer = { status: number; body: Record<string, unknown> };

/**
 * Schedules the follow-up check for every known ticket a deployment names, through the same
 * domain function as the ticket page's "deployed change" button. A delivery id is claimed
 * first (unique per integration), so the same delivery twice answers the first result and
 * schedules nothing more; a failed attempt releases its claim so the sender's retry works.
 */
export async function recordDeployment(db: Db, integration: DeploymentIntegration, event: DeploymentEvent, now = new Date()): Promise<DeploymentAnswer> {
  await db.deploymentIntegration.update({ where: { id: integration.id }, data: { lastUsedAt: now } });
  if (!event.success) {
    return { status: 200, body: { outcome: "ignored", reason: "not-successful", message: `Only a successful deployment schedules a follow-up; this one is "${event.state}".`, state: event.state, scheduled: [] } };
  }
  if (event.references.length === 0) {
    // A webhook fires for every deployment, most of them for no ticket: that is no error.
    if (event.source !== "minidesk") {
      return { status: 200, body: { outcome: "ignored", reason: "no-reference", message: "No ticket reference (MD-…) in this deployment.", scheduled: [] } };
    }
    return { status: 422, body: { error: "no-reference", message: "No ticket reference (MD-…) in references, text or commitMessage." } };
  }

  let claimId: string | null = null;
  if (event.deliveryId) {
    try {
      claimId = (await db.deploymentDelivery.create({ data: { integrationId: integration.id, deliveryId: event.deliveryId, status: 0, result: "{}" } })).id;
    } catch (err) {
      if (errorCode(err) !== "P2002") throw err;
      const earlier = await db.deploymentDelivery.findUniqueOrThrow({ where: { integrationId_deliveryId: { integrationId: integration.id, deliveryId: event.deliveryId } } });
      if (earlier.status === 0) return { status: 409, body: { error: "in-progress", message: "This delivery is being processed; retry shortly." } };
      return { status: earlier.status, body: { ...JSON.parse(earlier.result), repeated: true } };
    }
  }
  try {
    const answer = await schedule(db, integration, event, now);
    if (claimId) await db.deploymentDelivery.update({ where: { id: claimId }, data: { status: answer.status, result: JSON.stringify(answer.body) } });
    return answer;
  } catch (err) {
    if (claimId) await db.deploymentDelivery.delete({ where: { id: claimId } }).catch(() => {});
    throw err;
  }
}

async function schedule(db: Db, integration: DeploymentIntegration, event: DeploymentEvent, now: Date): Promise<DeploymentAnswer> {
  const named = await db.ticket.findMany({ where: { reference: { in: event.references } }, select: { id: true, reference: true, categorySlug: true, mergedIntoId: true } });
  // A duplicate merged away lives on in its target: the follow-up goes there (once per ticket).
  const targetIds = named.map((t) => t.mergedIntoId).filter((id): id is string => id !== null);
  const targets = targetIds.length ? await db.ticket.findMany({ where: { id: { in: targetIds } }, select: { id: true, reference: true, categorySlug: true } }) : [];
  const tickets = [...new Map(named.map((t) => targets.find((x) => x.id === t.mergedIntoId) ?? t).map((t) => [t.id, t])).values()];
  if (tickets.length === 0) {
    return { status: 404, body: { error: "no-known-reference", message: "No ticket reference (MD-…) in this deployment matches a ticket.", references: event.references } };
  }
  const what = [event.version && `version ${event.version}`, `deployed to ${event.environment}`].filter(Boolean).join(" ");
  const description = (event.description ? `${event.description} (${what})` : what[0]!.toUpperCase() + what.slice(1)).slice(0, 2000);
  const scheduled: { reference: string; followUpId: string; dueAt: string }[] = [];
  for (const ticket of tickets) {
    const categoryTarget = ticket.categorySlug.toUpperCase() as (typeof FOLLOWUP_TARGETS)[number];
    const followUp = await recordDeployedChange(db, {
      ticketId: ticket.id,
      actorUserId: integration.createdById ?? undefined,
      description,
      target: event.target ?? (FOLLOWUP_TARGETS.includes(categoryTarget) ? categoryTarget : "OTHER"),
      url: event.url ?? undefined,
    }, now);
    scheduled.push({ reference: ticket.reference, followUpId: followUp.id, dueAt: followUp.dueAt.toISOString() });
  }
  const known = new Set(named.map((t) => t.reference));
  return { status: 200, body: { outcome: "scheduled", scheduled, unknownReferences: event.references.filter((r) => !known.has(r)) } };
}
