import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import { answerOf, fixture, sendComposed, sendRaw, uniqueId, useSmtpListenerForFile, variant } from "../setup/mail";

// What happens when mail cannot simply become a ticket: floods, garbage, a failing database,
// and the MTA pipe's exit codes, which tell Postfix whether to keep the mail and retry.
const { db, smtp } = await useSmtpListenerForFile();
const { FLOOD_LIMIT } = await import("../../app/mail/inbound/ingest-mail.server");

/** Takes a table away and puts it back: the database "failing" mid-delivery, for real. */
async function withMessageTableGone<T>(run: () => Promise<T>): Promise<T> {
  await db.$executeRawUnsafe('ALTER TABLE "Message" RENAME TO "Message_away"');
  try {
    return await run();
  } finally {
    await db.$executeRawUnsafe('ALTER TABLE "Message_away" RENAME TO "Message"');
  }
}

function runPipe(raw: Buffer, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/ingest-mail.ts"], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(raw);
  });
}

describe("mail that cannot become a ticket is kept aside, never lost", () => {
  it("throttles a sender that floods: further mail is quarantined as FLOOD", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i <= FLOOD_LIMIT; i++) {
      const info = await sendComposed(smtp.port, { from: "robot@flood.example", subject: `Alert ${i}`, text: `Disk almost full on host ${i}` });
      outcomes.push(answerOf(info.response).outcome);
    }
    expect(outcomes.slice(0, FLOOD_LIMIT).every((o) => o === "ticket-opened")).toBe(true);
    expect(outcomes.at(-1)).toBe("quarantined");
    const held = await db.quarantinedMail.findMany({ where: { reason: "FLOOD" } });
    expect(held).toHaveLength(1);
    expect(held[0]!.excerpt).toContain(`Alert ${FLOOD_LIMIT}`);
    // Other senders are not affected.
    const other = await sendComposed(smtp.port, { from: "someone@else.example", subject: "Hello", text: "A real question" });
    expect(answerOf(other.response).outcome).toBe("ticket-opened");
  });

  it("an unparseable message is quarantined with a reason and a redacted excerpt", async () => {
    const junk = Buffer.from("this is not a mail at all, call 041 123 456 or write to jana.novak@example.com\r\n");
    expect(answerOf((await sendRaw(smtp.port, junk)).response).outcome).toBe("quarantined");
    expect(answerOf((await sendRaw(smtp.port, fixture("deeply-nested.eml"))).response).outcome).toBe("quarantined");
    const held = await db.quarantinedMail.findMany({ orderBy: { receivedAt: "asc" } });
    const reasons = held.map((h) => h.reason);
    expect(reasons).toEqual(expect.arrayContaining(["UNPARSEABLE_NOT_A_MESSAGE", "UNPARSEABLE_TOO_DEEPLY_NESTED"]));
    const junkRow = held.find((h) => h.reason === "UNPARSEABLE_NOT_A_MESSAGE")!;
    expect(junkRow.excerpt).toContain("this is not a mail at all");
    expect(junkRow.excerpt).not.toContain("041 123 456");
    expect(junkRow.excerpt).not.toContain("jana.novak@example.com");
    // Mail without a sender cannot be answered: kept aside rather than made a ticket.
    expect(answerOf((await sendRaw(smtp.port, fixture("broken-headers.eml"))).response).outcome).toBe("quarantined");
    expect(await db.quarantinedMail.count({ where: { reason: "NO_SENDER" } })).toBe(1);
  });

  it("answers 451 while the database fails, so the sender retries and the mail arrives", async () => {
    const raw = variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("retry")}>`, Subject: "Retry me" });
    await withMessageTableGone(async () => {
      await expect(sendRaw(smtp.port, raw)).rejects.toMatchObject({ responseCode: 451 });
    });
    expect(await db.ticket.count({ where: { subject: "Retry me" } })).toBe(0);
    expect(answerOf((await sendRaw(smtp.port, raw)).response).outcome).toBe("ticket-opened");
    expect(await db.ticket.count({ where: { subject: "Retry me" } })).toBe(1);
  });
});

describe("MTA pipe (scripts/ingest-mail.ts)", () => {
  it("exits 0 with the reference for stored mail, 0 for quarantined, 75 when the MTA must retry", async () => {
    const raw = variant(fixture("new-ticket-sl.eml"), { "Message-ID": `<${uniqueId("pipe")}>` });
    const stored = await runPipe(raw);
    expect(stored.code).toBe(0);
    const reference = /^ticket-opened (MD-\d{4}-\d+)$/m.exec(stored.stdout)?.[1];
    expect(reference).toBeDefined();
    expect(await db.ticket.count({ where: { reference } })).toBe(1);

    const again = await runPipe(raw);
    expect([again.code, again.stdout.trim()]).toEqual([0, "duplicate"]);

    const junk = await runPipe(Buffer.from("\u0000\u0001 not mail\r\n"));
    expect([junk.code, junk.stdout.trim()]).toEqual([0, "quarantined"]);

    const noDb = await runPipe(raw, { DATABASE_URL: `file:${path.resolve("var/test-run/does-not-exist.db")}` });
    expect(noDb.code).toBe(75);
    expect(noDb.stderr).toContain("database not found");

    const failing = await withMessageTableGone(() =>
      runPipe(variant(fixture("new-ticket-en.eml"), { "Message-ID": `<${uniqueId("pipefail")}>` })),
    );
    expect(failing.code).toBe(75);
  });
});
