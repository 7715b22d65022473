import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

/** Test helpers for mail: a real SMTP client (nodemailer) talking to the listener, and a real SMTP server catching what Minidesk sends. */
export const SUPPORT = "podpora@minidesk.example.si";
export const OWN_DOMAIN = "minidesk.example.si";

/** The environment every mail-intake test file uses; call before the first getConfig(). */
export function useMailIntakeEnv(extra: Record<string, string> = {}) {
  process.env.SUPPORT_ADDRESSES = `${SUPPORT}, info@${OWN_DOMAIN}`;
  process.env.MAIL_FROM = `Minidesk Podpora <${SUPPORT}>`;
  process.env.SMTP_LISTEN_HOST = "127.0.0.1";
  Object.assign(process.env, extra);
}

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.resolve("tests/fixtures/mail", name));
}

/**
 * A fixture with some headers replaced (or added when missing) and lines appended to the body,
 * so one file serves several tests without two of them sharing a Message-ID.
 */
export function variant(raw: Buffer | string, headers: Record<string, string>, appendToBody = ""): Buffer {
  let text = Buffer.isBuffer(raw) ? raw.toString("latin1") : raw;
  const split = text.search(/\r?\n\r?\n/);
  let head = text.slice(0, split);
  const body = text.slice(split);
  for (const [name, value] of Object.entries(headers)) {
    const re = new RegExp(`^${name}:.*(?:\\r?\\n[ \\t].*)*`, "im");
    head = re.test(head) ? head.replace(re, `${name}: ${value}`) : `${head}\r\n${name}: ${value}`;
  }
  text = head + body + (appendToBody ? `${appendToBody.replace(/\r?\n/g, "\r\n")}\r\n` : "");
  return Buffer.from(text, "latin1");
}

export const uniqueId = (label = "t") => `${label}.${crypto.randomBytes(6).toString("hex")}@mail.example.com`;

export function smtpClient(port: number) {
  return nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 10_000 });
}

/** Sends a raw message as an MTA would: envelope given, the bytes untouched. */
export async function sendRaw(port: number, raw: Buffer, envelope: { from?: string; to?: string[] } = {}) {
  const transport = smtpClient(port);
  try {
    return await transport.sendMail({ envelope: { from: envelope.from ?? "sender@example.com", to: envelope.to ?? [SUPPORT] }, raw });
  } finally {
    transport.close();
  }
}

export async function sendComposed(port: number, mail: Mail.Options) {
  const transport = smtpClient(port);
  try {
    return await transport.sendMail({ to: SUPPORT, ...mail });
  } finally {
    transport.close();
  }
}

/** "250 2.0.0 ticket-opened MD-2026-000001" → { outcome, reference } */
export function answerOf(response: string): { outcome: string; reference: string | undefined } {
  const m = /^250\s+(?:2\.0\.0\s+)?(\S+)(?:\s+(MD-\d{4}-\d+))?/.exec(response);
  if (!m) throw new Error(`unexpected SMTP answer: ${response}`);
  return { outcome: m[1]!, reference: m[2] };
}

/**
 * The harness of a mail-intake test file: the environment, the file's database with its
 * defaults, and a real SMTP listener on 127.0.0.1 for the duration of the file.
 */
export async function useSmtpListenerForFile(extraEnv: Record<string, string> = {}) {
  useMailIntakeEnv(extraEnv);
  // Modules are imported after the environment is set: they read it on first use.
  const { resetConfigForTests } = await import("../../app/config.server");
  resetConfigForTests();
  const { getDb, disconnectDb } = await import("../../app/db.server");
  const { ensureDefaults } = await import("../../app/setup/bootstrap.server");
  const { startSmtpListener } = await import("../../app/mail/inbound/smtp-listener.server");
  const { shutdownOcrPool } = await import("../../app/redaction/image/ocr-pool.server");
  const db = getDb();
  const smtp = { port: 0, stop: async () => {} };
  beforeAll(async () => {
    await ensureDefaults(db);
    const listener = await startSmtpListener({ port: 0 });
    smtp.port = listener.port;
    smtp.stop = listener.stop;
  });
  afterAll(async () => {
    await smtp.stop();
    await shutdownOcrPool();
    await disconnectDb();
  });
  return { db, smtp };
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what Minidesk sends: the outbound side of a test.
 * `url` goes into SMTP_URL; `received` fills as mail arrives.
 */
export async function startMailCatcher() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    // A connection left open is dropped after 5 s, not smtp-server's 30: afterAll stays short.
    closeTimeout: 5_000,
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => { received.push(m); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    received,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every address a mail was sent to. */
export const recipientsOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address));
