import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Clock } from "../clock.ts";
import type { Unions } from "../domain/unions.ts";
import { silentLogger, type Logger } from "../logger.ts";
import { noMetrics, type Metrics } from "../metrics.ts";
import type { EventStore } from "../store/event-store.ts";
import { CalendarService, type CalendarLimits } from "./calendar-service.ts";
import { pageRoutes } from "./page-route.ts";
import { isStoreOutage } from "../store/store-outage.ts";
import {
  DEFAULT_SERVER_LIMITS,
  hardenServer,
  requestTarget,
  serverOptions,
  type ServerLimits,
} from "./server-limits.ts";

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
  /** The calendar feed's window and size limits (CALENDAR_* settings). */
  calendarLimits?: Partial<CalendarLimits>;
  /** The calendar feed with its cache; made from the rest of the deps when not given. */
  calendar?: CalendarService;
  /** When the scheduler last ran a tick (undefined: not started). */
  lastTick?: () => Date | undefined;
  /** What GET /metrics shows (unset: nothing counted). */
  metrics?: Metrics;
  /** Bearer token that unlocks /healthz details (feed URLs, errors); unset: counts only. */
  healthToken?: string;
  /**
   * Bearer token for /metrics on this port. Unset: /metrics is not served here (it may be on
   * its own local port, see metricsRoutes).
   */
  metricsToken?: string;
}

/** A scheduler that has not ticked for this long is "late" (it ticks every minute). */
const SCHEDULER_LATE_MS = 5 * 60_000;

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
    const url = requestTarget(req.url);
    if (!url) return send(res, 400, "text/plain; charset=utf-8", "Bad request target.");
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
  const calendar =
    deps.calendar ??
    new CalendarService({
      store: deps.store,
      unions: deps.unions,
      clock: deps.clock,
      timeZone: deps.timeZone,
      host: new URL(base || "http://strikewatch.local").host,
      limits: deps.calendarLimits,
    });

  return [
    {
      path: "/calendar.ics",
      method: "GET",
      handler: guard(deps, (req, res, url) => calendar.respond(req, res, url)),
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
      handler: guard(deps, async (req, res) => {
        // Public: ok or not per component, nothing an outsider could learn the network from
        // (connection strings, error texts, feed URLs). Details need HEALTH_TOKEN.
        let storeError: string | null = null;
        try {
          await deps.store.ping();
        } catch (e) {
          storeError = (e as Error).message;
          deps.logger.warn({ err: e }, "health: store unreachable");
        }
        const feeds = storeError === null ? await deps.store.feeds.list() : [];
        const failing = feeds.filter(
          (f) =>
            !f.removed &&
            (f.paused ||
              (f.lastError !== null &&
                (!f.lastSuccessAt || (f.lastErrorAt !== null && f.lastErrorAt > f.lastSuccessAt)))),
        );
        const lastTick = deps.lastTick?.();
        const scheduler = !lastTick
          ? "not_started"
          : deps.clock.now().getTime() - lastTick.getTime() > SCHEDULER_LATE_MS
            ? "late"
            : "ok";
        const components = {
          store: storeError === null ? "ok" : "down",
          scheduler,
          feeds: feeds.length === 0 ? "none" : failing.length ? "degraded" : "ok",
        };
        const status =
          storeError !== null
            ? "down"
            : components.feeds === "degraded" || scheduler === "late"
              ? "degraded"
              : "ok";
        const body: Record<string, unknown> = { ok: storeError === null, status, components };
        if (bearer(req, deps.healthToken)) {
          body.details = {
            store: storeError,
            scheduler: { lastTick: lastTick?.toISOString() ?? null },
            feeds: feeds.map((f) => ({
              url: f.url,
              lastSuccess: f.lastSuccessAt?.toISOString() ?? null,
              lastError: f.lastError,
              failures: f.failures,
              paused: f.paused,
            })),
          };
        }
        send(res, storeError === null ? 200 : 503, "application/json", JSON.stringify(body), {
          "cache-control": "no-store",
        });
      }),
    },
    ...(deps.metricsToken ? metricsRoutes(deps, deps.metricsToken) : []),
  ];
}

/** True when the request carries `Authorization: Bearer <token>` (compared in constant time). */
function bearer(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!m) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}

/**
 * GET /metrics (Prometheus text). With a token, only for requests that carry it; without one,
 * for a server the operator keeps private (METRICS_PORT, bound to a local address).
 */
export function metricsRoutes(
  deps: Pick<HttpDeps, "logger" | "metrics">,
  token?: string,
): HttpRoute[] {
  return [
    {
      path: "/metrics",
      method: "GET",
      handler: guard(deps as HttpDeps, async (req, res) => {
        if (token && !bearer(req, token))
          return send(res, 401, "text/plain; charset=utf-8", "Metrics need a bearer token.", {
            "www-authenticate": 'Bearer realm="metrics"',
          });
        const { contentType, body } = await (deps.metrics ?? noMetrics).exposition();
        send(res, 200, contentType, body);
      }),
    },
  ];
}

/**
 * Our own server for the routes (when Slack is not already serving HTTP on the port). Every
 * request ends in an answer: a malformed target is a 400, a handler's failure a 500, never an
 * exception out of the listener (which would take the whole bot down).
 */
export async function startHttpServer(
  routes: readonly HttpRoute[],
  port: number,
  opts: { limits?: ServerLimits; logger?: Logger; host?: string } = {},
): Promise<Server> {
  const limits = opts.limits ?? DEFAULT_SERVER_LIMITS;
  const server = createServer(serverOptions(limits), (req, res) => {
    try {
      const url = requestTarget(req.url);
      if (!url) return send(res, 400, "text/plain; charset=utf-8", "Bad request target.");
      const route = routes.find((r) => r.path === url.pathname);
      if (!route) return send(res, 404, "text/plain; charset=utf-8", "Not found.");
      if (req.method !== "GET" && req.method !== "HEAD")
        return send(res, 405, "text/plain; charset=utf-8", "Only GET here.", { allow: "GET" });
      route.handler(req, res);
    } catch (e) {
      opts.logger?.error({ err: e, url: req.url }, "http listener failed");
      if (!res.headersSent)
        send(res, 500, "text/plain; charset=utf-8", "Something went wrong on our side.");
    }
  });
  hardenServer(server, limits, opts.logger ?? silentLogger);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, opts.host, resolve);
  });
  return server;
}
