import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { createExtractor } from "../../src/ingest/extract/extract-article.ts";
import { FeedPoller } from "../../src/ingest/feed-poller.ts";
import { HostQueue } from "../../src/ingest/host-queue.ts";
import { silentLogger } from "../../src/logger.ts";
import { MAX_SOURCES_PER_FACT } from "../../src/store/merge.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { NewsSite, rss } from "../helpers/news-site.ts";
import { storeFactories, type StoreFactory } from "../helpers/stores.ts";

/*
 * Retention: a feed whose guids and links change on every poll, with the same stories, used to
 * add a feed_items row per item per poll, a sources row per link, and a log entry per link, for
 * ever. The log of facts stays; what only served deduplication is bounded.
 */
const factories = storeFactories();
afterAll(async () => {
  for (const f of factories) await f.cleanup();
});

async function count(factory: StoreFactory, table: string): Promise<number> {
  const where = factory.location();
  if (factory.kind === "sqlite") {
    const db = new Database(where, { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const url = new URL(where);
  const schema = url.searchParams.get("schema")!;
  url.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM ${pg.escapeIdentifier(schema)}.${table}`,
    );
    return Number(r.rows[0]!.n);
  } finally {
    await client.end();
  }
}

const STORIES = [
  {
    title: "Rail workers to strike",
    description: "RMT rail workers will strike on 16 and 18 March, the union said.",
  },
  {
    title: "Union rejects offer",
    description: "The GMB union has rejected the one-off payment offered by ministers.",
  },
  { title: "Floods in the north", description: "Heavy rain caused flooding on Thursday." },
  { title: "Weather", description: "Rain later." },
  { title: "Sport", description: "A draw." },
];

describe.each(factories)("on $kind", (factory) => {
  const clock = manualClock("2023-03-10T10:00:00Z");
  let store: EventStore;
  let site: NewsSite;
  let base: string;
  let poll = 0;
  beforeEach(async () => {
    clock.set("2023-03-10T10:00:00Z");
    store = await factory.open(clock);
    site = new NewsSite();
    poll = 0;
    // Every request: the same five stories under new guids and new links.
    site.route("/churn.xml", (_req, res) => {
      poll++;
      res.writeHead(200).end(
        rss(
          STORIES.map((s, i) => ({
            ...s,
            guid: `p${poll}-i${i}`,
            link: `http://news.test/story/${i}?session=${poll}`,
            pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
          })),
        ),
      );
    });
    base = await site.start();
  });
  afterEach(async () => {
    await site.stop();
    await store.close();
  });

  const poller = () =>
    new FeedPoller({
      store,
      extract: createExtractor(new Unions()),
      clock,
      logger: silentLogger,
      timeZone: "Europe/London",
      reviewBelow: 0.7,
      hosts: new HostQueue(),
      network: { allow: ["127.0.0.1"] },
      retention: { keepDays: 30, keepPerFeed: 40 },
      // The stories' links are not fetched: their summaries are what is read.
      thinSummaryChars: 0,
    });

  it("a feed whose guids and links change every poll adds rows only up to the bounds", async () => {
    const p = poller();
    const url = `${base}/churn.xml`;
    await store.feeds.add(url, "test", clock.now());
    const polls = 60;
    for (let i = 0; i < polls; i++) {
      clock.advance(600_000);
      const r = await p.pollFeed((await store.feeds.get(url))!);
      expect(r.outcome).toBe("updated");
    }
    expect(poll).toBe(polls);
    // 300 item rows before; now the 40 most recent (the 5 listed now among them).
    expect(await count(factory, "feed_items")).toBe(40);
    // The facts: one action, its two days, one stance; each cited by at most 20 links.
    const days = await store.strikeDays({ from: "2023-03-01", to: "2023-03-31" });
    expect(days.map((d) => d.day)).toEqual(["2023-03-16", "2023-03-18"]);
    expect(await count(factory, "action_sources")).toBe(MAX_SOURCES_PER_FACT);
    expect(await count(factory, "stances")).toBe(MAX_SOURCES_PER_FACT);
    // Every source row is cited by something: none left behind by a write that changed nothing.
    expect(await count(factory, "sources")).toBe(MAX_SOURCES_PER_FACT * 2);
    // The log: one announcement, then one entry per new citation up to the cap, then nothing.
    const events = await store.eventsAfter(0, 10_000);
    expect(events.length).toBeLessThanOrEqual(2 * MAX_SOURCES_PER_FACT);
    const again = events.length;
    for (let i = 0; i < 5; i++) {
      clock.advance(600_000);
      await p.pollFeed((await store.feeds.get(url))!);
    }
    expect(await store.eventsAfter(0, 10_000)).toHaveLength(again);
  });

  it("forgets items the feed stopped listing after keepDays, never the ones it still lists", async () => {
    let listed = ["a", "b", "c"];
    site.route("/steady.xml", (_req, res) =>
      res.writeHead(200).end(
        rss(
          listed.map((g) => ({
            guid: g,
            title: `Story ${g}`,
            description: "Rain later.",
            pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
          })),
        ),
      ),
    );
    const p = poller();
    const url = `${base}/steady.xml`;
    await store.feeds.add(url, "test", clock.now());
    await p.pollFeed((await store.feeds.get(url))!);
    listed = ["a", "d"]; // b and c dropped out of the feed
    clock.advance(10 * 86_400_000);
    await p.pollFeed((await store.feeds.get(url))!);
    expect(await count(factory, "feed_items")).toBe(4); // b and c still remembered
    clock.advance(25 * 86_400_000);
    const r = await p.pollFeed((await store.feeds.get(url))!);
    expect(r.newOrChanged).toBe(0); // a, first seen 35 days ago, is still known
    expect(await count(factory, "feed_items")).toBe(2);
    expect(await store.feeds.seenItem(url, "a")).toBeDefined();
    expect(await store.feeds.seenItem(url, "b")).toBeUndefined();
  });
});
