import { eachDay, type IsoDay } from "../domain/calendar.ts";
import type { StanceRecord, StrikeDay } from "../domain/facts.ts";
import type { Unions } from "../domain/unions.ts";
import type { DaySummary, EventStore, StrikeQuery } from "../store/event-store.ts";
import { countAreaDays, type AreaDays } from "./page-areas.ts";
import type { PageRequest } from "./page-request.ts";
import type { CalendarFilters } from "./query-params.ts";

/** Strike days one list page shows; the rest of a busy week is on "page 2" and on. */
export const PAGE_ROWS = 100;
/** Strikes named in one month-view cell; the cell says how many more and links to the list. */
export const MONTH_CELL_ROWS = 3;

export interface DayGroup {
  day: IsoDay;
  /** Strike days this page shows for the day. */
  rows: StrikeDay[];
  /** Strike days of that day in the whole window (more than `rows` when the page is cut). */
  total: number;
  /** Position of the day's first strike day in the window (which page it starts on). */
  firstIndex: number;
}

/** Everything the page shows, fetched and counted; rendering it is a pure function. */
export interface PageData {
  request: PageRequest;
  today: IsoDay;
  timeZone: string;
  days: DayGroup[];
  /** Strike days in the window matching the filters. */
  total: number;
  /** How many of those are called off (cancelled, suspended, postponed). */
  calledOff: number;
  /** Pages the window's strike days fill in the list view. */
  pages: number;
  areaDays: AreaDays;
  stances: StanceRecord[];
}

export function strikeQuery(f: CalendarFilters, from: IsoDay, to: IsoDay): StrikeQuery {
  return {
    from,
    to,
    unions: f.unions,
    regions: f.regions,
    sectors: f.sectors,
    workforces: f.workforces,
    statuses: f.statuses,
  };
}

/**
 * A union's stance is shown when the union passes the page's union filter and organises one of
 * the chosen sectors (a stance has no region, workforce or day of its own to filter on).
 */
export function stanceMatches(s: StanceRecord, f: CalendarFilters, unions: Unions): boolean {
  if (f.unions.length && !f.unions.includes(s.union)) return false;
  if (f.sectors.length) {
    const sectors = unions.byCanonicalName(s.union)?.sectors ?? [];
    if (!sectors.some((x) => f.sectors.includes(x))) return false;
  }
  return true;
}

/**
 * The days of a window with their strike days: every day, its total from the summary, and the
 * rows this page shows of it (already in reading order: day, then union).
 */
export function groupDays(
  r: PageRequest,
  summary: readonly DaySummary[],
  rows: readonly StrikeDay[],
): DayGroup[] {
  const totals = new Map(summary.map((s) => [s.day, s.total]));
  const byDay = new Map<IsoDay, StrikeDay[]>();
  for (const row of rows) {
    let list = byDay.get(row.day);
    if (!list) byDay.set(row.day, (list = []));
    list.push(row);
  }
  let index = 0;
  return eachDay(r.from, r.to).map((day) => {
    const total = totals.get(day) ?? 0;
    const firstIndex = index;
    index += total;
    const shown = (byDay.get(day) ?? []).sort(
      (a, b) => a.union.localeCompare(b.union) || a.actionId - b.actionId,
    );
    return { day, rows: shown, total, firstIndex };
  });
}

/**
 * Strike days number `start` to `start + count - 1` of a window, in the store's (day, action)
 * order: read from the day that row falls on, so the cost is one day's rows at most plus the
 * page, however long the window's history.
 */
export async function rowsAt(
  store: Pick<EventStore, "strikeDaysPage">,
  q: StrikeQuery,
  summary: readonly DaySummary[],
  start: number,
  count: number,
): Promise<StrikeDay[]> {
  let index = 0;
  for (const s of summary) {
    if (index + s.total > start) {
      const skip = start - index;
      const page = await store.strikeDaysPage({ ...q, from: s.day, limit: skip + count });
      return page.days.slice(skip);
    }
    index += s.total;
  }
  return [];
}

/** The map's input: each day's distinct areas of the strikes on that day. */
export function areaRows(summary: readonly DaySummary[]): { day: IsoDay; regions: string[] }[] {
  return summary.flatMap((s) => s.regionsOn.map((regions) => ({ day: s.day, regions })));
}

export interface PageDeps {
  store: EventStore;
  unions: Unions;
  timeZone: string;
  now: Date;
  today: IsoDay;
}

/** How far back a union's latest stance is still news. */
export const STANCE_DAYS = 90;

/**
 * The latest stance of each union the filters let through, newest first, said in the last
 * STANCE_DAYS days (one indexed look per union, whatever the size of the history).
 */
export async function filteredStances(
  store: EventStore,
  unions: Unions,
  f: CalendarFilters,
  now: Date,
): Promise<StanceRecord[]> {
  const names = f.unions.length ? f.unions : unions.all().map((u) => u.name);
  const since = now.getTime() - STANCE_DAYS * 86_400_000;
  return (await store.latestStances(names))
    .filter((s) => s.asOf.getTime() >= since && stanceMatches(s, f, unions))
    .sort((a, b) => b.asOf.getTime() - a.asOf.getTime() || a.union.localeCompare(b.union));
}

/**
 * Fetches and counts what one page shows, each part bounded by what it shows: the per-day
 * summary (one grouped query), one list page of strike days or three per month cell, the
 * stances of the unions filtered.
 */
export async function loadPage(deps: PageDeps, r: PageRequest): Promise<PageData> {
  const q = strikeQuery(r.filters, r.from, r.to);
  const summary = await deps.store.strikeDaySummary(q);
  const total = summary.reduce((n, s) => n + s.total, 0);
  let rows: StrikeDay[];
  if (r.view === "list") {
    rows = await rowsAt(deps.store, q, summary, (r.page - 1) * PAGE_ROWS, PAGE_ROWS);
  } else {
    rows = [];
    for (const s of summary) {
      if (s.total === 0) continue;
      const cell = { ...q, from: s.day, to: s.day, limit: MONTH_CELL_ROWS };
      rows.push(...(await deps.store.strikeDaysPage(cell)).days);
    }
  }
  const stances = await filteredStances(deps.store, deps.unions, r.filters, deps.now);
  return {
    request: r,
    today: deps.today,
    timeZone: deps.timeZone,
    days: groupDays(r, summary, rows),
    total,
    calledOff: summary.reduce((n, s) => n + s.calledOff, 0),
    pages: Math.max(1, Math.ceil(total / PAGE_ROWS)),
    areaDays: countAreaDays(areaRows(summary)),
    stances,
  };
}
