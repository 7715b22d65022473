import type { Db } from "../db.server";
import { hashToken } from "../auth/tokens.server";
import { FOLLOWUP_TOKEN_PURPOSES } from "./follow-up-jobs.server";
import { loadRedactionPolicy, recordFindings, redactText, type UnredactedText } from "../tickets/redact-for-storage.server";

/**
 * The client's answer through a follow-up link, and the technician's own verdict.
 * The route must show a confirmation page on GET and call answerFollowUpLink only on POST:
 * mail scanners open links, and a GET that acted would answer for the client.
 */
export type LinkRefusal = "INVALID" | "USED" | "EXPIRED";
export type ClientOutcome = "WORKS" | "PROBLEM";

export type LinkState =
  | { ok: true; followUpId: string; ticketId: string; outcome: ClientOutcome }
  | { ok: false; reason: LinkRefusal };

const PURPOSES = [FOLLOWUP_TOKEN_PURPOSES.works, FOLLOWUP_TOKEN_PURPOSES.broken];
const MAX_COMMENT = 5000;

async function findToken(db: Pick<Db, "accessToken">, token: string) {
  // Not a token we could have issued: no database lookup needed.
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || !row.subjectId || !row.ticketId || !(PURPOSES as string[]).includes(row.purpose)) return null;
  return row;
}

function stateOf(row: NonNullable<Awaited<ReturnType<typeof findToken>>> | null, now: Date): LinkState {
  if (!row) return { ok: false, reason: "INVALID" };
  if (row.usedAt) return { ok: false, reason: "USED" };
  if (row.expiresAt <= now) return { ok: false, reason: "EXPIRED" };
  return {
    ok: true,
    followUpId: row.subjectId!,
    ticketId: row.ticketId!,
    outcome: row.purpose === FOLLOWUP_TOKEN_PURPOSES.works ? "WORKS" : "PROBLEM",
  };
}

/** What a link would do, without using it (for the confirmation page). */
export async function inspectFollowUpLink(db: Db, token: string, now: Date): Promise<LinkState> {
  return stateOf(await findToken(db, token), now);
}

/**
 * Uses a link once. WORKS closes the follow-up; BROKEN records the problem, reopens the
 * ticket and adds the client's comment, redacted here like every other way in, as an
 * inbound message. Every follow-up link of the follow-up is spent, so the other button and the
 * reminder's links stop working too.
 */
export async function answerFollowUpLink(db: Db, token: string, answer: { comment?: UnredactedText }, now: Date): Promise<LinkState> {
  const row = await findToken(db, token);
  const raw = answer.comment?.trim().slice(0, MAX_COMMENT);
  const comment = raw ? redactText(raw, await loadRedactionPolicy(db)) : undefined;
  const state = stateOf(row, now);
  if (!state.ok || !row) return state;
  return db.$transaction(async (tx): Promise<LinkState> => {
    // The conditional update is the single-use guard: of two simultaneous clicks, one wins.
    const spent = await tx.accessToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count === 0) return { ok: false, reason: "USED" };
    await tx.accessToken.updateMany({
      where: { subjectId: state.followUpId, purpose: { in: PURPOSES }, usedAt: null },
      data: { usedAt: now },
    });
    await tx.followUp.update({
      where: { id: state.followUpId },
      data: { clientOutcome: state.outcome, status: "DONE", resolvedAt: now },
    });
    if (state.outcome === "PROBLEM") {
      await tx.ticket.update({ where: { id: state.ticketId }, data: { status: "OPEN", lastClientAt: now, resolvedAt: null } });
      if (comment) {
        const message = await tx.message.create({
          data: {
            ticketId: state.ticketId, kind: "REPLY", direction: "IN", body: comment.text, createdAt: now,
            redactionReport: JSON.stringify({ counts: comment.counts }),
          },
        });
        await recordFindings(tx, now, { ticketId: state.ticketId, messageId: message.id, source: "TEXT" }, comment.findings);
      }
    }
    await tx.auditEvent.create({
      data: {
        ticketId: state.ticketId,
        actorKind: "CLIENT",
        action: "followup.answered",
        details: JSON.stringify({ followUpId: state.followUpId, outcome: state.outcome }),
        createdAt: now,
      },
    });
    return state;
  });
}

/**
 * The technician's verdict, from a call with the client or their own check. It closes the
 * follow-up (pending reminders then find nothing to do); PROBLEM also reopens the ticket.
 */
export async function recordTechnicianOutcome(
  db: Db,
  followUpId: string,
  actor: { userId: string },
  outcome: "OK" | "PROBLEM",
  now: Date = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    const f = await tx.followUp.update({
      where: { id: followUpId },
      data: { techOutcome: outcome, status: "DONE", resolvedAt: now },
    });
    if (outcome === "PROBLEM") {
      await tx.ticket.update({ where: { id: f.ticketId }, data: { status: "OPEN", resolvedAt: null } });
    }
    await tx.auditEvent.create({
      data: {
        ticketId: f.ticketId,
        actorUserId: actor.userId,
        action: "followup.technician_outcome",
        details: JSON.stringify({ followUpId, outcome }),
        createdAt: now,
      },
    });
  });
}
