import { eachDay, type IsoDay } from "../domain/calendar.ts";
import type { StanceRecord, StrikeDay } from "../domain/facts.ts";
import type { Unions } from "../domain/unions.ts";
import { CALLED_OFF } from "../domain/vocabulary.ts";
import type { EventStore, StrikeQuery } from "../store/event-store.ts";
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

/** The list view's page of a window: whole days in order, cut at PAGE_ROWS strike days. */
export function groupDays(
  r: PageRequest,
  rows: readonly StrikeDay[],
  perDayLimit = Infinity,
): { days: DayGroup[]; pages: number } {
  const byDay = new Map<IsoDay, StrikeDay[]>();
  for (const row of rows) {
    let list = byDay.get(row.day);
    if (!list) byDay.set(row.day, (list = []));
    list.push(row);
  }
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
  const first = r.view === "list" ? (r.page - 1) * PAGE_ROWS : 0;
  const last = r.view === "list" ? first + PAGE_ROWS : Infinity;
  let index = 0;
  const days = eachDay(r.from, r.to).map((day) => {
    const all = byDay.get(day) ?? [];
    const shown = all.filter((_, i) => {
      const at = index + i;
      return at >= first && at < last && i < perDayLimit;
    });
    const firstIndex = index;
    index += all.length;
    return { day, rows: shown, total: all.length, firstIndex };
  });
  return { days, pages };
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

/** Fetches and counts what one page shows. */
export async function loadPage(deps: PageDeps, r: PageRequest): Promise<PageData> {
  const rows = await deps.store.strikeDays(strikeQuery(r.filters, r.from, r.to));
  const stances = await filteredStances(deps.store, deps.unions, r.filters, deps.now);
  const on = rows.filter((x) => !CALLED_OFF.has(x.status));
  const { days, pages } = groupDays(r, rows, r.view === "month" ? MONTH_CELL_ROWS : Infinity);
  return {
    request: r,
    today: deps.today,
    timeZone: deps.timeZone,
    days,
    total: rows.length,
    calledOff: rows.length - on.length,
    pages,
    areaDays: countAreaDays(on),
    stances,
  };
}
