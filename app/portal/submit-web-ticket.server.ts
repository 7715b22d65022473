import { z } from "zod";
import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { hitRateLimit } from "../auth/rate-limit.server";
import { validateForm } from "../http/parse-form.server";
import type { UploadProblem } from "../http/parse-upload-form.server";
import type { Locale } from "../i18n/i18n";
import { log } from "../logging/logger.server";
import { openTicket } from "../tickets/open-ticket.server";
import { sendTicketConfirmation } from "../tickets/client-emails.server";
import type { IncomingFile } from "../tickets/prepare-attachments.server";
import { HONEYPOT_FIELD, WEB_TICKET_LIMITS as L } from "./web-ticket-limits";

/**
 * The public "New ticket" form, as a domain operation: validate, refuse bots and floods,
 * then open the ticket (redacting text and screenshots before any write) and queue the
 * confirmation with the private link. Error messages are codes the page translates.
 */
const optionalText = (max: number) => z.string().trim().max(max, "tooLong").optional().transform((v) => v || undefined);

export const WebTicketSchema = z.object({
  name: z.string().trim().min(1, "required").max(L.name, "tooLong"),
  email: z.string().trim().min(1, "required").max(L.email, "tooLong").email("email"),
  company: optionalText(L.company),
  companyTaxId: optionalText(L.companyTaxId),
  subject: z.string().trim().min(1, "required").max(L.subject, "tooLong"),
  description: z.string().trim().min(1, "required").max(L.description, "tooLong"),
  category: optionalText(L.category),
  accessDetails: z.string().max(L.accessDetails, "tooLong").optional(),
});

/** Values echoed back to the page after an error: never the access details (a secret). */
const NOT_ECHOED = new Set(["accessDetails", HONEYPOT_FIELD, "csrf"]);

export type WebTicketOutcome =
  | { kind: "ignored" }
  | { kind: "invalid"; errors: Record<string, string>; values: Record<string, string>; uploadProblem: UploadProblem | null }
  | { kind: "rate-limited"; retryAfterS: number; values: Record<string, string> }
  | { kind: "opened"; reference: string; redacted: Record<string, number>; withheld: { fileName: string; reason: string }[] };

const HOUR = 3600_000;

export async function submitWebTicket(
  db: Db,
  input: { form: FormData; files: IncomingFile[]; uploadProblem: UploadProblem | null; clientAddress: string; locale: Locale },
): Promise<WebTicketOutcome> {
  // A filled honeypot is a bot: it gets the same redirect as a person, and nothing is stored.
  const honeypot = input.form.get(HONEYPOT_FIELD);
  if (typeof honeypot === "string" && honeypot.trim() !== "") {
    log.info("ticket.web_honeypot");
    return { kind: "ignored" };
  }

  const parsed = validateForm(input.form, WebTicketSchema);
  if (!parsed.ok || input.uploadProblem) {
    const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
    if (input.uploadProblem) errors.attachments = input.uploadProblem;
    return { kind: "invalid", errors, values: echoedValues(input.form), uploadProblem: input.uploadProblem };
  }
  const data = parsed.data;

  // Floods are refused before the expensive part (OCR). Keys are keyed hashes.
  const c = getConfig();
  const limits = [
    await hitRateLimit("ticket.web.address", input.clientAddress, c.TICKETS_PER_ADDRESS_PER_HOUR, HOUR),
    await hitRateLimit("ticket.web.email", data.email.toLowerCase(), c.TICKETS_PER_ADDRESS_PER_HOUR, HOUR),
    await hitRateLimit("ticket.web.all", "all", c.TICKETS_PER_HOUR, HOUR),
  ];
  const refused = limits.filter((l) => !l.allowed);
  if (refused.length) {
    log.warn("ticket.web_rate_limited");
    return { kind: "rate-limited", retryAfterS: Math.max(...refused.map((l) => l.retryAfterS)), values: echoedValues(input.form) };
  }

  const opened = await openTicket(db, {
    channel: "WEB",
    requester: { email: data.email, name: data.name, company: data.company, companyTaxId: data.companyTaxId, locale: input.locale },
    subject: data.subject,
    body: data.description,
    categorySlug: data.category,
    files: input.files,
    accessDetails: data.accessDetails,
  });
  await sendTicketConfirmation(db, opened);
  log.info("ticket.web_opened", { ticketId: opened.id, reference: opened.reference, count: input.files.length, types: Object.keys(opened.redacted) });
  return { kind: "opened", reference: opened.reference, redacted: opened.redacted, withheld: opened.withheld };
}

function echoedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !NOT_ECHOED.has(k)) values[k] = v;
  return values;
}

/** What the "New ticket" page needs: categories in both languages and the limits it explains. */
export async function webTicketFormSettings(db: Db) {
  const c = getConfig();
  const categories = await db.category.findMany({
    where: { active: true },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: { slug: true, nameEn: true, nameSl: true },
  });
  return {
    categories,
    maxFiles: c.MAX_ATTACHMENTS,
    maxFileMb: Math.round((c.MAX_UPLOAD_BYTES / (1024 * 1024)) * 10) / 10,
    accessDays: c.ACCESS_DETAILS_DAYS,
    retentionDays: c.RETENTION_DAYS,
    attachmentDays: c.ATTACHMENT_RETENTION_DAYS,
  };
}
