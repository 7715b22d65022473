import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { createWorker, OEM, type Worker } from "tesseract.js";

/**
 * A small pool of tesseract.js workers, started lazily once per process and reused:
 * starting a worker costs about half a second and tens of megabytes, recognising one
 * screenshot about as much again. Requests queue for a free worker. A worker that
 * overruns its time limit is terminated and replaced, so one pathological image cannot
 * block the queue.
 *
 * Language data never comes from the network (docs: shared STACK.md): English from the
 * @tesseract.js-data/eng package; Slovenian from Debian's tesseract-ocr-slv when that
 * package is installed. Nothing is cached to disk (cacheMethod "none").
 */

export interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: Bbox;
}

export interface OcrLine {
  words: OcrWord[];
}

export interface OcrResult {
  lines: OcrLine[];
  /** Mean word confidence 0–100; 0 when no word was found. */
  confidence: number;
}

export class OcrTimeoutError extends Error {
  constructor() {
    super("OCR took longer than its time limit");
    this.name = "OcrTimeoutError";
  }
}

export interface OcrPoolOptions {
  /** Number of workers; the config's OCR_WORKERS. */
  size?: number;
  /** Time limit per image; the config's OCR_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Where to look for Debian's Slovenian data; tests point this elsewhere. */
  tessdataGlobRoot?: string;
}

export const DEFAULT_OCR_TIMEOUT_MS = 30_000;

const require = createRequire(import.meta.url);

/** Debian installs language data under /usr/share/tesseract-ocr/<version>/tessdata/. */
export function findSlovenianTraineddata(root = "/usr/share/tesseract-ocr"): string | null {
  let versions: string[];
  try {
    versions = fs.readdirSync(root).sort().reverse(); // newest version first
  } catch {
    return null;
  }
  for (const v of versions) {
    const file = path.join(root, v, "tessdata", "slv.traineddata");
    if (fs.existsSync(file)) return file;
  }
  return null;
}

export interface WorkerLanguages {
  langs: "eng" | "eng+slv";
  langPath: string;
  gzip: boolean;
}

/**
 * English alone uses the exact recipe from STACK.md. Adding Slovenian needs one folder that
 * holds both languages with one compression (`langPath` + `gzip` apply to all languages),
 * and Debian's tessdata folder is exactly that: tesseract-ocr-slv sits beside the
 * tesseract-ocr-eng that tesseract-ocr depends on, both uncompressed. (Handing the data
 * over as bytes, `{ code, data }`, is broken in tesseract.js 7: it initialises with the
 * bytes as the language name.) Without an English file beside it, English alone.
 */
export function resolveOcrLanguages(tessdataRoot?: string): WorkerLanguages {
  const npmEng = path.join(path.dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");
  const slv = findSlovenianTraineddata(tessdataRoot);
  if (slv && fs.existsSync(path.join(path.dirname(slv), "eng.traineddata"))) {
    return { langs: "eng+slv", langPath: path.dirname(slv), gzip: false };
  }
  return { langs: "eng", langPath: npmEng, gzip: true };
}

interface Slot {
  worker: Promise<Worker> | null;
  busy: boolean;
  /** The page segmentation mode the worker is set to now. */
  mode: PageMode;
}

/**
 * "page": a strip of a whole screenshot; "block": the sheets of re-read regions that the second
 * pass stacks one under another. Both are read as one uniform block of lines (psm 6; lines are
 * rebuilt from word positions by screen-layout.ts): see startWorker for why not psm 3.
 */
export type PageMode = "page" | "block";
const PSM: Record<PageMode, string> = { page: "6", block: "6" };

interface Job {
  image: Buffer;
  mode: PageMode;
  timeoutMs: number;
  resolve: (r: OcrResult) => void;
  reject: (e: unknown) => void;
}

interface PoolState {
  size: number;
  timeoutMs: number;
  tessdataRoot?: string;
  slots: Slot[];
  queue: Job[];
  /** Rejected by shutdownOcrPool so that running jobs end at once. */
  aborted: Promise<never>;
  abort: (e: Error) => void;
}

// Module-level on purpose: one pool per process, shared by every caller and test file.
let pool: PoolState | null = null;

/**
 * Sets the pool's size and time limit. Takes effect for a pool not yet started; a running
 * pool keeps its workers (call shutdownOcrPool first to resize).
 */
export function configureOcrPool(opts: OcrPoolOptions): void {
  if (pool && pool.slots.some((s) => s.worker)) return;
  pool = makePool(opts);
}

function makePool(opts: OcrPoolOptions): PoolState {
  const size = Math.max(1, Math.floor(opts.size ?? 1));
  let abort: (e: Error) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  aborted.catch(() => undefined); // only ever observed through Promise.race
  return {
    aborted,
    abort,
    size,
    timeoutMs: opts.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS,
    tessdataRoot: opts.tessdataGlobRoot,
    slots: Array.from({ length: size }, () => ({ worker: null, busy: false, mode: "page" as PageMode })),
    queue: [],
  };
}

async function startWorker(state: PoolState): Promise<Worker> {
  const { langs, langPath, gzip } = resolveOcrLanguages(state.tessdataRoot);
  const worker = await createWorker(langs, OEM.LSTM_ONLY, { langPath, gzip, cacheMethod: "none" });
  // Screenshots carry no usable DPI (tesseract warns and guesses 70 on every image); 300 is
  // the resolution its models are tuned for, and our preprocessing brings text near that size.
  // The page mode is set here, not left to the default. tesseract's API starts in single-block
  // mode (6), not the CLI's automatic layout (3): a worker's first image was read in mode 6 and
  // every image after a pass-2 sheet in mode 3, so results depended on the order images came in
  // (the screenshot corpus scored differently alone and in a run). Mode 6 reads pass 1's strips
  // better (table rows rebuilt by screen-layout.ts; card numbers, phones in code), so both are 6.
  await worker.setParameters({ user_defined_dpi: "300", tessedit_pageseg_mode: PSM.page as never });
  return worker;
}

function toResult(data: Awaited<ReturnType<Worker["recognize"]>>["data"]): OcrResult {
  const lines: OcrLine[] = [];
  let sum = 0;
  let count = 0;
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words: OcrWord[] = [];
        for (const w of line.words) {
          const text = w.text.trim();
          if (!text) continue;
          words.push({ text, confidence: w.confidence, bbox: { ...w.bbox } });
          sum += w.confidence;
          count++;
        }
        if (words.length) lines.push({ words });
      }
    }
  }
  return { lines, confidence: count ? sum / count : 0 };
}

async function run(state: PoolState, slot: Slot, job: Job): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  if (!slot.worker) slot.mode = "page";
  const workerPromise = (slot.worker ??= startWorker(state));
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrTimeoutError()), job.timeoutMs);
    });
    const work = workerPromise.then(async (w) => {
      if (slot.mode !== job.mode) {
        await w.setParameters({ tessedit_pageseg_mode: PSM[job.mode] as never });
        slot.mode = job.mode;
      }
      return w.recognize(job.image, {}, { blocks: true, text: false });
    });
    const { data } = await Promise.race([work, timeout, state.aborted]);
    job.resolve(toResult(data));
  } catch (err) {
    // Whatever went wrong (timeout, crash, failed start), this worker is not trusted
    // again: terminate it and let the next job start a fresh one.
    if (slot.worker === workerPromise) slot.worker = null;
    workerPromise.then((w) => w.terminate()).catch(() => undefined);
    job.reject(err);
  } finally {
    clearTimeout(timer);
  }
}

function dispatch(state: PoolState): void {
  for (const slot of state.slots) {
    if (slot.busy) continue;
    const job = state.queue.shift();
    if (!job) return;
    slot.busy = true;
    void run(state, slot, job).finally(() => {
      slot.busy = false;
      if (pool === state) dispatch(state);
    });
  }
}

/**
 * Recognises the words of an image (PNG/JPEG bytes) with their boxes, grouped in lines.
 * Rejects with OcrTimeoutError past the time limit, or with the engine's error.
 */
export function recognizeWords(image: Buffer, opts: { timeoutMs?: number; mode?: PageMode } = {}): Promise<OcrResult> {
  const state = (pool ??= makePool({}));
  return new Promise<OcrResult>((resolve, reject) => {
    state.queue.push({ image, mode: opts.mode ?? "page", timeoutMs: opts.timeoutMs ?? state.timeoutMs, resolve, reject });
    dispatch(state);
  });
}

/** Terminates every worker; queued requests are rejected. For tests, CLIs and shutdown. */
export async function shutdownOcrPool(): Promise<void> {
  const state = pool;
  pool = null;
  if (!state) return;
  for (const job of state.queue.splice(0)) job.reject(new Error("OCR pool shut down"));
  state.abort(new Error("OCR pool shut down"));
  const terminated = Promise.all(
    state.slots.map(async (slot) => {
      const w = slot.worker;
      slot.worker = null;
      if (w) await w.then((worker) => worker.terminate()).catch(() => undefined);
    }),
  );
  // A worker still starting is terminated once it has started, but shutdown does not wait
  // for it longer than this: a stuck start must not hold a stopping server forever.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([terminated, new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS).unref()))]);
  clearTimeout(timer);
}
const SHUTDOWN_WAIT_MS = 10_000;

/** How many images the pool reads at once: one screenshot is cut into this many strips. */
export function ocrPoolSize(): number {
  return (pool ??= makePool({})).size;
}

/** For tests: how many workers are started right now. */
export function startedOcrWorkers(): number {
  return pool ? pool.slots.filter((s) => s.worker).length : 0;
}
