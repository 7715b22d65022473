/**
 * Screenshot redaction speed and memory against native tesseract, on the same images in the
 * same run. The screens are rendered admin tables (tests/fixtures/images/hard-screens.ts: zebra
 * rows, grey 13 px text, a selected row, dark panels, a code block), at 1280×720, 1920×1080,
 * 2560×1600 (2×) and 1170×2532 (a 3× phone). Native is Debian's `tesseract in.png -` with
 * OMP_THREAD_LIMIT=1 (one thread), the pipeline runs with OCR_WORKERS workers (default 2).
 * Targets (issue 19): pipeline ≤ 3× native per image, peak RSS ≤ 600 MB.
 * Run: npm run bench:image [-- --workers N] [-- --save DIR]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { configureOcrPool, shutdownOcrPool } from "../app/redaction/image/ocr-pool.server";
import { redactImage } from "../app/redaction/image/redact-image.server";
import { renderHardScreen } from "../tests/fixtures/images/hard-screens";

const SIZES = [
  [1280, 720, 1],
  [1920, 1080, 1],
  [2560, 1600, 2],
  [1170, 2532, 3],
] as const;

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function nativeMs(file: string): number {
  const started = performance.now();
  execFileSync("tesseract", [file, "-"], { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, stdio: ["ignore", "ignore", "ignore"] });
  return performance.now() - started;
}

async function main() {
  const workers = Number(arg("--workers") ?? process.env.OCR_WORKERS ?? 2);
  const saveDir = arg("--save");
  configureOcrPool({ size: workers, timeoutMs: 120_000 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-bench-image-"));
  try {
    // Starts the workers; not timed.
    const warm = await renderHardScreen({ width: 640, height: 400 });
    await redactImage(warm.image);
    console.log(`OCR_WORKERS=${workers}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
    for (const [width, height, ratio] of SIZES) {
      const screen = await renderHardScreen({ width, height, pixelRatio: ratio, seed: width });
      const file = path.join(tmp, `${width}x${height}.png`);
      fs.writeFileSync(file, screen.image);
      const native = nativeMs(file);
      const started = performance.now();
      const r = await redactImage(screen.image, { ocrTimeoutMs: 120_000 });
      const ms = performance.now() - started;
      if (!r.ok) throw new Error(`refused: ${r.reason}`);
      if (saveDir) fs.writeFileSync(path.join(saveDir, `${width}x${height}.png`), r.image);
      const p = r.report.passes;
      const found = Object.values(r.report.counts).reduce((a, b) => a + (b ?? 0), 0);
      console.log(
        `${width}x${height}@${ratio}x: pipeline ${ms.toFixed(0)} ms, native ${native.toFixed(0)} ms, ratio ${(ms / native).toFixed(2)}; ` +
          `preprocess ${p.preprocessMs} ms, pass 1 ${p.pass1Ms} ms (scale ${p.scale}), pass 2 ${p.pass2Ms} ms (${p.rereadRegions} regions), ` +
          `detect+paint ${Math.round(ms - p.preprocessMs - p.pass1Ms - p.pass2Ms)} ms; ` +
          `${found} entities, ${r.report.unreadable.regions}/${r.report.unreadable.textRegions} regions painted unreadable; peak RSS ${rssMb()} MB`,
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => shutdownOcrPool());
