import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";

// The admin page for IMAP mailboxes, through the real server: who may use it, what it stores.
process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";
const SECRET = "Mailbox-Pass-Word-5521";

let app: RunningMinidesk;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

async function signIn(email: string, password: string) {
  const b = new TestBrowser(app.url, "en");
  await b.get("/login");
  await b.post("/login", { email, password });
  return b;
}

const fields = (extra: Record<string, string> = {}) => ({
  intent: "save", name: "Podpora", host: "imap.firma.example", port: "993", tls: "on", username: "podpora@firma.example",
  authMethod: "PASSWORD", secret: SECRET, folder: "INBOX", afterIngest: "MOVE", processedFolder: "Processed", enabled: "on", ...extra,
});

describe("admin page for IMAP mailboxes", () => {
  it("adds a mailbox with its password sealed, shows its status, and never shows the password again", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    await admin.get("/admin/mailboxes");
    const saved = await admin.post("/admin/mailboxes", fields());
    expect(saved.status).toBe(200);
    const page = await admin.get("/admin/mailboxes");
    expect(page.text).toContain("imap.firma.example");
    expect(page.text).toContain('data-mailbox-status="NEW"');
    expect(page.text).not.toContain(SECRET);

    const { getDb } = await import("../../app/db.server");
    const db = getDb();
    const row = await db.mailbox.findFirstOrThrow({ where: { name: "Podpora" } });
    expect(row.secretSealed).toMatch(/^v1\./);
    const { openSecret } = await import("../../app/secrets.server");
    expect(openSecret(row.secretSealed!)).toBe(SECRET);

    // An edit with the password field left empty keeps the stored one.
    await admin.get("/admin/mailboxes");
    expect((await admin.post("/admin/mailboxes", fields({ id: row.id, secret: "", folder: "Support" }))).status).toBe(200);
    const edited = await db.mailbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(edited.folder).toBe("Support");
    expect(openSecret(edited.secretSealed!)).toBe(SECRET);

    if (process.env.DATABASE_URL!.startsWith("file:")) {
      await db.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      expect(fs.readFileSync(process.env.DATABASE_URL!.slice("file:".length)).includes(SECRET)).toBe(false);
    }
  });

  it("refuses bad input with a message, and a form without the CSRF token", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    await admin.get("/admin/mailboxes");
    const badHost = await admin.post("/admin/mailboxes", fields({ name: "Bad", host: "imap.example.com/../x" }));
    expect(badHost.status).toBe(400);
    expect(badHost.text).toContain("A host name or an IP address");
    const noSecret = await admin.post("/admin/mailboxes", fields({ name: "No secret", secret: "" }));
    expect(noSecret.status).toBe(400);
    expect(noSecret.text).toContain("needs its password or token");
    expect((await admin.post("/admin/mailboxes", fields({ name: "No csrf" }), { csrf: false })).status).toBe(403);
  });

  it("is for administrators only", async () => {
    const admin = await signIn("admin@firma.si", "admin-password-123");
    await admin.get("/admin/users");
    await admin.post("/admin/users", { intent: "create", name: "Tina Tehnik", email: "tina@firma.si", role: "TECHNICIAN", password: "tina-password-123" });
    const tech = await signIn("tina@firma.si", "tina-password-123");
    expect((await tech.get("/admin/mailboxes")).status).toBe(403);
    expect((await tech.post("/admin/mailboxes", fields({ name: "Sneaky" }))).status).toBe(403);
    const anon = new TestBrowser(app.url);
    expect((await anon.get("/admin/mailboxes")).status).toBe(302);
  });
});
