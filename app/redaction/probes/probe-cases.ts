import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EvalCase } from "../coverage-scoring";
import { parseCaseFile } from "../../../tests/fixtures/redaction-eval/eval-cases";

/**
 * The address and name probes (issue 19): cases written from postal format guides and grammar,
 * not from the evaluation set, with look-alikes beside them. Same markup as the evaluation set
 * (tests/fixtures/redaction-eval/README.md); not frozen, not split.
 */
export const PROBE_DIR = import.meta.dirname;

export function loadProbeCases(): EvalCase[] {
  return readdirSync(PROBE_DIR)
    .filter((name) => name.endsWith(".cases"))
    .sort()
    .flatMap((name) => parseCaseFile(name, readFileSync(join(PROBE_DIR, name), "utf8")))
    .map((c) => ({ ...c, split: "tuning" as const }));
}
