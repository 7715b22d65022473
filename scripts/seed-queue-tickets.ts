/**
 * Seeds many tickets fast, for the queue benchmark: raw multi-row inserts in one transaction,
 * through better-sqlite3 on SQLite and pg on PostgreSQL (Prisma would take minutes for 100 000
 * rows). Both get the same rows from one deterministic generator, so runs on the two databases
 * are comparable. Text is synthetic and already "redacted" (placeholders), as the real intake
 * stores it. The search index follows by the databases' own triggers (FTS5 on SQLite,
 * tsvector on PostgreSQL), as it does in real use.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

// A desk that has worked for years: most tickets are closed, a few hundred are active.
function statusFor(r: number, isRecent: boolean): string {
  if (!isRecent) return "CLOSED";
  if (r < 0.2) return "NEW";
  if (r < 0.5) return "OPEN";
  if (r < 0.65) return "PENDING";
  if (r < 0.8) return "RESOLVED";
  return "CLOSED";
}
const PRIORITIES = ["LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "URGENT"];
const WORDS = [
  "napaka", "strežnik", "čas", "nalaganja", "spletna", "stran", "gostovanje", "pošta", "račun", "geslo",
  "prijava", "CRM", "poročilo", "izvoz", "uvoz", "posodobitev", "varnost", "certifikat", "domena", "DNS",
  "backup", "database", "slow", "page", "error", "timeout", "invoice", "export", "login", "update",
];

/** Filler vocabulary: real text has thousands of words, so a search word is selective. */
const SYLLABLES = ["ka", "po", "ri", "ne", "sto", "vel", "mar", "ton", "li", "za", "bre", "do", "mi", "sa", "ku", "te", "gra", "ve"];
const FILLER = Array.from({ length: 4000 }, (_, i) => {
  let w = "";
  for (let n = i + 7; w.length < 6; n = Math.floor(n / SYLLABLES.length) + w.length + 3) w += SYLLABLES[n % SYLLABLES.length];
  return w + (i % 97);
});

/** Deterministic pseudo-random numbers, so runs are comparable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The adapter's format on SQLite; PostgreSQL reads it into timestamp(3) unchanged (UTC). */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

type Table = "Requester" | "Ticket" | "Message";
const COLUMNS: Record<Table, readonly string[]> = {
  Requester: ["id", "email", "name", "company", "locale", "createdAt"],
  Ticket: ["id", "reference", "subject", "status", "priority", "channel", "categorySlug", "teamId", "requesterId", "assigneeId", "createdAt", "updatedAt", "lastClientAt", "resolvedAt", "closedAt"],
  Message: ["id", "ticketId", "kind", "direction", "body", "createdAt"],
};
type Batch = { table: Table; rows: unknown[][] };
export type SeedOptions = { technicianIds?: string[]; now?: number };

/**
 * The rows, in batches a writer inserts in order: a ticket batch always comes before the batch
 * with its messages (PostgreSQL checks the foreign keys).
 */
function* seedBatches(teams: { id: string; slug: string }[], count: number, opts: SeedOptions, batchSize: number): Generator<Batch> {
  if (!teams.length) throw new Error("Seed teams and categories first");
  const random = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const now = opts.now ?? Date.now();
  const year = new Date(now).getUTCFullYear();
  const techs = opts.technicianIds ?? [];
  const requesters: unknown[][] = [];
  for (let i = 0; i < Math.max(1, Math.floor(count / 20)); i++) {
    requesters.push([crypto.randomUUID(), `client${i}@example.com`, `Client ${i}`, `Company ${i % 300}`, i % 2 ? "sl" : "en", iso(now)]);
  }
  for (let i = 0; i < requesters.length; i += batchSize) yield { table: "Requester", rows: requesters.slice(i, i + batchSize) };
  let tickets: unknown[][] = [];
  let messages: unknown[][] = [];
  // Oldest first, so rowids grow with time as in real use.
  for (let n = 1; n <= count; n++) {
    const created = now - (count - n) * 5 * 60_000 - Math.floor(random() * 60_000);
    const updated = Math.min(now, created + Math.floor(random() * 3 * 86_400_000));
    const status = statusFor(random(), n > count - 4000);
    const { id: teamId, slug } = pick(teams);
    const id = crypto.randomUUID();
    const subject = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} #${n}`;
    const assignee = techs.length && random() < 0.6 ? pick(techs) : null;
    tickets.push([
      id, `MD-${year}-${String(n).padStart(6, "0")}`, subject, status, pick(PRIORITIES), random() < 0.5 ? "WEB" : "EMAIL",
      slug, teamId, pick(requesters)[0], assignee, iso(created), iso(updated), iso(created),
      status === "RESOLVED" || status === "CLOSED" ? iso(updated) : null, status === "CLOSED" ? iso(updated) : null,
    ]);
    const replies = 1 + Math.floor(random() * 2);
    for (let m = 0; m < replies; m++) {
      const body = Array.from({ length: 25 }, (_, w) => (w % 8 === 0 ? pick(WORDS) : pick(FILLER))).join(" ") + (m === 0 ? " pokličite [PHONE] ali pišite na [EMAIL]" : "");
      messages.push([crypto.randomUUID(), id, "REPLY", m === 0 ? "IN" : "OUT", body, iso(created + m * 3_600_000)]);
    }
    if (tickets.length === batchSize || n === count) {
      yield { table: "Ticket", rows: tickets };
      for (let i = 0; i < messages.length; i += batchSize) yield { table: "Message", rows: messages.slice(i, i + batchSize) };
      tickets = [];
      messages = [];
    }
  }
}

const counterYear = (opts: SeedOptions) => new Date(opts.now ?? Date.now()).getUTCFullYear();

/** SQLite: one transaction, one prepared statement per batch length. */
export function seedTickets(dbFile: string, count: number, opts: SeedOptions = {}) {
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const teams = db.prepare(`SELECT t."id", c."slug" FROM "Team" t JOIN "Category" c ON c."teamId" = t."id" ORDER BY c."position", c."slug"`).all() as { id: string; slug: string }[];
  const statements = new Map<string, Database.Statement>();
  const insert = ({ table, rows }: Batch) => {
    const key = `${table}:${rows.length}`;
    let statement = statements.get(key);
    if (!statement) {
      const one = `(${COLUMNS[table].map(() => "?").join(",")})`;
      statement = db.prepare(`INSERT INTO "${table}" (${COLUMNS[table].map((c) => `"${c}"`).join(",")}) VALUES ${Array(rows.length).fill(one).join(",")}`);
      statements.set(key, statement);
    }
    statement.run(rows.flat());
  };
  db.transaction(() => {
    // 200 rows × 15 columns stays under SQLite's default limit of 32 766 parameters.
    for (const batch of seedBatches(teams, count, opts, 200)) insert(batch);
    db.prepare(`INSERT INTO "TicketCounter" ("year","last") VALUES (?, ?) ON CONFLICT("year") DO UPDATE SET "last" = excluded."last"`).run(counterYear(opts), count);
  })();
  db.close();
}

/** PostgreSQL: the same rows through pg, in one transaction. */
export async function seedTicketsPostgres(url: string, count: number, opts: SeedOptions = {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const teams = (await client.query<{ id: string; slug: string }>(`SELECT t."id", c."slug" FROM "Team" t JOIN "Category" c ON c."teamId" = t."id" ORDER BY c."position", c."slug"`)).rows;
    await client.query("BEGIN");
    // 1 000 rows × 15 columns stays under PostgreSQL's limit of 65 535 parameters.
    for (const { table, rows } of seedBatches(teams, count, opts, 1_000)) {
      const width = COLUMNS[table].length;
      const values = rows.map((_, r) => `(${COLUMNS[table].map((_, c) => `$${r * width + c + 1}`).join(",")})`).join(",");
      await client.query(`INSERT INTO "${table}" (${COLUMNS[table].map((c) => `"${c}"`).join(",")}) VALUES ${values}`, rows.flat());
    }
    await client.query(`INSERT INTO "TicketCounter" ("year","last") VALUES ($1, $2) ON CONFLICT("year") DO UPDATE SET "last" = excluded."last"`, [counterYear(opts), count]);
    await client.query("COMMIT");
    // Fresh statistics, as a database in use would have: the planner needs them.
    await client.query("VACUUM ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
