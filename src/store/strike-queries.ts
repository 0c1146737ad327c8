import type { IsoDay } from "../domain/calendar.ts";
import type { StanceRecord, StrikeAction, StrikeDay } from "../domain/facts.ts";
import type { StanceKind } from "../domain/vocabulary.ts";
import type {
  ActionQuery,
  DayPage,
  DayPageQuery,
  DaySummary,
  StrikeQuery,
  UnionActivity,
} from "./event-store.ts";
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

/** The WHERE clause of a day query: its window and filters. */
function dayFilter(q: StrikeQuery): { where: string[]; params: unknown[] } {
  const where = ["d.day >= ?", "d.day <= ?"];
  const params: unknown[] = [q.from, q.to];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  };
  // The day's own copy of the union, so a union filter can use action_days_union.
  inList("d.union_name", q.unions);
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
  return { where, params };
}

export async function strikeDays(db: SqlDriver, q: StrikeQuery): Promise<StrikeDay[]> {
  const { where, params } = dayFilter(q);
  // Index order (day, action) needs no sort in SQL; the union order is applied in memory.
  const rows = (await db.queryTuples(
    `SELECT ${DAY_COLUMNS} FROM action_days d JOIN actions a ON a.id = d.action_id
     WHERE ${where.join(" AND ")}
     ORDER BY d.day, d.action_id`,
    params,
  )) as DayRow[];
  return toStrikeDays(db, rows.sort(byDayThenUnion));
}

/**
 * At most `limit` rows of a day query, from just after `after`, in (day, action) order, and
 * where the next page starts (null at the end): a page or feed costs what it shows, however
 * many strikes the window holds.
 */
export async function strikeDaysPage(db: SqlDriver, q: DayPageQuery): Promise<DayPage> {
  const { where, params } = dayFilter(q);
  if (q.after) {
    where.push("(d.day > ? OR (d.day = ? AND d.action_id > ?))");
    params.push(q.after.day, q.after.day, q.after.actionId);
  }
  const limit = Math.max(1, Math.floor(q.limit));
  const rows = (await db.queryTuples(
    `SELECT ${DAY_COLUMNS} FROM action_days d JOIN actions a ON a.id = d.action_id
     WHERE ${where.join(" AND ")}
     ORDER BY d.day, d.action_id LIMIT ?`,
    [...params, limit + 1],
  )) as DayRow[];
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows.at(-1);
  return {
    days: await toStrikeDays(db, rows),
    next: more && last ? { day: last[0], actionId: last[4] } : null,
  };
}

/**
 * Per day of a day query: how many strike days match, how many are called off, and the distinct
 * region lists of those on (for the public page's counts, month cells and map). One grouped
 * query, whose answer has at most a row per day and region list, however many strikes match.
 */
export async function strikeDaySummary(db: SqlDriver, q: StrikeQuery): Promise<DaySummary[]> {
  const { where, params } = dayFilter(q);
  const rows = (await db.queryTuples(
    `SELECT d.day,
       CASE WHEN d.status IN ('cancelled', 'suspended', 'postponed') THEN 1 ELSE 0 END AS off,
       a.regions, COUNT(*) AS n
     FROM action_days d JOIN actions a ON a.id = d.action_id
     WHERE ${where.join(" AND ")}
     GROUP BY d.day, 2, a.regions
     ORDER BY d.day`,
    params,
  )) as [string, number | string, string, number | string][];
  const out: DaySummary[] = [];
  for (const [day, off, regions, n] of rows) {
    let s = out.at(-1);
    if (!s || s.day !== day) out.push((s = { day, total: 0, calledOff: 0, regionsOn: [] }));
    s.total += Number(n);
    if (Number(off) === 1) s.calledOff += Number(n);
    else s.regionsOn.push(JSON.parse(regions) as string[]);
  }
  return out;
}

/**
 * Actions, found from the days they have: with `days`, those of the union having one of them;
 * with `activeFrom`, those with a day from then on; each plus the union's undated actions. The
 * union's day index answers both, so the cost follows the days asked about, not the union's
 * history.
 */
export async function actions(db: SqlDriver, q: ActionQuery): Promise<StrikeAction[]> {
  if (!q.union || (!q.days?.length && !q.activeFrom)) {
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
  const dated = q.days?.length
    ? await actionIdsOnDays(db, q.union, q.days)
    : await actionIdsFrom(db, q.union, q.activeFrom!);
  const undated = await undatedActionIds(db, q.union);
  const ids = [...new Set([...dated, ...undated])].sort((a, b) => a - b);
  return withDays(db, await actionRows(db, ids));
}

/** The union's actions with a day among `days` (the day index, one range per day). */
export async function actionIdsOnDays(
  db: SqlDriver,
  union: string,
  days: readonly IsoDay[],
): Promise<number[]> {
  const rows = await db.query<{ action_id: number }>(
    `SELECT DISTINCT action_id FROM action_days WHERE union_name = ? AND day IN (${placeholders(days.length)})`,
    [union, ...days],
  );
  return rows.map((r) => r.action_id);
}

async function actionIdsFrom(db: SqlDriver, union: string, from: IsoDay): Promise<number[]> {
  const rows = await db.query<{ action_id: number }>(
    `SELECT DISTINCT action_id FROM action_days WHERE union_name = ? AND day >= ?`,
    [union, from],
  );
  return rows.map((r) => r.action_id);
}

/**
 * The union's actions with no days at all (threats, "later this month"), through the undated
 * mark every write that adds days clears (and checked against the days themselves).
 */
export async function undatedActionIds(db: SqlDriver, union: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT a.id FROM actions a WHERE a.undated = 1 AND a.union_name = ?
       AND NOT EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id)`,
    [union],
  );
  return rows.map((r) => r.id);
}

export async function actionRows(db: SqlDriver, ids: readonly number[]): Promise<ActionRow[]> {
  const out: ActionRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(
      ...(await db.query<ActionRow>(
        `SELECT a.* FROM actions a WHERE a.id IN (${placeholders(chunk.length)}) ORDER BY a.id`,
        chunk,
      )),
    );
  }
  return out;
}

/** Statuses that take a day out of "next strike days". */
const OFF = "('cancelled', 'suspended', 'postponed')";
const NEXT_DAYS = 6;

/**
 * Every union that has strike days, found by a loose scan of the union index (one seek per
 * union, however many days each has).
 */
async function unionsWithDays(db: SqlDriver): Promise<string[]> {
  const rows = await db.query<{ name: string | null }>(
    `WITH RECURSIVE u(name) AS (
       SELECT MIN(union_name) FROM action_days
       UNION ALL
       SELECT (SELECT MIN(d.union_name) FROM action_days d WHERE d.union_name > u.name)
       FROM u WHERE u.name IS NOT NULL
     )
     SELECT name FROM u WHERE name IS NOT NULL`,
  );
  return rows.map((r) => r.name!);
}

/**
 * Unions with strike days ahead (their next six), undated actions changed since `since`, or any
 * change since then. Each union's next days are one range of the union index, so the cost grows
 * with the number of unions, not with the days stored.
 */
export async function activity(
  db: SqlDriver,
  today: IsoDay,
  since: Date,
): Promise<UnionActivity[]> {
  const withDaysAt = await unionsWithDays(db);
  const next: DayRow[] = [];
  for (let i = 0; i < withDaysAt.length; i += 50) {
    const chunk = withDaysAt.slice(i, i + 50);
    const each = `SELECT ${DAY_COLUMNS} FROM action_days d JOIN actions a ON a.id = d.action_id
       WHERE d.union_name = ? AND d.day >= ? AND d.status NOT IN ${OFF}
       ORDER BY d.day, d.action_id LIMIT ${NEXT_DAYS}`;
    next.push(
      ...((await db.queryTuples(
        chunk.map((_, k) => `SELECT * FROM (${each}) n${k}`).join(" UNION ALL "),
        chunk.flatMap((u) => [u, today]),
      )) as DayRow[]),
    );
  }
  next.sort((a, b) => (a[5] !== b[5] ? (a[5] < b[5] ? -1 : 1) : byDayThenUnion(a, b)));
  const undatedRows = await db.query<ActionRow>(
    `SELECT a.* FROM actions a
     WHERE a.undated = 1 AND a.status IN ('planned', 'threatened') AND a.updated_at >= ?
       AND NOT EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id)
     ORDER BY a.updated_at DESC`,
    [iso(since)],
  );
  const undated = await withDays(db, undatedRows);
  // Each union's newest log entry: a loose scan of events_union, one seek per union.
  const changes = (
    await db.query<{ union_name: string; last: string | Date | null }>(
      `WITH RECURSIVE u(name) AS (
         SELECT MIN(union_name) FROM events
         UNION ALL
         SELECT (SELECT MIN(e.union_name) FROM events e WHERE e.union_name > u.name)
         FROM u WHERE u.name IS NOT NULL
       )
       SELECT name AS union_name,
         (SELECT MAX(e.recorded_at) FROM events e WHERE e.union_name = u.name) AS last
       FROM u WHERE u.name IS NOT NULL`,
    )
  ).filter((c) => c.last !== null && toDate(c.last) >= since);
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
  // One short backwards range of stances_union per union, not a sort of every stance.
  const each = `SELECT st.id, st.union_name, st.stance, st.about, st.as_of, ${SOURCE_COLUMNS}
     FROM stances st JOIN sources s ON s.id = st.source_id
     WHERE st.union_name = ? ORDER BY st.as_of DESC, st.id DESC LIMIT 1`;
  const rows: (SourceRow & {
    id: number;
    union_name: string;
    stance: StanceKind;
    about: string;
    as_of: string | Date;
  })[] = [];
  for (let i = 0; i < unions.length; i += 50) {
    const chunk = unions.slice(i, i + 50);
    rows.push(
      ...(await db.query<(typeof rows)[number]>(
        chunk.map((_, k) => `SELECT * FROM (${each}) s${k}`).join(" UNION ALL "),
        chunk,
      )),
    );
  }
  return rows.map((r) => ({
    id: r.id,
    union: r.union_name,
    stance: r.stance,
    about: r.about,
    asOf: toDate(r.as_of),
    source: storedSource(r),
  }));
}
