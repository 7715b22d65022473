import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detect } from "./detect";
import { ENTITY_TYPES, type Detection, type EntityType } from "./types";

/**
 * Scores the engine on tests/fixtures/redaction-corpus/*.jsonl. A detection
 * counts as a true positive only on an EXACT span match with the same type:
 * a phone number missing its last digit group still leaks, so it is both a
 * false positive and a false negative here. The overlap figures are printed
 * beside it to show how much of the gap is boundary disagreement.
 */

interface CorpusCase {
  text: string;
  entities: Array<{ type: EntityType; start: number; end: number }>;
  lookalikes: Array<{ kind: string; start: number; end: number }>;
}

const GATED: readonly EntityType[] = ["EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "IP_ADDRESS", "EMSO", "SI_TAX_ID", "SECRET"];
const MIN_RECALL = 0.99;
const MIN_PRECISION = 0.97;
const MIN_LOOKALIKES_KEPT = 0.97;

const corpusDir = join(__dirname, "../../tests/fixtures/redaction-corpus");
const cases: CorpusCase[] = readdirSync(corpusDir)
  .filter((file) => file.endsWith(".jsonl"))
  .flatMap((file) =>
    readFileSync(join(corpusDir, file), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as CorpusCase),
  );

type Tally = { tp: number; fp: number; fn: number; overlapTp: number; overlapFp: number; overlapFn: number };
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function score() {
  const tallies = new Map<EntityType, Tally>(
    ENTITY_TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0, overlapTp: 0, overlapFp: 0, overlapFn: 0 }]),
  );
  let lookalikes = 0;
  let lookalikesKept = 0;
  const leakedLookalikes: string[] = [];
  const misses: string[] = [];
  for (const corpusCase of cases) {
    const detections: Detection[] = detect(corpusCase.text);
    for (const type of ENTITY_TYPES) {
      const tally = tallies.get(type)!;
      const expected = corpusCase.entities.filter((entity) => entity.type === type);
      const found = detections.filter((detection) => detection.type === type);
      const exact = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start === b.start && a.end === b.end;
      for (const entity of expected) {
        if (found.some((d) => exact(d, entity))) tally.tp++;
        else {
          tally.fn++;
          misses.push(`${type} missed ${JSON.stringify(corpusCase.text.slice(entity.start, entity.end))}`);
        }
        if (found.some((d) => overlaps(d, entity))) tally.overlapTp++;
        else tally.overlapFn++;
      }
      for (const detection of found) {
        if (!expected.some((entity) => exact(detection, entity))) {
          tally.fp++;
          misses.push(`${type} extra ${JSON.stringify(corpusCase.text.slice(detection.start, detection.end))}`);
        }
        if (!expected.some((entity) => overlaps(detection, entity))) tally.overlapFp++;
      }
    }
    for (const lookalike of corpusCase.lookalikes) {
      lookalikes++;
      if (detections.some((d) => overlaps(d, lookalike))) {
        leakedLookalikes.push(`${lookalike.kind}: ${JSON.stringify(corpusCase.text.slice(lookalike.start, lookalike.end))}`);
      } else lookalikesKept++;
    }
  }
  return { tallies, lookalikes, lookalikesKept, leakedLookalikes, misses };
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 1 : numerator / denominator);

describe("redaction corpus", () => {
  const result = score();
  const rows = ENTITY_TYPES.map((type) => {
    const t = result.tallies.get(type)!;
    return {
      type,
      gated: GATED.includes(type),
      n: t.tp + t.fn,
      precision: ratio(t.tp, t.tp + t.fp),
      recall: ratio(t.tp, t.tp + t.fn),
      overlapPrecision: ratio(t.overlapTp, t.overlapTp + t.overlapFp),
      overlapRecall: ratio(t.overlapTp, t.overlapTp + t.overlapFn),
    };
  });

  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  console.log(
    [
      `corpus: ${cases.length} texts, ${rows.reduce((sum, row) => sum + row.n, 0)} entities, ${result.lookalikes} look-alikes (exact-span match; overlap in brackets)`,
      "type            n   precision   recall    (overlap P / R)",
      ...rows.map(
        (row) =>
          `${row.type.padEnd(15)}${String(row.n).padStart(4)}  ${percent(row.precision)}   ${percent(row.recall)}   (${percent(row.overlapPrecision)} / ${percent(row.overlapRecall)})${row.gated ? "" : "  not gated"}`,
      ),
      `look-alikes kept: ${percent(ratio(result.lookalikesKept, result.lookalikes))}`,
      ...result.leakedLookalikes.slice(0, 20).map((line) => `  redacted look-alike ${line}`),
      ...result.misses.slice(0, 30).map((line) => `  ${line}`),
    ].join("\n"),
  );

  it("has a corpus large enough to mean something", () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  for (const row of rows.filter((r) => r.gated)) {
    it(`${row.type}: recall ≥ ${MIN_RECALL} and precision ≥ ${MIN_PRECISION}`, () => {
      expect(row.n).toBeGreaterThan(10);
      expect(row.recall).toBeGreaterThanOrEqual(MIN_RECALL);
      expect(row.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    });
  }

  it(`keeps at least ${MIN_LOOKALIKES_KEPT * 100}% of the look-alikes`, () => {
    expect(ratio(result.lookalikesKept, result.lookalikes)).toBeGreaterThanOrEqual(MIN_LOOKALIKES_KEPT);
  });
});
