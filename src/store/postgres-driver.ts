import { createHash } from "node:crypto";
import pg from "pg";
import type { SqlDriver } from "./sql-driver.ts";
import { fromDatabaseError } from "./store-outage.ts";

const DATE_OID = 1082;

/**
 * Strike days are calendar days: keep PostgreSQL DATE values as "YYYY-MM-DD" strings instead
 * of letting pg turn them into midnights in this process's time zone.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === DATE_OID
      ? (v: string) => v
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

const numbered = new Map<string, { text: string; name: string }>();

/** `?` → `$1, $2…`, and a stable statement name so each connection parses a query once. */
function toPg(sql: string): { text: string; name: string } {
  let q = numbered.get(sql);
  if (!q) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    q = { text, name: `sw_${createHash("sha1").update(text).digest("hex").slice(0, 16)}` };
    numbered.set(sql, q);
  }
  return q;
}

type Queryable = pg.Pool | pg.PoolClient;

class PgQueries {
  constructor(protected readonly target: Queryable) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const { text, name } = toPg(sql);
    try {
      const res = await this.target.query({ text, name, values: params as unknown[] });
      return res.rows as T[];
    } catch (e) {
      throw fromDatabaseError(e);
    }
  }

  async queryTuples(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
    const { text, name } = toPg(sql);
    try {
      const res = await this.target.query({
        text,
        name: `${name}_a`,
        values: params as unknown[],
        rowMode: "array",
      });
      return res.rows as unknown[][];
    } catch (e) {
      throw fromDatabaseError(e);
    }
  }

  async exec(script: string): Promise<void> {
    try {
      await this.target.query(script);
    } catch (e) {
      throw fromDatabaseError(e);
    }
  }
}

class PgTransaction extends PgQueries implements SqlDriver {
  readonly dialect = "postgres" as const;
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    return fn(this); // already inside one
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema for all tables (tests give each run its own); created if missing. */
  schema?: string;
  max?: number;
}

/** Serialises replicas creating the same schema (and, in migrate.ts, migrating it). */
const SCHEMA_LOCK_KEY = "strikewatch:migrations";

/**
 * Creates the schema if it is missing. `CREATE SCHEMA IF NOT EXISTS` is not safe to race (two
 * replicas starting together get "duplicate key … pg_namespace") and needs CREATE on the database
 * even when the schema exists, so: look first (any role may), and create only under a lock.
 */
async function ensureSchema(config: pg.ClientConfig, schema: string): Promise<void> {
  const setup = new pg.Client(config);
  await setup.connect();
  const exists = async () =>
    (await setup.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema])).rowCount! > 0;
  try {
    if (await exists()) return;
    await setup.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [SCHEMA_LOCK_KEY]);
    try {
      if (!(await exists())) await setup.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
    } finally {
      await setup.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [SCHEMA_LOCK_KEY]);
    }
  } catch (e) {
    throw fromDatabaseError(e);
  } finally {
    await setup.end();
  }
}

export class PostgresDriver extends PgQueries implements SqlDriver {
  readonly dialect = "postgres" as const;

  private constructor(private readonly pool: pg.Pool) {
    super(pool);
  }

  static async open(opts: PostgresOptions): Promise<PostgresDriver> {
    const base = { connectionString: opts.connectionString, types, connectionTimeoutMillis: 5000 };
    if (opts.schema) await ensureSchema(base, opts.schema);
    const pool = new pg.Pool({
      ...base,
      max: opts.max ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // An idle client losing its server (restart) must not crash the process.
    pool.on("error", () => undefined);
    const driver = new PostgresDriver(pool);
    await driver.query("SELECT 1");
    return driver;
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>, lockKey?: string): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw fromDatabaseError(e);
    }
    try {
      await client.query("BEGIN");
      if (lockKey)
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [lockKey]);
      const result = await fn(new PgTransaction(client));
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw fromDatabaseError(e);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
