import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium driven by playwright-core (a browser download does not work here).
 * The flags keep Chromium from calling out to the closed network at start.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** Screenshots the tests keep as artifacts (tests/artifacts/ is not committed). */
export function artifactPath(name: string): string {
  const dir = path.resolve("tests/artifacts");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
