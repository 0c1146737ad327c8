import type { Clock } from "../clock.ts";
import type { IsoDay } from "../domain/calendar.ts";
import {
  sourceKey,
  sourceTime,
  type Source,
  type StanceFact,
  type StanceRecord,
  type StoredSource,
  type StrikeAction,
  type StrikeDay,
  type StrikeFact,
} from "../domain/facts.ts";
import { nationOf } from "../domain/regions.ts";
import type { Sector, StanceKind, StrikeStatus } from "../domain/vocabulary.ts";
import type {
  ActionQuery,
  EventKind,
  EventStore,
  LoggedEvent,
  StanceChange,
  StrikeChange,
  StrikeQuery,
  UnionActivity,
} from "./event-store.ts";
import type { DeliveryStore } from "./delivery-store.ts";
import type { FeedStore, ReviewStore } from "./feed-store.ts";
import { SqlDeliveryStore } from "./sql-delivery-store.ts";
import { SqlFeedStore, SqlReviewStore } from "./sql-feed-store.ts";
import { planStrikeMerge, type ActionSnapshot, type MergeMode } from "./merge.ts";
import { placeholders, type SqlDriver } from "./sql-driver.ts";

/** Rows come back with ISO strings from SQLite and Date objects from PostgreSQL. */
const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const toJson = (v: unknown): Record<string, unknown> =>
  typeof v === "string"
    ? (JSON.parse(v) as Record<string, unknown>)
    : (v as Record<string, unknown>);
const iso = (d: Date): string => d.toISOString();

interface SourceRow {
  source_id: number;
  source_kind: "article" | "user";
  source_label: string;
  source_url: string | null;
  source_platform: string | null;
  source_user_id: string | null;
}

/** The columns of DAY_COLUMNS, in order: day queries fetch tuples, not row objects. */
type DayRow = [
  day: string,
  status: StrikeStatus,
  asOf: string | Date,
  sourceId: number,
  actionId: number,
  union: string,
  workforce: string,
  sector: Sector,
  employer: string | null,
  regions: string,
];

interface EventRow {
  seq: number | string;
  recorded_at: string | Date;
  as_of: string | Date;
  kind: EventKind;
  action_id: number | null;
  union_name: string;
  source_id: number;
  payload: unknown;
}

const SOURCE_COLUMNS = `s.id AS source_id, s.kind AS source_kind, s.label AS source_label,
  s.url AS source_url, s.platform AS source_platform, s.user_id AS source_user_id`;

/** Sources are fetched once per answer, not joined onto each of its (often hundreds of) rows. */
const DAY_COLUMNS = `d.day, d.status, d.as_of, d.source_id, a.id AS action_id, a.union_name, a.workforce,
  a.sector, a.employer, a.regions`;

function storedSource(r: SourceRow): StoredSource {
  return {
    id: r.source_id,
    kind: r.source_kind,
    label: r.source_label,
    url: r.source_url,
    platform: r.source_platform,
    userId: r.source_user_id,
  };
}

async function toStrikeDays(db: SqlDriver, rows: readonly DayRow[]): Promise<StrikeDay[]> {
  const sources = await loadSources(db, [...new Set(rows.map((r) => r[3]))]);
  const regions = new Map<string, string[]>();
  return rows.map(
    ([day, status, asOf, sourceId, actionId, union, workforce, sector, employer, json]) => {
      let parsed = regions.get(json);
      if (!parsed) {
        parsed = JSON.parse(json) as string[];
        regions.set(json, parsed);
      }
      return {
        day,
        status,
        actionId,
        union,
        workforce,
        sector,
        employer,
        regions: parsed,
        source: sources.get(sourceId)!,
        asOf: toDate(asOf),
      };
    },
  );
}

async function loadSources(
  db: SqlDriver,
  ids: readonly number[],
): Promise<Map<number, StoredSource>> {
  const out = new Map<number, StoredSource>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.query<SourceRow>(
      `SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const r of rows) out.set(r.source_id, storedSource(r));
  }
  return out;
}

/** Day, then union, then action: the order answers list strikes in. */
function byDayThenUnion(a: DayRow, b: DayRow): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[5] !== b[5]) return a[5] < b[5] ? -1 : 1;
  return a[4] - b[4];
}

function loggedEvent(r: EventRow): LoggedEvent {
  return {
    seq: Number(r.seq),
    recordedAt: toDate(r.recorded_at),
    asOf: toDate(r.as_of),
    kind: r.kind,
    actionId: r.action_id,
    union: r.union_name,
    sourceId: r.source_id,
    payload: toJson(r.payload),
  };
}

/** The region values a filter on `region` matches: the region itself, and a nation's areas via UK. */
export function regionsMatching(filter: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of filter) {
    out.add(r);
    if (r === "UK") ["England", "Wales", "Scotland", "Northern Ireland"].forEach((n) => out.add(n));
    else if (nationOf(r) === r) out.add("UK");
  }
  return [...out];
}

/** What an action is indexed under: its regions and the nations they lie in. */
function indexedRegions(regions: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of regions) {
    out.add(r);
    const nation = nationOf(r);
    if (nation) out.add(nation);
  }
  return [...out];
}

/**
 * The event store over any SqlDriver. Each write is one transaction that takes a per-union
 * lock, reads the candidate actions, asks the pure merge planner what changes, applies it to the
 * current view, and appends the change to the log with its source.
 */
export class SqlEventStore implements EventStore {
  readonly feeds: FeedStore;
  readonly review: ReviewStore;
  readonly delivery: DeliveryStore;

  constructor(
    private readonly db: SqlDriver,
    private readonly clock: Clock,
  ) {
    this.feeds = new SqlFeedStore(db);
    this.review = new SqlReviewStore(db);
    this.delivery = new SqlDeliveryStore(db);
  }

  get kind(): "sqlite" | "postgres" {
    return this.db.dialect;
  }

  async ping(): Promise<void> {
    await this.db.query("SELECT 1 AS ok");
  }

  close(): Promise<void> {
    return this.db.close();
  }

  recordStrike(fact: StrikeFact, mode: MergeMode = "upsert"): Promise<StrikeChange> {
    return this.db.transaction(async (tx) => {
      const sourceId = await upsertSource(tx, fact.source);
      const asOf = sourceTime(fact.source);
      const now = this.clock.now();
      const candidates = await loadCandidates(tx, fact);
      const plan = planStrikeMerge(candidates, fact, sourceId, asOf, mode);
      const log = new EventLog(tx, now, asOf, fact.union, sourceId);

      if (plan.kind === "no_match") {
        return {
          outcome: "no_match",
          actionId: null,
          addedDays: [],
          statusChanges: [],
          events: [],
        };
      }
      if (plan.kind === "unchanged") {
        return {
          outcome: "unchanged",
          actionId: plan.actionId,
          addedDays: [],
          statusChanges: [],
          events: [],
        };
      }
      if (plan.kind === "create") {
        const [row] = await tx.query<{ id: number }>(
          `INSERT INTO actions (union_name, workforce, sector, employer, regions, status, status_as_of,
             confidence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [
            fact.union,
            fact.workforce,
            fact.sector,
            fact.employer ?? null,
            JSON.stringify(fact.regions),
            fact.status,
            iso(asOf),
            fact.confidence,
            iso(now),
            iso(now),
          ],
        );
        const actionId = row!.id;
        await insertRegions(tx, actionId, fact.regions);
        await insertDays(tx, actionId, fact.days, fact.status, asOf, sourceId);
        await tx.query(
          `INSERT INTO action_sources (action_id, source_id, added_at) VALUES (?, ?, ?)`,
          [actionId, sourceId, iso(now)],
        );
        await log.append("strike.announced", actionId, {
          workforce: fact.workforce,
          sector: fact.sector,
          employer: fact.employer ?? null,
          regions: fact.regions,
          days: fact.days,
          status: fact.status,
          whenText: fact.whenText ?? null,
          evidence: fact.evidence ?? null,
        });
        return {
          outcome: "created",
          actionId,
          addedDays: [...fact.days],
          statusChanges: [],
          events: log.events,
        };
      }

      const id = plan.actionId;
      if (plan.addDays.length > 0) {
        await insertDays(tx, id, plan.addDays, fact.status, asOf, sourceId);
        await log.append("strike.days_added", id, { days: plan.addDays, status: fact.status });
      }
      for (const c of plan.changeDays) {
        await tx.query(
          `UPDATE action_days SET status = ?, as_of = ?, source_id = ? WHERE action_id = ? AND day = ?`,
          [c.to, iso(asOf), sourceId, id, c.day],
        );
      }
      if (plan.changeDays.length > 0 || (plan.status && fact.days.length === 0)) {
        await log.append("strike.status_changed", id, {
          changes: plan.changeDays,
          status: fact.status,
          evidence: fact.evidence ?? null,
        });
      }
      if (plan.addRegions.length > 0 || plan.fillWorkforce || plan.fillEmployer) {
        const [current] = await tx.query<{ regions: string }>(
          `SELECT regions FROM actions WHERE id = ?`,
          [id],
        );
        const regions = [...(JSON.parse(current!.regions) as string[]), ...plan.addRegions];
        await tx.query(
          `UPDATE actions SET regions = ?, workforce = COALESCE(?, workforce), employer = COALESCE(?, employer)
           WHERE id = ?`,
          [JSON.stringify(regions), plan.fillWorkforce, plan.fillEmployer, id],
        );
        await insertRegions(tx, id, plan.addRegions);
        await log.append("strike.details_changed", id, {
          addedRegions: plan.addRegions,
          workforce: plan.fillWorkforce,
          employer: plan.fillEmployer,
        });
      }
      if (plan.addSource) {
        await tx.query(
          `INSERT INTO action_sources (action_id, source_id, added_at) VALUES (?, ?, ?)`,
          [id, sourceId, iso(now)],
        );
        if (log.events.length === 0)
          await log.append("strike.source_added", id, { evidence: fact.evidence ?? null });
      }
      await tx.query(
        `UPDATE actions SET updated_at = ?, confidence = CASE WHEN confidence > ? THEN confidence ELSE ? END
         WHERE id = ?`,
        [iso(now), fact.confidence, fact.confidence, id],
      );
      if (plan.status) {
        await tx.query(`UPDATE actions SET status = ?, status_as_of = ? WHERE id = ?`, [
          plan.status,
          iso(asOf),
          id,
        ]);
      }
      return {
        outcome: "updated",
        actionId: id,
        addedDays: plan.addDays,
        statusChanges: plan.changeDays,
        events: log.events,
      };
    }, `union:${fact.union.toLowerCase()}`);
  }

  recordStance(fact: StanceFact): Promise<StanceChange> {
    return this.db.transaction(async (tx) => {
      const sourceId = await upsertSource(tx, fact.source);
      const asOf = sourceTime(fact.source);
      const same = await tx.query<{ id: number }>(
        `SELECT id FROM stances WHERE union_name = ? AND stance = ? AND about = ? AND source_id = ?`,
        [fact.union, fact.stance, fact.about, sourceId],
      );
      const [previous] = await latestStances(tx, [fact.union]);
      if (same.length > 0)
        return { outcome: "unchanged", stance: null, previous: previous ?? null, events: [] };
      const now = this.clock.now();
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO stances (union_name, stance, about, as_of, source_id, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
        [fact.union, fact.stance, fact.about, iso(asOf), sourceId, iso(now)],
      );
      const log = new EventLog(tx, now, asOf, fact.union, sourceId);
      await log.append("stance.recorded", null, {
        stance: fact.stance,
        about: fact.about,
        evidence: fact.evidence ?? null,
        previous: previous ? { stance: previous.stance, about: previous.about } : null,
      });
      const [source] = await tx.query<SourceRow>(
        `SELECT ${SOURCE_COLUMNS} FROM sources s WHERE s.id = ?`,
        [sourceId],
      );
      const stance: StanceRecord = {
        id: row!.id,
        union: fact.union,
        stance: fact.stance,
        about: fact.about,
        asOf,
        source: storedSource(source!),
      };
      return { outcome: "recorded", stance, previous: previous ?? null, events: log.events };
    }, `union:${fact.union.toLowerCase()}`);
  }

  async strikeDays(q: StrikeQuery): Promise<StrikeDay[]> {
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
    const rows = (await this.db.queryTuples(
      `SELECT ${DAY_COLUMNS} FROM action_days d JOIN actions a ON a.id = d.action_id
       WHERE ${where.join(" AND ")}
       ORDER BY d.day, d.action_id`,
      params,
    )) as DayRow[];
    return toStrikeDays(this.db, rows.sort(byDayThenUnion));
  }

  async actions(q: ActionQuery): Promise<StrikeAction[]> {
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
    const rows = await this.db.query<ActionRow>(
      `SELECT a.* FROM actions a ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY a.id`,
      params,
    );
    return withDays(this.db, rows);
  }

  async activity(today: IsoDay, since: Date): Promise<UnionActivity[]> {
    const next = (await this.db.queryTuples(
      `SELECT day, status, as_of, source_id, action_id, union_name, workforce, sector, employer, regions FROM (
         SELECT ${DAY_COLUMNS}, ROW_NUMBER() OVER (PARTITION BY a.union_name ORDER BY d.day, a.id) AS rn
         FROM action_days d JOIN actions a ON a.id = d.action_id
         WHERE d.day >= ? AND d.status NOT IN ('cancelled', 'suspended', 'postponed')
       ) t WHERE rn <= 6 ORDER BY union_name, day`,
      [today],
    )) as DayRow[];
    const undatedRows = await this.db.query<ActionRow>(
      `SELECT a.* FROM actions a
       WHERE NOT EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id)
         AND a.status IN ('planned', 'threatened') AND a.updated_at >= ?
       ORDER BY a.updated_at DESC`,
      [iso(since)],
    );
    const undated = await withDays(this.db, undatedRows);
    const changes = await this.db.query<{ union_name: string; last: string | Date }>(
      `SELECT union_name, MAX(recorded_at) AS last FROM events WHERE recorded_at >= ? GROUP BY union_name`,
      [iso(since)],
    );
    const unions = new Set<string>([
      ...next.map((r) => r[5]),
      ...undated.map((a) => a.union),
      ...changes.map((c) => c.union_name),
    ]);
    const stances = await latestStances(this.db, [...unions]);
    const nextDays = await toStrikeDays(this.db, next);
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

  async latestSeq(): Promise<number> {
    const [row] = await this.db.query<{ seq: number | string | null }>(
      `SELECT MAX(seq) AS seq FROM events`,
    );
    return Number(row?.seq ?? 0);
  }

  changeCount(): Promise<number> {
    return this.latestSeq();
  }

  async eventsAfter(seq: number, limit = 500): Promise<LoggedEvent[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
      [seq, limit],
    );
    return rows.map(loggedEvent);
  }
}

interface ActionRow {
  id: number;
  union_name: string;
  workforce: string;
  sector: Sector;
  employer: string | null;
  regions: string;
  status: StrikeStatus;
  status_as_of: string | Date;
  confidence: number;
}

async function withDays(db: SqlDriver, rows: ActionRow[]): Promise<StrikeAction[]> {
  if (rows.length === 0) return [];
  const days = await db.query<{ action_id: number; day: string; status: StrikeStatus }>(
    `SELECT action_id, day, status FROM action_days WHERE action_id IN (${placeholders(rows.length)}) ORDER BY day`,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    union: r.union_name,
    workforce: r.workforce,
    sector: r.sector,
    employer: r.employer,
    regions: JSON.parse(r.regions) as string[],
    status: r.status,
    confidence: r.confidence,
    days: days.filter((d) => d.action_id === r.id).map((d) => ({ day: d.day, status: d.status })),
  }));
}

class EventLog {
  readonly events: LoggedEvent[] = [];
  constructor(
    private readonly tx: SqlDriver,
    private readonly recordedAt: Date,
    private readonly asOf: Date,
    private readonly union: string,
    private readonly sourceId: number,
  ) {}

  async append(
    kind: EventKind,
    actionId: number | null,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const [row] = await this.tx.query<EventRow>(
      `INSERT INTO events (recorded_at, as_of, kind, action_id, union_name, source_id, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      [
        iso(this.recordedAt),
        iso(this.asOf),
        kind,
        actionId,
        this.union,
        this.sourceId,
        JSON.stringify(payload),
      ],
    );
    this.events.push(loggedEvent(row!));
  }
}

async function upsertSource(tx: SqlDriver, s: Source): Promise<number> {
  const label = s.kind === "article" ? s.title : (s.userName ?? s.userId);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO sources (key, kind, label, url, platform, user_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET label = excluded.label RETURNING id`,
    [
      sourceKey(s),
      s.kind,
      label,
      s.kind === "article" ? s.url : null,
      s.kind === "user" ? s.platform : null,
      s.kind === "user" ? s.userId : null,
    ],
  );
  return row!.id;
}

async function loadCandidates(tx: SqlDriver, fact: StrikeFact): Promise<ActionSnapshot[]> {
  const overlap =
    fact.days.length > 0
      ? ` OR EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id AND d.day IN (${placeholders(fact.days.length)}))`
      : "";
  const rows = await tx.query<ActionRow>(
    `SELECT a.* FROM actions a WHERE a.union_name = ?
       AND (NOT EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = a.id)${overlap})`,
    [fact.union, ...fact.days],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const days = await tx.query<{
    action_id: number;
    day: string;
    status: StrikeStatus;
    as_of: string | Date;
  }>(
    `SELECT action_id, day, status, as_of FROM action_days WHERE action_id IN (${placeholders(ids.length)})`,
    ids,
  );
  const sources = await tx.query<{ action_id: number; source_id: number }>(
    `SELECT action_id, source_id FROM action_sources WHERE action_id IN (${placeholders(ids.length)})`,
    ids,
  );
  return rows.map((r) => ({
    id: r.id,
    union: r.union_name,
    workforce: r.workforce,
    employer: r.employer,
    regions: JSON.parse(r.regions) as string[],
    status: r.status,
    statusAsOf: toDate(r.status_as_of),
    days: new Map(
      days
        .filter((d) => d.action_id === r.id)
        .map((d) => [d.day, { status: d.status, asOf: toDate(d.as_of) }]),
    ),
    sourceIds: new Set(sources.filter((s) => s.action_id === r.id).map((s) => s.source_id)),
  }));
}

async function insertDays(
  tx: SqlDriver,
  actionId: number,
  days: readonly IsoDay[],
  status: StrikeStatus,
  asOf: Date,
  sourceId: number,
): Promise<void> {
  for (const day of days) {
    await tx.query(
      `INSERT INTO action_days (action_id, day, status, as_of, source_id) VALUES (?, ?, ?, ?, ?)`,
      [actionId, day, status, iso(asOf), sourceId],
    );
  }
}

async function insertRegions(
  tx: SqlDriver,
  actionId: number,
  regions: readonly string[],
): Promise<void> {
  for (const region of indexedRegions(regions)) {
    await tx.query(
      `INSERT INTO action_regions (action_id, region) VALUES (?, ?) ON CONFLICT (action_id, region) DO NOTHING`,
      [actionId, region],
    );
  }
}

async function latestStances(db: SqlDriver, unions: readonly string[]): Promise<StanceRecord[]> {
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
