import type { StoredSource, StrikeAction, StrikeDay } from "../domain/facts.ts";
import type { Sector, StrikeStatus } from "../domain/vocabulary.ts";
import { placeholders, type SqlDriver } from "./sql-driver.ts";

// Rows as the two databases hand them back, and their conversion into domain values. Every
// module that reads the event store's tables goes through here, so a column is mapped once.

/** Rows come back with ISO strings from SQLite and Date objects from PostgreSQL. */
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const toJson = (v: unknown): Record<string, unknown> =>
  typeof v === "string"
    ? (JSON.parse(v) as Record<string, unknown>)
    : (v as Record<string, unknown>);
export const iso = (d: Date): string => d.toISOString();

export interface SourceRow {
  source_id: number;
  source_kind: "article" | "user";
  source_label: string;
  source_url: string | null;
  source_platform: string | null;
  source_user_id: string | null;
}

/** The columns of DAY_COLUMNS, in order: day queries fetch tuples, not row objects. */
export type DayRow = [
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

export interface ActionRow {
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

export const SOURCE_COLUMNS = `s.id AS source_id, s.kind AS source_kind, s.label AS source_label,
  s.url AS source_url, s.platform AS source_platform, s.user_id AS source_user_id`;

/** Sources are fetched once per answer, not joined onto each of its (often hundreds of) rows. */
export const DAY_COLUMNS = `d.day, d.status, d.as_of, d.source_id, a.id AS action_id, a.union_name, a.workforce,
  a.sector, a.employer, a.regions`;

export function storedSource(r: SourceRow): StoredSource {
  return {
    id: r.source_id,
    kind: r.source_kind,
    label: r.source_label,
    url: r.source_url,
    platform: r.source_platform,
    userId: r.source_user_id,
  };
}

export async function loadSources(
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

export async function toStrikeDays(db: SqlDriver, rows: readonly DayRow[]): Promise<StrikeDay[]> {
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

/** Day, then union, then action: the order answers list strikes in. */
export function byDayThenUnion(a: DayRow, b: DayRow): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[5] !== b[5]) return a[5] < b[5] ? -1 : 1;
  return a[4] - b[4];
}

/** Actions with their days, in day order. */
export async function withDays(db: SqlDriver, rows: ActionRow[]): Promise<StrikeAction[]> {
  if (rows.length === 0) return [];
  const byAction = new Map<number, { day: string; status: StrikeStatus }[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const days = await db.query<{ action_id: number; day: string; status: StrikeStatus }>(
      `SELECT action_id, day, status FROM action_days WHERE action_id IN (${placeholders(ids.length)}) ORDER BY day`,
      ids,
    );
    for (const d of days) {
      const list = byAction.get(d.action_id);
      if (list) list.push({ day: d.day, status: d.status });
      else byAction.set(d.action_id, [{ day: d.day, status: d.status }]);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    union: r.union_name,
    workforce: r.workforce,
    sector: r.sector,
    employer: r.employer,
    regions: JSON.parse(r.regions) as string[],
    status: r.status,
    confidence: r.confidence,
    days: byAction.get(r.id) ?? [],
  }));
}
