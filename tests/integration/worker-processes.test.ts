import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { databaseKind, getDb, disconnectDb } from "../../app/db.server";
import { ensureDefaults } from "../../app/setup/bootstrap.server";
import { recordDeployedChange } from "../../app/followups/schedule-follow-up.server";
import { recipientsOf, startMailCatcher } from "../setup/mail";

/**
 * Two worker processes on one database (SQLite here, PostgreSQL in "integration-postgres"),
 * as in a scale-out installation: every follow-up's client question and technician reminder,
 * and then its second reminder, reach a real SMTP listener exactly once. Each process is the
 * real worker pass with the production job handlers and the real outbox delivery.
 */
const FOLLOW_UPS = 60;
// Near real time: mail is queued at the wall clock's time, and the outbox sends what is due
// by the worker's clock, so the first pass runs a little ahead of the clock.
const DUE = new Date(Date.now() - 3600_000);
const FIRST_PASS = new Date(Date.now() + 600_000);
const REMINDER = new Date(Date.now() + 7 * 86_400_000); // past the second reminder (2 business days)
const TECH = "tech@minidesk.test";

const db = getDb();
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let received: ParsedMail[] = [];
const references: string[] = [];

beforeAll(async () => {
  mail = await startMailCatcher();
  received = mail.received;
  await ensureDefaults(db);
  const team = await db.team.findFirstOrThrow();
  const tech = await db.user.create({ data: { email: TECH, name: "Tech", role: "TECHNICIAN", locale: "en" } });
  for (let i = 0; i < FOLLOW_UPS; i++) {
    const requester = await db.requester.create({ data: { email: `client${i}@example.test`, locale: i % 2 ? "sl" : "en" } });
    const ticket = await db.ticket.create({
      data: { reference: `MD-2026-${String(900 + i).padStart(6, "0")}`, subject: "Deployed", channel: "WEB", teamId: team.id, requesterId: requester.id, assigneeId: tech.id, status: "RESOLVED" },
    });
    references.push(ticket.reference);
    await recordDeployedChange(db, { ticketId: ticket.id, actorUserId: tech.id, description: "New contact form", target: "WEB", dueAt: DUE }, new Date(DUE.getTime() - 5 * 86_400_000));
  }
});

afterAll(async () => {
  await disconnectDb();
  await mail.close();
});

type Counts = { done: number; retried: number; dead: number; lost: number; mailSent: number; mailFailed: number };

/** Starts a worker process and resolves once it is connected and waiting at the start line. */
function startWorker(workerId: string, now: Date) {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/integration/worker-process.ts")], {
    env: { ...process.env, SMTP_URL: mail.url, TEST_NOW: now.toISOString(), TEST_WORKER_ID: workerId },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => (out.includes("ready\n") ? resolve() : undefined);
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`worker ${workerId} exited (${code}) before it was ready`)));
  });
  const finished = new Promise<Counts>((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.split("\n").at(-2)!) as Counts) : reject(new Error(`worker ${workerId} exited with ${code}`))));
  });
  return { ready, finished, go: () => child.stdin.end("go\n"), kill: () => child.kill() };
}

async function runTwoWorkers(now: Date): Promise<[Counts, Counts]> {
  const a = startWorker("a", now);
  const b = startWorker("b", now);
  try {
    await Promise.all([a.ready, b.ready]);
    a.go();
    b.go();
    return await Promise.all([a.finished, b.finished]);
  } finally {
    // One failed: the other must not write on after this file's database is dropped.
    a.kill();
    b.kill();
  }
}

/** How many mails each follow-up's client and technician received (keyed by reference). */
function tally(mails: ParsedMail[]) {
  const client = new Map<string, number>();
  const tech = new Map<string, number>();
  for (const m of mails) {
    const to = recipientsOf(m);
    const ref = references.find((r) => (m.subject ?? "").includes(r) || (m.text ?? "").includes(r));
    if (!ref) continue;
    const map = to.includes(TECH) ? tech : client;
    map.set(ref, (map.get(ref) ?? 0) + 1);
  }
  return { client, tech };
}

describe("two worker processes on one database", () => {
  it("send each follow-up's question and reminder exactly once, and both take a share", async () => {
    const [a, b] = await runTwoWorkers(FIRST_PASS);
    expect(a.done + b.done).toBeGreaterThanOrEqual(FOLLOW_UPS); // plus this hour's maintenance jobs
    // Sharing the work is what PostgreSQL's SKIP LOCKED claims promise (the scale-out mode).
    // SQLite has one writer at a time: on a loaded machine one process can take every batch
    // before the other's first claim (seen in CI), which is correct, only not shared.
    if (databaseKind() === "postgres") {
      expect(a.done).toBeGreaterThan(0);
      expect(b.done).toBeGreaterThan(0);
    }
    expect(a.lost + b.lost + a.dead + b.dead + a.mailFailed + b.mailFailed).toBe(0);

    const first = tally(received);
    expect(first.client.size).toBe(FOLLOW_UPS);
    expect(first.tech.size).toBe(FOLLOW_UPS);
    expect([...first.client.values(), ...first.tech.values()].every((n) => n === 1)).toBe(true);
    expect(a.mailSent + b.mailSent).toBe(received.length);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
    expect(await db.job.count({ where: { kind: "followup.due", status: "DONE", attempts: 1 } })).toBe(FOLLOW_UPS);
  });

  it("send the second reminder exactly once when both pass again two business days later", async () => {
    const before = received.length;
    const [a, b] = await runTwoWorkers(REMINDER);
    expect(a.lost + b.lost + a.dead + b.dead + a.mailFailed + b.mailFailed).toBe(0);
    const second = tally(received.slice(before));
    expect(second.client.size).toBe(FOLLOW_UPS);
    expect(second.tech.size).toBe(FOLLOW_UPS);
    expect([...second.client.values(), ...second.tech.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
    expect(await db.job.count({ where: { kind: "followup.reminder", status: "DONE", attempts: 1 } })).toBe(FOLLOW_UPS);
    expect(await db.followUp.count({ where: { status: "DUE", remindersSent: 2 } })).toBe(FOLLOW_UPS);
  });
});
