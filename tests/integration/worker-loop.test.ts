import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { getDb, disconnectDb } from "../../app/db.server";
import { getConfig } from "../../app/config.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { runWorkerOnce } from "../../app/jobs/run-worker.server";

const db = getDb();
afterAll(async () => disconnectDb());

describe("the worker pass (npm run worker -- --once)", () => {
  it("runs each period's maintenance once however often it is called", async () => {
    const at = new Date("2026-11-25T10:15:00Z");
    await runWorkerOnce(db, at);
    await runWorkerOnce(db, new Date("2026-11-25T10:45:00Z"));
    const jobs = await db.job.findMany({ where: { kind: "maintenance.hourly" } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.status).toBe("DONE");
    await runWorkerOnce(db, new Date("2026-11-25T11:05:00Z"));
    expect(await db.job.count({ where: { kind: "maintenance.hourly" } })).toBe(2);
  });

  it("destroys expired access details and delivers queued mail to the outbox folder", async () => {
    await ensureDefaults(db);
    const opened = await openTicket(db, {
      channel: "WEB", requester: { email: "ana@example.com", locale: "sl" }, subject: "Dostop", body: "Prosim za pomoč", accessDetails: "root / geslo123",
    });
    await db.ticket.update({ where: { id: opened.id }, data: { accessExpiresAt: new Date(Date.now() - 1000) } });
    await db.outboxMail.create({ data: { toAddress: "ana@example.com", subject: "x", textBody: "y", mailMessageId: "<t1@minidesk.localhost>" } });
    const counts = await runWorkerOnce(db, new Date());
    expect(counts.mailSent).toBe(1);
    const t = await db.ticket.findUniqueOrThrow({ where: { id: opened.id } });
    expect(t.accessCipher).toBeNull();
    expect(fs.readdirSync(getConfig().OUTBOX_DIR)).toHaveLength(1);
  });

  it("closes resolved tickets nobody answered, and purges closed ones past retention, on its own", async () => {
    await ensureDefaults(db);
    const now = new Date("2027-06-01T10:00:00Z");
    const resolved = await openTicket(db, { channel: "WEB", requester: { email: "r@example.com", locale: "en" }, subject: "Old", body: "x" }, new Date("2027-05-01T10:00:00Z"));
    await db.ticket.update({ where: { id: resolved.id }, data: { status: "RESOLVED", resolvedAt: new Date("2027-05-20T10:00:00Z") } });
    const ancient = await openTicket(db, { channel: "WEB", requester: { email: "r@example.com", locale: "en" }, subject: "Ancient", body: "y" }, new Date("2025-01-01T10:00:00Z"));
    await db.ticket.update({ where: { id: ancient.id }, data: { status: "CLOSED", closedAt: new Date("2025-02-01T10:00:00Z") } });
    await runWorkerOnce(db, now);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: resolved.id } })).status).toBe("CLOSED");
    expect(await db.ticket.findUnique({ where: { id: ancient.id } })).toBeNull();
    expect(await db.ticketStat.count()).toBe(1);
  });
});
