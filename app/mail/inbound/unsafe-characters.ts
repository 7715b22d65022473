// Characters a sender can use to make text look different from what it is: C0/C1 controls
// (terminal escapes, NUL, bare CR for header injection) and the Unicode bidirectional overrides
// that let "gpj.exe" display as "exe.jpg" (CVE-2021-42574, "Trojan Source").
// Tab and newline are kept in bodies because they carry layout.
const BODY_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LINE_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** For message bodies: keeps line structure, normalises CRLF/CR to LF. */
export function removeUnsafeBodyCharacters(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(BODY_UNSAFE, "");
}

/**
 * For values that must stay one line (subject, display name, file name): every control
 * character, CR and LF included, becomes a space, so a decoded "Hi\r\nBcc: x" can never
 * reappear as a header when we answer.
 */
export function toSingleLine(text: string): string {
  return text.replace(LINE_UNSAFE, " ").replace(/\s+/g, " ").trim();
}
