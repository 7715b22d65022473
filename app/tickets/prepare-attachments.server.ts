import { getConfig } from "../config.server";
import type { RedactionPolicy } from "../redaction";
import { configureOcrPool } from "../redaction/image/ocr-pool.server";
import { redactImage } from "../redaction/image/redact-image.server";
import { classifyAttachment, redactFileName, redactTextAttachment } from "../redaction/image/attachment-policy.server";

/** A file as it arrived (form upload or mail part), held in memory only. */
export type IncomingFile = { fileName: string; declaredType: string; bytes: Buffer };

/** What may be stored: redacted bytes, or the reason nothing was. Never the original. */
export type PreparedAttachment =
  | { status: "STORED"; fileName: string; mediaType: string; extension: string; bytes: Buffer; source: "IMAGE" | "TEXT"; findings: { type: string }[]; report: Record<string, unknown>; fileNameFindings: { type: string }[] }
  | { status: "WITHHELD" | "REFUSED"; fileName: string; mediaType: string; size: number; reason: string; fileNameFindings: { type: string }[] };

/**
 * Runs every incoming file through the attachment policy: images through OCR redaction,
 * allow-listed text through the text engine, everything else refused with a reason.
 * Fails closed: an image that cannot be checked is withheld.
 */
export async function prepareAttachment(file: IncomingFile, policy: RedactionPolicy): Promise<PreparedAttachment> {
  const config = getConfig();
  // The stored name is sanitised and redacted; the findings are counted for the report.
  const name = redactFileName(file.fileName, policy);
  const base = { fileName: name.fileName, fileNameFindings: name.findings };
  if (file.bytes.length > config.MAX_UPLOAD_BYTES) {
    return { ...base, status: "REFUSED", mediaType: "application/octet-stream", size: file.bytes.length, reason: "TOO_LARGE" };
  }
  const kind = classifyAttachment(file.bytes, file.fileName, file.declaredType);
  if (kind.kind === "image") {
    const result = await redactImage(file.bytes, { maxPixels: config.MAX_IMAGE_PIXELS, ocrTimeoutMs: config.OCR_TIMEOUT_MS, policy });
    if (!result.ok) {
      return { ...base, status: "WITHHELD", mediaType: `image/${kind.imageType}`, size: file.bytes.length, reason: result.reason };
    }
    const { findings, ...rest } = result.report;
    return {
      ...base,
      status: "STORED",
      mediaType: result.mediaType,
      extension: result.mediaType === "image/png" ? "png" : "jpg",
      bytes: result.image,
      source: "IMAGE",
      findings,
      report: { ...rest, boxes: findings.length },
    };
  }
  if (kind.kind === "text") {
    const text = redactTextAttachment(file.bytes, policy);
    return {
      ...base,
      status: "STORED",
      mediaType: "text/plain; charset=utf-8",
      extension: "txt",
      bytes: text.bytes,
      source: "TEXT",
      findings: Object.entries(text.counts).flatMap(([type, n]) => Array.from({ length: n ?? 0 }, () => ({ type }))),
      report: { counts: text.counts },
    };
  }
  return { ...base, status: "REFUSED", mediaType: kind.kind === "pdf" ? "application/pdf" : "application/octet-stream", size: file.bytes.length, reason: kind.reason };
}

export async function prepareAttachments(files: IncomingFile[], policy: RedactionPolicy): Promise<PreparedAttachment[]> {
  const config = getConfig();
  configureOcrPool({ size: config.OCR_WORKERS, timeoutMs: config.OCR_TIMEOUT_MS });
  // The screenshots of one ticket at once: the pool spreads them over OCR_WORKERS workers and
  // queues the rest, so memory stays bounded by the pool, not by the number of files.
  return Promise.all(files.map((f) => prepareAttachment(f, policy)));
}
