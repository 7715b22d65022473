import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { getDb, disconnectDb } from "../../app/db.server";
import { getConfig } from "../../app/config.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addStaffReply } from "../../app/tickets/replies.server";
import { issueTicketLink } from "../../app/tickets/ticket-links.server";
import { deliverOutbox, enqueueMail } from "../../app/mail/outbound/outbox.server";
import { getAttachmentStore } from "../../app/storage/attachment-store.server";
import { runRetention } from "../../app/retention/purge.server";
import { RETENTION_SETTING, RetentionPolicyError } from "../../app/retention/policy.server";
import { clearLegalHold, LegalHoldError, setLegalHold } from "../../app/retention/legal-hold.server";

const db = getDb();
const DAY = 864e5;
const now = new Date();
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
let tech: { id: string };

beforeAll(async () => {
  await ensureDefaults(db);
  tech = await db.user.create({ data: { email: "tehnik@firma.si", name: "Tehnik", role: "ADMIN" } });
});
afterAll(async () => disconnectDb());

/** Each test starts with no tickets, mail, files or leftovers of the one before. */
beforeEach(async () => {
  for (const t of ["RedactionFinding", "Attachment", "Message", "FollowUp", "AccessToken", "AuditEvent", "Ticket", "Requester", "Job",
    "OutboxMail", "QuarantinedMail", "Session", "RateLimit", "TicketStat", "DataSubjectRequest", "Setting"]) {
    await db.$executeRawUnsafe(`DELETE FROM "${t}"`);
  }
  await db.category.updateMany({ data: { retentionDays: null } });
  fs.rmSync(getConfig().STORAGE_DIR, { recursive: true, force: true });
  fs.rmSync(getConfig().OUTBOX_DIR, { recursive: true, force: true });
});

let seq = 0;
/** A ticket closed `closedDaysAgo` days ago, with `files` stored text attachments. */
async function closedTicket(opts: { closedDaysAgo: number | null; category?: string; files?: number; email?: string }) {
  seq++;
  const opened = await openTicket(
    db,
    {
      channel: "WEB",
      requester: { email: opts.email ?? `client${seq}@example.com`, name: `Client ${seq}`, locale: "en" },
      subject: `Printer ${seq} broken`,
      body: `The printer ${seq} prints blank pages`,
      categorySlug: opts.category ?? "other",
      files: Array.from({ length: opts.files ?? 0 }, (_, i) => ({ fileName: `log-${i}.txt`, declaredType: "text/plain", bytes: Buffer.from(`error ${seq}/${i}\n`) })),
    },
    daysAgo((opts.closedDaysAgo ?? 0) + 10),
  );
  if (opts.closedDaysAgo !== null) {
    await db.ticket.update({ where: { id: opened.id }, data: { status: "CLOSED", closedAt: daysAgo(opts.closedDaysAgo), resolvedAt: daysAgo(opts.closedDaysAgo + 1) } });
  }
  return opened;
}

async function filesOf(ticketId: string) {
  const rows = await db.attachment.findMany({ where: { ticketId }, select: { storageKey: true } });
  return rows.map((r) => r.storageKey).filter((k): k is string => !!k).map((k) => path.join(getConfig().STORAGE_DIR, k));
}

/** Every file under STORAGE_DIR, as keys. */
function storageKeys(): string[] {
  const root = getConfig().STORAGE_DIR;
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => `${d}/${f}`)).sort();
}

async function referencedKeys(): Promise<string[]> {
  return (await db.attachment.findMany({ where: { storageKey: { not: null } }, select: { storageKey: true } })).map((r) => r.storageKey!).sort();
}

async function ticketTraces(ticketId: string) {
  const [ticket, messages, attachments, findings, tokens, followUps, audit, search] = await Promise.all([
    db.ticket.count({ where: { id: ticketId } }),
    db.message.count({ where: { ticketId } }),
    db.attachment.count({ where: { ticketId } }),
    db.redactionFinding.count({ where: { ticketId } }),
    db.accessToken.count({ where: { ticketId } }),
    db.followUp.count({ where: { ticketId } }),
    db.auditEvent.count({ where: { ticketId } }),
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "SearchIndex" WHERE "ticket_id" = ${ticketId}`,
  ]);
  return { ticket, messages, attachments, findings, tokens, followUps, audit, search: Number(search[0]!.n) };
}

describe("retention purge", () => {
  it("deletes closed tickets past their limit with everything that hangs on them, and leaves one anonymous count", async () => {
    const old = await closedTicket({ closedDaysAgo: 400, files: 2 });
    const webShort = await closedTicket({ closedDaysAgo: 90, category: "web", files: 1 });
    const oldHoldEnded = await closedTicket({ closedDaysAgo: 400 });
    const recent = await closedTicket({ closedDaysAgo: 100, files: 1 });
    const fresh = await closedTicket({ closedDaysAgo: 10, files: 1 });
    const held = await closedTicket({ closedDaysAgo: 400, files: 1 });
    const stillOpen = await closedTicket({ closedDaysAgo: null, files: 1 });
    await db.ticket.update({ where: { id: stillOpen.id }, data: { createdAt: daysAgo(800) } });
    await db.category.update({ where: { slug: "web" }, data: { retentionDays: 60 } });
    await setLegalHold(db, held.id, tech, { until: new Date(now.getTime() + 30 * DAY), reason: "Dispute, call 041 123 456" });
    await db.ticket.update({ where: { id: oldHoldEnded.id }, data: { legalHoldUntil: daysAgo(1), legalHoldReason: "ended" } });

    // What hangs on the old ticket: a staff reply, a link, a follow-up and the jobs that name them.
    await addStaffReply(db, old.id, { id: tech.id, name: "Tehnik" } as never, { body: "We replaced the toner.", note: false });
    await issueTicketLink(db, old.id);
    const followUp = await db.followUp.create({
      data: { ticketId: old.id, description: "Check printing", target: "OTHER", deployedAt: daysAgo(500), dueAt: daysAgo(498) },
    });
    await db.job.create({ data: { kind: "followup.due", payload: JSON.stringify({ followUpId: followUp.id }), runAt: daysAgo(498), status: "DONE" } });
    await db.job.create({ data: { kind: "ticket.something", payload: JSON.stringify({ ticketId: old.id }), runAt: now } });
    const otherJob = await db.job.create({ data: { kind: "ticket.something", payload: JSON.stringify({ ticketId: fresh.id }), runAt: now } });
    const oldFiles = await filesOf(old.id);
    const webFiles = await filesOf(webShort.id);
    const recentFiles = await filesOf(recent.id);
    const keptFiles = [...(await filesOf(fresh.id)), ...(await filesOf(held.id)), ...(await filesOf(stillOpen.id))];
    expect(oldFiles).toHaveLength(2);
    for (const f of [...oldFiles, ...webFiles, ...recentFiles, ...keptFiles]) expect(fs.existsSync(f)).toBe(true);
    expect((await ticketTraces(old.id)).search).toBeGreaterThan(0);

    const report = await runRetention(db, now);

    expect(report.counts.tickets).toBe(3);
    expect(report.counts.ticketFiles).toBe(3);
    expect(report.counts.attachments).toBe(1); // the recent ticket's file, early
    for (const t of [old, webShort, oldHoldEnded]) {
      expect(await ticketTraces(t.id)).toEqual({ ticket: 0, messages: 0, attachments: 0, findings: 0, tokens: 0, followUps: 0, audit: 0, search: 0 });
    }
    for (const f of [...oldFiles, ...webFiles, ...recentFiles]) expect(fs.existsSync(f)).toBe(false);
    for (const f of keptFiles) expect(fs.existsSync(f)).toBe(true);
    expect(await db.job.findMany({ select: { id: true } })).toEqual([{ id: otherJob.id }]);
    // The recent ticket stays, its attachment row says the file was purged.
    const recentRow = await db.ticket.findUniqueOrThrow({ where: { id: recent.id }, include: { attachments: true } });
    expect(recentRow.attachmentsPurgedAt).not.toBeNull();
    expect(recentRow.attachments.map((a) => [a.status, a.storageKey])).toEqual([["PURGED", null]]);
    expect(recentRow.attachments[0]!.fileName).toBe("log-0.txt");
    // Legal hold keeps ticket and files; the open ticket is never touched, however old.
    for (const t of [fresh, held, stillOpen]) expect((await ticketTraces(t.id)).ticket).toBe(1);
    expect((await db.attachment.findMany({ where: { ticketId: held.id } }))[0]!.status).toBe("STORED");

    const stats = await db.ticketStat.findMany({ orderBy: { category: "asc" } });
    expect(stats).toHaveLength(3);
    const oldStat = stats.find((s) => s.messageCount === 2)!;
    expect(oldStat).toMatchObject({
      category: "other", channel: "WEB", teamSlug: "it", attachmentCount: 2,
      openedMonth: daysAgo(410).toISOString().slice(0, 7), closedMonth: daysAgo(400).toISOString().slice(0, 7), purgedMonth: now.toISOString().slice(0, 7),
    });
    expect(stats.find((s) => s.category === "web")).toMatchObject({ teamSlug: "web", messageCount: 1, attachmentCount: 1 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "retention.purged" } });
    expect(JSON.parse(audit.details)).toMatchObject({ tickets: 3, ticketFiles: 3, attachments: 1 });
    expect(audit.details).not.toMatch(/client\d|Printer|@/);

    // Once the hold is released, the next run takes the held ticket too.
    await clearLegalHold(db, held.id, tech);
    const second = await runRetention(db, now);
    expect(second.counts.tickets).toBe(1);
    expect((await ticketTraces(held.id)).ticket).toBe(0);
  });

  it("records who set a legal hold and why, with personal data removed from the reason", async () => {
    const t = await closedTicket({ closedDaysAgo: 5 });
    await setLegalHold(db, t.id, tech, { until: new Date(now.getTime() + DAY), reason: "Court case, lawyer at ana@odvetnik.si" });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.legalHoldById).toBe(tech.id);
    expect(row.legalHoldReason).toContain("Court case");
    expect(row.legalHoldReason).not.toContain("ana@odvetnik.si");
    const ev = await db.auditEvent.findFirstOrThrow({ where: { action: "retention.hold_set", ticketId: t.id } });
    expect(ev.actorUserId).toBe(tech.id);
    expect(ev.details).not.toContain("odvetnik");
    await expect(setLegalHold(db, t.id, tech, { until: daysAgo(1), reason: "x" })).rejects.toBeInstanceOf(LegalHoldError);
  });

  it("honours every other limit: mail and its files, quarantine, sessions, links, rate limits, audit, orphan files", async () => {
    const t = await closedTicket({ closedDaysAgo: 1, files: 1 });
    const oldMail = await enqueueMail(db, { to: "a@example.com", subject: "old", text: "old mail" });
    const newMail = await enqueueMail(db, { to: "b@example.com", subject: "new", text: "new mail" });
    const stuck = await enqueueMail(db, { to: "c@example.com", subject: "queued", text: "still queued" });
    await db.outboxMail.update({ where: { id: stuck.id }, data: { nextAttemptAt: new Date(now.getTime() + DAY) } });
    await deliverOutbox(db, new Date());
    const outboxDir = getConfig().OUTBOX_DIR;
    const fileOf = (id: string) => fs.readdirSync(outboxDir).find((f) => f.endsWith(`-${id}.eml`));
    expect(fileOf(oldMail.id)).toBeDefined();
    await db.outboxMail.update({ where: { id: oldMail.id }, data: { createdAt: daysAgo(40) } });
    await db.outboxMail.update({ where: { id: stuck.id }, data: { createdAt: daysAgo(40) } });
    // A copy whose row is long gone still goes by its age.
    const strayEml = path.join(outboxDir, "2020-01-01T00-00-00-000Z-cstray0000000000000000000.eml");
    fs.writeFileSync(strayEml, "To: someone\n");
    fs.utimesSync(strayEml, daysAgo(40), daysAgo(40));

    await db.quarantinedMail.createMany({ data: [{ reason: "LOOP", excerpt: "x", receivedAt: daysAgo(20) }, { reason: "LOOP", excerpt: "y", receivedAt: daysAgo(2) }] });
    await db.session.createMany({ data: [{ id: "expired-session", userId: tech.id, expiresAt: daysAgo(1) }, { id: "live-session", userId: tech.id, expiresAt: new Date(now.getTime() + DAY) }] });
    await db.accessToken.createMany({
      data: [
        { tokenHash: "h-expired", purpose: "TICKET_LINK", ticketId: t.id, expiresAt: daysAgo(1) },
        { tokenHash: "h-used", purpose: "DSR_CONFIRM", expiresAt: new Date(now.getTime() + DAY), usedAt: daysAgo(10) },
        { tokenHash: "h-just-used", purpose: "DSR_CONFIRM", expiresAt: new Date(now.getTime() + DAY), usedAt: daysAgo(1) },
        { tokenHash: "h-live", purpose: "TICKET_LINK", ticketId: t.id, expiresAt: new Date(now.getTime() + DAY) },
      ],
    });
    await db.rateLimit.createMany({ data: [{ key: "old", windowStart: daysAgo(2), count: 3 }, { key: "current", windowStart: now, count: 1 }] });
    await db.auditEvent.createMany({ data: [{ action: "test.ancient", createdAt: daysAgo(800) }, { action: "test.recent", createdAt: daysAgo(700) }] });

    // Orphans: a file no row names (old), one just written (an upload in flight), a stale partial write.
    const store = getAttachmentStore();
    const root = getConfig().STORAGE_DIR;
    const orphan = await store.put(Buffer.from("orphan"), "txt");
    const inflight = await store.put(Buffer.from("in flight"), "txt");
    const partial = path.join(root, "ab", `${"c".repeat(32)}.png.partial`);
    fs.mkdirSync(path.dirname(partial), { recursive: true });
    fs.writeFileSync(partial, "half");
    for (const f of [path.join(root, orphan), partial]) fs.utimesSync(f, daysAgo(1), daysAgo(1));
    const referenced = (await filesOf(t.id))[0]!;
    fs.utimesSync(referenced, daysAgo(1), daysAgo(1));

    const report = await runRetention(db, now);

    expect(report.counts).toMatchObject({ outbox: 1, quarantine: 1, sessions: 1, tokens: 2, rateLimits: 1, audit: 1, orphanFiles: 2 });
    expect(report.counts.outboxFiles).toBe(2);
    expect((await db.outboxMail.findMany({ orderBy: { subject: "asc" } })).map((m) => m.subject)).toEqual(["new", "queued"]);
    expect(fileOf(oldMail.id)).toBeUndefined();
    expect(fileOf(newMail.id)).toBeDefined();
    expect(fs.existsSync(strayEml)).toBe(false);
    expect((await db.quarantinedMail.findMany()).map((q) => q.excerpt)).toEqual(["y"]);
    expect((await db.session.findMany()).map((s) => s.id)).toEqual(["live-session"]);
    expect((await db.accessToken.findMany({ where: { tokenHash: { startsWith: "h-" } } })).map((x) => x.tokenHash).sort()).toEqual(["h-just-used", "h-live"]);
    expect((await db.rateLimit.findMany()).map((r) => r.key)).toEqual(["current"]);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "test." } } })).toBe(1);
    expect(fs.existsSync(path.join(root, orphan))).toBe(false);
    expect(fs.existsSync(partial)).toBe(false);
    expect(fs.existsSync(path.join(root, inflight))).toBe(true);
    expect(fs.existsSync(referenced)).toBe(true);
  });

  it("takes its limits from the retention setting, and refuses to run on a broken one", async () => {
    const t = await closedTicket({ closedDaysAgo: 40 });
    await db.setting.create({ data: { key: RETENTION_SETTING, value: JSON.stringify({ closedTicketDays: 3650 }) } });
    expect((await runRetention(db, now)).counts.tickets).toBe(0);
    await db.setting.update({ where: { key: RETENTION_SETTING }, data: { value: JSON.stringify({ closedTicketDays: "soon" }) } });
    await expect(runRetention(db, now)).rejects.toBeInstanceOf(RetentionPolicyError);
    expect((await ticketTraces(t.id)).ticket).toBe(1);
    await db.setting.update({ where: { key: RETENTION_SETTING }, data: { value: JSON.stringify({ closedTicketDays: 30 }) } });
    expect((await runRetention(db, now)).counts.tickets).toBe(1);
    expect((await ticketTraces(t.id)).ticket).toBe(0);
  });

  it("a dry run reports counts and oldest dates and changes nothing", async () => {
    const a = await closedTicket({ closedDaysAgo: 500, files: 1 });
    await closedTicket({ closedDaysAgo: 400 });
    await closedTicket({ closedDaysAgo: 50, files: 2 });
    await db.session.create({ data: { id: "expired", userId: tech.id, expiresAt: daysAgo(3) } });
    const snapshot = async () => ({
      tickets: await db.ticket.count(), attachments: await db.attachment.findMany({ orderBy: { id: "asc" } }),
      messages: await db.message.count(), sessions: await db.session.count(), stats: await db.ticketStat.count(),
      audit: await db.auditEvent.count(), files: storageKeys(),
    });
    const before = await snapshot();

    const report = await runRetention(db, now, { dryRun: true });

    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({ tickets: 2, ticketFiles: 1, attachments: 2, sessions: 1 });
    expect(report.oldest.tickets?.toISOString()).toBe((await db.ticket.findUniqueOrThrow({ where: { id: a.id } })).closedAt!.toISOString());
    expect(report.oldest.sessions?.toISOString()).toBe(daysAgo(3).toISOString());
    expect(await snapshot()).toEqual(before);
  });

  it("a purge killed between batches or in the middle of one is finished by the next run, with no orphan file and no half-deleted ticket", async () => {
    const due: Awaited<ReturnType<typeof closedTicket>>[] = [];
    for (let i = 0; i < 5; i++) due.push(await closedTicket({ closedDaysAgo: 400 + i, files: 2 }));
    const keep = await closedTicket({ closedDaysAgo: 3, files: 1 });
    const dueFiles = (await Promise.all(due.map((t) => filesOf(t.id)))).flat();
    expect(dueFiles).toHaveLength(10);

    // Killed after the first batch (2 tickets) committed.
    await expect(
      runRetention(db, now, { batchSize: 2, hooks: { betweenBatches: () => { throw new Error("killed"); } } }),
    ).rejects.toThrow("killed");
    const alive = async () => (await Promise.all(due.map((t) => ticketTraces(t.id)))).filter((x) => x.ticket === 1);
    let left = await alive();
    expect(left).toHaveLength(3);
    // The survivors are whole: every row and every file still there.
    for (const t of left) expect(t).toMatchObject({ messages: 1, attachments: 2, audit: 1 });
    expect(dueFiles.filter((f) => fs.existsSync(f))).toHaveLength(6);

    // Killed inside a batch: marked, one file deleted, rows not yet.
    let deleted = 0;
    await expect(
      runRetention(db, now, { batchSize: 2, hooks: { afterFileDeleted: () => { if (++deleted === 1) throw new Error("killed"); } } }),
    ).rejects.toThrow("killed");
    expect(await db.ticket.count({ where: { purgeStartedAt: { not: null } } })).toBe(2);
    expect(dueFiles.filter((f) => fs.existsSync(f))).toHaveLength(5);

    const report = await runRetention(db, now, { batchSize: 2 });
    expect(report.counts.tickets).toBe(3);
    left = await alive();
    expect(left).toHaveLength(0);
    expect(await db.ticket.count({ where: { purgeStartedAt: { not: null } } })).toBe(0);
    expect(dueFiles.filter((f) => fs.existsSync(f))).toHaveLength(0);
    expect(await db.ticketStat.count()).toBe(5); // one per ticket, none twice
    expect(storageKeys()).toEqual(await referencedKeys());
    expect((await filesOf(keep.id)).every((f) => fs.existsSync(f))).toBe(true);
  });
});
