import { useTranslation } from "react-i18next";
import { WEB_TICKET_LIMITS } from "../portal/web-ticket-limits";

/** Error codes from the server (zod messages, upload problems), translated here. */
export type FieldErrors = Record<string, string | undefined>;

const MAX_FOR_FIELD: Record<string, number> = { ...WEB_TICKET_LIMITS, body: WEB_TICKET_LIMITS.description };

export function useFieldErrors(errors: FieldErrors, limits: { maxFiles: number; mb: number }) {
  const { t } = useTranslation();
  const message = (field: string): string | undefined => {
    const code = errors[field];
    switch (code) {
      case undefined: return undefined;
      case "required": return t("errors.required");
      case "email": return t("errors.email");
      case "tooLong": return t("errors.tooLong", { max: MAX_FOR_FIELD[field] ?? 0 });
      case "TOO_MANY_FILES": return t("portal.tooManyFiles", { max: limits.maxFiles });
      case "FILE_TOO_LARGE": return t("portal.fileTooLarge", { mb: limits.mb });
      case "REQUEST_TOO_LARGE": return t("portal.requestTooLarge", { max: limits.maxFiles, mb: limits.mb });
      default: return t("errors.generic");
    }
  };
  const attrs = (field: string) =>
    errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${field}-error` } : {};
  return { message, attrs };
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return <span className="field-error" id={`${id}-error`}>{message}</span>;
}

/**
 * Staff forms: the server returns a message code (a zod message such as "required", a domain
 * error's code); this turns it into the page's language. Codes without a message of their own
 * (zod's built-in English texts) become the generic "not valid".
 */
export function useStaffErrors() {
  const { t, i18n } = useTranslation();
  return (code: string | undefined | null, group = "staff.errors"): string | undefined => {
    if (!code) return undefined;
    const key = `${group}.${code}`;
    return i18n.exists(key) ? t(key) : t(`${group === "staff.errors" ? "staff.errors.invalid" : `${group}.other`}`);
  };
}
