import type { ServerResponse } from "node:http";
import type { LookupAddress } from "node:dns";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { createExtractor } from "../../src/ingest/extract/extract-article.ts";
import { FeedPoller, type PassLimits } from "../../src/ingest/feed-poller.ts";
import { HostQueue } from "../../src/ingest/host-queue.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { NewsSite, rss, type FixtureItem } from "../helpers/news-site.ts";
import { startService } from "../helpers/service.ts";
import { sqliteFactory } from "../helpers/stores.ts";

/*
 * A slow or huge feed must not starve the others: a deadline for each feed's whole pass,
 * rounds that do not wait for their slowest feed, a cap on items read per pass, and shutdown
 * aborting whatever is in flight. The fetch timeout is set far beyond the test's own timeout,
 * so only these limits can end a hanging exchange in time.
 */
const factory = sqliteFactory();
afterAll(() => factory.cleanup());

const clock = manualClock("2023-03-10T10:00:00Z");
let store: EventStore;
let site: NewsSite;
let port: number;
const hanging: ServerResponse[] = [];

// Two "sites" on the one loopback listener, told apart by name (the host queue keeps one
// request per host at a time, so the slow site must not hold the other one up).
const resolve = (): Promise<LookupAddress[]> =>
  Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
const url = (host: string, path: string) => `http://${host}:${port}${path}`;

const thinStrikeItems = (n: number, host: string): FixtureItem[] =>
  Array.from({ length: n }, (_, i) => ({
    guid: `${host}-${i}`,
    title: `Nurses strike update ${i}`,
    description: "The union says a strike is coming.",
    link: url(host, `/article/${i}`),
    pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
  }));

function poller(pass: Partial<PassLimits>) {
  return new FeedPoller({
    store,
    extract: createExtractor(new Unions()),
    clock,
    logger: silentLogger,
    timeZone: "Europe/London",
    reviewBelow: 0.7,
    hosts: new HostQueue(),
    random: () => 0.5,
    limits: { timeoutMs: 600_000 },
    network: { allow: ["slow.test", "fast.test", "big.test"], resolve },
    pass,
  });
}

beforeEach(async () => {
  clock.set("2023-03-10T10:00:00Z");
  store = await factory.open(clock);
  site = new NewsSite();
  port = Number(new URL(await site.start()).port);
  site.route("/slow.xml", (_req, res) =>
    res.writeHead(200, { etag: '"s"' }).end(rss(thinStrikeItems(20, "slow.test"))),
  );
  for (let i = 0; i < 20; i++) site.route(`/article/${i}`, (_req, res) => void hanging.push(res)); // never answers
  site.route("/fast.xml", (_req, res) =>
    res.writeHead(200).end(
      rss([
        {
          guid: "f1",
          title: "Midwives to strike in Wales",
          description:
            "Members of the Royal College of Midwives in Wales will strike on 14 and 15 March, the RCM said.",
          pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
        },
      ]),
    ),
  );
});
afterEach(async () => {
  hanging.splice(0).forEach((r) => r.destroy());
  await site.stop();
  await store.close();
});

const articleRequests = () => site.requests.filter((r) => r.path.startsWith("/article/")).length;

describe("one feed's pass", () => {
  it("ends at its deadline, keeping unread items (and no ETag) for the next pass", async () => {
    const p = poller({ deadlineMs: 300 });
    await store.feeds.add(url("slow.test", "/slow.xml"), "test", clock.now());
    const report = await p.pollFeed((await store.feeds.get(url("slow.test", "/slow.xml")))!);
    expect(report.outcome).toBe("updated");
    expect(report.items).toBe(20);
    // Every item is still unread: the one whose article hung was not ingested half-read.
    expect(report.newOrChanged + report.deferred).toBe(20);
    expect(report.deferred).toBeGreaterThan(0);
    expect(report.reason).toMatch(
      /left for the next pass: this feed's pass took longer than 0.3 s/,
    );
    const feed = (await store.feeds.get(url("slow.test", "/slow.xml")))!;
    expect(feed.etag).toBeNull(); // else a 304 next time would hide the unread items
    expect(await store.feeds.seenItem(feed.url, "slow.test-19")).toBeUndefined();
    expect(articleRequests()).toBeLessThan(20);
  });

  it("reads at most maxItems new items, and the rest on the next passes", async () => {
    site.route("/big.xml", (_req, res) =>
      res.writeHead(200, { etag: '"b"' }).end(
        rss(
          Array.from({ length: 25 }, (_, i) => ({
            guid: `big-${i}`,
            title: `Weather report ${i}`,
            description: "Rain later.",
            pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
          })),
        ),
      ),
    );
    const p = poller({ maxItems: 10 });
    const feedUrl = url("big.test", "/big.xml");
    await store.feeds.add(feedUrl, "test", clock.now());
    const passes = [];
    for (let i = 0; i < 3; i++) passes.push(await p.pollFeed((await store.feeds.get(feedUrl))!));
    expect(passes.map((r) => [r.newOrChanged, r.deferred])).toEqual([
      [10, 15],
      [10, 5],
      [5, 0],
    ]);
    expect(passes[0]!.reason).toContain("at most 10 new items are read per pass");
    expect((await store.feeds.get(feedUrl))!.etag).toBe('"b"'); // kept once nothing is left
  });
});

describe("polling rounds", () => {
  it("do not wait for a slow feed: a feed added meanwhile is read on the next tick", async () => {
    const p = poller({ deadlineMs: 600_000 });
    await store.feeds.add(url("slow.test", "/slow.xml"), "test", clock.now());
    p.start(20);
    try {
      await vi.waitFor(() => expect(articleRequests()).toBeGreaterThan(0), { timeout: 10_000 });
      await store.feeds.add(url("fast.test", "/fast.xml"), "test", clock.now());
      await vi.waitFor(
        async () =>
          expect(
            (await store.feeds.get(url("fast.test", "/fast.xml")))!.lastSuccessAt,
          ).not.toBeNull(),
        { timeout: 10_000, interval: 20 },
      );
      // ...while the slow feed is still on its first article.
      expect((await store.feeds.get(url("slow.test", "/slow.xml")))!.lastPolledAt).toBeNull();
      expect(await store.strikeDays({ from: "2023-03-14", to: "2023-03-15" })).toHaveLength(2);
    } finally {
      await p.stop();
    }
  });

  it("stop() aborts fetches in flight instead of waiting for them, and counts no failure", async () => {
    const p = poller({ deadlineMs: 600_000 });
    await store.feeds.add(url("slow.test", "/slow.xml"), "test", clock.now());
    p.start(20);
    await vi.waitFor(() => expect(hanging.length).toBeGreaterThan(0), { timeout: 10_000 });
    const closed = new Promise<void>((r) => hanging[0]!.on("close", () => r()));
    await p.stop(); // would wait out the 600 s fetch timeout before
    await closed;
    const feed = (await store.feeds.get(url("slow.test", "/slow.xml")))!;
    expect(feed.failures).toBe(0);
    expect(await store.feeds.seenItem(feed.url, "slow.test-0")).toBeUndefined();
  });
});

it("SIGTERM stops `strikewatch run` mid-pass, with status 0", async () => {
  site.route("/loop.xml", (_req, res) =>
    res.writeHead(200).end(
      rss(
        thinStrikeItems(20, "slow.test").map((i) => ({
          ...i,
          link: i.link!.replace("slow.test", "127.0.0.1"),
        })),
      ),
    ),
  );
  const service = await startService({
    FEEDS: `http://127.0.0.1:${port}/loop.xml`,
    FEEDS_ALLOW_PRIVATE: "127.0.0.1",
    FEED_TIMEOUT_S: "300",
    FEED_PASS_DEADLINE_S: "3600",
  });
  await vi.waitFor(() => expect(hanging.length).toBeGreaterThan(0), { timeout: 15_000 });
  expect(await service.stop(), service.stderr()).toBe(0);
}, 30_000);
