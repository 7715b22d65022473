import { DEFAULT_POLICY, redact, type EntityType, type RedactionPolicy } from "..";
import { sniffImageType, type ImageType } from "./decode-image.server";

/**
 * Which attachments Minidesk stores, decided from the bytes (docs/decisions/004-attachments.md).
 * An allow-list: images (stored only after redactImage), plain text, logs and CSV (stored
 * only after the text engine's redact()). PDF is recognised but refused, because we cannot
 * redact its text reliably. Everything else (archives, executables, office documents,
 * HTML, SVG, which can carry scripts) is refused. The declared name and media type are
 * only used to refuse more, never to accept something the bytes do not show.
 */

export type RefuseReason =
  | "EMPTY"
  | "EXECUTABLE"
  | "ARCHIVE"
  | "OFFICE_DOCUMENT"
  | "MARKUP" // HTML, SVG, XML: can carry scripts, and cannot be shown safely as text
  | "BINARY"
  | "TEXT_TYPE_NOT_ALLOWED";

export type AttachmentClass =
  | { kind: "image"; imageType: ImageType }
  | { kind: "text" }
  /** Always refused: we have no reliable way to redact a PDF's text and images. */
  | { kind: "pdf"; reason: "PDF_NOT_REDACTABLE" }
  | { kind: "refuse"; reason: RefuseReason };

const TEXT_EXTENSIONS = new Set(["txt", "log", "csv"]);
const TEXT_MEDIA_TYPES = new Set(["text/plain", "text/csv"]);
const MARKUP_EXTENSIONS = new Set(["html", "htm", "xhtml", "svg", "svgz", "xml", "xsl", "mht", "mhtml", "hta"]);

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

function binarySignature(b: Uint8Array): RefuseReason | null {
  if (startsWith(b, [0x4d, 0x5a]) || startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(b, [0xcf, 0xfa, 0xed, 0xfe])) {
    return "EXECUTABLE"; // MZ (Windows), ELF, Mach-O
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "OFFICE_DOCUMENT"; // .doc/.xls/.msg
  if (
    startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || // zip, and .docx/.xlsx/.odt which are zips
    startsWith(b, [0x50, 0x4b, 0x05, 0x06]) ||
    startsWith(b, [0x1f, 0x8b]) || // gzip
    startsWith(b, [0x52, 0x61, 0x72, 0x21]) || // Rar!
    startsWith(b, [0x37, 0x7a, 0xbc, 0xaf]) || // 7z
    startsWith(b, [0x42, 0x5a, 0x68]) // bzip2
  ) {
    return "ARCHIVE";
  }
  return null;
}

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/** UTF-8 when the bytes are valid UTF-8; otherwise windows-1250, what Slovenian Windows writes. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1250" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1250").decode(bytes), encoding: "windows-1250" };
  }
}

/** Text has no NUL and almost no control characters other than tab, newlines and form feed. */
function looksLikeText(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return false;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  return control <= text.length / 100;
}

function looksLikeMarkup(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  return /^<(\?xml|!doctype|html|svg|head|body|script|iframe|!--)/.test(head) || /<(script|svg|html)[\s>]/.test(head);
}

export function classifyAttachment(bytes: Uint8Array, declaredName: string, declaredType: string): AttachmentClass {
  if (bytes.length === 0) return { kind: "refuse", reason: "EMPTY" };
  const imageType = sniffImageType(bytes);
  if (imageType) return { kind: "image", imageType };
  if (Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-")) {
    return { kind: "pdf", reason: "PDF_NOT_REDACTABLE" };
  }
  const binary = binarySignature(bytes);
  if (binary) return { kind: "refuse", reason: binary };

  const { text } = decodeText(bytes);
  if (!looksLikeText(text)) return { kind: "refuse", reason: "BINARY" };
  const ext = extensionOf(declaredName);
  const type = declaredType.split(";")[0]!.trim().toLowerCase();
  if (looksLikeMarkup(text) || MARKUP_EXTENSIONS.has(ext) || /html|svg|xml/.test(type)) {
    return { kind: "refuse", reason: "MARKUP" };
  }
  if (TEXT_EXTENSIONS.has(ext) || (ext === "" && TEXT_MEDIA_TYPES.has(type))) return { kind: "text" };
  return { kind: "refuse", reason: "TEXT_TYPE_NOT_ALLOWED" };
}

/** A text attachment as it may be stored: UTF-8, personal data redacted by the text engine. */
export function redactTextAttachment(
  bytes: Uint8Array,
  policy: RedactionPolicy = DEFAULT_POLICY,
): { bytes: Buffer; counts: Partial<Record<EntityType, number>>; sourceEncoding: "utf-8" | "windows-1250" } {
  const { text, encoding } = decodeText(bytes);
  const result = redact(text.replace(/^\uFEFF/, ""), policy);
  return { bytes: Buffer.from(result.text, "utf8"), counts: result.counts, sourceEncoding: encoding };
}

const MAX_NAME_LENGTH = 120;

/**
 * A file name safe to store and show: no folders, no control or bidirectional-override
 * characters (which can disguise "gpj.exe" as "exe.jpg"), no characters Windows forbids,
 * and no personal data: clients name screenshots after themselves ("jana.novak@gmail.com.png").
 * The extension is split off first so the engine sees the address without ".png" glued on.
 */
export function safeFileName(name: string, fallback = "attachment"): string {
  return redactFileName(name, DEFAULT_POLICY, fallback).fileName;
}

/** safeFileName with the caller's policy, also returning what was removed (for the report). */
export function redactFileName(
  name: string,
  policy: RedactionPolicy,
  fallback = "attachment",
): { fileName: string; findings: { type: EntityType }[] } {
  let base = name.split(/[\\/]/).pop() ?? "";
  base = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .trim()
    .replace(/^\.+/, "");
  const m = /^(.*?)(\.[A-Za-z0-9]{1,8})?$/.exec(base)!;
  const result = redact(m[1] ?? "", policy);
  const stem = result.text.replace(/[[\]]/g, "").trim();
  const ext = (m[2] ?? "").toLowerCase();
  const safeStem = stem.slice(0, MAX_NAME_LENGTH - ext.length) || fallback;
  return { fileName: safeStem + ext, findings: result.findings.map((f) => ({ type: f.type })) };
}
