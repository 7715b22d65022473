import fs from "node:fs";
import { getConfig } from "../app/config.server";
import { configureOcrPool, shutdownOcrPool } from "../app/redaction/image/ocr-pool.server";
import { redactImage } from "../app/redaction/image/redact-image.server";

/**
 * Redacts one image: `npx tsx scripts/redact-image.ts in.png out.png`.
 * Writes the redacted image and prints the report as JSON (boxes, never text). Exits 1
 * with the reason when the image is refused; nothing is written then.
 */
async function main(): Promise<number> {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write("usage: tsx scripts/redact-image.ts <in-image> <out-image>\n");
    return 2;
  }
  const config = getConfig();
  configureOcrPool({ size: 1, timeoutMs: config.OCR_TIMEOUT_MS });
  const result = await redactImage(fs.readFileSync(input), { maxPixels: config.MAX_IMAGE_PIXELS });
  if (!result.ok) {
    process.stderr.write(`refused: ${result.reason}\n`);
    return 1;
  }
  fs.writeFileSync(output, result.image);
  process.stdout.write(JSON.stringify({ mediaType: result.mediaType, ...result.report }, null, 2) + "\n");
  return 0;
}

main()
  .then(async (code) => {
    await shutdownOcrPool();
    process.exitCode = code;
  })
  .catch(async (err: unknown) => {
    await shutdownOcrPool();
    // The class name only: a message could quote file contents.
    process.stderr.write(`failed: ${err instanceof Error ? err.name : "UnknownError"}\n`);
    process.exitCode = 1;
  });
