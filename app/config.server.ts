import { z } from "zod";

/**
 * Every setting Minidesk reads, validated once. Each has a default that works on one
 * machine, so `npm start` needs no configuration; a bad value stops start-up with a
 * message naming every problem (see README "Configuration").
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (printed at start)
  // Unset: http://localhost:<PORT> (loadConfig), so mailed links reach the port we listen on.
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgresql://")
    .default("file:./var/minidesk.db"),
  // PostgreSQL only: connections per process (each web, worker or SMTP process has its own pool).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Web processes `npm start` runs on one port (node:cluster); 1 serves from the main process. */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
  /** How often an open queue or ticket page asks whether anything changed (app/live/); presence lasts three of these. */
  LIVE_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(5_000),
  DATA_DIR: z.string().min(1).default("var"),
  STORAGE_DIR: z.string().min(1).optional(),
  OUTBOX_DIR: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)")
    .optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  COMPANY_NAME: z.string().min(1).default("Minidesk"),
  TIMEZONE: z.string().min(1).default("Europe/Ljubljana"),
  DEFAULT_LOCALE: z.enum(["sl", "en"]).default("sl"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),

  // Outbound mail: with no SMTP_URL, mail is written to the outbox folder instead.
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("Minidesk <support@minidesk.localhost>"),
  // Inbound mail
  SUPPORT_ADDRESSES: z.string().default("support@minidesk.localhost"),
  SMTP_LISTEN: bool.default("true"),
  SMTP_LISTEN_HOST: z.string().default("127.0.0.1"),
  SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_TLS_KEY: z.string().optional(),
  SMTP_TLS_CERT: z.string().optional(),
  INBOUND_WEBHOOK_SECRET: z.string().min(24, "must be at least 24 characters").optional(),
  MAX_MAIL_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  // IMAP mailboxes (admin page /admin/mailboxes; IMAP_HOST adds one from the environment)
  IMAP_POLL: bool.default("true"),
  IMAP_POLL_MS: z.coerce.number().int().min(100).default(60_000),
  IMAP_RETRY_MS: z.coerce.number().int().min(10).default(5_000),
  IMAP_RETRY_MAX_MS: z.coerce.number().int().min(10).default(15 * 60_000),
  IMAP_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  IMAP_HOST: z.string().min(1).optional(),
  IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  IMAP_TLS: bool.default("true"),
  IMAP_USER: z.string().min(1).optional(),
  IMAP_PASSWORD: z.string().min(1).optional(),
  IMAP_ACCESS_TOKEN: z.string().min(1).optional(),
  IMAP_FOLDER: z.string().min(1).default("INBOX"),
  IMAP_AFTER_INGEST: z.enum(["move", "flag"]).default("move"),
  IMAP_PROCESSED_FOLDER: z.string().min(1).default("Processed"),

  // Uploads and images
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  MAX_ATTACHMENTS: z.coerce.number().int().min(0).max(20).default(5),
  MAX_IMAGE_PIXELS: z.coerce.number().int().min(10_000).default(40_000_000),
  OCR_WORKERS: z.coerce.number().int().min(1).max(8).default(1),
  OCR_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),

  // Links and secrets kept for clients
  TICKET_LINK_DAYS: z.coerce.number().int().min(1).default(90),
  ACCESS_DETAILS_DAYS: z.coerce.number().int().min(1).default(14),

  // Workflow
  AUTO_CLOSE_RESOLVED_DAYS: z.coerce.number().int().min(1).default(7),
  FOLLOWUP_BUSINESS_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  FOLLOWUP_SECOND_REMINDER_DAYS: z.coerce.number().int().min(1).default(2),
  FOLLOWUP_LINK_DAYS: z.coerce.number().int().min(1).default(14),

  // Retention (days)
  RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  ATTACHMENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  QUARANTINE_RETENTION_DAYS: z.coerce.number().int().min(1).default(14),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(730),

  // Abuse limits
  TICKETS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  TICKETS_PER_HOUR: z.coerce.number().int().min(1).default(500),
  SIGNIN_ATTEMPTS_PER_15MIN: z.coerce.number().int().min(1).default(10),
  PASSWORD_RESET_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  PASSWORD_RESETS_PER_HOUR: z.coerce.number().int().min(1).default(3),
  TOTP_REQUIRED_FOR_ADMINS: bool.default("false"),

  WORKER: bool.default("true"),
  WORKER_POLL_MS: z.coerce.number().int().min(50).default(2000),
});

export type Config = z.infer<typeof ConfigSchema> & {
  PUBLIC_URL: string;
  STORAGE_DIR: string;
  OUTBOX_DIR: string;
  supportAddresses: string[];
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; throws ConfigError listing every bad value at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (Boolean(c.SMTP_TLS_KEY) !== Boolean(c.SMTP_TLS_CERT)) {
    problems.push("SMTP_TLS_KEY and SMTP_TLS_CERT: set both or neither");
  }
  if (Boolean(c.ADMIN_EMAIL) !== Boolean(c.ADMIN_PASSWORD)) {
    problems.push("ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither");
  }
  if (c.IMAP_HOST && (!c.IMAP_USER || Boolean(c.IMAP_PASSWORD) === Boolean(c.IMAP_ACCESS_TOKEN))) {
    problems.push("IMAP_HOST: set IMAP_USER and one of IMAP_PASSWORD or IMAP_ACCESS_TOKEN");
  }
  const supportAddresses = c.SUPPORT_ADDRESSES.split(",").map((a) => a.trim().toLowerCase()).filter(Boolean);
  for (const a of supportAddresses) {
    if (!z.string().email().safeParse(a).success) problems.push(`SUPPORT_ADDRESSES: "${a}" is not an email address`);
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    ...c,
    // PORT=0 (a free port, tests and benches) has no address to name before listening: 3000 then.
    PUBLIC_URL: c.PUBLIC_URL ?? `http://localhost:${c.PORT || 3000}`,
    STORAGE_DIR: c.STORAGE_DIR ?? `${c.DATA_DIR}/storage`,
    OUTBOX_DIR: c.OUTBOX_DIR ?? `${c.DATA_DIR}/outbox`,
    supportAddresses,
  };
}

let cached: Config | undefined;

/** The process configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Tests and start-up scripts that change the environment call this. */
export function resetConfigForTests() {
  cached = undefined;
}

/** For command-line entry points: a bad configuration prints every problem and exits 1. */
export function getConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
