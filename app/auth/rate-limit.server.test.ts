import { afterAll, expect, it } from "vitest";
import { hitRateLimit } from "./rate-limit.server";
import { disconnectDb, getDb } from "../db.server";

afterAll(async () => disconnectDb());

it("counts hits per window, shares nothing between identities, and stores no identity", async () => {
  const t0 = new Date("2026-11-25T10:00:00Z");
  const results = [];
  for (let i = 0; i < 4; i++) results.push(await hitRateLimit("test", "10.0.0.7", 3, 60_000, t0));
  expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
  expect(results[3]!.retryAfterS).toBe(60);
  expect((await hitRateLimit("test", "10.0.0.8", 3, 60_000, t0)).allowed).toBe(true);
  // A window lasts from its first hit: a minute later the count starts again.
  expect((await hitRateLimit("test", "10.0.0.7", 3, 60_000, new Date("2026-11-25T10:01:00Z"))).allowed).toBe(true);
  const keys = (await getDb().rateLimit.findMany()).map((r) => r.key).join(" ");
  expect(keys).not.toContain("10.0.0.7");
});

it("lets no more than the limit through across a quarter hour of the clock", async () => {
  const before = new Date("2026-11-25T10:14:58Z");
  const after = new Date("2026-11-25T10:15:01Z");
  const results = [];
  for (let i = 0; i < 3; i++) results.push(await hitRateLimit("edge", "10.0.0.9", 3, 15 * 60_000, before));
  for (let i = 0; i < 3; i++) results.push(await hitRateLimit("edge", "10.0.0.9", 3, 15 * 60_000, after));
  expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false, false]);
  // retry after the window that began at the first hit: 15 min minus the 3 s since then
  expect(results[5]!.retryAfterS).toBe(15 * 60 - 3);
});

it("holds under concurrent hits: exactly the limit gets through", async () => {
  const t0 = new Date("2026-11-25T11:00:00Z");
  const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit("race", "same", 5, 60_000, t0)));
  expect(results.filter((r) => r.allowed)).toHaveLength(5);
});
