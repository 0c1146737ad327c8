import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../clock.ts";
import { addDays, dayInZone, type IsoDay } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { isStrikewatchError, StrikewatchError } from "../errors.ts";
import type { DayCursor, EventStore } from "../store/event-store.ts";
import { API_DEFAULT_DAYS, API_PAGE_ROWS, apiAnswer, exportWindow } from "./api-strikes.ts";
import { countAreaDays } from "./page-areas.ts";
import {
  filteredStances,
  groupDays,
  loadPage,
  rowsAt,
  strikeQuery,
  type PageData,
} from "./page-data.ts";
import { renderPage } from "./page.ts";
import { parsePageRequest, type PageRequest } from "./page-request.ts";
import { filtersQuery, NO_FILTERS, parseFilters, rawParams } from "./query-params.ts";
import { etagOf, RenderCache, type Rendered } from "./render-cache.ts";
import {
  CSV_DEFAULT_DAYS,
  CSV_HEADER,
  CSV_MAX_ROWS,
  CSV_PAGE_ROWS,
  csvRows,
} from "./strikes-csv.ts";

export interface PageRouteDeps {
  store: EventStore;
  unions: Unions;
  clock: Clock;
  timeZone: string;
  publicBaseUrl?: string;
  /** Most strike days one CSV file holds (default CSV_MAX_ROWS; smaller in tests). */
  csvMaxRows?: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

const HTML = "text/html; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, req: IncomingMessage, r: Rendered): void {
  const headers = {
    "content-type": r.type,
    "x-content-type-options": "nosniff",
    etag: r.etag,
    "cache-control": "public, max-age=60",
    ...r.headers,
  };
  if (r.status === 200 && req.headers["if-none-match"] === r.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(r.status, headers).end(r.body);
}

function rendered(status: number, type: string, body: string, headers?: Record<string, string>) {
  return { status, type, body, etag: etagOf(body), headers };
}

/** Only the parameters a route reads, in a fixed order, so `?b&a` and `?a&b` share an entry. */
function requestKey(route: string, url: URL, today: IsoDay): string {
  const raw = rawParams(url.searchParams);
  const keys = Object.keys(raw).sort();
  return `${route}|${today}|${keys.map((k) => `${k}=${String(raw[k])}`).join("&")}`;
}

/**
 * The public routes over the strike data: the page `/`, the JSON API `/api/strikes` and the CSV
 * export `/strikes.csv`. Each parses its parameters at the edge (a bad one is a 400 with the
 * reason), and the page and API keep their rendered answers until the data changes.
 */
export function pageRoutes(deps: PageRouteDeps): { path: string; handle: Handler }[] {
  const base = (deps.publicBaseUrl ?? "").replace(/\/$/, "");
  const cache = new RenderCache();
  const today = () => dayInZone(deps.clock.now(), deps.timeZone);

  const renderFor = async (r: PageRequest, day: IsoDay): Promise<string> => {
    const data = await loadPage(
      {
        store: deps.store,
        unions: deps.unions,
        timeZone: deps.timeZone,
        now: deps.clock.now(),
        today: day,
      },
      r,
    );
    return pageHtml(data);
  };
  const pageHtml = (data: PageData, error?: string) => {
    const calendarUrl = `${base}/calendar.ics${filtersQuery(data.request.filters)}`;
    return renderPage({
      data,
      unions: deps.unions,
      error,
      links: {
        calendarUrl,
        webcalUrl: base ? calendarUrl.replace(/^https?:/, "webcal:") : calendarUrl,
      },
    });
  };

  const page: Handler = async (req, res, url) => {
    const day = today();
    let r: PageRequest;
    try {
      r = parsePageRequest(url.searchParams, deps.unions, day);
    } catch (e) {
      if (!isStrikewatchError(e)) throw e;
      // The page itself, with the form and the reason, so the reader can fix the filter.
      const fallback: PageRequest = {
        filters: NO_FILTERS,
        view: "list",
        from: day,
        to: addDays(day, 6),
        page: 1,
        fromGiven: false,
      };
      const empty: PageData = {
        request: fallback,
        today: day,
        timeZone: deps.timeZone,
        days: groupDays(fallback, [], []),
        total: 0,
        calledOff: 0,
        pages: 1,
        areaDays: countAreaDays([]),
        stances: [],
      };
      const body = pageHtml(empty, e.hint ? `${e.message} ${e.hint}` : e.message);
      return send(res, req, rendered(400, HTML, body, { "content-security-policy": PAGE_CSP }));
    }
    const version = await deps.store.changeCount();
    const answer = await cache.get(requestKey("page", url, day), version, async () =>
      rendered(200, HTML, await renderFor(r, day), { "content-security-policy": PAGE_CSP }),
    );
    send(res, req, answer);
  };

  const api: Handler = async (req, res, url) => {
    const day = today();
    let filters;
    let pageNo = 1;
    let limit = API_PAGE_ROWS;
    try {
      filters = parseFilters(url.searchParams, deps.unions);
      pageNo = wholeNumber("page", url.searchParams.get("page"), 1, 100_000) ?? 1;
      limit = wholeNumber("limit", url.searchParams.get("limit"), 1, API_PAGE_ROWS) ?? limit;
    } catch (e) {
      if (!isStrikewatchError(e)) throw e;
      const body = JSON.stringify({ error: { code: e.code, message: e.message, hint: e.hint } });
      return send(res, req, rendered(400, JSON_TYPE, body));
    }
    const f = filters;
    const { from, to } = exportWindow(f, day, API_DEFAULT_DAYS);
    const version = await deps.store.changeCount();
    const answer = await cache.get(requestKey("api", url, day), version, async () => {
      const q = strikeQuery(f, from, to);
      const summary = await deps.store.strikeDaySummary(q);
      const total = summary.reduce((n, s) => n + s.total, 0);
      const rows = await rowsAt(deps.store, q, summary, (pageNo - 1) * limit, limit);
      const stances = await filteredStances(deps.store, deps.unions, f, deps.clock.now());
      const body = JSON.stringify(
        apiAnswer({
          filters: f,
          from,
          to,
          page: pageNo,
          pageSize: limit,
          total,
          rows,
          stances,
          unions: deps.unions,
        }),
      );
      return rendered(200, JSON_TYPE, body, { "access-control-allow-origin": "*" });
    });
    send(res, req, answer);
  };

  const csv: Handler = async (req, res, url) => {
    const day = today();
    let f;
    try {
      f = parseFilters(url.searchParams, deps.unions);
    } catch (e) {
      if (!isStrikewatchError(e)) throw e;
      res
        .writeHead(400, { "content-type": "text/plain; charset=utf-8" })
        .end(e.hint ? `${e.message} ${e.hint}` : e.message);
      return;
    }
    const { from, to } = exportWindow(f, day, CSV_DEFAULT_DAYS);
    const q = strikeQuery(f, from, to);
    const total = (await deps.store.strikeDaySummary(q)).reduce((n, s) => n + s.total, 0);
    const maxRows = deps.csvMaxRows ?? CSV_MAX_ROWS;
    if (total > maxRows) {
      res
        .writeHead(400, { "content-type": "text/plain; charset=utf-8" })
        .end(
          `${total} strike days match, more than the ${maxRows} one file holds. Narrow the filters or ask for fewer days (from and to).`,
        );
      return;
    }
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="strikes-${from}-to-${to}.csv"`,
      "x-content-type-options": "nosniff",
      "cache-control": "public, max-age=60",
    });
    // A page of rows at a time, yielding between pages, so a big export holds neither the
    // event loop nor more than one page in memory.
    const write = async (piece: string) => {
      if (!res.write(piece)) await new Promise<void>((r) => res.once("drain", () => r()));
      else await new Promise<void>((r) => setImmediate(r));
    };
    await write(CSV_HEADER);
    let after: DayCursor | undefined;
    do {
      if (res.destroyed) return;
      const page = await deps.store.strikeDaysPage({ ...q, limit: CSV_PAGE_ROWS, after });
      await write(csvRows(page.days, deps.unions));
      after = page.next ?? undefined;
    } while (after);
    res.end();
  };

  return [
    { path: "/", handle: page },
    { path: "/api/strikes", handle: api },
    { path: "/strikes.csv", handle: csv },
  ];
}

function wholeNumber(name: string, text: string | null, min: number, max: number) {
  if (text === null || text === "") return undefined;
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max))
    throw new StrikewatchError(
      "usage",
      `${name}=${text}: ${name} must be a whole number from ${min} to ${max}.`,
    );
  return n;
}
