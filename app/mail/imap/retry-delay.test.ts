import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry-delay";

describe("retryDelayMs", () => {
  it("doubles from the base after each failure", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5_000, 900_000, 0))).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it("never waits longer than the cap, however many failures", () => {
    expect(retryDelayMs(50, 5_000, 900_000, 0)).toBe(900_000);
    expect(retryDelayMs(1_000_000, 5_000, 900_000, 0)).toBe(900_000);
  });

  it("takes off up to a quarter as jitter", () => {
    expect(retryDelayMs(1, 8_000, 900_000, 1)).toBe(6_000);
    expect(retryDelayMs(1, 8_000, 900_000, 0.5)).toBe(7_000);
  });
});
