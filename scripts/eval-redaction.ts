/**
 * Scores the redaction engine on the evaluation set (tests/fixtures/redaction-eval).
 *   tsx scripts/eval-redaction.ts                 → the tuning part, with every miss listed
 *   tsx scripts/eval-redaction.ts --held-out      → the held-out part: figures only, no cases shown
 *   tsx scripts/eval-redaction.ts --lang sl       → one language only
 *   tsx scripts/eval-redaction.ts --set dev       → the development sets (tests/fixtures/redaction-dev), misses listed
 *   tsx scripts/eval-redaction.ts --set dev3      → one round of them (the files named *-dev3.cases)
 *   tsx scripts/eval-redaction.ts --set dev4 --held-out → that round's held-back third (held/), figures only
 *   tsx scripts/eval-redaction.ts --set probes    → the probes of secrets, phones, birth dates, addresses and names (app/redaction/probes)
 * While tuning, read only the tuning part's misses; the held-out part is scored at the end.
 */
import { detect } from "../app/redaction/index";
import { formatCoverage, scoreCoverage } from "../app/redaction/coverage-scoring";
import { loadProbeCases } from "../app/redaction/probes/probe-cases";
import { loadDevCases } from "../tests/fixtures/redaction-dev/dev-cases";
import { loadEvalCases } from "../tests/fixtures/redaction-eval/eval-cases";

const args = process.argv.slice(2);
const heldOut = args.includes("--held-out");
const langIndex = args.indexOf("--lang");
const lang = langIndex >= 0 ? args[langIndex + 1] : undefined;

const setIndex = args.indexOf("--set");
const set = setIndex >= 0 ? args[setIndex + 1] : undefined;
const dev = set?.startsWith("dev") ?? false;
const probes = set === "probes";
if (set && !dev && !probes) throw new Error(`unknown set ${set}: dev, dev<round> or probes`);

const all = probes
  ? loadProbeCases()
  : dev
    ? loadDevCases(set === "dev" ? undefined : set, heldOut)
    : loadEvalCases().filter((c) => c.split === (heldOut ? "held-out" : "tuning"));
const cases = all.filter((c) => !lang || c.lang === lang);
const score = scoreCoverage(cases, detect);
const details = heldOut ? { missed: 0, overRedacted: 0 } : { missed: 100_000, overRedacted: 100_000 };
const title = probes ? "probes" : dev ? (heldOut ? "development set, held-back part" : "development set") : heldOut ? "held-out part" : "tuning part";
console.log(formatCoverage(title, score, details));
