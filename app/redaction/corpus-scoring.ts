import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENTITY_TYPES, type Detection, type EntityType } from "./types";

/**
 * Exact-span scoring shared by corpus.test.ts and independent-corpus.test.ts.
 * A detection counts as a true positive only on an EXACT span match with the
 * same type: a phone number missing its last digit group still leaks, so it is
 * both a false positive and a false negative here. The overlap figures are
 * printed beside it to show how much of the gap is boundary disagreement.
 */

export interface CorpusCase {
  text: string;
  entities: Array<{ type: EntityType; start: number; end: number }>;
  lookalikes: Array<{ kind: string; start: number; end: number }>;
}

export const GATED: readonly EntityType[] = ["EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "IP_ADDRESS", "EMSO", "SI_TAX_ID", "SECRET"];
export const MIN_RECALL = 0.99;
export const MIN_PRECISION = 0.97;
export const MIN_LOOKALIKES_KEPT = 0.97;

export const CORPUS_DIR = join(import.meta.dirname, "../../tests/fixtures/redaction-corpus");

export function loadCorpus(files: readonly string[]): CorpusCase[] {
  return files.flatMap((file) =>
    readFileSync(join(CORPUS_DIR, file), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as CorpusCase),
  );
}

type Span = { start: number; end: number };
type Tally = { tp: number; fp: number; fn: number; overlapTp: number; overlapFp: number; overlapFn: number };
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const exact = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
export const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 1 : numerator / denominator);

export interface CorpusRow {
  type: EntityType;
  gated: boolean;
  n: number;
  precision: number;
  recall: number;
  overlapPrecision: number;
  overlapRecall: number;
}

export interface CorpusScore {
  cases: number;
  rows: CorpusRow[];
  lookalikes: number;
  lookalikesKept: number;
  lookalikesKeptRatio: number;
  leakedLookalikes: string[];
  misses: string[];
}

export function scoreCorpus(cases: readonly CorpusCase[], detect: (text: string) => Detection[]): CorpusScore {
  const tallies = new Map<EntityType, Tally>(
    ENTITY_TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0, overlapTp: 0, overlapFp: 0, overlapFn: 0 }]),
  );
  let lookalikes = 0;
  let lookalikesKept = 0;
  const leakedLookalikes: string[] = [];
  const misses: string[] = [];
  for (const corpusCase of cases) {
    const detections = detect(corpusCase.text);
    for (const type of ENTITY_TYPES) {
      const tally = tallies.get(type)!;
      const expected = corpusCase.entities.filter((entity) => entity.type === type);
      const found = detections.filter((detection) => detection.type === type);
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
  const rows = ENTITY_TYPES.map((type) => {
    const t = tallies.get(type)!;
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
  return {
    cases: cases.length,
    rows,
    lookalikes,
    lookalikesKept,
    lookalikesKeptRatio: ratio(lookalikesKept, lookalikes),
    leakedLookalikes,
    misses,
  };
}

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);

/** The printed table; `details` caps how many misses and leaked look-alikes are listed. */
export function formatScore(title: string, score: CorpusScore, details = { misses: 30, leaked: 20 }): string {
  return [
    `${title}: ${score.cases} texts, ${score.rows.reduce((sum, row) => sum + row.n, 0)} entities, ${score.lookalikes} look-alikes (exact-span match; overlap in brackets)`,
    "type            n   precision   recall    (overlap P / R)",
    ...score.rows.map(
      (row) =>
        `${row.type.padEnd(15)}${String(row.n).padStart(4)}  ${percent(row.precision)}   ${percent(row.recall)}   (${percent(row.overlapPrecision)} / ${percent(row.overlapRecall)})${row.gated ? "" : "  not gated"}`,
    ),
    `look-alikes kept: ${percent(score.lookalikesKeptRatio)}`,
    ...score.leakedLookalikes.slice(0, details.leaked).map((line) => `  redacted look-alike ${line}`),
    ...score.misses.slice(0, details.misses).map((line) => `  ${line}`),
  ].join("\n");
}
