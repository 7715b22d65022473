import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { getDb } from "../../app/db.server";
import { resetConfigForTests } from "../../app/config.server";
import { deliverOutbox, enqueueMail, kickOutbox, outboxKickSettled } from "../../app/mail/outbound/outbox.server";

/**
 * deliverOutbox's promise: when it returns, every mail that was due has gone out (or failed this
 * attempt), even when a send started by kickOutbox in the same process held it. A real SMTP
 * server on 127.0.0.1 that answers DATA only when the test lets it makes that send slow.
 */
const db = () => getDb();
const received: ParsedMail[] = [];
let release: () => void = () => {};
let gate: Promise<void> = Promise.resolve();
let arrived = 0;
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    onData(stream, _session, callback) {
      arrived++;
      simpleParser(stream).then(async (m) => {
        await gate;
        received.push(m);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  resetConfigForTests();
});
afterAll(async () => {
  release();
  await outboxKickSettled();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("outbox delivery", () => {
  it("does not return while a send that kickOutbox started in this process is still under way", async () => {
    gate = new Promise<void>((resolve) => (release = resolve));
    const mail = await enqueueMail(db(), { to: "client.slow@example.com", subject: "Odgovor", text: "Popravljeno." });
    kickOutbox(db());
    // The kick has claimed the mail and the SMTP server holds its DATA.
    await vi.waitFor(() => expect(arrived).toBe(1), { timeout: 5000, interval: 10 });

    setTimeout(() => release(), 300);
    const result = await deliverOutbox(db(), new Date(Date.now() + 1000));

    // Not sent by this call (the kick sent it), but out by the time it returned.
    expect(result).toEqual({ sent: 0, failed: 0 });
    expect(received.map((m) => m.subject)).toEqual(["Odgovor"]);
    expect((await db().outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe("SENT");
  });
});
