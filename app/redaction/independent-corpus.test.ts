import { describe, expect, it } from "vitest";
import { formatScore, loadCorpus, MIN_LOOKALIKES_KEPT, MIN_PRECISION, MIN_RECALL, scoreCorpus } from "./corpus-scoring";
import { detect } from "./detect";

/**
 * Held-out corpus: tests/fixtures/redaction-corpus/independent.jsonl was
 * written by hand without looking at the generator or the detectors (see
 * independent.ts for the labelling rules), so it measures the engine rather
 * than agreement with the templates it was built from. Same exact-span
 * scoring and the same gate as corpus.test.ts. PERSON and POSTAL_ADDRESS are
 * cue-based and not gated; their figures are printed to track progress.
 */
const cases = loadCorpus(["independent.jsonl"]);

describe("independent redaction corpus", () => {
  const result = scoreCorpus(cases, detect);
  console.log(formatScore("independent corpus", result, { misses: 200, leaked: 50 }));

  it("has at least 150 hand-written texts", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
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
