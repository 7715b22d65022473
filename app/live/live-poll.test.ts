import { describe, expect, it } from "vitest";
import { MAX_BACKOFF_MS, TYPING_IDLE_MS, isOutOfDate, nextDelay, ownState, settleDelay, splitPresence } from "./live-poll";

describe("nextDelay", () => {
  it("waits the server's interval while checks succeed", () => {
    expect(nextDelay(5000, 0, 0.5)).toBe(5000);
  });
  it("doubles after each failure, spread a little, and never waits longer than the cap", () => {
    expect(nextDelay(5000, 1, 0)).toBe(10_000);
    expect(nextDelay(5000, 2, 0)).toBe(20_000);
    expect(nextDelay(5000, 2, 1)).toBe(16_000);
    expect(nextDelay(5000, 10, 0)).toBe(MAX_BACKOFF_MS);
    expect(nextDelay(5000, 1000, 0)).toBe(MAX_BACKOFF_MS);
  });
});

describe("isOutOfDate", () => {
  const loadedAt = Date.parse("2026-12-02T07:00:00Z");
  it("is out of date after a change newer than the page", () => {
    expect(isOutOfDate(loadedAt + 1, loadedAt)).toBe(true);
  });
  it("counts a change just before the read as newer (it may have committed after it), but not an old one", () => {
    expect(isOutOfDate(loadedAt - 200, loadedAt)).toBe(true);
    expect(isOutOfDate(loadedAt - 60_000, loadedAt)).toBe(false);
  });
  it("is never out of date when the person sees no tickets", () => {
    expect(isOutOfDate(null, loadedAt)).toBe(false);
  });
});

describe("ownState", () => {
  it("is typing right after a keystroke with text in the box, and viewing once idle or empty", () => {
    expect(ownState(1000, 1500, true)).toBe("typing");
    expect(ownState(1000, 1000 + TYPING_IDLE_MS, true)).toBe("viewing");
    expect(ownState(1000, 1500, false)).toBe("viewing");
    expect(ownState(null, 1500, true)).toBe("viewing");
  });
});

describe("splitPresence", () => {
  it("separates who is writing from who is only looking", () => {
    expect(splitPresence([{ name: "Ana", typing: false }, { name: "Bor", typing: true }, { name: "Cene", typing: false }]))
      .toEqual({ writing: ["Bor"], viewing: ["Ana", "Cene"] });
  });
});

describe("settleDelay", () => {
  it("needs no second reload when the counts were made after the change", () => {
    expect(settleDelay(1000, 1000, 1200, 5000)).toBeNull();
    expect(settleDelay(1000, 1100, 1200, 5000)).toBeNull();
  });
  it("reloads once the kept counts have expired when they predate the change", () => {
    // Counted at 500, change at 1000, page read at 1200: the counts expire at 5500.
    expect(settleDelay(1000, 500, 1200, 5000)).toBe(4300 + 250);
    expect(settleDelay(1000, 500, 9000, 5000)).toBe(250);
  });
});
