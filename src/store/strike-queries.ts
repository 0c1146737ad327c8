import type { IsoDay } from "../domain/calendar.ts";
import type { StanceRecord, StrikeAction, StrikeDay } from "../domain/facts.ts";
import type { StanceKind } from "../domain/vocabulary.ts";
import type { ActionQuery, StrikeQuery, UnionActivity } from "./event-store.ts";
import { regionsMatching } from "./region-index.ts";
import { placeholders, type SqlDriver } from "./sql-driver.ts";
import {
  byDayThenUnion,
  DAY_COLUMNS,
  iso,
  SOURCE_COLUMNS,
  storedSource,
  toDate,
  toStrikeDays,
  withDays,
  type ActionRow,
  type DayRow,
  type SourceRow,
} from "./sql-rows.ts";

// The read side of the current view: strike days for a window and filters, actions, and each
// union's activity for /disputes.

export async function strikeDays(db: SqlDriver, q: StrikeQuery): Promise<StrikeDay[]> {
  const where = ["d.day >= ?", "d.day <= ?"];
  const params: unknown[] = [q.from, q.to];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  };
  inList("a.union_name", q.unions);
  inList("a.sector", q.sectors);
  inList("a.workforce", q.workforces);
  inList("d.status", q.statuses);
  if (q.regions && q.regions.length > 0) {
    const regions = regionsMatching(q.regions);
    where.push(
      `EXISTS (SELECT 1 FROM action_regions r WHERE r.action_id = a.id AND r.region IN (${placeholders(regions.length)}))`,
    );
    params.push(...regions);
  }
  // Index order (day, action) needs no sort in SQL; the union order is applied in memory.
  const rows = (await db.queryTuples(
    `SELECT ${DAY_COLUMNS} FROM action_days d JOIN actions a ON a.id = d.action_id
     WHERE ${where.join(" AND ")}
     ORDER BY d.day, d.action_id`,
    params,
  )) as DayRow[];
  return toStrikeDays(db, rows.sort(byDayThenUnion));
}

export async function actions(db: SqlDriver, q: ActionQuery): Promise<StrikeAction[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.union) {
    where.push("a.union_name = ?");
    params.push(q.union);
  }
  if (q.activeFrom) {
    where.push(`(EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id AND d.day >= ?)
      OR NOT EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id))`);
    params.push(q.activeFrom);
  }
  const rows = await db.query<ActionRow>(
    `SELECT a.* FROM actions a ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY a.id`,
    params,
  );
  return withDays(db, rows);
}

export async function activity(
  db: SqlDriver,
  today: IsoDay,
  since: Date,
): Promise<UnionActivity[]> {
  const next = (await db.queryTuples(
    `SELECT day, status, as_of, source_id, action_id, union_name, workforce, sector, employer, regions FROM (
       SELECT ${DAY_COLUMNS}, ROW_NUMBER() OVER (PARTITION BY a.union_name ORDER BY d.day, a.id) AS rn
       FROM action_days d JOIN actions a ON a.id = d.action_id
       WHERE d.day >= ? AND d.status NOT IN ('cancelled', 'suspended', 'postponed')
     ) t WHERE rn <= 6 ORDER BY union_name, day`,
    [today],
  )) as DayRow[];
  const undatedRows = await db.query<ActionRow>(
    `SELECT a.* FROM actions a
     WHERE NOT EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id)
       AND a.status IN ('planned', 'threatened') AND a.updated_at >= ?
     ORDER BY a.updated_at DESC`,
    [iso(since)],
  );
  const undated = await withDays(db, undatedRows);
  const changes = await db.query<{ union_name: string; last: string | Date }>(
    `SELECT union_name, MAX(recorded_at) AS last FROM events WHERE recorded_at >= ? GROUP BY union_name`,
    [iso(since)],
  );
  const unions = new Set<string>([
    ...next.map((r) => r[5]),
    ...undated.map((a) => a.union),
    ...changes.map((c) => c.union_name),
  ]);
  const stances = await latestStances(db, [...unions]);
  const nextDays = await toStrikeDays(db, next);
  return [...unions].sort().map((union) => ({
    union,
    latestStance: stances.find((s) => s.union === union) ?? null,
    nextDays: nextDays.filter((d) => d.union === union),
    undated: undated.filter((a) => a.union === union),
    lastChange: (() => {
      const c = changes.find((x) => x.union_name === union);
      return c ? toDate(c.last) : null;
    })(),
  }));
}

/** Each union's newest stance (by when it was said, then by when it was recorded). */
export async function latestStances(
  db: SqlDriver,
  unions: readonly string[],
): Promise<StanceRecord[]> {
  if (unions.length === 0) return [];
  const rows = await db.query<
    SourceRow & {
      id: number;
      union_name: string;
      stance: StanceKind;
      about: string;
      as_of: string | Date;
    }
  >(
    `SELECT * FROM (
       SELECT st.id, st.union_name, st.stance, st.about, st.as_of, ${SOURCE_COLUMNS},
         ROW_NUMBER() OVER (PARTITION BY st.union_name ORDER BY st.as_of DESC, st.id DESC) AS rn
       FROM stances st JOIN sources s ON s.id = st.source_id
       WHERE st.union_name IN (${placeholders(unions.length)})
     ) t WHERE rn = 1`,
    unions,
  );
  return rows.map((r) => ({
    id: r.id,
    union: r.union_name,
    stance: r.stance,
    about: r.about,
    asOf: toDate(r.as_of),
    source: storedSource(r),
  }));
}
