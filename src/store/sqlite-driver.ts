import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { SqlDriver } from "./sql-driver.ts";
import { fromDatabaseError } from "./store-outage.ts";

/**
 * better-sqlite3 is synchronous; this wraps it in the async driver shape. Transactions are
 * queued so two async callers never interleave statements inside one BEGIN…COMMIT.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = "sqlite" as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly tupleStatements = new Map<string, Database.Statement>();
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Database.Database) {}

  static open(path: string): SqliteDriver {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { fileMustExist: false });
    // WAL lets queries read while a poll writes; the busy timeout covers a second process (CLI).
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    return new SqliteDriver(db);
  }

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Synchronous query for hot paths that must not pay for a promise per row set. */
  querySync<T>(sql: string, params: readonly unknown[] = []): T[] {
    try {
      const st = this.prepare(sql);
      if (st.reader) return st.all(...params) as T[];
      st.run(...params);
      return [];
    } catch (e) {
      throw fromDatabaseError(e);
    }
  }

  query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      return Promise.resolve(this.querySync<T>(sql, params));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  queryTuples(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
    try {
      let st = this.tupleStatements.get(sql);
      if (!st) {
        st = this.db.prepare(sql).raw(true);
        this.tupleStatements.set(sql, st);
      }
      return Promise.resolve(st.all(...params) as unknown[][]);
    } catch (e) {
      return Promise.reject(fromDatabaseError(e) as Error);
    }
  }

  exec(script: string): Promise<void> {
    try {
      this.db.exec(script);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(fromDatabaseError(e) as Error);
    }
  }

  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      try {
        this.db.exec("BEGIN IMMEDIATE");
      } catch (e) {
        throw fromDatabaseError(e);
      }
      try {
        const result = await fn(this);
        this.db.exec("COMMIT");
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
