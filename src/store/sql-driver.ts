/**
 * The little the event store needs from a SQL database. SQL is written once with `?`
 * placeholders; the PostgreSQL driver numbers them. Each driver owns its connection(s),
 * statement cache and transactions.
 */
export interface SqlDriver {
  readonly dialect: "sqlite" | "postgres";
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * The same query returning each row as an array in column order: half the cost of row
   * objects for answers of hundreds of rows (the `/strikes` hot path).
   */
  queryTuples(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction. `lockKey` serialises writers that touch the same thing
   * (one union's actions) across connections and processes.
   */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>, lockKey?: string): Promise<T>;
  close(): Promise<void>;
}

/** `?, ?, ?` for an IN list of `n` values (never empty: callers skip empty filters). */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}
