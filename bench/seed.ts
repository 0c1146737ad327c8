import type { SqlDriver } from "../src/store/sql-driver.ts";
import { DEFAULT_UNIONS } from "../src/domain/union-registry.ts";
import { canonicalWorkforces } from "../src/domain/workforces.ts";
import { addDays, eachDay, type IsoDay } from "../src/domain/calendar.ts";
import { STANCES } from "../src/domain/vocabulary.ts";
import { prng } from "./fixtures.ts";

const REGIONS = [
  "England",
  "Wales",
  "Scotland",
  "Northern Ireland",
  "UK",
  "London",
  "Cardiff",
  "Glasgow",
  "Belfast",
  "Manchester",
];
const NATION: Record<string, string> = {
  London: "England",
  Manchester: "England",
  Cardiff: "Wales",
  Glasgow: "Scotland",
  Belfast: "Northern Ireland",
};
const STATUSES = [
  "planned",
  "planned",
  "planned",
  "held",
  "held",
  "cancelled",
  "suspended",
  "postponed",
  "threatened",
];

export interface SeedOptions {
  /** First day of the spread (default 2021-01-01). */
  start?: IsoDay;
  /** Years the days are spread over (default 5). */
  years?: number;
  /** Also write the log entries and stances a store of this size would have (default true). */
  history?: boolean;
}

export interface Seeded {
  actions: number;
  days: number;
  events: number;
  stances: number;
}

/**
 * Writes `totalDays` strike days spread over `years` from `start`, across every union and
 * random regions, straight into the tables in bulk: the benchmark measures queries, and seeding
 * through the merge path would take hours at a million days. With `history`, each action also
 * gets the log entry that announced it (recorded some weeks before its first day) and each union
 * a stance every few weeks, so queries that read the log or stances see a realistic amount.
 * SQLite takes multi-row INSERTs in one transaction; PostgreSQL takes column arrays through
 * `unnest` (a COPY-like batch of 50,000 rows a statement).
 */
export async function seedStrikeDays(
  db: SqlDriver,
  totalDays: number,
  opts: SeedOptions = {},
): Promise<Seeded> {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const workforces = canonicalWorkforces();
  const start = opts.start ?? "2021-01-01";
  const span = Math.round((opts.years ?? 5) * 365.25);
  const history = opts.history ?? true;
  const seededAt = "2021-01-01T00:00:00.000Z";
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const calendar = eachDay(start, addDays(start, span + 8));
  let days = 0;
  let actions = 0;
  const actionRows: unknown[][] = [];
  const dayRows: unknown[][] = [];
  const regionRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  while (days < totalDays) {
    actions++;
    const id = actions;
    const union = pick(DEFAULT_UNIONS);
    const regions = [...new Set([pick(REGIONS), ...(rand() < 0.3 ? [pick(REGIONS)] : [])])];
    const status = pick(STATUSES);
    const workforce = pick(workforces);
    const offset = Math.floor(rand() * span);
    // One action in 500 is an undated threat ("strikes in the new year"); the rest have days.
    const undated = history && rand() < 0.002;
    const length = undated ? 0 : Math.min(1 + Math.floor(rand() * 5), totalDays - days);
    const actionStatus = undated ? "threatened" : status;
    // Announced 1–60 days ahead of the first day; that is also when the action last changed.
    const announced = new Date(
      startMs + (offset - 1 - Math.floor(rand() * 60)) * 86_400_000 + 9 * 3_600_000,
    ).toISOString();
    actionRows.push([
      id,
      union.name,
      workforce,
      union.sectors[0],
      JSON.stringify(regions),
      actionStatus,
      announced,
      0.9,
      history ? announced : seededAt,
      history ? announced : seededAt,
      undated ? 1 : 0,
    ]);
    const indexed = new Set(regions.flatMap((r) => (NATION[r] ? [r, NATION[r]] : [r])));
    for (const r of indexed) regionRows.push([id, r]);
    const own: string[] = [];
    for (let k = 0; k < length; k++) {
      const day = calendar[offset + k]!;
      own.push(day);
      dayRows.push([id, day, status, history ? announced : seededAt, 1, union.name]);
    }
    days += length;
    if (history) {
      eventRows.push([
        announced,
        announced,
        "strike.announced",
        id,
        union.name,
        1,
        JSON.stringify({
          workforce,
          sector: union.sectors[0],
          regions,
          days: own,
          status: actionStatus,
        }),
      ]);
    }
  }
  const stanceRows: unknown[][] = [];
  if (history) {
    // A stance per union about every three weeks across the spread.
    for (const union of DEFAULT_UNIONS) {
      for (let t = Math.floor(rand() * 21); t < span; t += 7 + Math.floor(rand() * 28)) {
        const at = new Date(startMs + t * 86_400_000 + 11 * 3_600_000).toISOString();
        stanceRows.push([union.name, pick(STANCES), `pay offer ${t}`, at, 1, at]);
        eventRows.push([
          at,
          at,
          "stance.recorded",
          null,
          union.name,
          1,
          JSON.stringify({ stance: "rejected_offer", about: `pay offer ${t}` }),
        ]);
      }
    }
    eventRows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  }
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sources (id, key, kind, label, url) VALUES (1, 'article:bench', 'article', 'Bench news', 'https://news.example/bench')`,
    );
    const pgTypes = db.dialect === "postgres";
    // Bulk load as pg_restore does: the rows are consistent by construction, so the per-row
    // foreign-key triggers (two thirds of the load time) are skipped for this transaction.
    if (pgTypes) await tx.exec("SET LOCAL session_replication_role = replica");
    // Secondary indexes are built once after the load (a sort) instead of row by row.
    const indexes = await secondaryIndexes(tx, [
      "actions",
      "action_regions",
      "action_days",
      "stances",
      "events",
    ]);
    for (const ix of indexes) await tx.exec(`DROP INDEX ${ix.name}`);
    await insertRows(
      tx,
      "actions (id, union_name, workforce, sector, regions, status, status_as_of, confidence, created_at, updated_at, undated)",
      [
        "int",
        "text",
        "text",
        "text",
        "text",
        "text",
        "timestamptz",
        "float8",
        "timestamptz",
        "timestamptz",
        "int",
      ],
      actionRows,
    );
    await insertRows(tx, "action_regions (action_id, region)", ["int", "text"], regionRows);
    await insertRows(
      tx,
      "action_days (action_id, day, status, as_of, source_id, union_name)",
      ["int", "date", "text", "timestamptz", "int", "text"],
      dayRows,
    );
    await insertRows(
      tx,
      "stances (union_name, stance, about, as_of, source_id, recorded_at)",
      ["text", "text", "text", "timestamptz", "int", "timestamptz"],
      stanceRows,
    );
    await insertRows(
      tx,
      "events (recorded_at, as_of, kind, action_id, union_name, source_id, payload)",
      ["timestamptz", "timestamptz", "text", "int", "text", "int", pgTypes ? "jsonb" : "text"],
      eventRows,
    );
    for (const ix of indexes) await tx.exec(ix.sql);
    if (pgTypes) {
      await tx.query(`SELECT setval(pg_get_serial_sequence('actions', 'id'), ?)`, [actions]);
      await tx.query(`SELECT setval(pg_get_serial_sequence('sources', 'id'), 1)`);
    }
  });
  // Sampled statistics: the planner needs the shape, not exact counts (full ANALYZE of a
  // million rows takes seconds on SQLite).
  if (db.dialect === "sqlite") await db.exec("PRAGMA analysis_limit = 2000");
  await db.exec("ANALYZE");
  return { actions, days, events: eventRows.length, stances: stanceRows.length };
}

/** The indexes of these tables that no constraint owns, with the statements that create them. */
async function secondaryIndexes(
  tx: SqlDriver,
  tables: readonly string[],
): Promise<{ name: string; sql: string }[]> {
  const list = tables.map(() => "?").join(", ");
  if (tx.dialect === "postgres") {
    return tx.query<{ name: string; sql: string }>(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename IN (${list})
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      tables,
    );
  }
  return tx.query<{ name: string; sql: string }>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${list})`,
    tables,
  );
}

/**
 * Bulk insert: on PostgreSQL one `unnest` of column arrays per 50,000 rows (the array literals
 * travel as single parameters, so the statement is parsed once and nothing is quoted by hand);
 * on SQLite multi-row VALUES lists within the parameter limit.
 */
async function insertRows(
  tx: SqlDriver,
  target: string,
  pgTypes: readonly string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]!.length;
  if (tx.dialect === "postgres") {
    // One JSON document per batch: node-pg sends a string parameter untouched, while its array
    // encoding escapes element by element (seconds per 100,000 rows).
    const perBatch = 50_000;
    const defs = pgTypes.map((t, i) => `c${i} ${t === "jsonb" ? "text" : t}`).join(", ");
    const cols = pgTypes.map((t, i) => (t === "jsonb" ? `c${i}::jsonb` : `c${i}`)).join(", ");
    for (let i = 0; i < rows.length; i += perBatch) {
      const batch = rows
        .slice(i, i + perBatch)
        .map((r) => Object.fromEntries(r.map((v, c) => [`c${c}`, v])));
      await tx.query(
        `INSERT INTO ${target} SELECT ${cols} FROM json_to_recordset(?::json) AS t(${defs})`,
        [JSON.stringify(batch)],
      );
    }
    return;
  }
  const perBatch = Math.floor(30000 / width);
  const row = `(${Array.from({ length: width }, () => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += perBatch) {
    const batch = rows.slice(i, i + perBatch);
    await tx.query(`INSERT INTO ${target} VALUES ${batch.map(() => row).join(", ")}`, batch.flat());
  }
}
