import type Database from "better-sqlite3";

/**
 * Prepared statements kept for reuse on one better-sqlite3 connection.
 *
 * Why: Prisma's SQLite adapter prepares every query afresh (`client.prepare(sql).bind(args)`), so
 * SQLite parses and plans the same text on every request. The queue's hand-written SQL is long
 * (one ordered walk per status and team): preparing it was about 5 % of a queue page's CPU
 * (docs/decisions/014-queue-under-load.md). A statement can be run again with other values, but
 * better-sqlite3's bind() fixes the values for the statement's lifetime; so the cached statement
 * is handed out behind a small object that passes the values on each call instead. It offers
 * exactly what the adapter calls (reader, bind → columns/raw().all/run, and run for BEGIN/COMMIT).
 */
export const STATEMENT_CACHE_SIZE = 200;

export function reusePreparedStatements(client: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, ReusableStatement>();
  client.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      // Least recently used goes first: a Map iterates in insertion order.
      cache.delete(source);
    } else {
      statement = new ReusableStatement(prepare(source));
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as unknown as typeof client.prepare;
}

class ReusableStatement {
  constructor(private readonly statement: Database.Statement) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(values: unknown[]): BoundCall {
    return new BoundCall(this.statement, values);
  }

  run(): Database.RunResult {
    return this.statement.run();
  }
}

/** One execution's values; the statement itself stays unbound, ready for the next caller. */
class BoundCall {
  constructor(private readonly statement: Database.Statement, private readonly values: unknown[]) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  columns(): Database.ColumnDefinition[] {
    return this.statement.columns();
  }

  run(): Database.RunResult {
    return this.statement.run(...this.values);
  }

  raw(): { all: () => unknown[] } {
    return { all: () => this.statement.raw(true).all(...this.values) };
  }
}
