import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import sharp from "sharp";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { SUPPORT, uniqueId, useMailIntakeEnv } from "../setup/mail";
import { renderTextImage } from "../fixtures/images/render-text-image";

/**
 * The MTA pipe (scripts/ingest-mail.ts) as Postfix runs it: a child process, the mail on stdin.
 * This file's database is the migrated template and nothing more: no `npm start` ever ran on it,
 * so it has no team and no category until an entry point creates them.
 */
useMailIntakeEnv();
const { getDb } = await import("../../app/db.server");
const db = getDb();

/** Under Postfix a pipe that does not end is killed at its time limit and the mail retried. */
const PIPE_TIME_LIMIT_MS = 45_000;

function runPipe(raw: Buffer): Promise<{ code: number | null; stdout: string; stderr: string; ms: number; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/ingest-mail.ts"], { env: process.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, PIPE_TIME_LIMIT_MS);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started, timedOut });
    });
    child.stdin.end(raw);
  });
}

const tag = () => crypto.randomBytes(4).toString("hex");
const compose = (mail: Mail.Options) =>
  new MailComposer({ from: "Klient <klient@example.com>", to: SUPPORT, messageId: `<${uniqueId("pipe")}>`, ...mail }).compile().build();

/**
 * A minimal TNEF stream (MS-OXTNEF 2.1: signature, key, then attributes of level, id, length,
 * data and a 16-bit byte-sum checksum) carrying one attachment, the way Outlook sends winmail.dat.
 */
function winmailDat(fileName: string, bytes: Buffer): Buffer {
  const attribute = (level: number, id: number, data: Buffer) => {
    const head = Buffer.alloc(9);
    head.writeUInt8(level, 0);
    head.writeUInt32LE(id, 1);
    head.writeUInt32LE(data.length, 5);
    const sum = Buffer.alloc(2);
    sum.writeUInt16LE(data.reduce((s, b) => (s + b) & 0xffff, 0), 0);
    return Buffer.concat([head, data, sum]);
  };
  const signature = Buffer.alloc(6);
  signature.writeUInt32LE(0x223e9f78, 0);
  signature.writeUInt16LE(0x0001, 4);
  const version = Buffer.alloc(4);
  version.writeUInt32LE(0x00010000, 0);
  return Buffer.concat([
    signature,
    attribute(1, 0x00089006, version), // attTnefVersion
    attribute(1, 0x00069007, Buffer.from("1252\0\0\0\0")), // attOemCodepage
    attribute(2, 0x00069002, Buffer.alloc(14)), // attAttachRendData
    attribute(2, 0x00018010, Buffer.from(`${fileName}\0`, "latin1")), // attAttachTitle
    attribute(2, 0x0006800f, bytes), // attAttachData
  ]);
}

describe("MTA pipe on a database that was only migrated", () => {
  it("creates the defaults it needs and stores the mail", async () => {
    expect(await db.category.count()).toBe(0);
    const subject = `Tiskalnik v pisarni ${tag()}`;
    const result = await runPipe(await compose({ subject, text: "Pozdravljeni, tiskalnik ne tiska." }));
    expect(result.stderr).not.toMatch(/Temporary failure/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ticket-opened MD-\d{4}-\d+$/m);
    expect(await db.ticket.count({ where: { subject } })).toBe(1);
  });
});

describe("MTA pipe exits by itself after a mail with images (OCR workers closed)", { timeout: PIPE_TIME_LIMIT_MS + 15_000 }, async () => {
  const screenshot = await renderTextImage({ width: 700, height: 160, lines: ["Error 0x80070005", "Access is denied"] });
  const jpeg = await sharp(screenshot).jpeg({ quality: 90 }).toBuffer();
  const cases: [string, Mail.Attachment, string][] = [
    ["a PNG", { filename: "napaka.png", content: screenshot, contentType: "image/png" }, "STORED"],
    ["a JPEG", { filename: "napaka.jpg", content: jpeg, contentType: "image/jpeg" }, "STORED"],
    ["an image sent as application/octet-stream", { filename: "napaka", content: screenshot, contentType: "application/octet-stream" }, "STORED"],
    ["a winmail.dat (TNEF) holding an image", { filename: "winmail.dat", content: winmailDat("napaka.png", screenshot), contentType: "application/ms-tnef" }, "REFUSED"],
  ];
  it.each(cases)("%s", async (_label, attachment, status) => {
    const subject = `Posnetek zaslona ${tag()}`;
    const result = await runPipe(await compose({ subject, text: "Napaka je na posnetku.", attachments: [attachment] }));
    expect(result.timedOut, `the pipe was still running after ${PIPE_TIME_LIMIT_MS} ms`).toBe(false);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ticket-opened MD-\d{4}-\d+$/m);
    const ticket = await db.ticket.findFirstOrThrow({ where: { subject }, include: { attachments: true, messages: true } });
    expect(ticket.messages[0]!.body).toContain("Napaka je na posnetku.");
    expect(ticket.attachments.map((a) => a.status)).toEqual([status]);
    // The confirmation went out before the process ended (the outbox settles first).
    expect(await db.outboxMail.count({ where: { ticketId: ticket.id, status: "SENT" } })).toBe(1);
  });
});
