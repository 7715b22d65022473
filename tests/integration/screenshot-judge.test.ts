import fs from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { imagePath, loadCorpus } from "../fixtures/screenshots/corpus";
import { isValidDavcna, isValidIbanForCorpus, passesLuhnForCorpus } from "../fixtures/screenshots/values";
import { judgeImage, readsValue } from "../setup/screenshot-judge";

/**
 * The judge itself must be able to fail and to pass: an untouched screenshot leaks every
 * value, the same screenshot with each value's box blacked out leaks none and keeps its words.
 * And the corpus values carry the checksums real ones do.
 */
const corpus = loadCorpus();

describe.skipIf(process.env.MINIDESK_TEST_DB === "postgres")("screenshot judge", () => {
  it("the corpus holds valid IBANs, card numbers and tax numbers", () => {
    const all = corpus.flatMap((t) => t.values);
    const check = { IBAN: isValidIbanForCorpus, CARD: passesLuhnForCorpus, TAX: isValidDavcna } as const;
    for (const [type, valid] of Object.entries(check)) {
      const of = all.filter((v) => v.type === type);
      expect(of.length).toBeGreaterThan(5);
      expect(of.filter((v) => !valid(v.text)).map((v) => v.text)).toEqual([]);
    }
  });

  it("counts partial reads: six digits of a number, the local part of an email, a surname", () => {
    expect(readsValue("IBAN", "SI56 1910 0000 0123 438", ["SI56", "1910", "00"])).toBe(true);
    expect(readsValue("IBAN", "SI56 1910 0000 0123 438", ["SI56", "19"])).toBe(false);
    expect(readsValue("EMAIL", "jana.novak@gmail.com", ["jana.novak@", "gmai1"])).toBe(true);
    expect(readsValue("EMAIL", "jana.novak@gmail.com", ["gmail.com"])).toBe(false);
    expect(readsValue("NAME", "Špela Kovačič", ["Kovacic"])).toBe(true);
    expect(readsValue("ADDRESS", "Dunajska cesta 5", ["cesta", "5"])).toBe(false);
    expect(readsValue("ADDRESS", "1000 Ljubljana", ["Ljubljana"])).toBe(true);
    expect(readsValue("PHONE", "041 123 456", ["O41", "l23", "456"])).toBe(true);
  });

  const sample = corpus.find((t) => t.image === "crm-card-en.light.1x.png")!;

  it("finds every value of an untouched screenshot unsafe", async () => {
    const verdict = await judgeImage(sample, fs.readFileSync(imagePath(sample)));
    expect(verdict.values.filter((v) => v.safe)).toEqual([]);
    expect(verdict.wordsReadableAfter).toBe(verdict.wordsReadableBefore);
    expect(verdict.wordsReadableBefore).toBeGreaterThan(20);
  }, 120_000);

  it("finds every value safe when its box is blacked out, and the ordinary words still readable", async () => {
    const { data, info } = await sharp(fs.readFileSync(imagePath(sample))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    for (const v of sample.values) {
      for (const b of v.boxes) {
        for (let y = Math.floor(b.y0) - 1; y < Math.ceil(b.y1) + 1; y++) data.fill(0, (y * info.width + Math.floor(b.x0) - 2) * 3, (y * info.width + Math.ceil(b.x1) + 2) * 3);
      }
    }
    const redacted = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).png().toBuffer();
    const verdict = await judgeImage(sample, redacted);
    expect(verdict.values.filter((v) => !v.safe).map((v) => `${v.id} ${v.reason}`)).toEqual([]);
    expect(verdict.wordsReadableAfter / verdict.wordsReadableBefore).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
