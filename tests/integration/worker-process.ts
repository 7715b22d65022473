/**
 * One worker process for tests/integration/worker-processes.test.ts: the real worker pass
 * (`npm run worker -- --once`: periodic jobs, every due job with the production handlers, mail
 * delivery), with the clock fixed by the test. It starts up, says "ready" and waits for "go" on
 * stdin, so that two processes claim at the same moment instead of one after the other.
 */
import { getDb, disconnectDb } from "../../app/db.server";
import { runWorkerOnce } from "../../app/jobs/run-worker.server";

const db = getDb();
await db.$queryRawUnsafe("SELECT 1"); // connect before the start line, not after it
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const counts = await runWorkerOnce(db, new Date(process.env.TEST_NOW!), process.env.TEST_WORKER_ID);
await disconnectDb();
process.stdout.write(JSON.stringify(counts) + "\n");
