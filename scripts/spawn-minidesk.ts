import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * `npm start` (scripts/start.ts) as a child process, for what must measure or test the real
 * entry point (bench:queue --web-processes, tests/integration/web-processes.test.ts). `url`
 * resolves with the address from its "listening on" line (PORT=0 picks a free port), and
 * rejects if the process exits before it listens.
 */
export function spawnMinidesk(env: Record<string, string>, opts: { stderr?: "inherit" | "pipe" } = {}): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/start.ts")], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", opts.stderr ?? "inherit"],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const m = /listening on (http:\/\/\S+)\)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}) before listening`)));
  });
  return { child, url };
}
