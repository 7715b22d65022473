import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import { spawnMinidesk } from "../../scripts/spawn-minidesk";
import { renderTextImage } from "../fixtures/images/render-text-image";
import { sendComposed, SUPPORT, useMailIntakeEnv } from "../setup/mail";

/**
 * A shutdown ends cleanly: intake stops, the outbox delivery under way finishes, the OCR workers
 * and the database close, and the process ends by itself, with no error logged on the way out
 * (bench:mail used to log mail.deliver_failed, a TypeError from a database closed under it).
 */
useMailIntakeEnv();
const errorLines = (out: string) => out.split("\n").filter((l) => /"level":"error"|TypeError|deadlock|goroutine/.test(l));

function exitOf(child: ReturnType<typeof spawn>, limitMs: number): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ code: null, timedOut: true });
    }, limitMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut: false });
    });
  });
}

describe("shutdown", { timeout: 120_000 }, () => {
  it("bench:mail (listener, mail with screenshots, then stop) ends by itself with no error logged", async () => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/bench-mail.ts", "--messages", "8", "--connections", "2", "--screenshots", "2"], {
      env: { ...process.env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const exit = await exitOf(child, 90_000);
    expect(exit.timedOut, "the bench did not end by itself").toBe(false);
    expect(out).toMatch(/tickets: 10, stored redacted screenshots: 2/);
    expect(errorLines(out)).toEqual([]);
    expect(exit.code).toBe(0);
  });

  it("npm start takes a mail with a screenshot, then stops on SIGTERM: exit 0, no error line", async () => {
    const { child, url } = spawnMinidesk({ LOG_LEVEL: "info", SMTP_LISTEN: "true", SMTP_LISTEN_PORT: "0", WORKER: "true", WORKER_POLL_MS: "200" }, { stderr: "pipe" });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    await url;
    const port = await new Promise<number>((resolve) => {
      const look = () => {
        const m = /"event":"smtp.listening".*?"port":(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
        else setTimeout(look, 50);
      };
      look();
    });
    const png = await renderTextImage({ width: 600, height: 120, lines: ["Error 0x80070005"] });
    const info = await sendComposed(port, { from: "klient@example.com", to: SUPPORT, subject: "Napaka", text: "Posnetek je priložen.", attachments: [{ filename: "napaka.png", content: png }] });
    expect(info.response).toMatch(/^250 .*ticket-opened/);
    child.kill("SIGTERM");
    const exit = await exitOf(child, 30_000);
    expect(exit.timedOut, "npm start did not stop").toBe(false);
    expect(exit.code).toBe(0);
    expect(errorLines(out)).toEqual([]);
  });
});
