import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeImage, encodeImage, sniffImageType } from "./decode-image.server";
import { HTML_DISGUISED_AS_PNG, pngDecompressionBomb, truncatedPng } from "../../../tests/fixtures/images/hostile-images";

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#c04020" } });

describe("sniffImageType", () => {
  it("recognises the accepted formats by their bytes", async () => {
    expect(sniffImageType(await solid(8, 8).png().toBuffer())).toBe("png");
    expect(sniffImageType(await solid(8, 8).jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImageType(await solid(8, 8).webp().toBuffer())).toBe("webp");
    expect(sniffImageType(await solid(8, 8).gif().toBuffer())).toBe("gif");
    expect(sniffImageType(await solid(8, 8).avif().toBuffer())).toBe("avif");
  });

  it("refuses what is not an accepted image, whatever it is called", async () => {
    expect(sniffImageType(HTML_DISGUISED_AS_PNG)).toBeNull();
    expect(sniffImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImageType(await solid(8, 8).tiff().toBuffer())).toBeNull();
    expect(sniffImageType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toBeNull(); // zip
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe("decodeImage", () => {
  it("decodes PNG, JPEG, WebP, GIF and AVIF to upright RGB pixels", async () => {
    for (const bytes of [
      await solid(40, 30).png().toBuffer(),
      await solid(40, 30).jpeg().toBuffer(),
      await solid(40, 30).webp().toBuffer(),
      await solid(40, 30).gif().toBuffer(),
      await solid(40, 30).avif().toBuffer(),
    ]) {
      const r = await decodeImage(bytes);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect([r.image.width, r.image.height]).toEqual([40, 30]);
        expect(r.image.pixels.length).toBe(40 * 30 * 3);
      }
    }
  });

  it("refuses a decompression bomb before decoding it", async () => {
    const bomb = pngDecompressionBomb();
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    expect(await decodeImage(bomb)).toEqual({ ok: false, reason: "TOO_LARGE" });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("applies a configurable pixel limit", async () => {
    const png = await solid(200, 200).png().toBuffer();
    expect(await decodeImage(png, { maxPixels: 39_999 })).toEqual({ ok: false, reason: "TOO_LARGE" });
    expect((await decodeImage(png, { maxPixels: 40_000 })).ok).toBe(true);
  });

  it("refuses truncated, garbage and disguised files", async () => {
    expect(await decodeImage(await truncatedPng())).toEqual({ ok: false, reason: "DECODE_FAILED" });
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 0x5a)]);
    expect(await decodeImage(garbage)).toEqual({ ok: false, reason: "DECODE_FAILED" });
    expect(await decodeImage(HTML_DISGUISED_AS_PNG)).toEqual({ ok: false, reason: "UNSUPPORTED_TYPE" });
  });

  it("keeps only the first frame of an animated GIF", async () => {
    const frames = Buffer.concat([
      await solid(20, 10).raw().toBuffer(),
      await sharp({ create: { width: 20, height: 10, channels: 3, background: "#00ff00" } }).raw().toBuffer(),
    ]);
    const gif = await sharp(frames, { raw: { width: 20, height: 20, channels: 3, pageHeight: 10 } } as never)
      .gif()
      .toBuffer();
    expect((await sharp(gif, { pages: -1 }).metadata()).pages).toBe(2);
    const r = await decodeImage(gif);
    expect(r.ok && [r.image.width, r.image.height]).toEqual([20, 10]);
  });

  it("turns an EXIF-rotated photo upright and drops EXIF and GPS from the output", async () => {
    // Stored landscape 300×200 with orientation 6: a phone held upright, so it shows 200×300.
    const photo = await solid(300, 200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: "PhoneMakerX" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "46/1 3/1 0/1", GPSMapDatum: "WGS-84" } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif?.toString("latin1")).toContain("WGS-84");

    const r = await decodeImage(photo);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.image.width, r.image.height]).toEqual([200, 300]);
    const out = await encodeImage(r.image.pixels, r.image.width, r.image.height, r.image.sourceType);
    expect(out.mediaType).toBe("image/jpeg");
    const meta = await sharp(out.image).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.image.toString("latin1")).not.toMatch(/WGS-84|PhoneMakerX|Exif/);
  });
});
