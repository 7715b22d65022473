/**
 * Seeds many tickets fast, for the queue benchmark: raw batched inserts through
 * better-sqlite3 in one transaction (Prisma would take minutes for 100 000 rows).
 * Text is synthetic and already "redacted" (placeholders), as the real intake stores it.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";

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

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export function seedTickets(dbFile: string, count: number, opts: { technicianIds?: string[]; now?: number } = {}) {
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const teams = db.prepare(`SELECT t."id", c."slug" FROM "Team" t JOIN "Category" c ON c."teamId" = t."id"`).all() as { id: string; slug: string }[];
  if (!teams.length) throw new Error("Seed teams and categories first");
  const random = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const now = opts.now ?? Date.now();
  const year = new Date(now).getUTCFullYear();
  const techs = opts.technicianIds ?? [];
  const insertRequester = db.prepare(`INSERT INTO "Requester" ("id","email","name","company","locale","createdAt") VALUES (?,?,?,?,?,?)`);
  const requesters: string[] = [];
  const BATCH = 200;
  const ticketCols = `("id","reference","subject","status","priority","channel","categorySlug","teamId","requesterId","assigneeId","createdAt","updatedAt","lastClientAt","resolvedAt","closedAt")`;
  const insertTickets = db.prepare(`INSERT INTO "Ticket" ${ticketCols} VALUES ${Array(BATCH).fill("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").join(",")}`);
  const messageCols = `("id","ticketId","kind","direction","body","createdAt")`;
  const insertMessages = db.prepare(`INSERT INTO "Message" ${messageCols} VALUES ${Array(BATCH).fill("(?,?,?,?,?,?)").join(",")}`);

  const run = db.transaction(() => {
    for (let i = 0; i < Math.max(1, Math.floor(count / 20)); i++) {
      const id = crypto.randomUUID();
      insertRequester.run(id, `client${i}@example.com`, `Client ${i}`, `Company ${i % 300}`, i % 2 ? "sl" : "en", iso(now));
      requesters.push(id);
    }
    let tickets: unknown[] = [];
    let messages: unknown[] = [];
    let inBatch = 0;
    let messagesInBatch = 0;
    const flushMessages = () => {
      if (messagesInBatch === BATCH) {
        insertMessages.run(messages);
        messages = [];
        messagesInBatch = 0;
      }
    };
    // Oldest first, so rowids grow with time as in real use.
    for (let n = 1; n <= count; n++) {
      const created = now - (count - n) * 5 * 60_000 - Math.floor(random() * 60_000);
      const updated = Math.min(now, created + Math.floor(random() * 3 * 86_400_000));
      const status = statusFor(random(), n > count - 4000);
      const { id: teamId, slug } = pick(teams);
      const id = crypto.randomUUID();
      const subject = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} #${n}`;
      const assignee = techs.length && random() < 0.6 ? pick(techs) : null;
      tickets.push(
        id, `MD-${year}-${String(n).padStart(6, "0")}`, subject, status, pick(PRIORITIES), random() < 0.5 ? "WEB" : "EMAIL",
        slug, teamId, pick(requesters), assignee, iso(created), iso(updated), iso(created),
        status === "RESOLVED" || status === "CLOSED" ? iso(updated) : null, status === "CLOSED" ? iso(updated) : null,
      );
      if (++inBatch === BATCH) {
        insertTickets.run(tickets);
        tickets = [];
        inBatch = 0;
      }
      const replies = 1 + Math.floor(random() * 2);
      for (let m = 0; m < replies; m++) {
        const body = Array.from({ length: 25 }, (_, w) => (w % 8 === 0 ? pick(WORDS) : pick(FILLER))).join(" ") + (m === 0 ? " pokličite [PHONE] ali pišite na [EMAIL]" : "");
        messages.push(crypto.randomUUID(), id, "REPLY", m === 0 ? "IN" : "OUT", body, iso(created + m * 3_600_000));
        messagesInBatch++;
        flushMessages();
      }
    }
    // The remainder, row by row.
    const oneTicket = db.prepare(`INSERT INTO "Ticket" ${ticketCols} VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    for (let i = 0; i < inBatch; i++) oneTicket.run(tickets.slice(i * 15, i * 15 + 15));
    const oneMessage = db.prepare(`INSERT INTO "Message" ${messageCols} VALUES (?,?,?,?,?,?)`);
    for (let i = 0; i < messagesInBatch; i++) oneMessage.run(messages.slice(i * 6, i * 6 + 6));
    db.prepare(`INSERT INTO "TicketCounter" ("year","last") VALUES (?, ?) ON CONFLICT("year") DO UPDATE SET "last" = excluded."last"`).run(year, count);
  });
  // Messages reference tickets of the same or an earlier batch: insert tickets first.
  db.pragma("foreign_keys = OFF");
  run();
  db.pragma("foreign_keys = ON");
  db.close();
}
