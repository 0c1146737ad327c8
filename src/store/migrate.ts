import type { Clock } from "../clock.ts";
import { MIGRATIONS, renderSql, type Migration } from "./migrations/index.ts";
import type { SqlDriver } from "./sql-driver.ts";

/** Replicas starting together take turns: the first migrates, the others find nothing to do. */
export const MIGRATION_LOCK_KEY = "strikewatch:migrations";

async function hasMigrationsTable(db: SqlDriver): Promise<boolean> {
  const rows =
    db.dialect === "sqlite"
      ? await db.query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`,
        )
      : await db.query(`SELECT 1 AS found WHERE to_regclass('schema_migrations') IS NOT NULL`);
  return rows.length > 0;
}

async function appliedVersions(db: SqlDriver): Promise<Set<number>> {
  const rows = await db.query<{ version: number }>(`SELECT version FROM schema_migrations`);
  return new Set(rows.map((r) => Number(r.version)));
}

/** Migrations not yet applied, read without a lock or any right beyond reading. */
export async function pendingMigrations(db: SqlDriver): Promise<Migration[]> {
  if (!(await hasMigrationsTable(db))) return [...MIGRATIONS];
  const done = await appliedVersions(db);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}

/**
 * Brings the schema up to date and returns the versions applied. An up-to-date store is only
 * read, so a role that may read but not create tables can still start. Otherwise the migrations
 * run in one transaction holding the migration lock, so replicas starting together never race.
 */
export async function migrate(db: SqlDriver, clock: Clock): Promise<number[]> {
  if ((await pendingMigrations(db)).length === 0) return [];
  return db.transaction(async (tx) => {
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    // Read again under the lock: another replica may have migrated while we waited.
    const done = await appliedVersions(tx);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(renderSql(m.sql, db.dialect));
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
