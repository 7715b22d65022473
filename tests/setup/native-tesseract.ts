import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PixelBox } from "../fixtures/screenshots/corpus";

/**
 * Debian's native tesseract as an independent reader for tests (never the product's OCR):
 * one child process per call, single-threaded (OMP_THREAD_LIMIT=1), word boxes from its TSV
 * output. At most NATIVE_TESSERACT_JOBS (default 2) run at once.
 */
export const TESSERACT = process.env.TESSERACT_PATH ?? "/usr/bin/tesseract";

export interface ReadWord {
  text: string;
  conf: number;
  /** In the coordinates of the image that was read. */
  box: PixelBox;
  /** Which image of a batch (0-based). */
  page: number;
  /** block/paragraph/line, to keep reading order inside a line. */
  line: string;
}

let version: string | undefined;
let languages: string | undefined;

export function tesseractVersion(): string {
  if (version) return version;
  const out = execFileSync(TESSERACT, ["--version"], { encoding: "utf8" });
  return (version = out.split("\n")[0]!.trim());
}

export function tesseractLanguages(): string {
  if (languages) return languages;
  const out = execFileSync(TESSERACT, ["--list-langs"], { encoding: "utf8" });
  const langs = out.split("\n").slice(1).map((l) => l.trim());
  return (languages = ["eng", "slv"].filter((l) => langs.includes(l)).join("+") || "eng");
}

const MAX_JOBS = Math.max(1, Number(process.env.NATIVE_TESSERACT_JOBS ?? 2));
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_JOBS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function parseTsv(tsv: string): ReadWord[] {
  const words: ReadWord[] = [];
  for (const row of tsv.split("\n").slice(1)) {
    const c = row.split("\t");
    if (c.length < 12 || c[0] !== "5") continue;
    const text = c.slice(11).join("\t").trim();
    if (!text) continue;
    const [left, top, width, height] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
    words.push({
      text,
      conf: Number(c[10]),
      box: { x0: left, y0: top, x1: left + width, y1: top + height },
      page: Number(c[1]) - 1,
      line: `${c[1]}.${c[2]}.${c[3]}.${c[4]}`,
    });
  }
  return words;
}

function run(args: string[], stdin?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TESSERACT, args, { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out).toString("utf8")) : reject(new Error(`tesseract exited ${code}: ${err.slice(0, 300)}`))));
    child.stdin.end(stdin ?? Buffer.alloc(0));
  });
}

/** Reads one image (PNG bytes). psm 11 = sparse text: finds as much text as it can, in any layout. */
export function readImage(png: Buffer, opts: { psm?: number; langs?: string } = {}): Promise<ReadWord[]> {
  return slot(async () => parseTsv(await run(["stdin", "stdout", "-l", opts.langs ?? tesseractLanguages(), "--psm", String(opts.psm ?? 11), "tsv"], png)));
}

/** Reads several small images in one process (the model loads once); words carry their image's index. */
export function readImages(pngs: Buffer[], opts: { psm?: number; langs?: string } = {}): Promise<ReadWord[]> {
  if (!pngs.length) return Promise.resolve([]);
  return slot(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "judge-"));
    try {
      const files = pngs.map((png, i) => {
        const f = path.join(dir, `${String(i).padStart(4, "0")}.png`);
        fs.writeFileSync(f, png);
        return f;
      });
      const list = path.join(dir, "list.txt");
      fs.writeFileSync(list, files.join("\n") + "\n");
      return parseTsv(await run([list, "stdout", "-l", opts.langs ?? tesseractLanguages(), "--psm", String(opts.psm ?? 7), "tsv"]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
