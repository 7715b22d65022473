import { describe, expect, it } from "vitest";
import { clientFollowUpEmail, formatLinkExpiry, technicianFollowUpEmail } from "./follow-up-emails";

const base = {
  reference: "MD-2026-000123",
  description: "Nov obrazec za prijavo na spletni strani.",
  url: "https://example.test/prijava",
  worksUrl: "https://desk.test/followup/AAA",
  brokenUrl: "https://desk.test/followup/BBB",
  linksValidUntil: "29. jun. 2026",
  company: "Minidesk",
  reminder: false,
};

describe("follow-up emails", () => {
  it("asks a Slovenian client in Slovenian, with both links and the reference in the subject", () => {
    const mail = clientFollowUpEmail({ ...base, locale: "sl" });
    expect(mail.subject).toBe("[MD-2026-000123] Ali sprememba deluje?");
    expect(mail.text).toContain("Deluje: https://desk.test/followup/AAA");
    expect(mail.text).toContain("Ne deluje: https://desk.test/followup/BBB");
    expect(mail.text).toContain("https://example.test/prijava");
  });

  it("asks an English client in English and marks the reminder", () => {
    const mail = clientFollowUpEmail({ ...base, locale: "en", reminder: true, url: null });
    expect(mail.subject).toBe("[MD-2026-000123] Reminder: Does the change work?");
    expect(mail.text).toContain("It does not work: https://desk.test/followup/BBB");
    expect(mail.text).not.toContain("example.test/prijava");
  });

  it("tells the technician whether the client was asked, with reference, subject and link only", () => {
    const mail = technicianFollowUpEmail({ ...base, locale: "en", subject: "Prijava ne deluje", ticketUrl: "https://desk.test/queue/t1", clientAsked: false });
    expect(mail.text).toContain("was not asked");
    expect(mail.text).toContain("https://desk.test/queue/t1");
    expect(mail.text).toContain("Subject: Prijava ne deluje");
    expect(mail.text).not.toContain(base.description);
  });

  it("writes the expiry date the local way", () => {
    const d = new Date("2026-06-29T10:00:00Z");
    expect(formatLinkExpiry(d, "en", "Europe/Ljubljana")).toBe("29 Jun 2026");
    expect(formatLinkExpiry(d, "sl", "Europe/Ljubljana")).toBe("29. jun. 2026");
  });
});
