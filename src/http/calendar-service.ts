import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Clock } from "../clock.ts";
import { addDays, dayInZone, formatDay, type IsoDay } from "../domain/calendar.ts";
import type { StrikeDay } from "../domain/facts.ts";
import type { Unions } from "../domain/unions.ts";
import { isStrikewatchError } from "../errors.ts";
import type { EventStore, StrikeQuery } from "../store/event-store.ts";
import {
  EventBuilder,
  byAction,
  byStartThenUid,
  calendarFooter,
  calendarHeader,
  runsOf,
  writeEvent,
  type CalendarEvent,
  type CalendarHead,
} from "./calendar-feed.ts";
import { parseFilters, type CalendarFilters } from "./query-params.ts";

/** How much the feed covers, and the most strike days one body may carry. */
export interface CalendarLimits {
  /** Months before today (CALENDAR_MONTHS_BACK). */
  monthsBack: number;
  /** Months after today (CALENDAR_MONTHS_AHEAD). */
  monthsAhead: number;
  /**
   * Strike days in one feed at most (CALENDAR_MAX_DAYS): past it, the far end of the window is
   * left out (whole days, upcoming ones kept first) and the calendar's description says so.
   */
  maxDays: number;
  /** Filtered bodies kept in memory at once, and their total size. */
  cacheEntries: number;
  cacheBytes: number;
}

export const DEFAULT_CALENDAR_LIMITS: CalendarLimits = {
  monthsBack: 3,
  monthsAhead: 12,
  maxDays: 10_000,
  cacheEntries: 64,
  cacheBytes: 64 * 1024 * 1024,
};

export interface CalendarDeps {
  store: EventStore;
  unions: Unions;
  clock: Clock;
  timeZone: string;
  /** Host part of event UIDs (the public base URL's). */
  host: string;
  limits?: Partial<CalendarLimits>;
}

/** Bumped whenever the writer's output changes, so an ETag never spans two formats. */
const FORMAT = "ics-2";
/**
 * Rows fetched per store query, and events written, between yields to the event loop. SQLite
 * answers synchronously on this thread, so its chunks are small; PostgreSQL works on its own
 * server and rows arrive a packet at a time, so there fewer round trips matter more.
 */
const ROWS_PER_CHUNK = { sqlite: 1000, postgres: 5000 } as const;
const EVENTS_PER_CHUNK = 250;
const ROWS_PER_SLICE = 2000;

/** Calendar months from a day, clamped to the month's length (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(day: IsoDay, months: number): IsoDay {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = Math.min(Number(day.slice(8, 10)), last);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The days a feed covers: `from`/`weeks` when given, else months back and ahead of today. */
export function calendarWindow(
  f: Pick<CalendarFilters, "from" | "weeks">,
  today: IsoDay,
  limits: Pick<CalendarLimits, "monthsBack" | "monthsAhead">,
): { from: IsoDay; to: IsoDay } {
  const from = f.from ?? addMonths(today, -limits.monthsBack);
  const anchor = f.from ?? today;
  const to = f.weeks
    ? addDays(anchor, f.weeks * 7 - 1)
    : f.from
      ? addMonths(from, limits.monthsBack + limits.monthsAhead)
      : addMonths(today, limits.monthsAhead);
  return { from, to };
}

/** "Strikes: RCN, GMB · Wales · health · nurses (strikewatch)", or "All strikes (strikewatch)". */
export function calendarName(f: CalendarFilters): string {
  const parts = [f.unions, f.regions, f.sectors, f.workforces, f.statuses]
    .filter((p) => p.length > 0)
    .map((p) => p.join(", "));
  return parts.length ? `Strikes: ${parts.join(" · ")} (strikewatch)` : "All strikes (strikewatch)";
}

/** The filters in one canonical order, so `?union=GMB&union=RCN` and its reverse share a body. */
function filterKey(f: CalendarFilters): string {
  const sorted = (xs: readonly string[]) => [...new Set(xs)].sort().join(",");
  return [f.unions, f.regions, f.sectors, f.workforces, f.statuses].map(sorted).join("|");
}

interface Body {
  etag: string;
  body: Buffer;
}

/** A bounded least-recently-used map of rendered bodies, by filter. */
class BodyCache {
  private readonly entries = new Map<string, Body>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): Body | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Body): void {
    this.delete(key);
    if (value.body.length > this.maxBytes) return;
    this.entries.set(key, value);
    this.bytes += value.body.length;
    for (const [k] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body.length;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/** True when If-None-Match names this ETag (a list, weak forms and `*` included). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

/**
 * GET /calendar.ics. The ETag comes first, from (filters, window, the store's change count), so
 * a calendar app polling with If-None-Match gets its 304 without a row being read. Otherwise
 * the body for those filters is served from memory until the data changes; a miss reads the
 * window in chunks of days and writes the events in chunks, yielding to the event loop between
 * them, so one large calendar never holds up a chat command for more than a few milliseconds.
 * Requests that miss together share one rendering.
 */
export class CalendarService {
  private readonly limits: CalendarLimits;
  private readonly cache: BodyCache;
  private readonly rendering = new Map<string, Promise<Body>>();

  constructor(private readonly deps: CalendarDeps) {
    this.limits = { ...DEFAULT_CALENDAR_LIMITS, ...deps.limits };
    this.cache = new BodyCache(this.limits.cacheEntries, this.limits.cacheBytes);
  }

  /** Forgets every cached body (tests and the benchmark's cold runs). */
  clear(): void {
    this.cache.clear();
  }

  async respond(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let f: CalendarFilters;
    try {
      f = parseFilters(url.searchParams, this.deps.unions);
    } catch (e) {
      if (!isStrikewatchError(e)) throw e;
      res
        .writeHead(400, {
          "content-type": "text/plain; charset=utf-8",
          "x-content-type-options": "nosniff",
        })
        .end(e.message);
      return;
    }
    const today = dayInZone(this.deps.clock.now(), this.deps.timeZone);
    const window = calendarWindow(f, today, this.limits);
    const key = filterKey(f);
    const changes = await this.deps.store.changeCount();
    const etag = `"${createHash("sha1")
      .update(
        [
          FORMAT,
          this.deps.host,
          key,
          window.from,
          window.to,
          today,
          changes,
          this.limits.maxDays,
        ].join("\n"),
      )
      .digest("base64url")
      .slice(0, 27)}"`;
    const headers = {
      etag,
      // Calendar apps poll on their own schedule; five minutes of reuse is safe because a
      // revalidation costs almost nothing.
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
    };
    if (etagMatches(req.headers["if-none-match"], etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    let hit = this.cache.get(key);
    if (hit?.etag !== etag) {
      let pending = this.rendering.get(etag);
      if (!pending) {
        pending = this.render(f, window, today, etag).finally(() => this.rendering.delete(etag));
        this.rendering.set(etag, pending);
      }
      hit = await pending;
      this.cache.set(key, hit);
    }
    res.writeHead(200, {
      ...headers,
      "content-type": "text/calendar; charset=utf-8",
      "content-length": String(hit.body.length),
    });
    res.end(req.method === "HEAD" ? undefined : hit.body);
  }

  private async render(
    f: CalendarFilters,
    window: { from: IsoDay; to: IsoDay },
    today: IsoDay,
    etag: string,
  ): Promise<Body> {
    const q: Omit<StrikeQuery, "from" | "to"> = {
      unions: f.unions,
      regions: f.regions,
      sectors: f.sectors,
      workforces: f.workforces,
      statuses: f.statuses,
    };
    const { rows, from, to } = await this.readWindow(q, window, today);
    const head: CalendarHead = {
      name: calendarName(f),
      host: this.deps.host,
      description: describeWindow(window, from, to, this.limits.maxDays),
    };
    // Every step below works a bounded slice at a time and then yields, so no calendar holds
    // the event loop for more than a few milliseconds, however large.
    const actions = new Map<number, StrikeDay[]>();
    for (let i = 0; i < rows.length; i += ROWS_PER_SLICE) {
      if (i > 0) await yieldToLoop();
      byAction(rows.slice(i, i + ROWS_PER_SLICE), actions);
    }
    const lists = [...actions.values()];
    const builder = new EventBuilder(this.deps.host);
    const events: CalendarEvent[] = [];
    for (let i = 0; i < lists.length; i += EVENTS_PER_CHUNK) {
      await yieldToLoop();
      for (const days of lists.slice(i, i + EVENTS_PER_CHUNK))
        for (const run of runsOf(days)) events.push(builder.event(run));
    }
    await yieldToLoop();
    events.sort(byStartThenUid);
    const parts: Buffer[] = [Buffer.from(calendarHeader(head))];
    for (let i = 0; i < events.length; i += EVENTS_PER_CHUNK) {
      await yieldToLoop();
      let chunk = "";
      for (const e of events.slice(i, i + EVENTS_PER_CHUNK)) chunk += writeEvent(e);
      parts.push(Buffer.from(chunk));
    }
    parts.push(Buffer.from(calendarFooter()));
    return { etag, body: Buffer.concat(parts) };
  }

  /**
   * The window's rows, upcoming days first then the past (newest first), a chunk of days at a
   * time sized to about ROWS_PER_CHUNK rows, until the window ends or `maxDays` is reached;
   * only whole days are kept, so no day ever shows some of its strikes and not others.
   */
  private async readWindow(
    q: Omit<StrikeQuery, "from" | "to">,
    window: { from: IsoDay; to: IsoDay },
    today: IsoDay,
  ): Promise<{ rows: StrikeDay[]; from: IsoDay; to: IsoDay }> {
    const rows: StrikeDay[] = [];
    const budget = this.limits.maxDays;
    const pivot =
      today < window.from ? window.from : today > window.to ? addDays(window.to, 1) : today;
    let span = this.deps.store.kind === "postgres" ? 31 : 7;
    let full = false;
    const take = async (a: IsoDay, b: IsoDay): Promise<StrikeDay[]> => {
      if (rows.length > 0) await yieldToLoop();
      const got = await this.deps.store.strikeDays({ ...q, from: a, to: b });
      const days = Math.max(1, Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1);
      const perDay = got.length / days;
      const target = ROWS_PER_CHUNK[this.deps.store.kind];
      span = Math.max(1, Math.min(92, Math.floor(target / Math.max(perDay, 1))));
      return got;
    };
    /** Adds whole days of `got` (in the order given) while they fit; false once one does not. */
    const keep = (got: StrikeDay[], newestFirst: boolean): IsoDay | undefined => {
      if (rows.length + got.length <= budget) {
        rows.push(...got);
        return undefined;
      }
      const byDay = new Map<IsoDay, StrikeDay[]>();
      for (const r of got) {
        const l = byDay.get(r.day);
        if (l) l.push(r);
        else byDay.set(r.day, [r]);
      }
      const days = [...byDay.keys()].sort();
      if (newestFirst) days.reverse();
      for (const d of days) {
        const l = byDay.get(d)!;
        if (rows.length + l.length > budget) return d;
        rows.push(...l);
      }
      return undefined;
    };

    let to = window.to;
    for (let a = pivot; a <= window.to && !full;) {
      const b = addDays(a, span - 1) < window.to ? addDays(a, span - 1) : window.to;
      const stop = keep(await take(a, b), false);
      if (stop) {
        to = addDays(stop, -1);
        full = true;
      }
      a = addDays(b, 1);
    }
    // When the upcoming days fill the feed, none of the past is shown.
    let from = full ? pivot : window.from;
    for (let b = addDays(pivot, -1); b >= window.from && !full;) {
      const a = addDays(b, 1 - span) > window.from ? addDays(b, 1 - span) : window.from;
      const stop = keep(await take(a, b), true);
      if (stop) {
        from = addDays(stop, 1);
        full = true;
      }
      b = addDays(a, -1);
    }
    return { rows, from, to };
  }
}

function describeWindow(
  window: { from: IsoDay; to: IsoDay },
  from: IsoDay,
  to: IsoDay,
  maxDays: number,
): string {
  const covered = `Strike days from ${formatDay(from, true)} to ${formatDay(to, true)}`;
  if (from === window.from && to === window.to) return `${covered}, from strikewatch.`;
  return (
    `${covered}: more than ${maxDays.toLocaleString("en-GB")} strike days fall between ` +
    `${formatDay(window.from, true)} and ${formatDay(window.to, true)}, so the rest are left out. ` +
    "Filter by union, region or sector for a calendar that holds them all."
  );
}
