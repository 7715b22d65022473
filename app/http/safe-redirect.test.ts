import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";
import { CONTROL_AND_SPACE, hostileTargets, OTHER_HOSTILE } from "../../tests/setup/hostile-redirects";

describe("safeRedirectPath", () => {
  it("follows local paths after sign-in or a language switch", () => {
    expect(safeRedirectPath("/queue?view=mine")).toBe("/queue?view=mine");
    expect(safeRedirectPath("/queue?q=two%20words&page=2")).toBe("/queue?q=two%20words&page=2");
    expect(safeRedirectPath("/reports?from=2026-01-01#chart")).toBe("/reports?from=2026-01-01#chart");
    expect(safeRedirectPath(null, "/queue")).toBe("/queue");
  });

  it("refuses every control and whitespace character, raw or percent-encoded, in every position", () => {
    for (const c of CONTROL_AND_SPACE) {
      for (const to of hostileTargets(c)) {
        expect(safeRedirectPath(to, "/fallback"), JSON.stringify(to)).toBe("/fallback");
      }
    }
  });

  it("refuses other origins, backslashes and encoded slashes", () => {
    for (const to of OTHER_HOSTILE) expect(safeRedirectPath(to, "/fallback"), JSON.stringify(to)).toBe("/fallback");
  });

  it("never returns a target that a browser resolves to another origin", () => {
    const base = "https://desk.example.si/queue";
    for (const c of CONTROL_AND_SPACE) {
      for (const to of [...hostileTargets(c), ...OTHER_HOSTILE, `/a${c}b`, `/ok?x=${c}`]) {
        expect(new URL(safeRedirectPath(to), base).origin, JSON.stringify(to)).toBe("https://desk.example.si");
      }
    }
  });
});
