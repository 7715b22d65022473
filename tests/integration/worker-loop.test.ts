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
});
