import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../app/db.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import type { StaffUser } from "../../app/auth/guards.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addClientReply, addStaffReply } from "../../app/tickets/replies.server";
import { changeStatus, mergeTickets } from "../../app/tickets/ticket-actions.server";
import { finishTicketByClient } from "../../app/portal/client-ticket.server";
import { recordTechnicianOutcome } from "../../app/followups/follow-up-answers.server";
import { outboxKickSettled } from "../../app/mail/outbound/outbox.server";

/**
 * The reports read the time to first response and to resolution from two stored columns that
 * database triggers keep (migration ticket_durations), not from the dates. This walks one ticket
 * through the app's own paths and checks after each step that the stored milliseconds equal the
 * dates' difference worked out here, and are NULL whenever the date is. Runs on SQLite and, in
 * the integration-postgres project, on PostgreSQL.
 */
const db = getDb();
// Replies and new tickets kick mail delivery in the background: let it end before the database goes.
afterAll(async () => {
  await outboxKickSettled();
  await disconnectDb();
});

let tech: StaffUser;
beforeAll(async () => {
  await ensureDefaults(db);
  const me = await db.user.create({ data: { email: "durations@firma.si", name: "Tech", role: "ADMIN" } });
  tech = { id: me.id, email: me.email, name: me.name, role: "ADMIN", teamIds: [] };
});

const T0 = Date.parse("2026-03-02T08:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The columns are left out of the Prisma client (@ignore): read them as the reports do. */
async function stored(id: string) {
  const [row] = await db.$queryRaw<{ firstResponseMs: bigint | number | null; resolutionMs: bigint | number | null }[]>`
    SELECT "firstResponseMs", "resolutionMs" FROM "Ticket" WHERE "id" = ${id}`;
  const n = (v: bigint | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { firstResponseMs: n(row?.firstResponseMs), resolutionMs: n(row?.resolutionMs) };
}

/** What the durations must be, from the ticket's dates as the app sees them. */
async function expected(id: string) {
  const t = await db.ticket.findUniqueOrThrow({ where: { id }, select: { createdAt: true, firstResponseAt: true, resolvedAt: true } });
  const since = (d: Date | null) => (d === null ? null : d.getTime() - t.createdAt.getTime());
  return { firstResponseMs: since(t.firstResponseAt), resolutionMs: since(t.resolvedAt) };
}

async function expectDurations(id: string, want: { firstResponseMs: number | null; resolutionMs: number | null }) {
  expect(await expected(id)).toEqual(want); // the app paths set the dates this test expects
  expect(await stored(id)).toEqual(want);
}

async function open(subject: string, ms = 0) {
  return openTicket(db, { channel: "WEB", requester: { email: "durations@example.com", locale: "en" }, subject, body: "It does not work." }, at(ms));
}

describe("stored response and resolution durations", () => {
  it("follow replies, resolve, reopen and close through the app's paths", async () => {
    const t = await open("Printer offline");
    await expectDurations(t.id, { firstResponseMs: null, resolutionMs: null });

    // An internal note is not a response; the first public reply is, and a later one changes nothing.
    await addStaffReply(db, t.id, tech, { body: "Checking the logs.", note: true }, at(10 * MIN));
    await expectDurations(t.id, { firstResponseMs: null, resolutionMs: null });
    await addStaffReply(db, t.id, tech, { body: "We are on it.", note: false }, at(90 * MIN + 123));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: null });
    await addStaffReply(db, t.id, tech, { body: "Still on it.", note: false }, at(5 * HOUR));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: null });

    await changeStatus(db, tech, t.id, "RESOLVED", at(2 * DAY + 7));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: 2 * DAY + 7 });

    // A client's answer reopens the ticket: it is no longer resolved, so no resolution time.
    await addClientReply(db, t.id, { body: "Still broken.", via: "EMAIL" }, at(3 * DAY));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: null });

    // Closing an unresolved ticket resolves it at the same moment; 40 days overflow a 32-bit integer of ms.
    await changeStatus(db, tech, t.id, "CLOSED", at(40 * DAY + 1));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: 40 * DAY + 1 });

    await changeStatus(db, tech, t.id, "OPEN", at(41 * DAY));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: null });

    // The client resolves it from the portal, then a follow-up check finds a problem and reopens it.
    await finishTicketByClient(db, t.id, "WORKS", at(42 * DAY));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: 42 * DAY });
    const check = await db.followUp.create({
      data: { ticketId: t.id, description: "check", target: "WEB", deployedAt: at(42 * DAY), dueAt: at(45 * DAY) },
    });
    await recordTechnicianOutcome(db, check.id, { userId: tech.id }, "PROBLEM", at(45 * DAY));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: null });

    // Closing a resolved ticket keeps the resolution time it had.
    await changeStatus(db, tech, t.id, "RESOLVED", at(46 * DAY));
    await changeStatus(db, tech, t.id, "CLOSED", at(47 * DAY));
    await expectDurations(t.id, { firstResponseMs: 90 * MIN + 123, resolutionMs: 46 * DAY });
  });

  it("a merged duplicate, a client's close and a changed opening time", async () => {
    const target = await open("Mail down", 0);
    const duplicate = await open("Mail down again", HOUR);
    const { reference } = await db.ticket.findUniqueOrThrow({ where: { id: target.id }, select: { reference: true } });
    await mergeTickets(db, tech, duplicate.id, reference, at(3 * HOUR));
    await expectDurations(duplicate.id, { firstResponseMs: null, resolutionMs: 2 * HOUR });

    const closed = await open("Password reset");
    await finishTicketByClient(db, closed.id, "CLOSE", at(30 * MIN));
    await expectDurations(closed.id, { firstResponseMs: null, resolutionMs: 30 * MIN });

    // Nothing in the app moves createdAt, but the durations are measured from it: they follow.
    await addStaffReply(db, closed.id, tech, { body: "Done.", note: false }, at(20 * MIN));
    await db.ticket.update({ where: { id: closed.id }, data: { createdAt: at(-HOUR) } });
    await expectDurations(closed.id, { firstResponseMs: 80 * MIN, resolutionMs: 90 * MIN });
  });

  it("a write to the stored durations themselves is put right again", async () => {
    const t = await open("VPN");
    await addStaffReply(db, t.id, tech, { body: "Try again now.", note: false }, at(15 * MIN));
    await db.$executeRaw`UPDATE "Ticket" SET "firstResponseMs" = 1, "resolutionMs" = 2 WHERE "id" = ${t.id}`;
    await expectDurations(t.id, { firstResponseMs: 15 * MIN, resolutionMs: null });
  });
});
