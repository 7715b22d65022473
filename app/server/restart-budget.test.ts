import { describe, expect, it } from "vitest";
import { createRestartBudget } from "./restart-budget";

describe("restart budget for crashed web processes", () => {
  it("replaces a crashed process up to the limit within the window, then stops", () => {
    const budget = createRestartBudget(3, 60_000);
    expect([0, 1_000, 2_000, 3_000].map((t) => budget.allow(t))).toEqual([true, true, true, false]);
  });

  it("allows replacing again once earlier crashes are older than the window", () => {
    const budget = createRestartBudget(2, 60_000);
    expect(budget.allow(0)).toBe(true);
    expect(budget.allow(10_000)).toBe(true);
    expect(budget.allow(20_000)).toBe(false);
    expect(budget.allow(60_001)).toBe(true); // the crash at 0 has left the window
    expect(budget.allow(60_002)).toBe(false);
  });
});
