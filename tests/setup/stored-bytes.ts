import fs from "node:fs";
import path from "node:path";
import { LeakSearch, needlesOf, type Hit } from "../leaks/leak-search";

/**
 * Where secrets (tokens, session ids) sit at rest: the raw bytes of the SQLite file and its WAL,
 * or on PostgreSQL the text of every row of every table, plus every file under DATA_DIR except
 * those `skipFiles` accepts (the outbox folder, when writing files there is the delivery).
 * Each value is searched in every form the leak suite knows (plain, base64, QP, URL-encoded...).
 */
export async function findStoredSecrets(
  values: string[],
  opts: { skipFiles?: (relativePath: string) => boolean } = {},
): Promise<Hit[]> {
  const search = new LeakSearch(needlesOf(values.map((v, i) => ({ id: `secret${i}`, way: "stored", type: "SECRET", text: v, needles: [v] }))));
  const hits: Hit[] = [];
  const url = process.env.DATABASE_URL ?? "";
  const dataDir = path.resolve(process.env.DATA_DIR ?? "var");
  if (url.startsWith("postgres")) {
    const { getDb } = await import("../../app/db.server");
    const tables = await getDb().$queryRawUnsafe<{ t: string }[]>(
      `SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    for (const { t } of tables) {
      const rows = await getDb().$queryRawUnsafe<{ r: string }[]>(`SELECT row_to_json(x)::text AS r FROM "${t}" x`);
      hits.push(...search.search(Buffer.from(rows.map((r) => r.r).join("\n")), `table ${t}`));
    }
  } else {
    const dbFile = path.resolve(url.replace(/^file:/, ""));
    for (const f of [dbFile, `${dbFile}-wal`]) if (fs.existsSync(f)) hits.push(...search.search(fs.readFileSync(f), path.basename(f)));
  }
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      const rel = path.relative(dataDir, full);
      if (e.isDirectory()) walk(full);
      else if (!/minidesk\.db(-wal|-shm)?$/.test(e.name) && !opts.skipFiles?.(rel)) hits.push(...search.search(fs.readFileSync(full), rel));
    }
  };
  walk(dataDir);
  return hits;
}

/** The id inside a signed Remix cookie value ("<base64 JSON>.<signature>"). */
export function signedCookieValue(raw: string): unknown {
  const value = decodeURIComponent(raw);
  const data = value.slice(0, value.lastIndexOf("."));
  return JSON.parse(decodeURIComponent(escape(Buffer.from(data, "base64").toString("latin1"))));
}
