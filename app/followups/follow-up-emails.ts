/**
 * Follow-up emails in Slovenian and English. Pure: the caller passes every value, all of
 * it either our own words or text that was redacted before storage. Plain per-locale
 * functions instead of i18n keys because these bodies are whole paragraphs with a shape
 * of their own in each language.
 */
export type FollowUpLocale = "sl" | "en";

export type ClientFollowUpMail = {
  locale: FollowUpLocale;
  reference: string;
  description: string;
  url?: string | null;
  worksUrl: string;
  brokenUrl: string;
  /** "Stop these emails" (non-essential mail carries it, RFC 8058 in the header too). */
  unsubscribeUrl?: string;
  /** Local date the links stop working, e.g. "30. 6. 2026" / "30 Jun 2026". */
  linksValidUntil: string;
  company: string;
  /** The second mail, when the first got no answer. */
  reminder: boolean;
};

/**
 * A staff notification like the others (issue 20): the reference, the ticket's redacted subject
 * and the link, nothing of the ticket's text; the change itself is on the ticket page.
 */
export type TechnicianFollowUpMail = {
  locale: FollowUpLocale;
  reference: string;
  /** The ticket's subject, as stored (redacted). */
  subject: string;
  ticketUrl: string;
  /** Whether the client was asked too (not when they opted out or have no address). */
  clientAsked: boolean;
  reminder: boolean;
};

export type RenderedMail = { subject: string; text: string };

export function clientFollowUpEmail(m: ClientFollowUpMail): RenderedMail {
  const where = m.url ? `\n${m.url}\n` : "";
  if (m.locale === "sl") {
    return {
      subject: `[${m.reference}] ${m.reminder ? "Opomnik: " : ""}Ali sprememba deluje?`,
      text: [
        "Pozdravljeni,",
        "",
        `pred kratkim smo uvedli spremembo v zvezi z zahtevkom ${m.reference}:`,
        "",
        m.description,
        where,
        "Prosimo, sporočite nam, ali vse deluje, kot ste pričakovali. Dovolj je en klik:",
        "",
        `Deluje: ${m.worksUrl}`,
        `Ne deluje: ${m.brokenUrl}`,
        "",
        `Povezavi veljata do ${m.linksValidUntil} in ju lahko uporabite enkrat.`,
        "",
        "Lep pozdrav,",
        m.company,
        ...(m.unsubscribeUrl ? ["", `Ne želite več takih vprašanj? Odjava: ${m.unsubscribeUrl}`] : []),
      ].join("\n"),
    };
  }
  return {
    subject: `[${m.reference}] ${m.reminder ? "Reminder: " : ""}Does the change work?`,
    text: [
      "Hello,",
      "",
      `we recently deployed a change for ticket ${m.reference}:`,
      "",
      m.description,
      where,
      "Please let us know whether everything works as you expected. One click is enough:",
      "",
      `It works: ${m.worksUrl}`,
      `It does not work: ${m.brokenUrl}`,
      "",
      `The links are valid until ${m.linksValidUntil} and can be used once.`,
      "",
      "Kind regards,",
      m.company,
      ...(m.unsubscribeUrl ? ["", `No more questions like this? Unsubscribe: ${m.unsubscribeUrl}`] : []),
    ].join("\n"),
  };
}

/** The technician mail's subjects after its [MD-…] tag (the intake recognises an answer to one). */
const TECHNICIAN_SUBJECT = {
  sl: { due: "Preverite uvedeno spremembo", reminder: "Še brez odgovora" },
  en: { due: "Check the deployed change", reminder: "Still no answer" },
} as const;
export const TECHNICIAN_FOLLOWUP_SUBJECTS: string[] = Object.values(TECHNICIAN_SUBJECT).flatMap((s) => [s.due, s.reminder]);

export function technicianFollowUpEmail(m: TechnicianFollowUpMail): RenderedMail {
  if (m.locale === "sl") {
    return {
      subject: `[${m.reference}] ${TECHNICIAN_SUBJECT.sl[m.reminder ? "reminder" : "due"]}`,
      text: [
        m.reminder
          ? `Stranka še ni potrdila spremembe pri zahtevku ${m.reference}.`
          : `Čas je za preverjanje spremembe pri zahtevku ${m.reference}.`,
        m.clientAsked ? "Stranko smo vprašali po e-pošti." : "Stranke nismo vprašali (brez naslova ali je to odklonila).",
        "",
        `Zadeva: ${m.subject}`,
        `Zabeležite izid: ${m.ticketUrl}`,
      ].join("\n"),
    };
  }
  return {
    subject: `[${m.reference}] ${TECHNICIAN_SUBJECT.en[m.reminder ? "reminder" : "due"]}`,
    text: [
      m.reminder
        ? `The client has not yet confirmed the change for ticket ${m.reference}.`
        : `It is time to check the change deployed for ticket ${m.reference}.`,
      m.clientAsked ? "The client was asked by email." : "The client was not asked (no address, or they opted out).",
      "",
      `Subject: ${m.subject}`,
      `Record the outcome: ${m.ticketUrl}`,
    ].join("\n"),
  };
}

/** A date as people in each language write it. */
export function formatLinkExpiry(date: Date, locale: FollowUpLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "sl" ? "sl-SI" : "en-GB", { timeZone, dateStyle: "medium" }).format(date);
}
