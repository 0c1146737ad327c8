import { addDays, type IsoDay } from "../domain/calendar.ts";
import type { StanceRecord, StrikeDay } from "../domain/facts.ts";
import type { Unions } from "../domain/unions.ts";
import { CALLED_OFF } from "../domain/vocabulary.ts";
import { describeStance } from "../query/stance-words.ts";
import { publicSource, type PublicSource } from "./public-source.ts";
import { filterParams, type CalendarFilters } from "./query-params.ts";

/** Strike days one JSON answer holds; `next` links the rest. */
export const API_PAGE_ROWS = 500;
/** The window when only `from` (or nothing) is given: four weeks. */
export const API_DEFAULT_DAYS = 28;

export interface StrikeRecord {
  day: IsoDay;
  status: string;
  calledOff: boolean;
  union: string;
  unionName: string;
  workforce: string;
  sector: string;
  employer: string | null;
  regions: string[];
  actionId: number;
  source: PublicSource;
  /** When the source said so (ISO instant). */
  asOf: string;
}

export interface StanceOut {
  union: string;
  stance: string;
  about: string;
  sentence: string;
  asOf: string;
  source: PublicSource;
}

export function strikeRecord(r: StrikeDay, unions: Unions): StrikeRecord {
  return {
    day: r.day,
    status: r.status,
    calledOff: CALLED_OFF.has(r.status),
    union: r.union,
    unionName: unions.byCanonicalName(r.union)?.fullName ?? r.union,
    workforce: r.workforce,
    sector: r.sector,
    employer: r.employer,
    regions: r.regions,
    actionId: r.actionId,
    source: publicSource(r.source),
    asOf: r.asOf.toISOString(),
  };
}

export function stanceRecord(s: StanceRecord): StanceOut {
  return {
    union: s.union,
    stance: s.stance,
    about: s.about,
    sentence: describeStance(s.union, s.stance, s.about),
    asOf: s.asOf.toISOString(),
    source: publicSource(s.source),
  };
}

/** The window an export or API call covers: `from`…`to`, defaulting to four weeks from today. */
export function exportWindow(f: CalendarFilters, today: IsoDay, defaultDays: number) {
  const from = f.from ?? today;
  const to = f.to ?? addDays(from, defaultDays - 1);
  return { from, to };
}

export interface ApiAnswer {
  from: IsoDay;
  to: IsoDay;
  filters: Pick<CalendarFilters, "unions" | "regions" | "sectors" | "workforces" | "statuses">;
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  /** The next page's address (same filters and window), or null on the last page. */
  next: string | null;
  strikes: StrikeRecord[];
  stances: StanceOut[];
}

/** One page of the JSON answer: `rows` are that page's strike days, `total` the window's. */
export function apiAnswer(o: {
  filters: CalendarFilters;
  from: IsoDay;
  to: IsoDay;
  page: number;
  /** Strike days a page holds (at most API_PAGE_ROWS). */
  pageSize: number;
  total: number;
  rows: readonly StrikeDay[];
  stances: readonly StanceRecord[];
  unions: Unions;
}): ApiAnswer {
  const size = Math.min(o.pageSize, API_PAGE_ROWS);
  const pages = Math.max(1, Math.ceil(o.total / size));
  let next: string | null = null;
  if (o.page < pages) {
    const q = filterParams(o.filters);
    q.set("from", o.from);
    q.set("to", o.to);
    if (size !== API_PAGE_ROWS) q.set("limit", String(size));
    q.set("page", String(o.page + 1));
    next = `/api/strikes?${q.toString()}`;
  }
  const { unions, regions, sectors, workforces, statuses } = o.filters;
  return {
    from: o.from,
    to: o.to,
    filters: { unions, regions, sectors, workforces, statuses },
    total: o.total,
    page: o.page,
    pages,
    pageSize: size,
    next,
    strikes: o.rows.map((r) => strikeRecord(r, o.unions)),
    stances: o.stances.map(stanceRecord),
  };
}
