import { getConfig } from "../config.server";

/**
 * Structured JSON logs with an allow-list of fields: a log line can only carry
 * identifiers, codes, counts and durations, never text that came from a client.
 * Anything else passed in is dropped, so a careless call cannot leak.
 */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LogFields = {
  ticketId?: string;
  reference?: string;
  jobId?: string;
  jobKind?: string;
  messageId?: string;
  attachmentId?: string;
  userId?: string;
  route?: string;
  method?: string;
  status?: number;
  ms?: number;
  count?: number;
  code?: string;
  port?: number;
  url?: string; // only our own configured URLs
  types?: string[];
};

const ALLOWED = new Set<keyof LogFields>([
  "ticketId", "reference", "jobId", "jobKind", "messageId", "attachmentId", "userId",
  "route", "method", "status", "ms", "count", "code", "port", "url", "types",
]);

function write(level: Level, event: string, fields: LogFields = {}) {
  const min = order[getConfig().LOG_LEVEL];
  if (order[level] < min) return;
  const safe: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (ALLOWED.has(k as keyof LogFields) && v !== undefined) safe[k] = v;
  }
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...safe });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

/** `event` is a constant such as "ticket.created"; never interpolate input into it. */
export const log = {
  debug: (event: string, fields?: LogFields) => write("debug", event, fields),
  info: (event: string, fields?: LogFields) => write("info", event, fields),
  warn: (event: string, fields?: LogFields) => write("warn", event, fields),
  error: (event: string, fields?: LogFields) => write("error", event, fields),
};

/** An error's class name only: messages can quote input (a parser echoing a header). */
export function errorCode(err: unknown): string {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") return err.code;
  return err instanceof Error ? err.name : "UnknownError";
}
