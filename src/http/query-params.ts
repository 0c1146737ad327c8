import { z } from "zod";
import { StrikewatchError } from "../errors.ts";
import { addDays, daysBetween, type IsoDay } from "../domain/calendar.ts";
import { cleanOutsideText } from "../domain/outside-text.ts";
import { resolveRegion } from "../domain/regions.ts";
import type { Unions } from "../domain/unions.ts";
import { SECTORS, STRIKE_STATUSES, type Sector, type StrikeStatus } from "../domain/vocabulary.ts";
import { resolveWorkforce } from "../domain/workforces.ts";
import { unknownWordError } from "../query/word-scanner.ts";

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined
      ? []
      : (Array.isArray(v) ? v : [v])
          .flatMap((x) => x.split(","))
          .map((x) => x.trim())
          .filter(Boolean),
  )
  .pipe(z.array(z.string().max(80)).max(40));

/** A single value: the first wins when a parameter is repeated (as browsers never do for these). */
const one = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v[0] : v))
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
  .pipe(z.string().max(40).optional());

const schema = z.object({
  union: list,
  region: list,
  sector: list,
  workforce: list,
  status: list,
  from: one,
  to: one,
  weeks: one.pipe(
    z
      .string()
      .regex(/^\d{1,2}$/, "weeks must be a whole number from 1 to 52")
      .transform(Number)
      .pipe(z.number().min(1, "weeks must be from 1 to 52").max(52, "weeks must be from 1 to 52"))
      .optional(),
  ),
});

export interface CalendarFilters {
  unions: string[];
  regions: string[];
  sectors: Sector[];
  workforces: string[];
  statuses: StrikeStatus[];
  from?: IsoDay;
  to?: IsoDay;
  weeks?: number;
}

export const NO_FILTERS: CalendarFilters = Object.freeze({
  unions: [],
  regions: [],
  sectors: [],
  workforces: [],
  statuses: [],
}) as CalendarFilters;

/** Dates a strike calendar can mean; anything outside is a typo, not a plan. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
/** The longest span `from`…`to` may cover in one request (pages of it are bounded separately). */
export const MAX_SPAN_DAYS = 366;

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function badDate(name: string, text: string, reason: string): StrikewatchError {
  return new StrikewatchError("bad_date", `${name}=${text} is not a date: ${reason}.`, {
    hint: `Write ${name} as YYYY-MM-DD, like 2023-02-06.`,
  });
}

function checkYear(name: string, text: string, year: number): void {
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw badDate(name, text, `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
}

/**
 * A calendar day from a query parameter, or a 400 saying exactly what is wrong with it:
 * `2023-99-99` has no month 99, `2026-02-31` is past the end of February. Never rolled over into
 * a neighbouring month the way `new Date()` would.
 */
export function parseDayParam(name: string, text: string): IsoDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw badDate(name, text, "write it as YYYY-MM-DD, like 2023-02-06");
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  checkYear(name, text, year);
  if (month < 1 || month > 12) throw badDate(name, text, `there is no month ${m[2]}`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last)
    throw badDate(name, text, `${MONTH_NAMES[month - 1]} ${year} has ${last} days`);
  return text;
}

/** A month as `YYYY-MM` (the month view's parameter); its first day. */
export function parseMonthParam(name: string, text: string): IsoDay {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m)
    throw new StrikewatchError("bad_date", `${name}=${text} is not a month.`, {
      hint: `Write ${name} as YYYY-MM, like 2023-02.`,
    });
  checkYear(name, text, Number(m[1]));
  if (Number(m[2]) < 1 || Number(m[2]) > 12)
    throw new StrikewatchError(
      "bad_date",
      `${name}=${text} is not a month: there is no month ${m[2]}.`,
    );
  return `${text}-01`;
}

/** Every value of every parameter, with repeated keys kept as arrays (`?union=RCN&union=GMB`). */
export function rawParams(params: URLSearchParams): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    // Outside text: control and bidi characters go before anything reads the values.
    const all = params.getAll(key).map(cleanOutsideText);
    raw[key] = all.length > 1 ? all : all[0]!;
  }
  return raw;
}

function usage(error: z.ZodError): StrikewatchError {
  const issue = error.issues[0]!;
  return new StrikewatchError("usage", `${issue.path.join(".") || "query"}: ${issue.message}`);
}

/**
 * Query parameters shared by /calendar.ics, /, /api/strikes and /strikes.csv (the same filters as
 * /strikes), validated: an unknown union, region, sector, workforce or status, or a malformed
 * date, is a StrikewatchError the route answers with a 400 and its message.
 */
export function parseFilters(params: URLSearchParams, unions: Unions): CalendarFilters {
  const parsed = schema.safeParse(rawParams(params));
  if (!parsed.success) throw usage(parsed.error);
  const p = parsed.data;
  const out: CalendarFilters = {
    unions: [],
    regions: [],
    sectors: [],
    workforces: [],
    statuses: [],
    weeks: p.weeks,
  };
  if (p.from !== undefined) out.from = parseDayParam("from", p.from);
  if (p.to !== undefined) out.to = parseDayParam("to", p.to);
  if (out.from && out.to) {
    if (out.to < out.from)
      throw new StrikewatchError("bad_date", `from=${out.from} is after to=${out.to}.`);
    if (daysBetween(out.from, out.to) >= MAX_SPAN_DAYS)
      throw new StrikewatchError(
        "bad_date",
        `from=${out.from} to to=${out.to} is more than ${MAX_SPAN_DAYS} days; ask for at most ${MAX_SPAN_DAYS} at a time (to=${addDays(out.from, MAX_SPAN_DAYS - 1)}).`,
      );
  }
  const add = <T>(into: T[], value: T) => {
    if (!into.includes(value)) into.push(value);
  };
  for (const u of p.union) {
    const found = unions.resolve(u);
    if (!found) throw unknownWordError(u, unions, "a union");
    add(out.unions, found.name);
  }
  for (const r of p.region) {
    const found = resolveRegion(r);
    if (!found) throw new StrikewatchError("unknown_word", `Unknown region "${r}".`);
    add(out.regions, found.name);
  }
  for (const s of p.sector) {
    if (!(SECTORS as readonly string[]).includes(s))
      throw new StrikewatchError(
        "unknown_word",
        `Unknown sector "${s}". Sectors: ${SECTORS.join(", ")}.`,
      );
    add(out.sectors, s as Sector);
  }
  for (const w of p.workforce) {
    const found = resolveWorkforce(w);
    if (!found) throw new StrikewatchError("unknown_word", `Unknown workforce "${w}".`);
    add(out.workforces, found.name);
  }
  for (const s of p.status) {
    if (!(STRIKE_STATUSES as readonly string[]).includes(s))
      throw new StrikewatchError(
        "unknown_word",
        `Unknown status "${s}". Statuses: ${STRIKE_STATUSES.join(", ")}.`,
      );
    add(out.statuses, s as StrikeStatus);
  }
  return out;
}

/** The same filters (not the dates) as a query string, for subscription and export links. */
export function filtersQuery(f: Partial<CalendarFilters>): string {
  const q = filterParams(f);
  const text = q.toString();
  return text ? `?${text}` : "";
}

export function filterParams(f: Partial<CalendarFilters>): URLSearchParams {
  const q = new URLSearchParams();
  for (const u of f.unions ?? []) q.append("union", u);
  for (const r of f.regions ?? []) q.append("region", r);
  for (const s of f.sectors ?? []) q.append("sector", s);
  for (const w of f.workforces ?? []) q.append("workforce", w);
  for (const s of f.statuses ?? []) q.append("status", s);
  return q;
}

/** A stable key for a filter set (cache keys): order of choices does not matter. */
export function filtersKey(f: CalendarFilters): string {
  const sorted = (xs: readonly string[]) => [...xs].sort().join(",");
  return [
    sorted(f.unions),
    sorted(f.regions),
    sorted(f.sectors),
    sorted(f.workforces),
    sorted(f.statuses),
  ].join("|");
}
