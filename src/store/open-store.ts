import type { Clock } from "../clock.ts";
import { isStrikewatchError, StrikewatchError } from "../errors.ts";
import type { EventStore } from "./event-store.ts";
import { migrate, pendingMigrations } from "./migrate.ts";
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
    await migrateOrExplain(driver, opts.clock);
    return new SqlEventStore(driver, opts.clock);
  } catch (cause) {
    await driver?.close().catch(() => undefined);
    // An outage the driver recognised carries the driver's own words ("connect ECONNREFUSED …").
    const root =
      isStrikewatchError(cause) && cause.code === "store_unavailable" ? cause.cause : cause;
    const reason = root instanceof Error ? root.message : String(root);
    if (isStrikewatchError(cause) && cause.code === "store_permission") {
      throw new StrikewatchError(
        "store_permission",
        `Cannot open the database at ${describeLocation(url)}: ${reason}`,
        { cause, hint: cause.hint },
      );
    }
    throw new StrikewatchError(
      "store_unavailable",
      `Cannot open the database at ${describeLocation(url)}: ${reason}`,
      {
        cause,
      },
    );
  }
}

export { migrate } from "./migrate.ts";

/**
 * Migrates, and when the role may not, says which role, which schema and what is pending: a
 * read-only role can run the bot once the schema's owner has migrated it.
 */
async function migrateOrExplain(driver: SqlDriver, clock: Clock): Promise<void> {
  try {
    await migrate(driver, clock);
  } catch (e) {
    if (!isStrikewatchError(e) || e.code !== "store_permission") throw e;
    const pending = await pendingMigrations(driver).catch(() => []);
    const who =
      driver.dialect === "postgres"
        ? (
            await driver
              .query<{ role: string; schema: string | null }>(
                `SELECT current_user AS role, current_schema() AS schema`,
              )
              .catch(() => [])
          )[0]
        : undefined;
    const cause = e.cause instanceof Error ? e.cause.message : e.message;
    const whom = who
      ? `the role "${who.role}" may not change schema "${who.schema}"`
      : "the bot may not write the file";
    throw new StrikewatchError(
      "store_permission",
      `${pending.length} schema migration(s) are pending (${pending.map((m) => m.version).join(", ")}) and ${whom} (${cause}).`,
      {
        cause: e,
        hint:
          driver.dialect === "postgres"
            ? `Start strikewatch once as a role that may create tables there (the schema's owner), or GRANT CREATE ON SCHEMA ${who?.schema ?? "<schema>"} TO ${who?.role ?? "<role>"}; after that a role that may only read and write rows can run it.`
            : "Check the file and its directory are writable by the user running strikewatch.",
      },
    );
  }
}
