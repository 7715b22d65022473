import { describe, expect, it } from "vitest";
import { loadDevCases } from "../../tests/fixtures/redaction-dev/dev-cases";
import { scoreCoverage } from "./coverage-scoring";
import { detect } from "./detect";

/**
 * The development sets (tests/fixtures/redaction-dev, rounds 2–5, written apart from the
 * evaluation set by writers who never read the engine): their tuning parts are what each pass
 * was checked on, so they are held to the figures they reached (stop 29). A change that lets more
 * through on them fails here as it would on the evaluation set; the held-back thirds in held/ are
 * scored for the record only (`eval-redaction.ts --set dev5 --held-out`), never gated or read.
 */
const FLOORS: Record<string, number> = {
  CREDIT_CARD: 1, DATE_OF_BIRTH: 0.99, EMAIL: 1, EMSO: 1, IBAN: 1, IP_ADDRESS: 1, PERSON: 0.966, PHONE: 0.985,
  POSTAL_ADDRESS: 0.981, SECRET: 0.995, SI_TAX_ID: 1,
};
const LOOKALIKES_FLOOR = 0.981;

describe("redaction development sets, tuning parts", () => {
  const score = scoreCoverage(loadDevCases(), detect);
  for (const [type, floor] of Object.entries(FLOORS)) {
    it(`${type}: at least ${(floor * 100).toFixed(1)} % of the values protected`, () => {
      const row = score.rows.find((r) => r.type === type);
      expect(row?.n ?? 0).toBeGreaterThanOrEqual(5);
      expect(row!.recall).toBeGreaterThanOrEqual(floor);
    });
  }
  it(`keeps at least ${(LOOKALIKES_FLOOR * 100).toFixed(1)} % of the look-alikes`, () => {
    expect(score.lookalikesKeptRatio).toBeGreaterThanOrEqual(LOOKALIKES_FLOOR);
  });
});
