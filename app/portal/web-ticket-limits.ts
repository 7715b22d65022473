/** Field limits of the web forms, shared by the server schema and the page (maxLength). */
export const WEB_TICKET_LIMITS = {
  name: 120,
  email: 254,
  company: 160,
  companyTaxId: 20,
  subject: 200,
  description: 20_000,
  accessDetails: 4_000,
  category: 40,
} as const;

/** The field names other sites may post (keep them stable: see docs/decisions/009-web-intake.md). */
export const ATTACHMENTS_FIELD = "attachments";
export const HONEYPOT_FIELD = "website";
