import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getDb, disconnectDb } from "../../app/db.server";
import { getConfig } from "../../app/config.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addStaffReply } from "../../app/tickets/replies.server";
import { deliverOutbox } from "../../app/mail/outbound/outbox.server";
import { purgeTicketBatch, runRetention } from "../../app/retention/purge.server";
import { clearDeletedBytes } from "../../app/retention/clear-deleted-bytes.server";
import Database from "better-sqlite3";
import { LeakSearch, needlesOf } from "../leaks/leak-search";
import type { Canary } from "../leaks/canaries";

/**
 * A retention purge deletes a ticket from the files, not only from the tables: after it, no
 * byte of the ticket's text is in the SQLite file, its WAL, its shared-memory file or anywhere
 * under DATA_DIR (attachments, outbox copies). Searched on the raw bytes, in every encoding the
 * leak suite knows (tests/leaks/leak-search.ts).
 */
const db = getDb();
const DAY = 864e5;
const now = new Date();
let tech: { id: string };

beforeAll(async () => {
  await ensureDefaults(db);
  tech = await db.user.create({ data: { email: "tehnik.purge@firma.si", name: "Tehnik", role: "ADMIN" } });
});
afterAll(async () => disconnectDb());

const unique = (label: string) => `${label}${crypto.randomBytes(6).toString("hex")}`;
const canary = (id: string, text: string): Canary => ({ id, way: "purge", type: "TEXT", text, needles: [text] });

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every canary found in the database's files and the data folder, with where. */
function onDisk(canaries: Canary[]): { id: string; where: string }[] {
  const search = new LeakSearch(needlesOf(canaries));
  const dbFile = getConfig().DATABASE_URL.slice("file:".length);
  const places = new Set([dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`, ...files(getConfig().DATA_DIR)]);
  return [...places].filter((f) => fs.existsSync(f)).flatMap((f) => search.search(fs.readFileSync(f), path.basename(f)).map((h) => ({ id: h.canaryId, where: h.where })));
}

/**
 * Delivers the queued mail and waits for a delivery a background kick started: a mail still
 * being written when its ticket is purged would land in OUTBOX_DIR after the purge.
 */
async function allMailDelivered() {
  await deliverOutbox(db, new Date(now.getTime() + 1000));
  await vi.waitFor(async () => expect(await db.outboxMail.count({ where: { status: { not: "SENT" } } })).toBe(0), { timeout: 10_000, interval: 50 });
}

async function ticketWith(words: { subject: string; body: string; reply: string; file: string }, closedDaysAgo: number | null) {
  const t = await openTicket(
    db,
    {
      channel: "WEB",
      requester: { email: `stranka.${crypto.randomBytes(3).toString("hex")}@example.com`, name: "Stranka", locale: "sl" },
      subject: `Tiskalnik ${words.subject}`,
      body: `Ne tiska, koda ${words.body}.`,
      categorySlug: "other",
      files: [{ fileName: "dnevnik.txt", declaredType: "text/plain", bytes: Buffer.from(`napaka ${words.file}\n`) }],
    },
    new Date(now.getTime() - 500 * DAY),
  );
  await addStaffReply(db, t.id, tech, { body: `Zamenjali smo toner ${words.reply}.`, note: false });
  if (closedDaysAgo !== null) {
    await db.ticket.update({ where: { id: t.id }, data: { status: "CLOSED", closedAt: new Date(now.getTime() - closedDaysAgo * DAY), resolvedAt: new Date(now.getTime() - (closedDaysAgo + 1) * DAY) } });
  }
  return t;
}

describe.skipIf(process.env.MINIDESK_TEST_DB === "postgres")("retention purge on disk", () => {
  it("leaves no byte of a purged ticket in the database file, its WAL or the data folder", async () => {
    const purged: Canary[] = [];
    for (let i = 0; i < 3; i++) {
      const words = { subject: unique("subj"), body: unique("body"), reply: unique("reply"), file: unique("file") };
      await ticketWith(words, 400);
      for (const [k, v] of Object.entries(words)) purged.push(canary(`ticket${i}.${k}`, v));
    }
    const keptWords = { subject: unique("keeps"), body: unique("keepb"), reply: unique("keepr"), file: unique("keepf") };
    const kept = await ticketWith(keptWords, null);
    // Later tickets that stay: the search index then holds the purged words in older segments that
    // the purge's own writes do not merge away, as in a real database (with only a few rows, the
    // automatic merge after the deletes would hide a missing merge of the search index). Checked:
    // without that merge this test fails on the subjects and bodies; with PRAGMA secure_delete off,
    // on the database file; without the WAL checkpoint, on the WAL (decision 022).
    for (let i = 0; i < 3; i++) {
      await ticketWith({ subject: `later${i}`, body: `later${i}`, reply: `later${i}`, file: `later${i}` }, null);
    }
    await allMailDelivered();
    // The search can see them before: text in the tables (or WAL) and the stored attachment file.
    const before = onDisk(purged);
    for (const c of purged) expect(before.some((h) => h.id === c.id), `${c.id} visible before the purge`).toBe(true);

    const report = await runRetention(db, now);
    expect(report.counts.tickets).toBe(3);
    expect(report.bytesCleared).toBe(true);

    expect(onDisk(purged)).toEqual([]);
    // What is kept is still there (the search is not blind).
    expect(await db.ticket.count({ where: { id: kept.id } })).toBe(1);
    const keptFound = new Set(onDisk(Object.entries(keptWords).map(([k, v]) => canary(`kept.${k}`, v))).map((h) => h.id));
    expect([...keptFound].sort()).toEqual(["kept.body", "kept.file", "kept.reply", "kept.subject"]);
  });

  it("reports a WAL it could not truncate while another process reads, and truncates it once the reader is gone", async () => {
    const dbFile = getConfig().DATABASE_URL.slice("file:".length);
    const words = { subject: unique("held"), body: unique("heldb"), reply: unique("heldr"), file: unique("heldf") };
    const t = await ticketWith(words, 400);
    await allMailDelivered();
    // Another process in a long read: its snapshot pins the WAL, so a TRUNCATE checkpoint must wait.
    const reader = new Database(dbFile, { readonly: true });
    try {
      reader.prepare("BEGIN").run();
      reader.prepare(`SELECT COUNT(*) FROM "Ticket"`).get();
      expect((await purgeTicketBatch(db, [t.id], now)).tickets).toBe(1);
      const t0 = Date.now();
      expect(await clearDeletedBytes(db, { maxWaitMs: 400 })).toBe(false);
      expect(Date.now() - t0).toBeLessThan(3000); // gave up after the wait, did not hang
      expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);
    } finally {
      reader.close();
    }
    expect(await clearDeletedBytes(db)).toBe(true);
    expect(fs.statSync(`${dbFile}-wal`).size).toBe(0);
    expect(onDisk(Object.entries(words).map(([k, v]) => canary(`held.${k}`, v)))).toEqual([]);
  });
});
