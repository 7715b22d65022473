/**
 * A worker process for tests/integration/jobs.test.ts: two of these run at once on the
 * same SQLite file, so the claim is tested under real concurrency (separate connections
 * and processes, not interleaved promises). Each handled job leaves an AuditEvent row,
 * which has no unique key, so a job handled twice would show as two rows.
 */
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { createWorker } from "../../app/jobs/worker.server";

const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL!, timeout: 20_000 }) });
const now = new Date(process.env.TEST_NOW!);
const workerId = process.env.TEST_WORKER_ID!;

const worker = createWorker({
  db,
  clock: () => now,
  workerId,
  leaseMs: 600_000,
  batchSize: 3,
  handlers: {
    test: async (_payload, ctx) => {
      await ctx.db.auditEvent.create({ data: { actorKind: "SYSTEM", action: "test.handled", details: JSON.stringify({ jobId: ctx.jobId, workerId }) } });
    },
  },
});

const counts = await worker.runDueOnce();
await db.$disconnect();
process.stdout.write(JSON.stringify(counts));
