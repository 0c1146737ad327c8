import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Clock } from "../clock.ts";
import { addDays, dayInZone } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { isStrikewatchError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { EventStore } from "../store/event-store.ts";
import { calendarFeed } from "./calendar-feed.ts";
import { registry } from "./metrics.ts";
import { pageRoutes } from "./page-route.ts";
import { parseFilters, type CalendarFilters } from "./query-params.ts";
import { isStoreOutage } from "../store/store-outage.ts";

export interface HttpRoute {
  path: string;
  method: "GET";
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export interface HttpDeps {
  store: EventStore;
  unions: Unions;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  publicBaseUrl?: string;
  /** When the scheduler last ran a tick (undefined: not started). */
  lastTick?: () => Date | undefined;
}

/** How far ahead the calendar feed looks when asked for no `weeks`. */
const DEFAULT_WEEKS = 52;

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, { "content-type": type, "x-content-type-options": "nosniff", ...headers })
    .end(body);
}

function guard(
  deps: HttpDeps,
  fn: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    fn(req, res, url).catch((e: unknown) => {
      if (isStoreOutage(e)) {
        // Calendar apps and browsers retry; a 503 with Retry-After tells them when.
        deps.logger.warn({ err: e, url: req.url }, "store unavailable");
        if (!res.headersSent) {
          send(
            res,
            503,
            "text/plain; charset=utf-8",
            "The strike database cannot be reached right now. Please try again in a minute.",
            { "retry-after": "60" },
          );
        }
        return;
      }
      deps.logger.error({ err: e, url: req.url }, "http handler failed");
      if (!res.headersSent)
        send(res, 500, "text/plain; charset=utf-8", "Something went wrong on our side.");
    });
  };
}

/**
 * The bot's web face: the calendar feed, the public page, health and metrics. Routes are plain
 * (req, res) handlers so they can run on our own server or inside Bolt's HTTP receiver.
 */
export function httpRoutes(deps: HttpDeps): HttpRoute[] {
  const base = (deps.publicBaseUrl ?? "").replace(/\/$/, "");
  const window = (f: CalendarFilters) => {
    const today = dayInZone(deps.clock.now(), deps.timeZone);
    const from = f.from ?? today;
    return { today, from, to: addDays(from, (f.weeks ?? DEFAULT_WEEKS) * 7 - 1) };
  };
  const query = (f: CalendarFilters, from: string, to: string) => ({
    from,
    to,
    unions: f.unions,
    regions: f.regions,
    sectors: f.sectors,
    workforces: f.workforces,
    statuses: f.statuses,
  });

  return [
    {
      path: "/calendar.ics",
      method: "GET",
      handler: guard(deps, async (req, res, url) => {
        let f: CalendarFilters;
        try {
          f = parseFilters(url.searchParams, deps.unions);
        } catch (e) {
          if (isStrikewatchError(e)) return send(res, 400, "text/plain; charset=utf-8", e.message);
          throw e;
        }
        const { today, to } = window(f);
        const rows = await deps.store.strikeDays(query(f, f.from ?? addDays(today, -30), to));
        const body = calendarFeed(rows, {
          name: "Strikes (strikewatch)",
          host: new URL(base || "http://strikewatch.local").host,
        });
        const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 27)}"`;
        const headers = { etag, "cache-control": "public, max-age=300" };
        if (req.headers["if-none-match"] === etag) return void res.writeHead(304, headers).end();
        send(res, 200, "text/calendar; charset=utf-8", body, headers);
      }),
    },
    // The public page, its JSON API and CSV export (src/http/page-route.ts).
    ...pageRoutes(deps).map((r): HttpRoute => ({
      path: r.path,
      method: "GET",
      handler: guard(deps, r.handle),
    })),
    {
      path: "/healthz",
      method: "GET",
      handler: guard(deps, async (_req, res) => {
        let store = "ok";
        try {
          await deps.store.ping();
        } catch (e) {
          store = `unreachable: ${(e as Error).message}`;
        }
        const feeds = store === "ok" ? await deps.store.feeds.list() : [];
        const lastTick = deps.lastTick?.();
        const body = {
          ok: store === "ok",
          store,
          scheduler: lastTick ? { lastTick: lastTick.toISOString() } : { lastTick: null },
          feeds: feeds.map((f) => ({
            url: f.url,
            lastSuccess: f.lastSuccessAt?.toISOString() ?? null,
            lastError: f.lastError,
            paused: f.paused,
          })),
        };
        send(res, body.ok ? 200 : 503, "application/json", JSON.stringify(body));
      }),
    },
    {
      path: "/metrics",
      method: "GET",
      handler: guard(deps, async (_req, res) =>
        send(res, 200, registry.contentType, await registry.metrics()),
      ),
    },
  ];
}

/** Our own server for the routes (when Slack is not already serving HTTP on the port). */
export async function startHttpServer(routes: readonly HttpRoute[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routes.find((r) => r.path === path);
    if (!route) return send(res, 404, "text/plain; charset=utf-8", "Not found.");
    if (req.method !== "GET" && req.method !== "HEAD")
      return send(res, 405, "text/plain; charset=utf-8", "Only GET here.", { allow: "GET" });
    route.handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return server;
}
