import { describe, expect, it } from "vitest";
import { answerOf, fixture, sendRaw, useSmtpListenerForFile } from "../setup/mail";

/**
 * UTF-7 (charset utf-7 or unicode-1-1-utf-7, sent by old Outlook versions) is decoded, in the
 * subject's encoded words and in the body, before redaction: otherwise "Fr+APY-sche" is stored
 * as it came and an address written as "jana.novak+AEA-example.com" slips past the detector.
 * Decoding is switched on in libmime by patches/libmime+5.6.4.patch.
 */
const { db, smtp } = await useSmtpListenerForFile();

describe("UTF-7 mail", () => {
  it("is stored decoded, and what it hid is redacted", async () => {
    const info = await sendRaw(smtp.port, fixture("utf7-outlook.eml"), { from: "franz.huber@example.at" });
    const { outcome, reference } = answerOf(info.response);
    expect(outcome).toBe("ticket-opened");
    const ticket = await db.ticket.findUniqueOrThrow({ where: { reference: reference! }, include: { messages: true } });
    expect(ticket.subject).toBe("Frösche im Drucker - Fehler #12");
    const body = ticket.messages[0]!.body;
    expect(body).toContain("Grüß Gott");
    expect(body).toContain("die Frösche im Drucker sind grün. Bitte rückrufen: Pokličite me na");
    expect(body).not.toMatch(/\+A[A-Za-z0-9+/]*-/);
    // Still redacted after decoding: the phone number and the address hidden in UTF-7.
    expect(body).not.toContain("041 123 456");
    expect(body).not.toContain("jana.novak");
    expect(body).not.toContain("example.com");
  });
});
