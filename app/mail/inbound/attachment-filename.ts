import { toSingleLine } from "./unsafe-characters";

// Long enough for real names ("Ponudba_2026-11-03_podpisana_končna verzija.pdf"), short enough
// for every file system and for the ticket view.
export const MAX_FILENAME_LENGTH = 120;

// Characters Windows refuses in file names; a technician may download the file there.
const RESERVED_CHARACTERS = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

const EXTENSION_BY_TYPE: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "application/pdf": ".pdf",
  "text/plain": ".txt",
  "message/rfc822": ".eml",
  "message/delivery-status": ".txt",
  "text/rfc822-headers": ".txt",
};

/**
 * A name that can be shown and used for download without letting the sender choose where the
 * file lands: "../../etc/passwd" becomes "passwd", "..\\..\\x.png" becomes "x.png".
 * Falls back to "attachment-<n><ext>" when nothing usable is left.
 */
export function sanitiseAttachmentFilename(raw: string | undefined, contentType: string, index: number): string {
  // Only the last path component: senders (and some clients) put full local paths in names.
  const lastComponent = (raw ?? "").normalize("NFC").split(/[/\\]/).pop() ?? "";
  let name = toSingleLine(lastComponent)
    .replace(RESERVED_CHARACTERS, "_")
    // Leading dots would hide the file on Unix or form "..".
    .replace(/^[.\s]+/, "")
    // Windows silently strips trailing dots and spaces, so "x.exe." would run as x.exe.
    .replace(/[.\s]+$/, "");
  if (WINDOWS_DEVICE_NAMES.test(name)) name = `_${name}`;
  if (name.length > MAX_FILENAME_LENGTH) name = truncateKeepingExtension(name);
  if (name === "") name = `attachment-${index + 1}${EXTENSION_BY_TYPE[contentType.toLowerCase()] ?? ".bin"}`;
  return name;
}

function truncateKeepingExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
  // Array.from counts code points, so a cut never splits a surrogate pair.
  const stem = Array.from(name.slice(0, name.length - extension.length));
  return stem.slice(0, MAX_FILENAME_LENGTH - extension.length).join("").trimEnd() + extension;
}
