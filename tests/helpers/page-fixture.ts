import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { httpRoutes, startHttpServer } from "../../src/http/http-app.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { article, strikeFact, user } from "./facts.ts";

/** Tuesday 1 December 2026, 09:00 in London: the page's "today" in these tests. */
export const PAGE_NOW = "2026-12-01T09:00:00Z";

const news = (slug: string, title: string, at = "2026-11-25T08:00:00Z") =>
  article(`https://news.example.org/${slug}`, at, title);

/**
 * An invented but realistic fortnight: UK-wide, national, regional and city strikes, one with no
 * area, a called-off day, a staff entry by a named person, and a source that carried an internal
 * address. Every check on the page is made against these facts.
 */
export async function seedPageFixture(store: EventStore): Promise<void> {
  const facts = [
    strikeFact({
      union: "RMT",
      workforce: "rail workers",
      sector: "rail",
      regions: ["UK"],
      days: ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"],
      source: news("rmt-week", "RMT announces week of rail strikes"),
    }),
    strikeFact({
      union: "ASLEF",
      workforce: "train drivers",
      sector: "rail",
      regions: ["England"],
      days: ["2026-12-10"],
      source: news("aslef", "Train drivers to strike on 10 December"),
    }),
    strikeFact({
      union: "Unison",
      workforce: "health workers",
      regions: ["London", "North West"],
      days: ["2026-12-08"],
      source: user("U0STAFF", "2026-11-30T15:00:00Z", "Jo Bloggs"),
    }),
    strikeFact({
      union: "RCN",
      workforce: "nurses",
      regions: ["Wales"],
      days: ["2026-12-02", "2026-12-03"],
      source: news("rcn-wales", "Welsh nurses to strike twice"),
    }),
    strikeFact({
      union: "RCN",
      workforce: "nurses",
      regions: ["Wales"],
      days: ["2026-12-03"],
      status: "cancelled",
      source: news("rcn-off", "Second nurses' strike called off", "2026-11-28T08:00:00Z"),
    }),
    strikeFact({
      union: "BMA",
      workforce: "junior doctors",
      regions: ["England"],
      days: ["2026-12-01", "2026-12-02", "2026-12-03"],
      source: news("bma", "Junior doctors begin three-day walkout"),
    }),
    strikeFact({
      union: "Unite",
      workforce: "ambulance workers",
      regions: ["Scotland"],
      days: ["2026-12-04"],
      source: article(
        "http://intranet.corp/memos/ambulance",
        "2026-11-26T08:00:00Z",
        "Ambulance strike notice",
      ),
    }),
    strikeFact({
      union: "NEU",
      workforce: "teachers",
      sector: "education",
      regions: ["Manchester"],
      days: ["2026-12-02"],
      source: news("neu-manchester", "Manchester teachers walk out"),
    }),
    strikeFact({
      union: "GMB",
      workforce: "ambulance workers",
      regions: [],
      days: ["2026-12-02"],
      source: news("gmb", "GMB ambulance staff to strike"),
    }),
    strikeFact({
      union: "EIS",
      workforce: "teachers",
      sector: "education",
      regions: ["Glasgow"],
      days: ["2026-12-15"],
      source: news("eis", "Glasgow teachers set strike date"),
    }),
    strikeFact({
      union: "PCS",
      workforce: "civil servants",
      sector: "civil service",
      regions: ["UK"],
      days: ["2026-12-16"],
      status: "threatened",
      source: news("pcs", "PCS threatens civil service walkout"),
    }),
  ];
  for (const f of facts) await store.recordStrike(f);
  await store.recordStance({
    union: "GMB",
    stance: "rejected_offer",
    about: "one-off payment",
    source: news("gmb-offer", "GMB rejects one-off payment", "2026-11-27T10:00:00Z"),
  });
  await store.recordStance({
    union: "RCN",
    stance: "balloting",
    about: "pay",
    source: user("U0STAFF", "2026-11-29T12:00:00Z", "Jo Bloggs"),
  });
  await store.recordStance({
    union: "RMT",
    stance: "in_talks",
    about: "pay and conditions",
    source: news("rmt-talks", "RMT in talks", "2026-11-30T10:00:00Z"),
  });
}

/** The bot's own HTTP server over a store, on a free loopback port. */
export async function servePage(
  store: EventStore,
  clock: Clock,
  publicBaseUrl = "https://strikes.example.org",
): Promise<{ server: Server; base: string; close(): Promise<void> }> {
  const server = await startHttpServer(
    httpRoutes({
      store,
      unions: new Unions(),
      clock,
      logger: silentLogger,
      timeZone: "Europe/London",
      publicBaseUrl,
    }),
    0,
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    base,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
