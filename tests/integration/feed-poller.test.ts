import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { createExtractor } from "../../src/ingest/extract/extract-article.ts";
import { FeedPoller } from "../../src/ingest/feed-poller.ts";
import { HostQueue } from "../../src/ingest/host-queue.ts";
import { nextPoll } from "../../src/ingest/poll-schedule.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { NewsSite, rss } from "../helpers/news-site.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const factory = sqliteFactory();
afterAll(() => factory.cleanup());

const STRIKE_ITEM = {
  guid: "story-1",
  title: "Midwives to strike in Wales",
  description:
    "Members of the Royal College of Midwives in Wales will strike on 14 and 15 March, the RCM said.",
  link: "http://news.test/story-1",
  pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
};
const OTHER_ITEM = {
  guid: "story-2",
  title: "Floods hit the north",
  description: "Heavy rain caused flooding across the north of England on Thursday.",
  pubDate: "Fri, 10 Mar 2023 08:00:00 GMT",
};

describe("feed poller", () => {
  const clock = manualClock("2023-03-10T10:00:00Z");
  let store: EventStore;
  let site: NewsSite;
  let base: string;
  let poller: FeedPoller;

  beforeEach(async () => {
    clock.set("2023-03-10T10:00:00Z");
    store = await factory.open(clock);
    site = new NewsSite();
    base = await site.start();
    poller = new FeedPoller({
      store,
      extract: createExtractor(new Unions()),
      clock,
      logger: silentLogger,
      timeZone: "Europe/London",
      reviewBelow: 0.7,
      hosts: new HostQueue(),
      random: () => 0.5,
      limits: { timeoutMs: 300, maxBytes: 200_000, maxRedirects: 3 },
      // The local news site is on loopback: allowed here as an operator would allow an
      // internal feed (FEEDS_ALLOW_PRIVATE).
      network: { allow: ["127.0.0.1"] },
    });
  });
  afterEach(async () => {
    await site.stop();
    await store.close();
  });

  async function poll(path: string) {
    await store.feeds.add(`${base}${path}`, "test", clock.now());
    return poller.pollFeed((await store.feeds.get(`${base}${path}`))!);
  }

  it("reads a feed, records the strike it reports and cites the article", async () => {
    site.route("/feed.xml", (_req, res) =>
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(rss([STRIKE_ITEM, OTHER_ITEM])),
    );
    const report = await poll("/feed.xml");
    expect(report).toMatchObject({ outcome: "updated", items: 2, newOrChanged: 2 });
    const days = await store.strikeDays({ from: "2023-03-01", to: "2023-03-31" });
    expect(days.map((d) => [d.union, d.day, d.status])).toEqual([
      ["RCM", "2023-03-14", "planned"],
      ["RCM", "2023-03-15", "planned"],
    ]);
    expect(days[0]!.source).toMatchObject({
      kind: "article",
      url: "http://news.test/story-1",
      label: "Midwives to strike in Wales",
    });
    const feed = (await store.feeds.get(`${base}/feed.xml`))!;
    expect(feed).toMatchObject({ title: "Test News", failures: 0, lastError: null });
    // Default interval 600 s with jitter centred (random 0.5 → ×1).
    expect(feed.nextPollAt?.toISOString()).toBe("2023-03-10T10:10:00.000Z");
  });

  it("makes conditional requests: a 304 is not parsed and changes nothing", async () => {
    let parsedBodies = 0;
    site.route("/feed.xml", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
      parsedBodies++;
      res
        .writeHead(200, { etag: '"v1"', "last-modified": "Fri, 10 Mar 2023 09:00:00 GMT" })
        .end(rss([STRIKE_ITEM]));
    });
    await poll("/feed.xml");
    const before = await store.eventsAfter(0);
    const second = await poller.pollFeed((await store.feeds.get(`${base}/feed.xml`))!);
    expect(second.outcome).toBe("not_modified");
    expect(parsedBodies).toBe(1);
    expect(site.requests[1]!.headers["if-none-match"]).toBe('"v1"');
    expect(site.requests[1]!.headers["if-modified-since"]).toBe("Fri, 10 Mar 2023 09:00:00 GMT");
    expect(await store.eventsAfter(0)).toEqual(before);
  });

  it("re-reads an item only when its text changed, and records the change", async () => {
    let version = 1;
    site.route("/feed.xml", (_req, res) => {
      const item =
        version === 1
          ? STRIKE_ITEM
          : {
              ...STRIKE_ITEM,
              description:
                "The RCM has suspended the strike planned for 14 and 15 March after a new offer.",
            };
      res.writeHead(200, { etag: `"v${Math.random()}"` }).end(rss([item]));
    });
    await poll("/feed.xml");
    const feed = () => store.feeds.get(`${base}/feed.xml`).then((f) => f!);
    expect((await poller.pollFeed(await feed())).newOrChanged).toBe(0); // new ETag, same content
    version = 2;
    clock.advance(3600_000);
    const changed = await poller.pollFeed(await feed());
    expect(changed.newOrChanged).toBe(1);
    const days = await store.strikeDays({ from: "2023-03-14", to: "2023-03-15" });
    expect(days.map((d) => d.status)).toEqual(["suspended", "suspended"]);
  });

  it("honours Retry-After on 429 and backs off exponentially, then pauses the feed", async () => {
    site.route("/busy.xml", (_req, res) => res.writeHead(429, { "retry-after": "7200" }).end());
    const first = await poll("/busy.xml");
    expect(first).toMatchObject({ outcome: "failed", reason: "HTTP 429 (busy)" });
    let feed = (await store.feeds.get(`${base}/busy.xml`))!;
    expect(feed.nextPollAt!.getTime() - clock.now().getTime()).toBe(7200_000);
    for (let i = 0; i < 4; i++) {
      clock.set(feed.nextPollAt!);
      await poller.pollFeed(feed);
      feed = (await store.feeds.get(`${base}/busy.xml`))!;
    }
    expect(feed).toMatchObject({ failures: 5, paused: true, lastError: "HTTP 429 (busy)" });
    expect(await poller.runDue()).toEqual([]); // paused feeds are not polled
  });

  it("computes backoff, jitter and the feed's own minimum interval", () => {
    const now = new Date("2023-03-10T10:00:00Z");
    const at = (ok: boolean, failures: number, minIntervalS = 0, r = 0.5) =>
      (nextPoll(now, failures, { ok, minIntervalS }, undefined, () => r).nextPollAt.getTime() -
        now.getTime()) /
      1000;
    expect(at(true, 0)).toBe(600);
    expect(at(true, 0, 1800)).toBe(1800); // <ttl>30</ttl> or max-age=1800
    expect(at(true, 0, 0, 0)).toBe(540); // jitter -10%
    expect(at(true, 0, 0, 1)).toBe(660); // jitter +10%
    expect([1, 2, 3].map((f) => at(false, f - 1))).toEqual([600, 1200, 2400]);
    expect(at(false, 20)).toBe(6 * 3600);
  });

  it("follows redirects, but not loops or too many", async () => {
    site.route("/old.xml", (_req, res) => res.writeHead(301, { location: "/feed.xml" }).end());
    site.route("/feed.xml", (_req, res) => res.writeHead(200).end(rss([OTHER_ITEM])));
    site.route("/a", (_req, res) => res.writeHead(302, { location: "/b" }).end());
    site.route("/b", (_req, res) => res.writeHead(302, { location: "/a" }).end());
    expect((await poll("/old.xml")).outcome).toBe("updated");
    expect(await poll("/a")).toMatchObject({
      outcome: "failed",
      reason: expect.stringContaining("redirect loop"),
    });
  });

  describe("bad feeds never hurt good ones", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title></channel></rss>`;
    // Built once, up front: compressing 50 MB inside the handler could outlast the 0.3 s timeout.
    const gzipBomb = gzipSync(Buffer.alloc(50_000_000, 32));
    const cases: [string, (res: ServerResponse) => void, string][] = [
      [
        "malformed XML",
        (res) => res.writeHead(200).end("<rss><channel><item><title>broken"),
        "not a valid RSS or Atom feed",
      ],
      [
        "HTML served as a feed",
        (res) =>
          res
            .writeHead(200, { "content-type": "text/html" })
            .end("<!doctype html><html><body>Hi</body></html>"),
        "looks like an HTML page",
      ],
      ["an empty body", (res) => res.writeHead(200).end(""), "empty response"],
      ["an entity-expansion bomb", (res) => res.writeHead(200).end(bomb), "declares XML entities"],
      [
        "an entity bomb hidden behind 30 KB of comment",
        (res) =>
          res
            .writeHead(200)
            .end(bomb.replace("<!DOCTYPE", `<!-- ${"padding ".repeat(4000)} --><!DOCTYPE`)),
        "declares XML entities",
      ],
      [
        "a body over the size cap",
        (res) => res.writeHead(200).end("<rss>" + "x".repeat(400_000)),
        "over the 200000-byte limit",
      ],
      [
        "a gzip bomb",
        (res) => res.writeHead(200, { "content-encoding": "gzip" }).end(gzipBomb),
        "limit",
      ],
      ["a server that never answers", () => undefined, "no answer within 0.3 s"],
      [
        "a server that trickles a byte at a time",
        (res) => {
          res.writeHead(200, { "content-type": "application/rss+xml" });
          const body = rss([STRIKE_ITEM]);
          let i = 0;
          const timer = setInterval(() => {
            if (res.destroyed || i >= body.length) return void clearInterval(timer);
            res.write(body[i++]);
          }, 20);
        },
        "no answer within 0.3 s",
      ],
      ["a 500", (res) => res.writeHead(500).end(), "HTTP 500"],
    ];
    it.each(cases)("%s", async (_name, handler, reason) => {
      site.route("/bad.xml", (_req, res) => handler(res));
      site.route("/good.xml", (_req, res) => res.writeHead(200).end(rss([STRIKE_ITEM])));
      await store.feeds.add(`${base}/bad.xml`, "test", clock.now());
      await store.feeds.add(`${base}/good.xml`, "test", clock.now());
      const reports = await poller.runDue();
      const bad = reports.find((r) => r.url.endsWith("/bad.xml"))!;
      expect(bad.outcome).toBe("failed");
      expect(bad.reason).toContain(reason);
      expect((await store.feeds.get(`${base}/bad.xml`))!).toMatchObject({
        failures: 1,
        lastError: bad.reason,
      });
      // The good feed was read, and only its facts are in the store.
      const days = await store.strikeDays({ from: "2000-01-01", to: "2100-01-01" });
      expect(days.map((d) => `${d.union} ${d.day}`)).toEqual(["RCM 2023-03-14", "RCM 2023-03-15"]);
    });

    it("reads a feed with invalid UTF-8 without losing its good items", async () => {
      const xml = Buffer.concat([
        Buffer.from(rss([{ ...STRIKE_ITEM, title: "Midwives to strike XX" }]).split("XX")[0]!),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(rss([{ ...STRIKE_ITEM, title: "Midwives to strike XX" }]).split("XX")[1]!),
      ]);
      site.route("/latin.xml", (_req, res) =>
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(xml),
      );
      expect((await poll("/latin.xml")).outcome).toBe("updated");
      expect(await store.strikeDays({ from: "2023-03-14", to: "2023-03-14" })).toHaveLength(1);
    });
  });

  it("fetches the linked article when the summary is too thin to hold dates", async () => {
    const page = `<!doctype html><html><head><title>Nurses strike</title></head><body><nav>Home | News</nav>
      <article><h1>Nurses to strike</h1><p>${"Background about the long-running dispute over pay. ".repeat(8)}</p>
      <p>Members of the Royal College of Nursing in Scotland will strike on 20 and 21 March, the union said.</p></article>
      <footer>Copyright</footer></body></html>`;
    site.route("/story", (_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end(page),
    );
    site.route("/thin.xml", (_req, res) =>
      res.writeHead(200).end(
        rss([
          {
            guid: "t1",
            title: "Nurses to strike in Scotland",
            description: "The RCN has announced new strike dates.",
            link: `${base}/story`,
            pubDate: STRIKE_ITEM.pubDate,
          },
        ]),
      ),
    );
    await poll("/thin.xml");
    expect(site.count("/story")).toBe(1);
    const days = await store.strikeDays({ from: "2023-03-20", to: "2023-03-21" });
    expect(days.map((d) => `${d.union} ${d.day}`)).toEqual(["RCN 2023-03-20", "RCN 2023-03-21"]);
  });

  it("sends at most one request at a time to a host", async () => {
    const slow = (res: ServerResponse) =>
      setTimeout(() => res.writeHead(200).end(rss([OTHER_ITEM])), 30);
    for (const p of ["/1.xml", "/2.xml", "/3.xml"]) {
      site.route(p, (_req, res) => slow(res));
      await store.feeds.add(`${base}${p}`, "test", clock.now());
    }
    const reports = await poller.runDue();
    expect(reports.map((r) => r.outcome)).toEqual(["updated", "updated", "updated"]);
    expect(site.maxConcurrent).toBe(1);
  });

  it("holds low-confidence readings for review instead of publishing them", async () => {
    site.route("/unnamed.xml", (_req, res) =>
      res.writeHead(200).end(
        rss([
          {
            guid: "u1",
            title: "Bin strike",
            description: "Refuse collectors will strike on 20 March, the council said.",
            pubDate: STRIKE_ITEM.pubDate,
          },
        ]),
      ),
    );
    await poll("/unnamed.xml");
    expect(await store.strikeDays({ from: "2023-03-20", to: "2023-03-20" })).toEqual([]);
    const pending = await store.review.pending();
    expect(pending.map((p) => [p.kind, p.union])).toEqual([["strike", "unknown"]]);
  });
});
