import { useTranslation } from "react-i18next";
import { ENTITY_TYPES } from "../redaction/types";

/** Every type the engine reports has a label in portal.types (en.ts, sl.ts). */
const KNOWN_TYPES: ReadonlySet<string> = new Set(ENTITY_TYPES);
const KNOWN_REASONS = new Set([
  "UNSUPPORTED_TYPE", "TOO_LARGE", "DECODE_FAILED", "OCR_FAILED", "OCR_TIMEOUT", "EMPTY", "EXECUTABLE", "ARCHIVE",
  "OFFICE_DOCUMENT", "MARKUP", "BINARY", "TEXT_TYPE_NOT_ALLOWED", "PDF_NOT_REDACTABLE",
]);

export function useWithheldReason() {
  const { t } = useTranslation();
  return (code: string) => t(`portal.reasons.${KNOWN_REASONS.has(code) ? code : "other"}`);
}

/** What was removed, as counts by type: never the values. */
export function RedactedCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (!entries.length) return null;
  return (
    <div className="alert info" data-testid="redacted">
      <p>{t("portal.doneRedacted")}</p>
      <ul className="redacted-counts">
        {entries.map(([type, n]) => (
          <li key={type} data-type={type}>
            {t(`portal.types.${KNOWN_TYPES.has(type) ? type : "other"}`)}: <strong>{n}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function WithheldList({ items }: { items: { fileName: string; reason: string }[] }) {
  const reason = useWithheldReason();
  return (
    <ul className="withheld">
      {items.map((w, i) => (
        <li key={i}>
          <span className="file-name">{w.fileName}</span>: {reason(w.reason)}
        </li>
      ))}
    </ul>
  );
}
