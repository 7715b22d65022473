import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

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
  // The build's messages are kept and shown only when it fails. `remix build` ends with
  // process.exit() while esbuild's service processes are still winding down, and esbuild then
  // sometimes prints "fatal error: all goroutines are asleep - deadlock!" with a goroutine trace
  // (evanw/esbuild#2485): harmless, but with an inherited stderr it landed in the output of
  // `npm start`, the tests and the benches, long after the build, looking like a crash on exit.
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 16 << 20,
    // Always a production build: a development build (jsxDEV) fails under NODE_ENV=production,
    // and tests must exercise what users run.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? "");
    throw new Error(`remix build failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
  return true;
}
