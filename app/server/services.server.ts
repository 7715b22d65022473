import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { getConfig } from "../config.server";
import { getDb } from "../db.server";
import { migrateDatabase } from "../db-migrate.server";
import { ensureAdmin, ensureDefaults } from "../setup/bootstrap.server";
import { log } from "../logging/logger.server";
import { createHttpApp } from "./http.server";
import { closeSharedResources, settledBefore } from "./shutdown.server";
import { startBackgroundWork, type Stoppable } from "./background.server";

export type RunningMinidesk = {
  httpPort: number;
  url: string;
  setupUrl?: string;
  stop: () => Promise<void>;
};

/** Migrates, seeds the defaults, then starts the web app and the background services. */
export async function startMinidesk(opts: { port?: number; background?: boolean } = {}): Promise<RunningMinidesk> {
  const admin = await prepareDatabase();
  const web = await listenWeb(opts.port);
  const background: Stoppable[] = opts.background === false ? [] : await startBackgroundWork();
  return {
    httpPort: web.httpPort,
    url: web.url,
    setupUrl: admin.kind === "setup-link" ? admin.url : undefined,
    stop: () => stopInOrder([...background.filter((b) => b.intake), { stop: web.close }], background.filter((b) => !b.intake)),
  };
}

/**
 * Shutdown order: first everything that takes new work (SMTP listener, HTTP server: no mail or
 * form arrives half-way through the rest), then the worker (its job in hand finishes), then what
 * they all share: the outbox delivery under way, the OCR workers, the database.
 */
export async function stopInOrder(intake: Stoppable[], workers: Stoppable[]): Promise<void> {
  await Promise.all(intake.map((s) => s.stop()));
  for (const w of workers) await w.stop();
  await closeSharedResources();
}

/** Once per installation start, before any web process serves: schema, defaults, first admin. */
export async function prepareDatabase() {
  const config = getConfig();
  await migrateDatabase(config.DATABASE_URL);
  const db = getDb();
  await ensureDefaults(db);
  return ensureAdmin(db);
}

/** The web app alone (a web process of a cluster runs only this); stop() also closes the database. */
export async function startWebServer(port?: number): Promise<RunningMinidesk> {
  const web = await listenWeb(port);
  return { httpPort: web.httpPort, url: web.url, stop: () => stopInOrder([{ stop: web.close }], []) };
}

async function listenWeb(port?: number): Promise<{ httpPort: number; url: string; close: () => Promise<void> }> {
  const config = getConfig();
  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createHttpApp(build);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port ?? config.PORT, config.HOST, () => resolve(s));
  });
  // An idle keep-alive connection is closed by the client (or the reverse proxy in front) before
  // the server closes it: with Node's 5 s, a proxy or fetch reusing a connection at the moment the
  // server drops it gets ECONNRESET (nginx: 502). Clients give up sooner (undici 4 s, nginx 60 s).
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
  const httpPort = (server.address() as AddressInfo).port;
  log.info("http.listening", { port: httpPort });
  return {
    httpPort,
    url: `http://${config.HOST}:${httpPort}`,
    close: () => closeHttpServer(server),
  };
}

/**
 * Stops accepting connections, closes idle keep-alive ones at once and gives requests in
 * flight a few seconds to finish before their connections are closed too: a browser that
 * keeps a connection open must not keep a stopping server (or a test run) waiting.
 */
async function closeHttpServer(server: Server, graceMs = 5_000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs).unref();
  // Every connection is closed by then; a close event that still does not come is not waited for.
  await settledBefore(closed, Date.now() + graceMs + 5_000, "http");
  clearTimeout(timer);
}
