import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { MIGRATIONS, renderSql } from "../../src/store/migrations/index.ts";
import { openStore } from "../../src/store/open-store.ts";
import { PostgresDriver } from "../../src/store/postgres-driver.ts";
import { SqliteDriver } from "../../src/store/sqlite-driver.ts";
import { migrate } from "../../src/store/migrate.ts";
import { testDispatcher } from "../helpers/app.ts";
import { TEST_DATABASE_URL } from "../helpers/stores.ts";

const clock = manualClock("2023-01-12T10:00:00Z");

/** A table as both databases can describe it, in SQLite's vocabulary. */
interface TableShape {
  columns: string[];
  primaryKey: string[];
  unique: string[];
  indexes: string[];
  foreignKeys: string[];
}
type Schema = Record<string, TableShape>;

/** What each PostgreSQL type is written as on SQLite (dialect.ts, read backwards). */
const AS_SQLITE: Record<string, string> = {
  integer: "INTEGER",
  bigint: "INTEGER",
  text: "TEXT",
  "timestamp with time zone": "TEXT",
  date: "TEXT",
  jsonb: "TEXT",
  "double precision": "REAL",
};

async function sqliteSchema(db: SqliteDriver): Promise<Schema> {
  const tables = await db.query<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const out: Schema = {};
  for (const { name } of tables) {
    const cols = await db.query<{
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }>(`PRAGMA table_info(${name})`);
    const indexes = await db.query<{ name: string; unique: number; origin: string }>(
      `PRAGMA index_list(${name})`,
    );
    const indexCols = async (index: string) =>
      (await db.query<{ seqno: number; name: string }>(`PRAGMA index_info(${index})`))
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name)
        .join(",");
    const fks = await db.query<{ table: string; from: string; to: string }>(
      `PRAGMA foreign_key_list(${name})`,
    );
    const unique: string[] = [];
    const named: string[] = [];
    for (const i of indexes) {
      if (i.origin === "u") unique.push(await indexCols(i.name));
      if (i.origin === "c") named.push(`${i.name}(${await indexCols(i.name)})`);
    }
    out[name] = {
      columns: cols.map(
        (c) =>
          `${c.name} ${c.type}${c.notnull || c.pk ? " NOT NULL" : ""}${c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ""}`,
      ),
      primaryKey: cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      unique: unique.sort(),
      indexes: named.sort(),
      foreignKeys: fks.map((f) => `${f.from}->${f.table}.${f.to}`).sort(),
    };
  }
  return out;
}

async function postgresSchema(client: pg.Client, schema: string): Promise<Schema> {
  const out: Schema = {};
  const tables = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [schema],
  );
  for (const { table_name: name } of tables.rows) {
    const cols = await client.query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
    }>(
      `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schema, name],
    );
    const constraints = await client.query<{ contype: string; cols: string; ref: string | null }>(
      `SELECT c.contype,
         (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
         (SELECT r.relname || '.' || string_agg(a.attname, ',') FROM unnest(c.confkey) k(n)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
            JOIN pg_class r ON r.oid = c.confrelid GROUP BY r.relname) AS ref
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = $1 AND t.relname = $2`,
      [schema, name],
    );
    const indexes = await client.query<{ name: string; cols: string }>(
      `SELECT i.relname AS name,
         (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(n, ord)
            JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n) AS cols
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = $1 AND t.relname = $2
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
      [schema, name],
    );
    const pk = constraints.rows.find((c) => c.contype === "p");
    const serial = (d: string | null) => d !== null && d.startsWith("nextval(");
    out[name] = {
      columns: cols.rows.map((c) => {
        const type = AS_SQLITE[c.data_type] ?? `?${c.data_type}`;
        // A database-assigned key has no default on SQLite (INTEGER PRIMARY KEY is the rowid).
        const dflt =
          c.column_default === null || serial(c.column_default)
            ? ""
            : ` DEFAULT ${c.column_default.replace(/::[a-z ]+$/, "")}`;
        return `${c.column_name} ${type}${c.is_nullable === "NO" ? " NOT NULL" : ""}${dflt}`;
      }),
      primaryKey: pk ? pk.cols.split(",") : [],
      unique: constraints.rows
        .filter((c) => c.contype === "u")
        .map((c) => c.cols)
        .sort(),
      indexes: indexes.rows.map((i) => `${i.name}(${i.cols})`).sort(),
      foreignKeys: constraints.rows
        .filter((c) => c.contype === "f")
        .map((c) => `${c.cols}->${c.ref}`)
        .sort(),
    };
  }
  return out;
}

describe("migrations: written once, rendered per dialect", () => {
  it("spells every column type for each dialect and refuses an unknown one", () => {
    const sql = "CREATE TABLE t (id {id}, at {time} NOT NULL, doc {json}){clustered};";
    expect(renderSql(sql, "sqlite")).toBe(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, doc TEXT) WITHOUT ROWID;",
    );
    expect(renderSql(sql, "postgres")).toBe(
      "CREATE TABLE t (id SERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL, doc JSONB);",
    );
    expect(() => renderSql("CREATE TABLE t (x {money})", "postgres")).toThrow(/\{money\}/);
  });

  it("numbers migrations 1, 2, 3… with no gap or repeat", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it("migrates a SQLite store once, and a second start applies nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "strikewatch-migrate-"));
    try {
      const db = SqliteDriver.open(join(dir, "a.db"));
      expect(await migrate(db, clock)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(db, clock)).toEqual([]);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)("migrations on PostgreSQL", () => {
  const url = TEST_DATABASE_URL!;
  const base = `sw_migr_${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  const roles: string[] = [];
  const fresh = () => {
    const s = `${base}_${schemas.length}`;
    schemas.push(s);
    return s;
  };
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const asRole = (role: string, schema: string) => {
    const u = new URL(url);
    u.username = role;
    u.password = "";
    u.searchParams.set("schema", schema);
    return u.toString();
  };
  afterAll(() =>
    admin(async (c) => {
      for (const s of schemas)
        await c.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(s)} CASCADE`);
      for (const r of roles) await c.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(r)}`);
    }),
  );

  it("gives SQLite and PostgreSQL the same tables, columns, keys and indexes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "strikewatch-schema-"));
    try {
      const lite = SqliteDriver.open(join(dir, "s.db"));
      await migrate(lite, clock);
      const schema = fresh();
      const pgDriver = await PostgresDriver.open({ connectionString: url, schema });
      await migrate(pgDriver, clock);
      await pgDriver.close();
      const onSqlite = await sqliteSchema(lite);
      await lite.close();
      const onPostgres = await admin((c) => postgresSchema(c, schema));
      expect(Object.keys(onSqlite)).toContain("action_days");
      expect(onSqlite.action_days!.indexes).toEqual([
        "action_days_day(day,action_id,status,as_of,source_id)",
        "action_days_union(union_name,day,action_id,status,as_of,source_id)",
      ]);
      expect(onPostgres).toEqual(onSqlite);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets 12 replicas start at once on a new schema: every one opens, each migration runs once", async () => {
    for (let round = 0; round < 3; round++) {
      const schema = fresh();
      const u = new URL(url);
      u.searchParams.set("schema", schema);
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () => openStore(u.toString(), { clock })),
      );
      const failures = results.filter((r) => r.status === "rejected");
      expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
      for (const r of results) if (r.status === "fulfilled") await r.value.close();
      const applied = await admin((c) =>
        c.query<{ version: number }>(
          `SELECT version FROM ${pg.escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
        ),
      );
      expect(applied.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    }
  });

  it("starts a role that may read and write rows but not create tables, once the owner has migrated", async () => {
    const schema = fresh();
    const role = `${base}_rw`;
    roles.push(role);
    const owner = await openStore(url, { clock, schema });
    await owner.close();
    await admin(async (c) => {
      const s = pg.escapeIdentifier(schema);
      const r = pg.escapeIdentifier(role);
      await c.query(`CREATE ROLE ${r} LOGIN`);
      await c.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
      await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
      await c.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
    });
    const store = await openStore(asRole(role, schema), { clock });
    try {
      const bot = testDispatcher(store, clock);
      expect(await bot.say("/strike add RCN nurses Wales 6 Feb 2023")).toMatch(/^Added: RCN/);
      expect(await bot.say("/strikes 6 Feb 2023")).toContain("RCN");
    } finally {
      await store.close();
    }
  });

  it("tells a read-only role what is wrong instead of 'try again'", async () => {
    const schema = fresh();
    const role = `${base}_ro`;
    roles.push(role);
    const owner = await openStore(url, { clock, schema });
    await owner.close();
    await admin(async (c) => {
      const s = pg.escapeIdentifier(schema);
      const r = pg.escapeIdentifier(role);
      await c.query(`CREATE ROLE ${r} LOGIN`);
      await c.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
      await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
    });
    // Reading needs no more than SELECT: the bot starts and answers.
    const store = await openStore(asRole(role, schema), { clock });
    try {
      const bot = testDispatcher(store, clock);
      const read = await bot.ask("/strikes this week");
      expect(read.kind).not.toBe("error");
      const write = await bot.ask("/strike add RCN nurses Wales 6 Feb 2023");
      expect(write.error?.code).toBe("store_permission");
      expect(write.text).toContain("permission denied for table");
      expect(write.text).not.toMatch(/try again in a minute|went wrong on our side/i);
    } finally {
      await store.close();
    }
    // A schema that still needs migrating: the error names the role, the schema and the fix.
    const empty = fresh();
    await admin((c) => c.query(`CREATE SCHEMA ${pg.escapeIdentifier(empty)}`));
    await admin((c) =>
      c.query(
        `GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(empty)} TO ${pg.escapeIdentifier(role)}`,
      ),
    );
    const refused = await openStore(asRole(role, empty), { clock }).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string; hint?: string },
    );
    expect(refused?.code).toBe("store_permission");
    expect(refused?.message).toContain(`role "${role}" may not change schema "${empty}"`);
    expect(refused?.message).toContain("permission denied for schema");
    expect(refused?.hint).toContain(`GRANT CREATE ON SCHEMA ${empty}`);
  });
});
