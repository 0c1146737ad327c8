import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import ical from "node-ical";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { addDays } from "../../src/domain/calendar.ts";
import { Unions } from "../../src/domain/unions.ts";
import { CalendarService, type CalendarLimits } from "../../src/http/calendar-service.ts";
import { httpRoutes, startHttpServer } from "../../src/http/http-app.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { storeFactories } from "../helpers/stores.ts";

const TODAY = "2023-06-14";

/** The store, counting the day queries made through it: a 304 or a cached body makes none. */
function counting(store: EventStore): { store: EventStore; dayQueries: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "strikeDays")
        return (...args: Parameters<EventStore["strikeDays"]>) => {
          n++;
          return target.strikeDays(...args);
        };
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: proxy, dayQueries: () => n };
}

const VEVENTS = (body: string) =>
  Object.values(ical.sync.parseICS(body)).filter((e) => e?.type === "VEVENT") as ical.VEvent[];

describe.each(storeFactories())("GET /calendar.ics on $kind", (factory) => {
  const clock = manualClock(`${TODAY}T09:00:00Z`);
  let store: EventStore;
  let counted: ReturnType<typeof counting>;
  let servers: Server[] = [];
  let n = 0;

  const strike = (union: string, days: string[], regions = ["Wales"]) =>
    store.recordStrike(
      strikeFact({
        union,
        workforce: union === "RCN" ? "nurses" : "ambulance workers",
        regions,
        days,
        source: article(`https://news.example/${union}/${++n}`, "2023-06-01T08:00:00Z"),
      }),
    );

  async function serve(limits?: Partial<CalendarLimits>) {
    const calendar = new CalendarService({
      store: counted.store,
      unions: new Unions(),
      clock,
      timeZone: "Europe/London",
      host: "strikes.example.org",
      limits,
    });
    const server = await startHttpServer(
      httpRoutes({
        store: counted.store,
        unions: new Unions(),
        clock,
        logger: silentLogger,
        timeZone: "Europe/London",
        publicBaseUrl: "https://strikes.example.org",
        calendar,
      }),
      0,
      { host: "127.0.0.1" },
    );
    servers.push(server);
    return {
      calendar,
      url: (q = "") =>
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/calendar.ics${q}`,
    };
  }

  beforeAll(async () => {
    store = await factory.open(clock);
    counted = counting(store);
    await strike("Unite", ["2023-06-19", "2023-06-20"]);
    await strike("RCN", ["2023-07-03"]);
    await strike("GMB", ["2023-06-21"], ["England"]);
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    servers = [];
    clock.set(`${TODAY}T09:00:00Z`);
  });
  afterAll(async () => {
    await store.close();
    await factory.cleanup();
  });

  it("keeps its ETag and bytes while nothing changes, and answers a repeat poll 304 without reading a row", async () => {
    const { url } = await serve();
    const first = await fetch(url("?union=Unite"));
    const etag = first.headers.get("etag")!;
    const body = await first.text();
    expect(etag).toMatch(/^"[\w-]+"$/);
    // Later the same day: no DTSTAMP = now, so nothing differs.
    clock.advance(3 * 3600_000);
    const before = counted.dayQueries();
    const second = await fetch(url("?union=Unite"));
    expect(second.headers.get("etag")).toBe(etag);
    expect(await second.text()).toBe(body);
    const polled = await fetch(url("?union=Unite"), { headers: { "if-none-match": etag } });
    expect(polled.status).toBe(304);
    expect(await polled.text()).toBe("");
    expect(counted.dayQueries()).toBe(before);
  });

  it("changes its ETag and body when the data changes, for every filter", async () => {
    const { url } = await serve();
    const before = await fetch(url("?union=Unite"));
    const etag = before.headers.get("etag")!;
    await strike("Unite", ["2023-06-27"]);
    const after = await fetch(url("?union=Unite"), { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(VEVENTS(await after.text()).map((e) => e.start.toISOString().slice(0, 10))).toContain(
      "2023-06-27",
    );
  });

  it("shares one body between the same filters in any order, and one rendering between requests that miss together", async () => {
    const { url } = await serve();
    const before = counted.dayQueries();
    const bodies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        fetch(url(i % 2 ? "?union=RCN&union=Unite" : "?union=Unite&union=RCN")).then((r) =>
          r.text(),
        ),
      ),
    );
    expect(new Set(bodies).size).toBe(1);
    const oneRendering = counted.dayQueries() - before;
    expect(oneRendering).toBeGreaterThan(0);
    // A second, separate miss (new data) costs the same again: the six above shared one.
    await strike("RCN", ["2023-07-04"]);
    const mid = counted.dayQueries();
    await fetch(url("?union=RCN&union=Unite"));
    expect(counted.dayQueries() - mid).toBe(oneRendering);
  });

  it("covers three months back and twelve ahead, or what CALENDAR_MONTHS_* say", async () => {
    await strike("RCN", [addDays(TODAY, -100)], ["Scotland"]); // before 14 Mar
    await strike("RCN", [addDays(TODAY, -80)], ["Scotland"]);
    await strike("RCN", [addDays(TODAY, 360)], ["Scotland"]);
    await strike("RCN", [addDays(TODAY, 370)], ["Scotland"]); // after 14 Jun 2024
    const days = async (u: string) =>
      VEVENTS(await (await fetch(u)).text())
        .map((e) => e.start.toISOString().slice(0, 10))
        .sort();
    const wide = await serve();
    expect(await days(wide.url("?region=Scotland"))).toEqual([
      addDays(TODAY, -80),
      addDays(TODAY, 360),
    ]);
    const narrow = await serve({ monthsBack: 1, monthsAhead: 6 });
    expect(await days(narrow.url("?region=Scotland"))).toEqual([]);
  });

  it("keeps upcoming whole days first when a window holds more than CALENDAR_MAX_DAYS, and says what it left out", async () => {
    const { url } = await serve({ maxDays: 3 });
    const res = await fetch(url("?union=Unite&union=GMB"));
    const body = await res.text();
    // Upcoming: Unite 19–20 Jun and GMB 21 Jun fill the three days; 27 Jun is left out.
    expect(
      VEVENTS(body)
        .map((e) => e.start.toISOString().slice(0, 10))
        .sort(),
    ).toEqual(["2023-06-19", "2023-06-21"]);
    expect(body.replace(/\r\n /g, "")).toContain("so the rest are left out");
  });

  it("says its filters in its name, answers HEAD without a body, and refuses bad filters with a 400", async () => {
    const { url } = await serve();
    const body = (await (await fetch(url("?union=RCN&region=Wales"))).text()).replace(/\r\n /g, "");
    expect(body).toContain("X-WR-CALNAME:Strikes: RCN · Wales (strikewatch)\r\n");
    expect(body).toContain("NAME:Strikes: RCN · Wales (strikewatch)\r\n");
    const all = await (await fetch(url())).text();
    expect(all).toContain("X-WR-CALNAME:All strikes (strikewatch)\r\n");
    const head = await fetch(url("?union=RCN"), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(100);
    expect(await head.text()).toBe("");
    const bad = await fetch(url("?union=RNC"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Did you mean RCN");
  });

  it("moves its window, and so its ETag, when the day changes", async () => {
    const { url } = await serve();
    const etag = (await fetch(url("?union=Unite"))).headers.get("etag");
    clock.advance(24 * 3600_000);
    expect((await fetch(url("?union=Unite"))).headers.get("etag")).not.toBe(etag);
  });
});
