import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCaseFile } from "../../../tests/fixtures/redaction-eval/eval-cases";
import type { EvalCase } from "../coverage-scoring";

/** The probe cases (same markup as the evaluation set), every `*.cases` file in this folder. */
export function loadProbeCases(): EvalCase[] {
  const dir = import.meta.dirname;
  return readdirSync(dir)
    .filter((name) => name.endsWith(".cases"))
    .sort()
    .flatMap((name) => parseCaseFile(name, readFileSync(join(dir, name), "utf8")))
    .map((c) => ({ ...c, split: "tuning" as const }));
}
