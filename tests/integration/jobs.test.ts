import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient } from "../../app/db.server";
import { claimDueJobs, enqueueJob, retryDelayMs } from "../../app/jobs/queue.server";
import { createWorker, type JobHandler } from "../../app/jobs/worker.server";
import { enqueueMail } from "../../app/mail/outbound/outbox.server";

// Two clients on the same database (their own connections) stand for two worker processes;
// tests/integration/worker-processes.test.ts runs real ones.
const url = process.env.DATABASE_URL!;
const dbA = createClient(url);
const dbB = createClient(url);

const T0 = new Date("2026-06-15T08:00:00Z");
let now = T0;
const clock = () => now;
const advance = (ms: number) => (now = new Date(now.getTime() + ms));
const LEASE = 60_000;

beforeEach(async () => {
  now = T0;
  await dbA.job.deleteMany();
  await dbA.outboxMail.deleteMany();
});
afterAll(async () => {
  await dbA.$disconnect();
  await dbB.$disconnect();
});

function recorder() {
  const calls: string[] = [];
  const handler: JobHandler = async (payload) => {
    calls.push((payload as { name: string }).name);
  };
  return { calls, handler };
}

describe("database job queue", () => {
  it("runs due jobs once and leaves future jobs until their time", async () => {
    const { calls, handler } = recorder();
    const worker = createWorker({ db: dbA, handlers: { test: handler }, clock, workerId: "w1", leaseMs: LEASE });
    await enqueueJob(dbA, { kind: "test", payload: { name: "past" }, runAt: new Date(T0.getTime() - 3600_000) });
    await enqueueJob(dbA, { kind: "test", payload: { name: "now" }, runAt: T0 });
    await enqueueJob(dbA, { kind: "test", payload: { name: "later" }, runAt: new Date(T0.getTime() + 3600_000) });

    expect(await worker.runDueOnce()).toMatchObject({ done: 2 });
    expect(calls.sort()).toEqual(["now", "past"]);
    expect(await worker.runDueOnce()).toMatchObject({ done: 0 });

    advance(3600_000);
    await worker.runDueOnce();
    expect(calls.sort()).toEqual(["later", "now", "past"]);
    expect(await dbA.job.count({ where: { status: "DONE" } })).toBe(3);
  });

  it("catches up a backlog after downtime, each job once, in one call", async () => {
    const { calls, handler } = recorder();
    for (let i = 0; i < 45; i++) {
      await enqueueJob(dbA, { kind: "test", payload: { name: `j${i}` }, runAt: new Date(T0.getTime() + i * 60_000) });
    }
    advance(2 * 24 * 3600_000); // the machine was off for two days
    const worker = createWorker({ db: dbA, handlers: { test: handler }, clock, workerId: "w1", leaseMs: LEASE, batchSize: 10 });
    expect(await worker.runDueOnce()).toMatchObject({ done: 45 });
    expect(new Set(calls).size).toBe(45);
    expect(calls).toHaveLength(45);
  });

  it("treats a second enqueue with the same dedupe key as a no-op", async () => {
    const a = await enqueueJob(dbA, { kind: "test", payload: { name: "a" }, runAt: T0, dedupeKey: "k1" });
    const b = await enqueueJob(dbA, { kind: "test", payload: { name: "b" }, runAt: T0, dedupeKey: "k1" });
    expect(b.id).toBe(a.id);
    expect(await dbA.job.count()).toBe(1);
    expect(JSON.parse((await dbA.job.findUniqueOrThrow({ where: { id: a.id } })).payload)).toEqual({ name: "a" });
  });

  it("retries a failing handler with growing backoff and marks it DEAD after maxAttempts", async () => {
    let tries = 0;
    const failing: JobHandler = async () => {
      tries++;
      throw Object.assign(new Error("customer jana@example.com not found"), { code: "RecipientMissing" });
    };
    const worker = createWorker({ db: dbA, handlers: { test: failing }, clock, workerId: "w1", leaseMs: LEASE });
    const job = await enqueueJob(dbA, { kind: "test", payload: {}, runAt: T0, maxAttempts: 3 });

    expect(await worker.runDueOnce()).toMatchObject({ retried: 1 });
    let row = await dbA.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastError: "RecipientMissing" });
    expect(row.runAt.getTime()).toBe(T0.getTime() + retryDelayMs(1));

    advance(retryDelayMs(1) - 1);
    await worker.runDueOnce();
    expect(tries).toBe(1); // not before the backoff has passed

    advance(1);
    await worker.runDueOnce();
    expect(tries).toBe(2);
    row = await dbA.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.runAt.getTime()).toBe(now.getTime() + retryDelayMs(2));
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));

    advance(retryDelayMs(2));
    expect(await worker.runDueOnce()).toMatchObject({ dead: 1 });
    row = await dbA.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(row.lastError).not.toContain("@"); // the code only, never the message

    advance(24 * 3600_000);
    await worker.runDueOnce();
    expect(tries).toBe(3);
  });

  it("caps the backoff at one hour", () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(20)).toBe(3600_000);
  });

  it("re-runs a job whose worker crashed, and its mail is queued only once", async () => {
    const sendReminder: JobHandler = async (_payload, ctx) => {
      await enqueueMail(ctx.db, { to: "client@example.test", subject: "Reminder", text: "x", dedupeKey: `test.reminder:${ctx.jobId}` });
    };
    const job = await enqueueJob(dbA, { kind: "reminder", payload: {}, runAt: T0 });

    // Worker "crashed" claims the job, sends, and dies before completing it.
    const [claimed] = await claimDueJobs(dbA, { workerId: "crashed", now, leaseMs: LEASE, limit: 10 });
    await sendReminder({}, { db: dbA, jobId: claimed!.id, attempt: claimed!.attempts, now });

    const survivor = createWorker({ db: dbB, handlers: { reminder: sendReminder }, clock, workerId: "w2", leaseMs: LEASE });
    advance(LEASE - 1);
    expect(await survivor.runDueOnce()).toMatchObject({ done: 0 }); // lease still held

    advance(2);
    expect(await survivor.runDueOnce()).toMatchObject({ done: 1 });
    expect(await dbA.outboxMail.count()).toBe(1);
    const row = await dbA.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "DONE", attempts: 2, lockedBy: null });

    advance(LEASE * 10);
    expect(await survivor.runDueOnce()).toMatchObject({ done: 0 });
    expect(await dbA.outboxMail.count()).toBe(1);
  });

  it("gives up on a job that keeps killing its worker", async () => {
    const job = await enqueueJob(dbA, { kind: "test", payload: {}, runAt: T0, maxAttempts: 2 });
    await claimDueJobs(dbA, { workerId: "c1", now, leaseMs: LEASE, limit: 1 });
    advance(LEASE + 1);
    await claimDueJobs(dbA, { workerId: "c2", now, leaseMs: LEASE, limit: 1 });
    advance(LEASE + 1);
    expect(await claimDueJobs(dbA, { workerId: "c3", now, leaseMs: LEASE, limit: 1 })).toEqual([]);
    expect(await dbA.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "DEAD", attempts: 2 });
  });

  it("a claim takes one batch of a long queue and leaves the rest to other workers", async () => {
    for (let i = 0; i < 200; i++) await enqueueJob(dbA, { kind: "test", payload: { name: `j${i}` }, runAt: T0 });
    const batch = await claimDueJobs(dbA, { workerId: "c1", now, leaseMs: LEASE, limit: 5 });
    expect(batch).toHaveLength(5);
    expect(await dbA.job.count({ where: { status: "PENDING" } })).toBe(195);
    expect(await claimDueJobs(dbB, { workerId: "c2", now, leaseMs: LEASE, limit: 5 })).toHaveLength(5);
  });

  it("two workers on the same database handle each job exactly once", async () => {
    const handledBy = new Map<string, string[]>();
    // Whichever worker takes the first job holds it until the other has handled one of its own
    // (at most 10 s): both must be claiming at the same time, on a loaded machine too, where one
    // worker could otherwise drain the queue before the other's first claim.
    let firstWorker: string | undefined;
    let otherStarted!: () => void;
    const otherHasOne = new Promise<void>((resolve) => (otherStarted = resolve));
    const handlerFor =
      (worker: string): JobHandler =>
      async (payload, ctx) => {
        const name = (payload as { name: string }).name;
        handledBy.set(name, [...(handledBy.get(name) ?? []), worker]);
        if (firstWorker === undefined) {
          firstWorker = worker;
          await Promise.race([otherHasOne, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        } else if (worker !== firstWorker) otherStarted();
        // A job takes a moment, as a real one (rendering, a mail) does: without it one worker
        // could drain all 200 before the other's first claim, and the test would not show two
        // workers competing for the same rows.
        await new Promise((resolve) => setTimeout(resolve, 2));
        await enqueueMail(ctx.db, { to: "c@example.test", subject: name, text: "x", dedupeKey: `test:${ctx.jobId}` });
      };
    const N = 200;
    for (let i = 0; i < N; i++) await enqueueJob(dbA, { kind: "test", payload: { name: `j${i}` }, runAt: T0 });

    // Both connections open before the race starts: a cold connection (PostgreSQL, a loaded
    // machine) must not decide who gets the work.
    await Promise.all([dbA.$queryRaw`SELECT 1`, dbB.$queryRaw`SELECT 1`]);
    const w1 = createWorker({ db: dbA, handlers: { test: handlerFor("w1") }, clock, workerId: "w1", leaseMs: LEASE, batchSize: 5 });
    const w2 = createWorker({ db: dbB, handlers: { test: handlerFor("w2") }, clock, workerId: "w2", leaseMs: LEASE, batchSize: 5 });
    const [r1, r2] = await Promise.all([w1.runDueOnce(), w2.runDueOnce()]);

    expect(r1.done + r2.done).toBe(N);
    expect(r1.done).toBeGreaterThan(0);
    expect(r2.done).toBeGreaterThan(0);
    expect(handledBy.size).toBe(N);
    expect([...handledBy.values()].every((w) => w.length === 1)).toBe(true);
    expect(await dbA.job.count({ where: { status: "DONE", attempts: 1 } })).toBe(N);
    expect(await dbA.outboxMail.count()).toBe(N);
  });

  it("start() polls until stop(), and stop() waits for the pass in progress", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { calls, handler } = recorder();
      const worker = createWorker({ db: dbA, handlers: { test: handler }, clock, workerId: "w1", leaseMs: LEASE });
      await enqueueJob(dbA, { kind: "test", payload: { name: "first" }, runAt: T0 });
      worker.start(5_000);
      await vi.advanceTimersByTimeAsync(0);
      await vi.waitFor(() => expect(calls).toEqual(["first"]));

      await enqueueJob(dbA, { kind: "test", payload: { name: "second" }, runAt: T0 });
      await vi.advanceTimersByTimeAsync(5_000);
      await vi.waitFor(() => expect(calls).toEqual(["first", "second"]));

      await worker.stop();
      await enqueueJob(dbA, { kind: "test", payload: { name: "after stop" }, runAt: T0 });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toEqual(["first", "second"]);
    } finally {
      vi.useRealTimers();
    }
  });
});
