import fs from "node:fs";
import { getConfig } from "../../app/config.server";
import { configureOcrPool } from "../../app/redaction/image/ocr-pool.server";
import { redactImage } from "../../app/redaction/image/redact-image.server";
import { imagePath, loadCorpus, type ImageTruth, type Split } from "../fixtures/screenshots/corpus";
import { judgeImage, type ImageVerdict, type ValueVerdict } from "./screenshot-judge";

/**
 * Runs corpus images through the product's real entry point (redactImage, as
 * scripts/redact-image.ts calls it), judges each, and sums up per kind, split and group.
 * Used by the gate test and by scripts/score-screenshots.ts.
 */

export const GATES = { structured: 0.99, namesAddresses: 0.95, ordinaryWords: 0.95 } as const;

export interface CorpusRun {
  images: ImageVerdict[];
  /** Images the pipeline refused (counted as nothing painted: every value unsafe). */
  refused: { image: string; reason: string }[];
  ms: number;
}

export async function scoreCorpus(opts: { split?: Split; only?: (t: ImageTruth) => boolean; onImage?: (v: ImageVerdict) => void } = {}): Promise<CorpusRun> {
  const started = performance.now();
  const config = getConfig();
  const workers = config.OCR_WORKERS;
  configureOcrPool({ size: workers, timeoutMs: Math.max(config.OCR_TIMEOUT_MS, 120_000) });
  const corpus = loadCorpus({ split: opts.split }).filter(opts.only ?? (() => true));
  const images: ImageVerdict[] = [];
  const refused: CorpusRun["refused"] = [];
  // The pipeline's OCR pool queues its own work; a couple more images in flight keep native
  // tesseract (the judge) busy while the pool works.
  let next = 0;
  const lane = async () => {
    while (next < corpus.length) {
      const truth = corpus[next++]!;
      const original = fs.readFileSync(imagePath(truth));
      const result = await redactImage(original, { maxPixels: config.MAX_IMAGE_PIXELS });
      const verdict = await judgeImage(truth, result.ok ? result.image : original);
      if (!result.ok) {
        refused.push({ image: truth.image, reason: result.reason });
        for (const v of verdict.values) Object.assign(v, { safe: false, reason: `refused: ${result.reason}` });
      }
      images.push(verdict);
      opts.onImage?.(verdict);
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, workers + 1) }, lane));
  images.sort((a, b) => a.truth.image.localeCompare(b.truth.image));
  return { images, refused, ms: performance.now() - started };
}

export interface Rate {
  ok: number;
  n: number;
}
const rate = (ok: number, n: number): Rate => ({ ok, n });
const pct = (r: Rate) => (r.n ? `${((100 * r.ok) / r.n).toFixed(1)}%` : "–");
const cell = (r: Rate) => `${pct(r)} (${r.ok}/${r.n})`;

export interface Figures {
  structured: Rate;
  namesAddresses: Rate;
  words: Rate;
}

export function figures(images: ImageVerdict[]): Figures {
  const vals = images.flatMap((i) => i.values);
  const s = vals.filter((v) => v.group === "structured");
  const na = vals.filter((v) => v.group === "names-addresses");
  return {
    structured: rate(s.filter((v) => v.safe).length, s.length),
    namesAddresses: rate(na.filter((v) => v.safe).length, na.length),
    words: rate(images.reduce((a, i) => a + i.wordsReadableAfter, 0), images.reduce((a, i) => a + i.wordsReadableBefore, 0)),
  };
}

export function passesGates(f: Figures): boolean {
  const r = (x: Rate) => (x.n ? x.ok / x.n : 1);
  return r(f.structured) >= GATES.structured && r(f.namesAddresses) >= GATES.namesAddresses && r(f.words) >= GATES.ordinaryWords;
}

function table(rows: [string, Figures][]): string {
  const head = ["", "structured safe", "names+addresses safe", "ordinary words kept"];
  const body = rows.map(([label, f]) => [label, cell(f.structured), cell(f.namesAddresses), cell(f.words)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  return [head, ...body].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}

function typeTable(vals: ValueVerdict[]): string {
  const types = [...new Set(vals.map((v) => v.type))].sort();
  return types
    .map((t) => {
      const of = vals.filter((v) => v.type === t);
      return `${t.padEnd(9)} ${cell(rate(of.filter((v) => v.safe).length, of.length))}`;
    })
    .join("\n");
}

/** The report: per split, per kind, per value type; with `listUnsafe`, every unsafe value (tuning only). */
export function formatReport(run: CorpusRun, opts: { listUnsafe?: boolean } = {}): string {
  const { images } = run;
  const splits = ["tuning", "held-out"].filter((s) => images.some((i) => i.truth.split === s));
  const kinds = [...new Set(images.map((i) => i.truth.kind))].sort();
  const out: string[] = [];
  out.push(table([
    ...splits.map((s) => [s, figures(images.filter((i) => i.truth.split === s))] as [string, Figures]),
    ["all", figures(images)],
  ]));
  out.push("", table(kinds.map((k) => [k, figures(images.filter((i) => i.truth.kind === k))])));
  out.push("", typeTable(images.flatMap((i) => i.values)));
  out.push("", `gates: structured ≥ ${GATES.structured * 100}%, names+addresses ≥ ${GATES.namesAddresses * 100}%, ordinary words ≥ ${GATES.ordinaryWords * 100}%: ${passesGates(figures(images)) ? "PASS" : "FAIL"}`);
  out.push(`${images.length} images, ${(run.ms / 1000).toFixed(0)} s${run.refused.length ? `, refused: ${run.refused.map((r) => `${r.image} (${r.reason})`).join(", ")}` : ""}`);
  if (opts.listUnsafe) {
    const tuning = images.filter((i) => i.truth.split === "tuning");
    const unsafe = tuning.flatMap((i) => i.values.filter((v) => !v.safe).map((v) => ({ v, t: i.truth })));
    if (unsafe.length) out.push("", "unsafe values (tuning):");
    for (const { v, t } of unsafe) {
      const value = t.values[v.id]!;
      const b = value.ink[0]!;
      out.push(`  ${t.image}  #${v.id} ${v.type}  "${value.text}"  at ${Math.round(b.x0)},${Math.round(b.y0)}  ${v.reason}`);
    }
    const lost = tuning.flatMap((i) => i.lostWords.map((w) => `${i.truth.words[w]!.text}`));
    if (lost.length) out.push("", `ordinary words lost (tuning, ${lost.length}): ${lost.slice(0, 200).join(" ")}`);
  }
  return out.join("\n");
}
