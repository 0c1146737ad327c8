import type { Clock } from "../clock.ts";
import { StrikewatchError } from "../errors.ts";
import type { EventStore } from "./event-store.ts";
import { MIGRATIONS, MIGRATION_LOCK_KEY } from "./migrations.ts";
import { PostgresDriver } from "./postgres-driver.ts";
import type { SqlDriver } from "./sql-driver.ts";
import { SqliteDriver } from "./sqlite-driver.ts";
import { SqlEventStore } from "./sql-event-store.ts";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Where the store lives, without a password, for messages and logs. */
export function describeLocation(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

export interface OpenStoreOptions {
  clock: Clock;
  /** PostgreSQL schema to use instead of the connection's default (tests, several bots in one DB). */
  schema?: string;
}

/**
 * Opens the store a DATABASE_URL names (a file path for SQLite, postgres:// for PostgreSQL),
 * creating and migrating it on first use. Failure to open is a user-facing error: the path or
 * server and the reason, never a stack trace.
 */
export async function openStore(url: string, opts: OpenStoreOptions): Promise<EventStore> {
  let driver: SqlDriver | undefined;
  try {
    if (isPostgresUrl(url)) {
      const parsed = new URL(url);
      const schema = opts.schema ?? parsed.searchParams.get("schema") ?? undefined;
      parsed.searchParams.delete("schema");
      driver = await PostgresDriver.open({ connectionString: parsed.toString(), schema });
    } else {
      driver = SqliteDriver.open(url);
    }
    await migrate(driver, opts.clock);
    return new SqlEventStore(driver, opts.clock);
  } catch (cause) {
    await driver?.close().catch(() => undefined);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StrikewatchError(
      "store_unavailable",
      `Cannot open the database at ${describeLocation(url)}: ${reason}`,
      {
        cause,
      },
    );
  }
}

export async function migrate(db: SqlDriver, clock: Clock): Promise<number[]> {
  // Inside the locked transaction, so replicas starting together do not race to create it.
  return db.transaction(async (tx) => {
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const done = new Set(
      (await tx.query<{ version: number }>(`SELECT version FROM schema_migrations`)).map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(db.dialect === "sqlite" ? m.sqlite : m.postgres);
      await tx.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, [
        m.version,
        m.name,
        clock.now().toISOString(),
      ]);
      applied.push(m.version);
    }
    return applied;
  }, MIGRATION_LOCK_KEY);
}
