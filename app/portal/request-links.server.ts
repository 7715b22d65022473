import { z } from "zod";
import type { Db } from "../db.server";
import { hitRateLimit } from "../auth/rate-limit.server";
import type { Locale } from "../i18n/i18n";
import { sendTicketLinks } from "../tickets/client-emails.server";

/**
 * "Send me my links": the answer never depends on whether the address has tickets, so
 * the page cannot be used to learn who our clients are. The mail goes only to the address.
 * Limits: per client address (a visible message, it reveals nothing about the email) and
 * per email (silent: the page answers the same, so no one can flood an inbox through us).
 */
const HOUR = 3600_000;
export const LINK_REQUESTS_PER_ADDRESS_PER_HOUR = 10;
export const LINK_REQUESTS_PER_EMAIL_PER_HOUR = 3;

export const LinkRequestSchema = z.object({
  email: z.string().trim().min(1, "required").max(254, "tooLong").email("email"),
});

export type LinkRequestOutcome = { kind: "sent" } | { kind: "rate-limited"; retryAfterS: number };

export async function requestTicketLinks(
  db: Db,
  input: { email: string; clientAddress: string; locale: Locale },
): Promise<LinkRequestOutcome> {
  const byAddress = await hitRateLimit("links.address", input.clientAddress, LINK_REQUESTS_PER_ADDRESS_PER_HOUR, HOUR);
  if (!byAddress.allowed) return { kind: "rate-limited", retryAfterS: byAddress.retryAfterS };
  const email = input.email.trim().toLowerCase();
  const byEmail = await hitRateLimit("links.email", email, LINK_REQUESTS_PER_EMAIL_PER_HOUR, HOUR);
  if (byEmail.allowed) await sendTicketLinks(db, email, input.locale);
  return { kind: "sent" };
}
