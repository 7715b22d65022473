import type { Detection } from "./types";
import { percent, ratio } from "./corpus-scoring";

/**
 * Leak-oriented scoring for the evaluation set (tests/fixtures/redaction-eval). What the product
 * promises is that a value never reaches storage, so an entity counts as protected when every
 * letter and digit of it lies inside some detection, of any type: "[PERSON] [ADDRESS]" over a
 * signature protects the street even if it was typed as a name. A look-alike is kept when none
 * of its letters or digits was touched. Exact-span scoring (corpus-scoring.ts) stays for the
 * generated corpus, where boundaries are part of the contract.
 */

export interface EvalCase {
  id: string;
  lang: string;
  source: string;
  split: "tuning" | "held-out";
  text: string;
  entities: Array<{ type: string; start: number; end: number }>;
  lookalikes: Array<{ kind: string; start: number; end: number }>;
}

export interface CoverageRow {
  type: string;
  n: number;
  protected: number;
  recall: number;
}

export interface CoverageScore {
  cases: number;
  rows: CoverageRow[];
  lookalikes: number;
  lookalikesKept: number;
  lookalikesKeptRatio: number;
  /** Look-alikes per kind (company, town, version …): how many there were and how many were kept. */
  lookalikesByKind: Array<{ kind: string; n: number; kept: number }>;
  /** Words of three or more letters outside every entity and look-alike that were left alone. */
  plainWords: number;
  plainWordsKeptRatio: number;
  missed: string[];
  overRedacted: string[];
}

const ALNUM = /[\p{L}\p{N}]/u;
const WORD = /\p{L}{3,}/gu;

function coveredMask(length: number, detections: readonly Detection[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const d of detections) mask.fill(1, Math.max(0, d.start), Math.min(length, d.end));
  return mask;
}

function alnumPositions(text: string, start: number, end: number): number[] {
  const positions: number[] = [];
  for (let i = start; i < end; i++) if (ALNUM.test(text[i]!)) positions.push(i);
  return positions;
}

export function scoreCoverage(cases: readonly EvalCase[], detect: (text: string) => Detection[]): CoverageScore {
  const tallies = new Map<string, { n: number; protected: number }>();
  let lookalikes = 0;
  let lookalikesKept = 0;
  const kinds = new Map<string, { n: number; kept: number }>();
  let plainWords = 0;
  let plainWordsKept = 0;
  const missed: string[] = [];
  const overRedacted: string[] = [];
  for (const evalCase of cases) {
    const { text } = evalCase;
    const mask = coveredMask(text.length, detect(text));
    const labelled = new Uint8Array(text.length);
    for (const entity of evalCase.entities) {
      labelled.fill(1, entity.start, entity.end);
      const tally = tallies.get(entity.type) ?? { n: 0, protected: 0 };
      tallies.set(entity.type, tally);
      tally.n++;
      const leaked = alnumPositions(text, entity.start, entity.end).filter((i) => mask[i] === 0);
      if (leaked.length === 0) tally.protected++;
      else missed.push(`${evalCase.id} ${entity.type} ${JSON.stringify(text.slice(entity.start, entity.end))}`);
    }
    for (const lookalike of evalCase.lookalikes) {
      labelled.fill(1, lookalike.start, lookalike.end);
      lookalikes++;
      const kind = kinds.get(lookalike.kind) ?? { n: 0, kept: 0 };
      kinds.set(lookalike.kind, kind);
      kind.n++;
      if (alnumPositions(text, lookalike.start, lookalike.end).some((i) => mask[i] === 1)) {
        overRedacted.push(`${evalCase.id} look-alike ${lookalike.kind} ${JSON.stringify(text.slice(lookalike.start, lookalike.end))}`);
      } else {
        lookalikesKept++;
        kind.kept++;
      }
    }
    for (const word of text.matchAll(WORD)) {
      const start = word.index;
      const end = start + word[0].length;
      if (labelled.subarray(start, end).some((v) => v === 1)) continue;
      plainWords++;
      if (mask.subarray(start, end).every((v) => v === 0)) plainWordsKept++;
      else overRedacted.push(`${evalCase.id} word ${JSON.stringify(word[0])}`);
    }
  }
  const rows = [...tallies.entries()]
    .map(([type, t]) => ({ type, n: t.n, protected: t.protected, recall: ratio(t.protected, t.n) }))
    .sort((a, b) => a.type.localeCompare(b.type));
  return {
    cases: cases.length,
    rows,
    lookalikes,
    lookalikesKept,
    lookalikesKeptRatio: ratio(lookalikesKept, lookalikes),
    lookalikesByKind: [...kinds.entries()].map(([kind, k]) => ({ kind, ...k })).sort((a, b) => a.kind.localeCompare(b.kind)),
    plainWords,
    plainWordsKeptRatio: ratio(plainWordsKept, plainWords),
    missed,
    overRedacted,
  };
}


export function formatCoverage(title: string, score: CoverageScore, details = { missed: 0, overRedacted: 0 }): string {
  return [
    `${title}: ${score.cases} texts, ${score.rows.reduce((sum, row) => sum + row.n, 0)} values, ${score.lookalikes} look-alikes (a value is protected when none of its letters or digits is left)`,
    "type               n   protected",
    ...score.rows.map((row) => `${row.type.padEnd(16)}${String(row.n).padStart(5)}   ${percent(row.recall)}`),
    `look-alikes kept:        ${percent(score.lookalikesKeptRatio)}  (${score.lookalikesKept}/${score.lookalikes})`,
    `  by kind: ${score.lookalikesByKind.map((k) => `${k.kind} ${k.kept}/${k.n}`).join(", ")}`,
    `other words kept:        ${percent(score.plainWordsKeptRatio)}  (of ${score.plainWords})`,
    ...score.missed.slice(0, details.missed).map((line) => `  missed ${line}`),
    ...score.overRedacted.slice(0, details.overRedacted).map((line) => `  over-redacted ${line}`),
  ].join("\n");
}
