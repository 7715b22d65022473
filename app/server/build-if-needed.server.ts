import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs `remix build` when build/ is missing or older than app/ (so `npm start` just works). */
export function buildIfNeeded(log: (msg: string) => void = console.log) {
  const build = path.resolve("build/index.js");
  const stale = !fs.existsSync(build) || fs.statSync(build).mtimeMs < newestMtime(path.resolve("app"));
  if (!stale) return false;
  log("Building the web app…");
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    // Always a production build: a development build (jsxDEV) fails under NODE_ENV=production,
    // and tests must exercise what users run.
    env: { ...process.env, NODE_ENV: "production" },
  });
  return true;
}
