/**
 * Only same-site paths: "/queue?x=1" yes; "//evil.example", "https://...", "/\\evil" no.
 *
 * Browsers are lenient with a Location header: the WHATWG URL parser drops tabs and newlines
 * anywhere and leading/trailing C0 controls and spaces, and treats "\" as "/", so "/\t/evil.example"
 * becomes "//evil.example", another origin. Rather than list what is dangerous, this accepts only
 * visible ASCII, rejects the backslash and any percent-encoded control, space or backslash in the
 * path (a later page may decode it once more: the sign-in page decodes its redirectTo), then
 * parses the result against a fixed base as a browser would and keeps it only if it stayed on
 * that origin.
 */
const BASE = new URL("http://minidesk.invalid/");

/** Characters no redirect target of ours contains, raw or once decoded. */
const FORBIDDEN_DECODED = /[\u0000-\u0020\u007F-\u00A0\\\s\u00AD\u180E\u200B-\u200F\u2028-\u202F\u205F-\u206F\uFEFF\uFFF9-\uFFFB]/u;

export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || to.length > 2048) return fallback;
  if (!/^[\x21-\x7E]+$/.test(to) || to.includes("\\")) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  // The path part, decoded layer by layer ("%252F" → "%2F" → "/"): none may hide a control,
  // space or backslash, or start with "//". The query may hold encoded spaces (a search).
  let layer = to.split(/[?#]/, 1)[0]!;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(layer);
    } catch {
      return fallback;
    }
    if (FORBIDDEN_DECODED.test(next) || next.startsWith("//")) return fallback;
    if (next === layer) break;
    layer = next;
  }
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" normalises to "//evil.example": check what we actually send.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
