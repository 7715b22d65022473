import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.server";

describe("configuration", () => {
  it("works with nothing set, on embedded defaults", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBe("file:./var/minidesk.db");
    expect(c.STORAGE_DIR).toBe("var/storage");
    expect(c.OUTBOX_DIR).toBe("var/outbox");
    expect(c.SMTP_LISTEN_PORT).toBe(2525);
    expect(c.RETENTION_DAYS).toBe(365);
    expect(c.FOLLOWUP_BUSINESS_DAYS).toBe(2);
    expect(c.TIMEZONE).toBe("Europe/Ljubljana");
  });

  it("reads and coerces values, treating empty as unset", () => {
    const c = loadConfig({ PORT: "8080", RETENTION_DAYS: "30", WORKER: "false", SMTP_URL: "", SUPPORT_ADDRESSES: "Help@Firma.si, podpora@firma.si" });
    expect(c.PORT).toBe(8080);
    expect(c.RETENTION_DAYS).toBe(30);
    expect(c.WORKER).toBe(false);
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.supportAddresses).toEqual(["help@firma.si", "podpora@firma.si"]);
  });

  it("derives PUBLIC_URL from PORT when it is not set, so mailed links reach the app", () => {
    expect(loadConfig({}).PUBLIC_URL).toBe("http://localhost:3000");
    expect(loadConfig({ PORT: "8080" }).PUBLIC_URL).toBe("http://localhost:8080");
    expect(loadConfig({ PORT: "8080", PUBLIC_URL: "" }).PUBLIC_URL).toBe("http://localhost:8080");
    expect(loadConfig({ PORT: "8080", PUBLIC_URL: "https://desk.example.com" }).PUBLIC_URL).toBe("https://desk.example.com");
  });

  it("stops with every problem listed at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", RETENTION_DAYS: "0", ENCRYPTION_KEY: "short", SMTP_URL: "http://x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/RETENTION_DAYS/);
    expect(problems).toMatch(/ENCRYPTION_KEY/);
    expect(problems).toMatch(/SMTP_URL/);
  });

  it("refuses half-given pairs and bad support addresses", () => {
    expect(() => loadConfig({ ADMIN_EMAIL: "a@b.si" })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD/);
    expect(() => loadConfig({ SMTP_TLS_KEY: "/k.pem" })).toThrow(/SMTP_TLS_KEY/);
    expect(() => loadConfig({ SUPPORT_ADDRESSES: "not-an-address" })).toThrow(/SUPPORT_ADDRESSES/);
  });
});
