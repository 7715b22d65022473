import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "./db.server";
import { reusePreparedStatements } from "./sqlite-statement-cache.server";

function countingDatabase() {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three');`);
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => { prepared.push(source); return prepare(source); }) as typeof db.prepare;
  reusePreparedStatements(db, 2);
  return { db, prepared };
}

/** What Prisma's adapter does with a query: prepare(sql).bind(values), then columns and raw rows, or run. */
const query = (db: Database.Database, sql: string, values: unknown[]) => {
  const bound = db.prepare(sql).bind(values);
  return { columns: bound.columns().map((c) => c.name), rows: bound.raw().all() };
};

describe("reusePreparedStatements", () => {
  it("answers each call with its own values from one prepared statement", () => {
    const { db, prepared } = countingDatabase();
    const sql = "SELECT id, name FROM t WHERE id >= ? ORDER BY id";
    expect(query(db, sql, [2])).toEqual({ columns: ["id", "name"], rows: [[2, "two"], [3, "three"]] });
    expect(query(db, sql, [3])).toEqual({ columns: ["id", "name"], rows: [[3, "three"]] });
    expect(query(db, sql, [1]).rows).toHaveLength(3);
    expect(prepared.filter((s) => s === sql)).toHaveLength(1);
  });

  it("runs writes and transactions through the same statements", () => {
    const { db } = countingDatabase();
    const insert = "INSERT INTO t (id, name) VALUES (?, ?)";
    db.prepare("BEGIN IMMEDIATE").run();
    expect(db.prepare(insert).bind([4, "four"]).run().changes).toBe(1);
    expect(db.prepare(insert).bind([5, "five"]).run().changes).toBe(1);
    db.prepare("COMMIT").run();
    expect(query(db, "SELECT count(*) FROM t", []).rows).toEqual([[5]]);
    // A second BEGIN reuses the statement and still opens a transaction.
    db.prepare("BEGIN IMMEDIATE").run();
    db.prepare(insert).bind([6, "six"]).run();
    db.prepare("ROLLBACK").run();
    expect(query(db, "SELECT count(*) FROM t", []).rows).toEqual([[5]]);
  });

  it("keeps only the most recently used statements", () => {
    const { db, prepared } = countingDatabase();
    const a = "SELECT 1", b = "SELECT 2", c = "SELECT 3";
    for (const sql of [a, b, a, c, a, b]) query(db, sql, []);
    // Size 2: c pushed out b (a had just been used), so b was prepared twice and a once.
    expect(prepared).toEqual([a, b, c, b]);
  });
});

describe("the SQLite client", () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

  it("gives the right rows when Prisma runs one raw query many times with other values", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minidesk-statements-"));
    dirs.push(dir);
    const prisma = createClient(`file:${path.join(dir, "test.db")}`);
    try {
      await prisma.$executeRawUnsafe(`CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT)`);
      for (let i = 1; i <= 20; i++) await prisma.$executeRaw`INSERT INTO item (id, label) VALUES (${i}, ${`item ${i}`})`;
      for (let i = 1; i <= 20; i++) {
        const rows = await prisma.$queryRaw<{ label: string }[]>`SELECT label FROM item WHERE id = ${i}`;
        expect(rows).toEqual([{ label: `item ${i}` }]);
      }
      await expect(prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO item (id, label) VALUES (${21}, ${"kept?"})`;
        throw new Error("roll back");
      })).rejects.toThrow("roll back");
      expect(await prisma.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM item`).toEqual([{ n: 20n }]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
