import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { httpRoutes, metricsRoutes, startHttpServer } from "../../src/http/http-app.ts";
import { silentLogger } from "../../src/logger.ts";
import { createMetrics } from "../../src/metrics.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { fromDatabaseError } from "../../src/store/store-outage.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const factory = sqliteFactory();
const clock = manualClock("2023-01-12T10:00:00Z");
let store: EventStore;
let server: Server;
let base: string;
const HEALTH_TOKEN = "health-token-for-tests";
const METRICS_TOKEN = "metrics-token-for-tests";

beforeAll(async () => {
  store = await factory.open(clock);
  await store.recordStrike(
    strikeFact({
      days: ["2023-01-19", "2023-01-23"],
      source: article("https://www.bbc.co.uk/news/1", "2023-01-12T08:00:00Z", "Ambulance strikes"),
    }),
  );
  await store.recordStrike(
    strikeFact({
      union: "RCN",
      workforce: "nurses",
      days: ["2023-02-06", "2023-02-07"],
      source: article("https://news.example/rcn", "2023-01-12T08:00:00Z"),
    }),
  );
  await store.recordStrike(
    strikeFact({
      union: "RCN",
      workforce: "nurses",
      days: ["2023-02-07"],
      status: "cancelled",
      source: article("https://news.example/rcn2", "2023-01-12T09:00:00Z"),
    }),
  );
  await store.recordStrike(
    strikeFact({
      union: "PCS",
      workforce: "civil servants",
      sector: "civil service",
      regions: ["UK"],
      days: ["2023-02-01"],
      source: article(
        "file:///x",
        "2023-01-12T08:00:00Z",
        '<script>alert("x")</script> <img src=x onerror=alert(1)>',
      ),
    }),
  );
  await store.recordStance({
    union: "GMB",
    stance: "rejected_offer",
    about: "one-off payment",
    source: article("https://news.example/gmb", "2023-01-12T08:00:00Z"),
  });
  server = await startHttpServer(
    httpRoutes({
      store,
      unions: new Unions(),
      clock,
      logger: silentLogger,
      timeZone: "Europe/London",
      publicBaseUrl: "https://strikes.example.org",
      lastTick: () => clock.now(),
      metrics: await createMetrics(),
      healthToken: HEALTH_TOKEN,
      metricsToken: METRICS_TOKEN,
    }),
    0,
  );
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await store.close();
  await factory.cleanup();
});

describe("GET /calendar.ics", () => {
  it("is a valid iCalendar feed: all-day events per action and run of days, cancellations marked", async () => {
    const res = await fetch(`${base}/calendar.ics`);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const events = Object.values(ical.sync.parseICS(await res.text())).filter(
      (e) => e?.type === "VEVENT",
    ) as ical.VEvent[];
    const summary = events
      .map((e) => [e.summary, (e.start as Date & { dateOnly?: boolean }).dateOnly, e.status])
      .sort();
    expect(summary).toEqual([
      ["Called off: RCN nurses strike (Wales)", true, "CANCELLED"],
      ["PCS civil servants strike (UK)", true, "CONFIRMED"],
      ["RCN nurses strike (Wales)", true, "CONFIRMED"],
      ["Unite ambulance workers strike (Wales)", true, "CONFIRMED"],
      ["Unite ambulance workers strike (Wales)", true, "CONFIRMED"],
    ]);
    const rcn = events.find((e) => e.summary === "RCN nurses strike (Wales)")!;
    expect(rcn.description).toContain("https://news.example/rcn");
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it("keeps UIDs stable when other strikes are added, and answers 304 to a matching ETag", async () => {
    const uids = async () =>
      Object.keys(
        ical.sync.parseICS(await (await fetch(`${base}/calendar.ics?union=Unite`)).text()),
      ).sort();
    const before = await uids();
    const first = await fetch(`${base}/calendar.ics?union=Unite`);
    const etag = first.headers.get("etag")!;
    expect(
      (await fetch(`${base}/calendar.ics?union=Unite`, { headers: { "if-none-match": etag } }))
        .status,
    ).toBe(304);
    await store.recordStrike(
      strikeFact({
        union: "GMB",
        days: ["2023-01-26"],
        source: article("https://news.example/gmb2", "2023-01-12T08:00:00Z"),
      }),
    );
    expect(await uids()).toEqual(before);
    const all = await fetch(`${base}/calendar.ics`, { headers: { "if-none-match": etag } });
    expect(all.status).toBe(200);
  });

  it.each([
    ["union=RNC", 'Unknown union "RNC". Did you mean RCN (Royal College of Nursing)?'],
    ["region=Atlantis", 'Unknown region "Atlantis".'],
    ["sector=space", 'Unknown sector "space"'],
    ["from=yesterday", "from=yesterday is not a date: write it as YYYY-MM-DD"],
    ["from=2026-02-31", "from=2026-02-31 is not a date: February 2026 has 28 days."],
  ])("refuses ?%s with a 400 and a message", async (q, message) => {
    const res = await fetch(`${base}/calendar.ics?${q}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  });

  // The shape 2023-99-99 used to pass, and date arithmetic rolled it into another month.
  it.each([
    ["from=2023-99-99", "from=2023-99-99 is not a date: there is no month 99."],
    ["from=2026-02-31", "from=2026-02-31 is not a date: February 2026 has 28 days."],
    ["from=2023-00-10", "from=2023-00-10 is not a date: there is no month 00."],
    ["from=0001-01-01", "from=0001-01-01 is not a date: the year must be between 2000 and 2099."],
  ])(
    "refuses the malformed date ?%s with a 400 on the calendar and the page",
    async (q, message) => {
      for (const path of ["/calendar.ics", "/"]) {
        const res = await fetch(`${base}${path}?${q}`);
        expect(res.status, path).toBe(400);
        expect(await res.text(), path).toContain(message);
      }
    },
  );
});

// GET /, /api/strikes and /strikes.csv: tests/integration/page.test.ts and page-browser.test.ts.

describe("health and metrics", () => {
  it("reports ok or not per component, and details only to a holder of HEALTH_TOKEN", async () => {
    await store.feeds.add("http://10.0.0.7:8080/internal.xml", "test", clock.now());
    await store.feeds.update("http://10.0.0.7:8080/internal.xml", {
      lastError: "cannot fetch (ECONNREFUSED 10.0.0.7:8080)",
      lastErrorAt: clock.now(),
      failures: 1,
    });
    try {
      const res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        ok: true,
        status: "degraded",
        components: { store: "ok", scheduler: "ok", feeds: "degraded" },
      });
      // Nothing an outsider could map the network with: no URL, host, port or error text.
      expect(text).not.toMatch(/10\.0\.0\.7|8080|ECONNREFUSED|internal/);
      for (const auth of ["Bearer wrong-token-wrong-token", `Basic ${HEALTH_TOKEN}`, HEALTH_TOKEN])
        expect(
          await (await fetch(`${base}/healthz`, { headers: { authorization: auth } })).text(),
        ).toBe(text);

      const full = await fetch(`${base}/healthz`, {
        headers: { authorization: `Bearer ${HEALTH_TOKEN}` },
      });
      expect(await full.json()).toMatchObject({
        ok: true,
        details: {
          store: null,
          scheduler: { lastTick: "2023-01-12T10:00:00.000Z" },
          feeds: [
            {
              url: "http://10.0.0.7:8080/internal.xml",
              lastError: "cannot fetch (ECONNREFUSED 10.0.0.7:8080)",
            },
          ],
        },
      });
    } finally {
      await store.feeds.remove("http://10.0.0.7:8080/internal.xml");
    }
  });

  it("serves Prometheus text only with METRICS_TOKEN", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect(
      (
        await fetch(`${base}/metrics`, {
          headers: { authorization: "Bearer not-the-token-at-all" },
        })
      ).status,
    ).toBe(401);
    const res = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await res.text();
    expect(text).toContain("# TYPE strikewatch_feed_polls_total counter");
    expect(text).toContain("strikewatch_deliveries_total");
  });

  it("without a token /metrics is not on the public port, only on its own local server", async () => {
    const deps = {
      store,
      unions: new Unions(),
      clock,
      logger: silentLogger,
      timeZone: "Europe/London",
      metrics: await createMetrics(),
    };
    const open = await startHttpServer(httpRoutes(deps), 0);
    const local = await startHttpServer(metricsRoutes(deps), 0, { host: "127.0.0.1" });
    try {
      const at = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
      expect((await fetch(`${at(open)}/metrics`)).status).toBe(404);
      expect(await (await fetch(`${at(local)}/metrics`)).text()).toContain(
        "strikewatch_feed_polls_total",
      );
      expect((await fetch(`${at(local)}/healthz`)).status).toBe(404);
    } finally {
      for (const s of [open, local]) await new Promise<void>((r) => s.close(() => r()));
    }
  });

  it("says the store is unreachable with a 503 and Retry-After, not a 500", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const dropped = new Error("Connection terminated unexpectedly");
    for (const outage of [refused, dropped]) {
      // The real store, but every read fails as its driver reports it while PostgreSQL restarts.
      // Every read fails, whichever ones a route happens to make.
      const down = new Proxy(store, {
        get: (target, key, receiver) => {
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === "function"
            ? () => Promise.reject(fromDatabaseError(outage))
            : value;
        },
      });
      const outageServer = await startHttpServer(
        httpRoutes({
          store: down,
          unions: new Unions(),
          clock,
          logger: silentLogger,
          timeZone: "Europe/London",
        }),
        0,
      );
      const at = `http://127.0.0.1:${(outageServer.address() as AddressInfo).port}`;
      try {
        for (const path of ["/calendar.ics", "/"]) {
          const res = await fetch(`${at}${path}`);
          expect(res.status).toBe(503);
          expect(res.headers.get("retry-after")).toBe("60");
          expect(await res.text()).toContain("cannot be reached right now");
        }
      } finally {
        await new Promise<void>((r) => outageServer.close(() => r()));
      }
    }
  });

  it("answers unknown paths with 404", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
