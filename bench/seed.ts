import type { SqlDriver } from "../src/store/sql-driver.ts";
import { DEFAULT_UNIONS } from "../src/domain/union-registry.ts";
import { canonicalWorkforces } from "../src/domain/workforces.ts";
import { addDays } from "../src/domain/calendar.ts";
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

/**
 * Writes `totalDays` strike days over five years (2021–2025), spread across every union and
 * random regions, straight into the tables in batches: the benchmark measures queries, and
 * seeding through the merge path would take minutes on PostgreSQL for no extra insight.
 */
export async function seedStrikeDays(
  db: SqlDriver,
  totalDays: number,
): Promise<{ actions: number; days: number }> {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const workforces = canonicalWorkforces();
  const start = "2021-01-01";
  const span = 5 * 365;
  const now = "2021-01-01T00:00:00.000Z";
  let days = 0;
  let actions = 0;
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sources (key, kind, label, url) VALUES ('article:bench', 'article', 'Bench news', 'https://news.example/bench')`,
    );
    const [src] = await tx.query<{ id: number }>(
      `SELECT id FROM sources WHERE key = 'article:bench'`,
    );
    const sourceId = src!.id;
    const actionRows: unknown[][] = [];
    const dayRows: unknown[][] = [];
    const regionRows: unknown[][] = [];
    while (days < totalDays) {
      actions++;
      const id = actions;
      const union = pick(DEFAULT_UNIONS);
      const regions = [...new Set([pick(REGIONS), ...(rand() < 0.3 ? [pick(REGIONS)] : [])])];
      const status = pick(STATUSES);
      actionRows.push([
        id,
        union.name,
        pick(workforces),
        union.sectors[0],
        JSON.stringify(regions),
        status,
        now,
        0.9,
        now,
        now,
      ]);
      const indexed = new Set(regions.flatMap((r) => (NATION[r] ? [r, NATION[r]] : [r])));
      for (const r of indexed) regionRows.push([id, r]);
      const first = addDays(start, Math.floor(rand() * span));
      const length = Math.min(1 + Math.floor(rand() * 5), totalDays - days);
      for (let k = 0; k < length; k++) dayRows.push([id, addDays(first, k), status, now, sourceId]);
      days += length;
    }
    await insertBatches(
      tx,
      "actions (id, union_name, workforce, sector, regions, status, status_as_of, confidence, created_at, updated_at)",
      actionRows,
    );
    await insertBatches(tx, "action_regions (action_id, region)", regionRows);
    await insertBatches(tx, "action_days (action_id, day, status, as_of, source_id)", dayRows);
    if (db.dialect === "postgres") {
      await tx.query(`SELECT setval(pg_get_serial_sequence('actions', 'id'), ?)`, [actions]);
      await tx.exec("ANALYZE");
    }
  });
  if (db.dialect === "sqlite") await db.exec("ANALYZE");
  return { actions, days };
}

async function insertBatches(tx: SqlDriver, target: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]!.length;
  const perBatch = Math.floor(30000 / width);
  for (let i = 0; i < rows.length; i += perBatch) {
    const batch = rows.slice(i, i + perBatch);
    const values = batch
      .map(() => `(${Array.from({ length: width }, () => "?").join(", ")})`)
      .join(", ");
    await tx.query(`INSERT INTO ${target} VALUES ${values}`, batch.flat());
  }
}
