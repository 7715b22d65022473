import { afterEach, describe, expect, it, vi } from "vitest";
import { settledBefore } from "./shutdown.server";
import { log } from "../logging/logger.server";

describe("settledBefore", () => {
  afterEach(() => vi.restoreAllMocks());

  it("goes on at the deadline when a step never ends, and names the step that was late", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const started = Date.now();
    await settledBefore(new Promise(() => undefined), started + 50, "database");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warn).toHaveBeenCalledWith("shutdown.database_wait_exceeded", expect.objectContaining({ ms: expect.any(Number) }));
  });

  it("returns as soon as the step ends, failed or not, and warns about nothing", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const started = Date.now();
    await settledBefore(Promise.resolve(), started + 10_000, "outbox");
    await settledBefore(Promise.reject(new Error("closed twice")), started + 10_000, "http");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warn).not.toHaveBeenCalled();
  });
});
