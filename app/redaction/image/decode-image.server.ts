import sharp from "sharp";

/**
 * Safe decoding of untrusted images, entirely in memory.
 *
 * The type comes from the file's first bytes only: a declared media type or a file name is
 * whatever the sender wanted it to be (an HTML page named "photo.png"). Dimensions are read
 * from the header and checked before a single pixel is decoded, so a small file declaring
 * 30000×30000 (a decompression bomb) is refused without allocating gigabytes.
 *
 * What leaves here is raw, upright (EXIF orientation applied), opaque sRGB pixels: no
 * metadata survives (EXIF, GPS, XMP, ICC, comments), and transparency is flattened onto
 * white so that nothing hidden under alpha = 0 reaches storage unredacted.
 */

export type ImageType = "png" | "jpeg" | "webp" | "gif" | "avif" | "heic";

export type DecodeFailure = "UNSUPPORTED_TYPE" | "TOO_LARGE" | "DECODE_FAILED";

export interface DecodedImage {
  /** Raw RGB, 3 bytes per pixel, row-major, `width * height * 3` bytes. */
  pixels: Buffer;
  width: number;
  height: number;
  sourceType: ImageType;
}

export type DecodeResult = { ok: true; image: DecodedImage } | { ok: false; reason: DecodeFailure };

export interface DecodeOptions {
  /** Largest accepted width × height of the input; the config's MAX_IMAGE_PIXELS. */
  maxPixels?: number;
}

export const DEFAULT_MAX_PIXELS = 40_000_000;

const ISO_BMFF_AVIF_BRANDS = new Set(["avif", "avis"]);
const ISO_BMFF_HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The image type the bytes really are, or null when it is not one we accept. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString("latin1");
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(1, 8) === "PNG\r\n\x1a\n") return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 6 && (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a")) return "gif";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (bytes.length >= 16 && ascii(4, 8) === "ftyp") {
    // ISO base media file: the major brand, then compatible brands up to the box end.
    const boxSize = Math.min(Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0), bytes.length, 256);
    const brands = [ascii(8, 12)];
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(at, at + 4));
    if (brands.some((b) => ISO_BMFF_AVIF_BRANDS.has(b))) return "avif";
    if (brands.some((b) => ISO_BMFF_HEIC_BRANDS.has(b))) return "heic";
  }
  return null;
}

/** libvips reports the pixel limit with this wording (sharp 0.3x). */
function isPixelLimitError(err: unknown): boolean {
  return err instanceof Error && /pixel limit/i.test(err.message);
}

export async function decodeImage(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<DecodeResult> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const sourceType = sniffImageType(bytes);
  if (!sourceType) return { ok: false, reason: "UNSUPPORTED_TYPE" };
  const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // sharp's prebuilt libvips reads AVIF but has no HEVC decoder, so most HEIC photos
  // cannot be decoded: that is "we do not take this type", not a broken file.
  const failedDecode: DecodeFailure = sourceType === "heic" ? "UNSUPPORTED_TYPE" : "DECODE_FAILED";

  // pages: 1 keeps only the first frame of an animated GIF/WebP: the others are never
  // looked at by OCR, so they must not be stored either.
  const open = () => sharp(input, { limitInputPixels: maxPixels, pages: 1, failOn: "warning" });
  try {
    const meta = await open().metadata();
    if (!meta.width || !meta.height) return { ok: false, reason: failedDecode };
    if (meta.width * meta.height > maxPixels) return { ok: false, reason: "TOO_LARGE" };
  } catch (err) {
    return { ok: false, reason: isPixelLimitError(err) ? "TOO_LARGE" : failedDecode };
  }

  try {
    const { data, info } = await open()
      .rotate() // applies the EXIF orientation; the output carries no orientation tag
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) return { ok: false, reason: "DECODE_FAILED" };
    return { ok: true, image: { pixels: data, width: info.width, height: info.height, sourceType } };
  } catch (err) {
    return { ok: false, reason: isPixelLimitError(err) ? "TOO_LARGE" : failedDecode };
  }
}

/**
 * Encodes redacted pixels. Photos stay JPEG (a 12 MP PNG would be tens of megabytes);
 * everything else becomes lossless PNG so thin text edges stay readable. sharp writes no
 * metadata unless asked to (`withMetadata`), which this module never does.
 */
export async function encodeImage(
  pixels: Buffer,
  width: number,
  height: number,
  sourceType: ImageType,
): Promise<{ image: Buffer; mediaType: "image/png" | "image/jpeg" }> {
  const img = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (sourceType === "jpeg") {
    return { image: await img.jpeg({ quality: 85, mozjpeg: true }).toBuffer(), mediaType: "image/jpeg" };
  }
  return { image: await img.png({ compressionLevel: 6 }).toBuffer(), mediaType: "image/png" };
}
