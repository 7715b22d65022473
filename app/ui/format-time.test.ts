import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatTime } from "./format-time";

describe("dates and numbers for the page's language", () => {
  const t = new Date("2026-03-05T13:07:00Z"); // 14:07 in Ljubljana (CET)

  it("writes times in the company's zone, the Slovenian and the English way", () => {
    expect(formatTime(t, "sl")).toBe("5. 3. 2026, 14:07");
    expect(formatTime(t.toISOString(), "en")).toBe("05/03/2026, 14:07");
    expect(formatTime(null, "sl")).toBe("");
  });

  it("writes a calendar day as that day, not shifted by the zone", () => {
    expect(formatDate("2026-03-05", "sl")).toBe("5. mar. 2026");
    expect(formatDate("2026-03-05", "en")).toBe("5 Mar 2026");
  });

  it("groups digits and marks decimals per language", () => {
    expect(formatNumber(12345.5, "sl")).toBe("12.345,5");
    expect(formatNumber(12345.5, "en")).toBe("12,345.5");
    expect(formatNumber(null, "sl")).toBe("–");
  });
});
