import fs from "node:fs";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SUPPORT, uniqueId, useMailIntakeEnv } from "../setup/mail";
import { waitFor } from "../setup/wait-for";
import { dovecotAvailable, removeDovecot, startDovecot, type Dovecot } from "../setup/dovecot";

// A real Dovecot on 127.0.0.1: the mailbox a company already has, read over IMAP.
useMailIntakeEnv({ IMAP_POLL_MS: "60000", IMAP_RETRY_MS: "100", IMAP_RETRY_MAX_MS: "400", IMAP_LEASE_MS: "5000" });
const { resetConfigForTests } = await import("../../app/config.server");
resetConfigForTests();
const { getDb, disconnectDb, databaseKind } = await import("../../app/db.server");
const { ensureDefaults } = await import("../../app/setup/bootstrap.server");
const { saveMailbox } = await import("../../app/mail/imap/mailboxes.server");
const { startMailboxPollers } = await import("../../app/mail/imap/mailbox-pollers.server");
const { PROCESSED_KEYWORD } = await import("../../app/mail/imap/take-new-mail.server");
const db = getDb();

let dovecot: Dovecot;
let userSeq = 0;
let senderSeq = 0;
const PASSWORD = "Imap-Test-Pass-7781";

beforeAll(async () => {
  await ensureDefaults(db);
  dovecot = await startDovecot(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [accountName(i + 1), PASSWORD])));
});
afterAll(async () => {
  if (dovecot) await removeDovecot(dovecot);
  await disconnectDb();
});
beforeEach(async () => {
  await db.mailbox.deleteMany();
});

const accountName = (n: number) => `support${n}@firma.example`;

/** A fresh account on the server, so tests do not share folders. */
function newAccount() {
  return accountName(++userSeq);
}

function mail(subject: string, opts: { messageId?: string; from?: string; body?: string } = {}) {
  return Buffer.from(
    [
      // A sender of its own per mail: twenty mails from one address in ten minutes are a flood.
      `From: ${opts.from ?? `Jana Kovač <jana.kovac.${++senderSeq}@stranka.example>`}`,
      `To: ${SUPPORT}`,
      `Subject: ${subject}`,
      `Message-ID: <${opts.messageId ?? uniqueId("imap")}>`,
      "Date: Tue, 01 Dec 2026 10:00:00 +0100",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      opts.body ?? "Pozdravljeni, spletna stran se ne odpre.",
      "",
    ].join("\r\n"),
  );
}

async function deliver(user: string, messages: Buffer[], folder = "INBOX") {
  const client = await dovecot.connect(user, PASSWORD);
  try {
    if (folder !== "INBOX" && !(await client.list()).some((f) => f.path === folder)) await client.mailboxCreate(folder);
    for (const m of messages) await client.append(folder, m);
  } catch (err) {
    throw new Error(`delivery failed: ${(err as { responseText?: string }).responseText ?? String(err)}`);
  } finally {
    await client.logout();
  }
}

async function folderState(user: string, folder: string) {
  const client = await dovecot.connect(user, PASSWORD);
  try {
    if (!(await client.list()).some((f) => f.path === folder)) return { count: 0, flags: [] as string[][] };
    const lock = await client.getMailboxLock(folder);
    try {
      const flags: string[][] = [];
      if ((client.mailbox && client.mailbox.exists) || 0) {
        for await (const m of client.fetch("1:*", { flags: true })) flags.push([...(m.flags ?? [])]);
      }
      return { count: flags.length, flags };
    } catch (err) {
      throw new Error(`reading ${folder} failed: ${(err as { responseText?: string }).responseText ?? String(err)}`);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

async function addMailbox(user: string, extra: Partial<Parameters<typeof saveMailbox>[2]> = {}) {
  return saveMailbox(db, null, {
    name: `box-${user}`,
    host: "127.0.0.1",
    port: dovecot.port,
    tls: false,
    username: user,
    authMethod: "PASSWORD",
    secret: PASSWORD,
    folder: "INBOX",
    afterIngest: "MOVE",
    processedFolder: "Processed",
    enabled: true,
    ...extra,
  });
}

const ticketsWithSubject = (prefix: string) => db.ticket.findMany({ where: { subject: { startsWith: prefix } }, include: { messages: true } });

describe.skipIf(!dovecotAvailable())("IMAP mailboxes", () => {
  it("turns new mail into tickets at once (IDLE), threads a reply, and moves each message to Processed", async () => {
    const user = newAccount();
    await addMailbox(user);
    const pollers = await startMailboxPollers(db);
    try {
      await waitFor("a connected poller", async () => (await db.mailbox.findFirst({ where: { status: "OK" } })) ?? undefined);
      const started = Date.now();
      // IMAP_POLL_MS is a minute: only IDLE can bring this in within seconds.
      const jana = "Jana Kovač <jana.kovac@stranka.example>";
      await deliver(user, [mail("IMAP-A stran ne dela", { from: jana }), mail("IMAP-A račun za november")]);
      const tickets = await waitFor("two tickets", async () => {
        const t = await ticketsWithSubject("IMAP-A");
        return t.length === 2 && t;
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      const first = tickets.find((t) => t.subject.includes("stran"))!;
      expect(first.channel).toBe("EMAIL");

      await deliver(user, [mail(`Re: [${first.reference}] IMAP-A stran ne dela`, { from: jana, body: "Še vedno ne dela." })]);
      await waitFor("the reply", async () => (await db.message.count({ where: { ticketId: first.id } })) === 2);
      expect(await ticketsWithSubject("IMAP-A")).toHaveLength(2);

      // The reply is stored before its message is moved: wait for the move, not only the ticket.
      await waitFor("the reply moved out of INBOX", async () => (await folderState(user, "INBOX")).count === 0, 10_000);
      expect((await folderState(user, "Processed")).count).toBe(3);
      const box = await waitFor("three counted", async () => {
        const b = await db.mailbox.findFirstOrThrow();
        return b.ingestedCount === 3 && b;
      });
      expect(box.secretSealed).not.toContain(PASSWORD);
    } finally {
      await pollers.stop();
    }
    if (databaseKind() === "sqlite") {
      const file = process.env.DATABASE_URL!.slice("file:".length);
      await db.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      expect(fs.readFileSync(file).includes(PASSWORD)).toBe(false);
    }
  });

  it("a technician's answer to a staff notification, read from the mailbox, opens no ticket and is not read again", async () => {
    const { openTicket } = await import("../../app/tickets/open-ticket.server");
    const other = await db.category.findUniqueOrThrow({ where: { slug: "other" } });
    const tech = "imap.tehnik@firma.example";
    await db.user.create({ data: { email: tech, name: "Tehnik", role: "TECHNICIAN", teams: { create: { teamId: other.teamId } } } });
    const t = await openTicket(db, { channel: "WEB", requester: { email: "imap.stranka@stranka.example", locale: "sl" }, subject: "IMAP-N tiskalnik", body: "Ne tiska." });
    const note = await db.outboxMail.findFirstOrThrow({ where: { ticketId: t.id, toAddress: tech } });
    const user = newAccount();
    await addMailbox(user);
    const before = { tickets: await db.ticket.count(), messages: await db.message.count() };
    const reply = Buffer.from(
      mail(`Re: ${note.subject}`, { from: `Tehnik <${tech}>`, body: `Prevzamem. [${t.reference}]` })
        .toString("utf8")
        .replace("Date:", `In-Reply-To: ${note.mailMessageId}\r\nReferences: ${note.mailMessageId}\r\nDate:`),
    );
    // And a client's mail beside it, so the test sees the poller did read the mailbox.
    await deliver(user, [reply, mail("IMAP-N nov zahtevek")]);
    const pollers = await startMailboxPollers(db);
    try {
      await waitFor("the client's ticket", async () => (await ticketsWithSubject("IMAP-N nov")).length === 1);
      await waitFor("both mails processed", async () => (await folderState(user, "Processed")).count === 2);
    } finally {
      await pollers.stop();
    }
    expect(await db.ticket.count()).toBe(before.tickets + 1);
    expect(await db.message.count()).toBe(before.messages + 1);
    expect(await db.message.count({ where: { ticketId: t.id } })).toBe(1);
    expect((await folderState(user, "INBOX")).count).toBe(0);
  });

  it("in flag mode leaves the mail, marked, and after a restart reads nothing twice and skips nothing", async () => {
    const user = newAccount();
    await addMailbox(user, { afterIngest: "FLAG" });
    await deliver(user, [mail("IMAP-B one"), mail("IMAP-B two"), mail("IMAP-B three")]);
    let pollers = await startMailboxPollers(db);
    await waitFor("three tickets", async () => (await ticketsWithSubject("IMAP-B")).length === 3);
    await pollers.stop();

    await deliver(user, [mail("IMAP-B four")]);
    pollers = await startMailboxPollers(db);
    try {
      await waitFor("the fourth ticket", async () => (await ticketsWithSubject("IMAP-B")).length === 4);
      await new Promise((r) => setTimeout(r, 300));
      expect(await ticketsWithSubject("IMAP-B")).toHaveLength(4);
    } finally {
      await pollers.stop();
    }
    const inbox = await folderState(user, "INBOX");
    expect(inbox.count).toBe(4);
    for (const flags of inbox.flags) expect(flags).toEqual(expect.arrayContaining(["\\Seen", PROCESSED_KEYWORD]));
    const box = await db.mailbox.findFirstOrThrow();
    expect(Number(box.lastUid)).toBe(4);
    expect(box.ingestedCount).toBe(4);
  });

  it("a recreated folder (new UIDVALIDITY) is read again without storing any mail twice", async () => {
    const user = newAccount();
    await addMailbox(user, { folder: "Support" });
    const known = uniqueId("known");
    await deliver(user, [mail("IMAP-C first", { messageId: known }), mail("IMAP-C second")], "Support");
    const pollers = await startMailboxPollers(db);
    try {
      await waitFor("two tickets", async () => (await ticketsWithSubject("IMAP-C")).length === 2);
      const before = await db.mailbox.findFirstOrThrow();
      await pollers.stop();

      const client = await dovecot.connect(user, PASSWORD);
      await client.mailboxDelete("Support");
      await client.mailboxCreate("Support");
      await client.logout();
      // The first mail comes back (restored from a backup, say) beside a new one.
      await deliver(user, [mail("IMAP-C first", { messageId: known }), mail("IMAP-C third")], "Support");
      const again = await startMailboxPollers(db);
      try {
        await waitFor("the third ticket", async () => (await ticketsWithSubject("IMAP-C")).length === 3);
        await waitFor("the folder emptied", async () => (await folderState(user, "Support")).count === 0);
      } finally {
        await again.stop();
      }
      const after = await db.mailbox.findFirstOrThrow();
      expect(after.uidValidity).not.toBe(before.uidValidity);
      expect(await ticketsWithSubject("IMAP-C")).toHaveLength(3);
      expect((await folderState(user, "Processed")).count).toBe(4);
    } finally {
      await pollers.stop();
    }
  });

  it("a wrong password shows AUTH_FAILED and backs off; with the right one the waiting mail arrives", async () => {
    const user = newAccount();
    const box = await addMailbox(user, { secret: "not-the-password" });
    await deliver(user, [mail("IMAP-D waiting")]);
    const pollers = await startMailboxPollers(db);
    try {
      const failed = await waitFor("two failed sign-ins", async () => {
        const m = await db.mailbox.findUniqueOrThrow({ where: { id: box.id } });
        return m.failures >= 2 && m;
      });
      expect(failed.status).toBe("AUTH_FAILED");
      expect(failed.lastErrorCode).toBe("AUTH_FAILED");
      expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(failed.lastCheckedAt!.getTime());
      expect(await ticketsWithSubject("IMAP-D")).toHaveLength(0);
      expect((await folderState(user, "INBOX")).count).toBe(1);

      await saveMailbox(db, box.id, { ...(await editable(box.id)), secret: PASSWORD });
      await waitFor("the waiting mail", async () => (await ticketsWithSubject("IMAP-D")).length === 1);
      await waitFor("the status back to OK", async () => (await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status === "OK");
    } finally {
      await pollers.stop();
    }
  });

  it("a server that is down: the poller retries with back-off and takes the mail once it is back", async () => {
    const user = newAccount();
    await deliver(user, [mail("IMAP-E during the outage")]);
    const box = await addMailbox(user);
    await dovecot.stop();
    const pollers = await startMailboxPollers(db);
    try {
      const failing = await waitFor("failed connections", async () => {
        const m = await db.mailbox.findUniqueOrThrow({ where: { id: box.id } });
        return m.failures >= 3 && m;
      });
      expect(failing.status).toBe("RETRYING");
      expect(failing.lastErrorCode).toBe("ECONNREFUSED");
      await dovecot.start();
      await waitFor("the mail after the outage", async () => (await ticketsWithSubject("IMAP-E")).length === 1);
    } finally {
      await pollers.stop();
      await dovecot.start().catch(() => {});
    }
  });

  it("several instances: one reader per mailbox, every mail stored once", async () => {
    const user = newAccount();
    const box = await addMailbox(user);
    const instances = await Promise.all([startMailboxPollers(db), startMailboxPollers(db), startMailboxPollers(db)]);
    try {
      await waitFor("a reader", async () => (await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status === "OK");
      const owner = (await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).leaseOwner;
      await deliver(user, Array.from({ length: 12 }, (_, i) => mail(`IMAP-F ${i}`)));
      await waitFor("twelve tickets", async () => (await ticketsWithSubject("IMAP-F")).length === 12);
      expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).leaseOwner).toBe(owner);
      const logins = fs.readFileSync(`${dovecot.dir}/dovecot.log`, "utf8").split("\n").filter((l) => l.includes(`Login: user=<${user}>`));
      // Two sessions are the test's own deliveries (one above, none in between): the rest is one reader.
      expect(logins.length).toBe(2);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
  });

  it("a mail that arrives while a batch is being read is taken at once, not at the next poll", async () => {
    const user = newAccount();
    await addMailbox(user);
    await deliver(user, [mail("IMAP-H 1"), mail("IMAP-H 2")]);
    // The server announces the late mail while the folder is locked for the first batch, so
    // there is no IDLE to hear it in; IMAP_POLL_MS is a minute.
    let late: Promise<void> | undefined;
    const pollers = await startMailboxPollers(db, {
      onMessage: async () => {
        late ??= deliver(user, [mail("IMAP-H late")]);
        await late;
      },
    });
    try {
      await waitFor("the late mail, well before the poll", async () => (await ticketsWithSubject("IMAP-H")).length === 3, 20_000);
    } finally {
      await pollers.stop();
    }
  });

  it("a process killed in the middle of a batch: the next one takes the rest, nothing lost, nothing twice", async () => {
    const user = newAccount();
    await addMailbox(user);
    const total = 20;
    await deliver(user, Array.from({ length: total }, (_, i) => mail(`IMAP-G ${String(i).padStart(2, "0")}`)));
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/imap-poller-process.ts"], {
      env: { ...process.env, IMAP_TEST_DELAY_MS: "150" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        seen += (chunk.toString().match(/message/g) ?? []).length;
        if (seen >= 5) resolve();
      });
      child.once("exit", () => reject(new Error("the poller process ended before it was killed")));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const partial = (await ticketsWithSubject("IMAP-G")).length;
    expect(partial).toBeGreaterThanOrEqual(5);
    expect(partial).toBeLessThan(total);

    // The dead process's lease runs out (IMAP_LEASE_MS), then this instance takes over.
    const pollers = await startMailboxPollers(db);
    try {
      await waitFor("every mail", async () => (await ticketsWithSubject("IMAP-G")).length === total, 30_000);
      await waitFor("the inbox emptied", async () => (await folderState(user, "INBOX")).count === 0);
    } finally {
      await pollers.stop();
    }
    const subjects = (await ticketsWithSubject("IMAP-G")).map((t) => t.subject).sort();
    expect(subjects).toEqual(Array.from({ length: total }, (_, i) => `IMAP-G ${String(i).padStart(2, "0")}`));
    expect((await folderState(user, "Processed")).count).toBe(total);
  });
});

async function editable(id: string) {
  const m = await db.mailbox.findUniqueOrThrow({ where: { id } });
  return {
    name: m.name, host: m.host, port: m.port, tls: m.tls, username: m.username,
    authMethod: m.authMethod as "PASSWORD" | "XOAUTH2", folder: m.folder,
    afterIngest: m.afterIngest as "MOVE" | "FLAG", processedFolder: m.processedFolder, enabled: m.enabled,
  };
}
