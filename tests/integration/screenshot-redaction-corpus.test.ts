import { afterAll, describe, expect, it } from "vitest";
import { shutdownOcrPool } from "../../app/redaction/image/ocr-pool.server";
import { loadCorpus } from "../fixtures/screenshots/corpus";
import { figures, formatReport, GATES, scoreCorpus, type CorpusRun } from "../setup/screenshot-scoring";

/**
 * Issue 19's gate: every corpus screenshot (tests/fixtures/screenshots) goes through the real
 * pipeline, and the independent judge (native tesseract + painted pixels) decides per value.
 * The table is printed per split, kind and value type; the gates apply to the whole corpus.
 * The database plays no part, so the PostgreSQL run of the integration suite skips it.
 */
afterAll(() => shutdownOcrPool());

const ratio = (r: { ok: number; n: number }) => r.ok / r.n;

describe.skipIf(process.env.MINIDESK_TEST_DB === "postgres")("screenshot redaction on the corpus (issue 19)", () => {
  let run: CorpusRun;

  it("scores every corpus image, tuning and held-out", async () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    run = await scoreCorpus();
    console.log(`\nscreenshot corpus\n${formatReport(run)}\n`);
    expect(run.images).toHaveLength(corpus.length);
    expect(run.refused).toEqual([]);
  }, 40 * 60_000);

  it(`keeps ≥ ${GATES.structured * 100} % of structured values (email, phone, IBAN, card, tax number, password) safe`, () => {
    expect(ratio(figures(run.images).structured)).toBeGreaterThanOrEqual(GATES.structured);
  });

  it(`keeps ≥ ${GATES.namesAddresses * 100} % of names and addresses safe`, () => {
    expect(ratio(figures(run.images).namesAddresses)).toBeGreaterThanOrEqual(GATES.namesAddresses);
  });

  it(`leaves ≥ ${GATES.ordinaryWords * 100} % of the ordinary words readable`, () => {
    expect(ratio(figures(run.images).words)).toBeGreaterThanOrEqual(GATES.ordinaryWords);
  });
});
