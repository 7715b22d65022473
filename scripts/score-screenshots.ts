import { shutdownOcrPool } from "../app/redaction/image/ocr-pool.server";
import { formatReport, scoreCorpus } from "../tests/setup/screenshot-scoring";

/**
 * Scores the screenshot pipeline on the corpus in tests/fixtures/screenshots (issue 19):
 *   npx tsx scripts/score-screenshots.ts               tuning part, every unsafe value listed
 *   npx tsx scripts/score-screenshots.ts --held-out    held-out part, figures only
 *   npx tsx scripts/score-screenshots.ts --all         both parts, figures only
 *   npx tsx scripts/score-screenshots.ts --image NAME  one image (substring of its file name)
 * OCR_WORKERS sets the pipeline's pool; NATIVE_TESSERACT_JOBS (default 2) the judge's processes.
 * The corpus holds fictitious values only; the tuning listing prints them to say which one leaked.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const heldOut = args.includes("--held-out");
  const all = args.includes("--all");
  const imageArg = args.indexOf("--image");
  const image = imageArg >= 0 ? args[imageArg + 1] : undefined;
  const split = all ? undefined : heldOut ? "held-out" : image ? undefined : "tuning";
  const run = await scoreCorpus({
    split,
    only: image ? (t) => t.image.includes(image) && (t.split === "tuning" || heldOut || all) : undefined,
    onImage: (v) => process.stderr.write(`  ${v.truth.image}: ${v.values.filter((x) => x.safe).length}/${v.values.length} safe\n`),
  });
  process.stdout.write(formatReport(run, { listUnsafe: !heldOut && !all }) + "\n");
}

main()
  .then(() => shutdownOcrPool())
  .catch(async (err: unknown) => {
    await shutdownOcrPool();
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
