import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { getT, isLocale, type Locale } from "../i18n/i18n";
import { enqueueMail, kickOutbox } from "../mail/outbound/outbox.server";
import { MailLinks } from "../mail/outbound/send-time-links.server";
import { ticketLinkInMail } from "./ticket-links.server";
import { withheldReason } from "./withheld-note";

/** Emails to clients, in their language. Bodies hold only redacted text and our own words. */
function localeOf(l: string | null | undefined): Locale {
  return isLocale(l) ? l : getConfig().DEFAULT_LOCALE;
}

export async function sendTicketConfirmation(
  db: Db,
  opened: { id: string; reference: string; redacted: Record<string, number>; withheld: { fileName: string; reason: string }[] },
  mailMessageId?: string,
) {
  const ticket = await db.ticket.findUniqueOrThrow({ where: { id: opened.id }, include: { requester: true } });
  if (!ticket.requester) return;
  const locale = localeOf(ticket.requester.locale);
  const t = getT(locale);
  const links = new MailLinks();
  const link = ticketLinkInMail(links, ticket.id);
  const c = getConfig();
  await enqueueMail(db, {
    to: ticket.requester.email,
    ticketId: ticket.id,
    dedupeKey: `ticket.confirmation:${ticket.id}`,
    subject: t("email.confirmationSubject", { reference: ticket.reference, subject: ticket.subject }),
    text: t("email.confirmationBody", {
      reference: ticket.reference,
      link,
      days: c.TICKET_LINK_DAYS,
      company: c.COMPANY_NAME,
      redactedNote: Object.keys(opened.redacted).length ? t("email.redactedNote") : "",
      withheldNote: opened.withheld.length
        ? t("email.withheldNote", { files: opened.withheld.map((w) => `${w.fileName} (${withheldReason(w.reason)})`).join(", ") })
        : "",
    }),
    inReplyTo: mailMessageId ? `<${mailMessageId}>` : undefined,
    references: mailMessageId ? [`<${mailMessageId}>`] : undefined,
    links: links.specs,
  });
  kickOutbox(db);
}

/** "Send me my links": one email with fresh links to the address's open tickets (or a note that there are none). */
export async function sendTicketLinks(db: Db, email: string, localeHint: Locale) {
  const c = getConfig();
  const requester = await db.requester.findUnique({
    where: { email: email.trim().toLowerCase() },
    include: { tickets: { where: { status: { not: "CLOSED" } }, orderBy: { createdAt: "desc" }, take: 20 } },
  });
  // An address we have never answered gets no mail: anyone can type any address here, and
  // mailing it would keep a stranger's address in the outbox (data minimisation). The page
  // answers the same either way, so this reveals nothing.
  if (!requester) return;
  const locale = localeOf(requester.locale ?? localeHint);
  const t = getT(locale);
  const lines: string[] = [];
  const links = new MailLinks();
  for (const ticket of requester.tickets) {
    lines.push(`${ticket.reference} · ${ticket.subject}\n${ticketLinkInMail(links, ticket.id)}`);
  }
  // Sent only to the address itself, so the page never reveals whether it has tickets.
  await enqueueMail(db, {
    to: email.trim().toLowerCase(),
    subject: t("email.linksSubject"),
    text: lines.length
      ? t("email.linksBody", { list: lines.join("\n\n"), days: c.TICKET_LINK_DAYS, company: c.COMPANY_NAME })
      : t("email.linksNone", { company: c.COMPANY_NAME }),
    links: links.specs,
  });
  kickOutbox(db);
}
