import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caseFileHashes, EVAL_DIR, loadEvalCases } from "../../tests/fixtures/redaction-eval/eval-cases";
import { formatCoverage, scoreCoverage, type CoverageScore } from "./coverage-scoring";
import { detect } from "./detect";

/**
 * The evaluation set written from the world (tests/fixtures/redaction-eval), frozen before any
 * tuning: a case file whose hash differs from FROZEN-*.json fails, so the engine cannot be tuned by
 * editing the cases. Issue 18's targets are ≥ 0.99 of each strict type protected, ≥ 0.95 of
 * PERSON and POSTAL_ADDRESS, look-alikes kept ≥ 0.99. They are not all met yet (README, issue 18),
 * so each part is held to FLOORS: the figures it reached when the set was first scored after
 * tuning (stop 17). A change that lets more through, on either part, fails; raise a floor when
 * the engine gets better, and the targets are the ceiling it moves toward.
 */
const TARGETS: Record<string, number> = {
  EMAIL: 0.99, PHONE: 0.99, IBAN: 0.99, CREDIT_CARD: 0.99, IP_ADDRESS: 0.99, EMSO: 0.99, SI_TAX_ID: 0.99, SECRET: 0.99,
  PERSON: 0.95, POSTAL_ADDRESS: 0.95, DATE_OF_BIRTH: 0.95,
};
const FLOORS: Record<"tuning" | "held-out", Record<string, number> & { lookalikes: number }> = {
  tuning: {
    CREDIT_CARD: 1, DATE_OF_BIRTH: 1, EMAIL: 1, EMSO: 1, IBAN: 1, IP_ADDRESS: 1, PERSON: 0.975, PHONE: 1,
    POSTAL_ADDRESS: 0.995, SECRET: 0.994, SI_TAX_ID: 1, lookalikes: 0.998,
  },
  // Issue 18's second pass (generalised rules, checked on tests/fixtures/redaction-dev): held-out
  // names, addresses, secrets and birth dates rose; one held-out look-alike more is touched than
  // before (0.960 → 0.958), since the address changes of that pass, cause not found on any text
  // outside the held-out part. Third pass (stop 25, checked on the third development set): tax
  // numbers in any grouping after a cue, companies named like people kept. Fourth pass (stop 26,
  // checked on the hand-written fourth development set): handles and structures of names, private
  // addresses of devices and message identifiers kept, passphrases, addresses in more shapes.
  // Fifth pass (stop 29, checked on the fifth development set): passwords in table columns and
  // after more cues, grouped one-time codes, names after verbs of contact and in more chat shapes.
  // Sixth pass (stop 30, checked on the sixth development set): birth dates around their cue,
  // addresses and names in keyed fields (forms, JSON, XML): held-out addresses 0.891 → 0.921;
  // then on the seventh (secrets and phones): held-out secrets 0.853 → 0.863. Seventh pass (stop
  // 31, checked on the seventh and eighth development sets): bare and corrected passwords, codes
  // after more cues, chats whose speakers are words or lower case: held-out secrets 0.863 → 0.902,
  // names 0.953 → 0.957. Eighth pass (stop 32, checked on the ninth development set): addresses of
  // neighbouring countries, letterheads, map links and split export columns: held-out addresses
  // 0.921 → 0.930. Ninth pass (stop 33, checked on the tenth development set and a longer name
  // gazetteer): names 0.958 → 0.960.
  "held-out": {
    CREDIT_CARD: 1, DATE_OF_BIRTH: 0.947, EMAIL: 1, EMSO: 1, IBAN: 1, IP_ADDRESS: 1, PERSON: 0.96, PHONE: 0.969,
    POSTAL_ADDRESS: 0.93, SECRET: 0.901, SI_TAX_ID: 1, lookalikes: 0.982,
  },
};

const cases = loadEvalCases();
const parts = {
  tuning: cases.filter((c) => c.split === "tuning"),
  "held-out": cases.filter((c) => c.split === "held-out"),
};

describe("redaction evaluation set", () => {
  it("has at least 1 500 cases, half of them Slovenian", () => {
    expect(cases.length).toBeGreaterThanOrEqual(1500);
    expect(cases.filter((c) => c.lang === "sl").length).toBeGreaterThanOrEqual(cases.length * 0.45);
  });

  it("is frozen: every case file matches the hash recorded when it was frozen", () => {
    const frozen: Record<string, string> = Object.assign(
      {},
      ...readdirSync(EVAL_DIR)
        .filter((name) => /^FROZEN-.*\.json$/.test(name))
        .map((name) => JSON.parse(readFileSync(join(EVAL_DIR, name), "utf8"))),
    );
    expect(caseFileHashes()).toEqual(frozen);
  });

  for (const [part, partCases] of Object.entries(parts) as Array<[keyof typeof FLOORS, typeof cases]>) {
    describe(`${part} part`, () => {
      const score: CoverageScore = scoreCoverage(partCases, detect);
      console.log(formatCoverage(`redaction evaluation set, ${part} part`, score));
      for (const type of Object.keys(TARGETS)) {
        const floor = FLOORS[part][type]!;
        it(`${type}: at least ${(floor * 100).toFixed(1)} % of the values protected (target ${TARGETS[type]! * 100} %)`, () => {
          const row = score.rows.find((r) => r.type === type);
          expect(row?.n ?? 0).toBeGreaterThanOrEqual(5);
          expect(row!.recall).toBeGreaterThanOrEqual(floor);
        });
      }
      it(`keeps at least ${(FLOORS[part].lookalikes * 100).toFixed(1)} % of the look-alikes (target 99 %)`, () => {
        expect(score.lookalikesKeptRatio).toBeGreaterThanOrEqual(FLOORS[part].lookalikes);
      });
    });
  }
});
