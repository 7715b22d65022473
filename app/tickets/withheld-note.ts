/** The system note a ticket gets when attachments could not be kept (names are already redacted). */
const REASONS: Record<string, string> = {
  UNSUPPORTED_TYPE: "this file type is not accepted",
  TOO_LARGE: "it is too large",
  DECODE_FAILED: "the image could not be read",
  OCR_FAILED: "the image could not be checked for personal data",
  OCR_TIMEOUT: "checking the image for personal data took too long",
};

export function withheldReason(code: string): string {
  return REASONS[code] ?? "it could not be checked for personal data";
}

export function withheldNote(withheld: { fileName: string; reason: string }[]): string {
  return [
    `${withheld.length === 1 ? "An attachment was" : `${withheld.length} attachments were`} not stored:`,
    ...withheld.map((w) => `- ${w.fileName}: ${withheldReason(w.reason)}`),
  ].join("\n");
}
