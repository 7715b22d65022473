import { describe, expect, it } from "vitest";
import { formatCoverage, scoreCoverage } from "../coverage-scoring";
import { detect } from "../index";
import { loadProbeCases } from "./probe-cases";

/**
 * The address and name probes (probe-cases.ts): written from postal format guides and grammar,
 * with look-alikes beside. The floors are the figures when the probes were fixed in issue 19, so
 * a change that loses a shape (or starts taking a look-alike) fails here with the cases listed.
 */
describe("address and name probes", () => {
  const cases = loadProbeCases();
  const score = scoreCoverage(cases, detect);
  const recall = (type: string) => score.rows.find((row) => row.type === type)?.recall ?? 0;

  it("has probes in Slovenian and in other languages", () => {
    expect(cases.filter((c) => c.lang === "sl").length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.lang === "en").length).toBeGreaterThan(50);
  });

  it("protects the addresses and names and keeps the look-alikes", () => {
    const report = formatCoverage("probes", score, { missed: 50, overRedacted: 50 });
    expect(recall("POSTAL_ADDRESS"), report).toBeGreaterThanOrEqual(0.98);
    expect(recall("PERSON"), report).toBeGreaterThanOrEqual(0.98);
    expect(score.lookalikesKeptRatio, report).toBeGreaterThanOrEqual(0.98);
  });
});
