import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { httpRoutes, startHttpServer } from "../../src/http/http-app.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const factory = sqliteFactory();
const clock = manualClock("2023-01-12T10:00:00Z");
let store: EventStore;
let server: Server;
let base: string;

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
});

// GET /, /api/strikes and /strikes.csv: tests/integration/page.test.ts and page-browser.test.ts.

describe("health and metrics", () => {
  it("reports the store, feeds and scheduler", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      store: "ok",
      scheduler: { lastTick: "2023-01-12T10:00:00.000Z" },
      feeds: [],
    });
  });
  it("serves Prometheus text", async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain("# TYPE strikewatch_feed_polls_total counter");
    expect(text).toContain("strikewatch_deliveries_total");
  });
  it("says the store is unreachable with a 503 and Retry-After, not a 500", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const dropped = new Error("Connection terminated unexpectedly");
    for (const outage of [refused, dropped]) {
      // The real store, but every read fails as it does while PostgreSQL restarts.
      const down = Object.assign(Object.create(store) as EventStore, {
        strikeDays: () => Promise.reject(outage),
        actions: () => Promise.reject(outage),
        activity: () => Promise.reject(outage),
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
