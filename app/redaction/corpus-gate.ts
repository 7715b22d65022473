import { describe, expect, it } from "vitest";
import { formatScore, loadCorpus, MIN_LOOKALIKES_KEPT, MIN_PRECISION, MIN_RECALL, scoreCorpus } from "./corpus-scoring";
import { detect } from "./detect";

/**
 * The quality gate both corpus tests apply (test support only): per gated type recall and
 * precision, and the share of look-alikes left alone; the table is printed for the record.
 */
export function describeCorpusGate(
  title: string,
  files: readonly string[],
  opts: { minCases: number; details?: { misses: number; leaked: number } },
) {
  const cases = loadCorpus(files);
  describe(title, () => {
    const result = scoreCorpus(cases, detect);
    console.log(formatScore(title, result, opts.details));

    it(`has at least ${opts.minCases} texts`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(opts.minCases);
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
}
