import { describe, expect, it } from "vitest";
import { formatScore, loadCorpus, MIN_LOOKALIKES_KEPT, MIN_PRECISION, MIN_RECALL, scoreCorpus } from "./corpus-scoring";
import { detect } from "./detect";

/**
 * Scores the engine on the generated and hand-written corpus. The held-out
 * independent.jsonl is scored separately by independent-corpus.test.ts, so it
 * is named here rather than picked up by a *.jsonl glob.
 */
const cases = loadCorpus(["generated.jsonl", "handwritten.jsonl"]);

describe("redaction corpus", () => {
  const result = scoreCorpus(cases, detect);
  console.log(formatScore("corpus", result));

  it("has a corpus large enough to mean something", () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  for (const row of result.rows.filter((r) => r.gated)) {
    it(`${row.type}: recall ≥ ${MIN_RECALL} and precision ≥ ${MIN_PRECISION}`, () => {
      expect(row.n).toBeGreaterThan(10);
      expect(row.recall).toBeGreaterThanOrEqual(MIN_RECALL);
      expect(row.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    });
  }

  it(`keeps at least ${MIN_LOOKALIKES_KEPT * 100}% of the look-alikes`, () => {
    expect(result.lookalikesKeptRatio).toBeGreaterThanOrEqual(MIN_LOOKALIKES_KEPT);
  });
});
