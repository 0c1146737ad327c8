import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "../src/clock.ts";
import { Unions } from "../src/domain/unions.ts";
import { createExtractor } from "../src/ingest/extract/extract-article.ts";
import { FeedPoller } from "../src/ingest/feed-poller.ts";
import { HostQueue } from "../src/ingest/host-queue.ts";
import { silentLogger } from "../src/logger.ts";
import { openStore } from "../src/store/open-store.ts";
import { benchArticles } from "./fixtures.ts";
import { percentile, round, type Figure } from "./report.ts";

function feedXml(): string {
  const items = benchArticles(100).map(
    (a, i) =>
      `<item><title>${a.title}</title><description>${a.text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</description><link>http://news.test/${i}</link><guid>item-${i}</guid><pubDate>Wed, 01 Mar 2023 09:00:00 GMT</pubDate></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>${items.join("")}</channel></rss>`;
}

/**
 * The cost of one poll of a 100-item feed: answered 200 (download, parse, dedupe against the
 * store; items already read, as in steady state) versus 304 (a conditional GET and nothing else).
 */
export async function benchPolling(quick: boolean): Promise<Figure[]> {
  const body = feedXml();
  const server = createServer((req, res) => {
    if (req.url === "/304" && req.headers["if-none-match"] === '"same"')
      return void res.writeHead(304).end();
    res.writeHead(200, { etag: '"same"', "content-type": "application/rss+xml" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-bench-poll-"));
  const clock = fixedClock("2023-03-01T10:00:00Z");
  const store = await openStore(join(dir, "poll.db"), { clock });
  const poller = new FeedPoller({
    store,
    extract: createExtractor(new Unions()),
    clock,
    logger: silentLogger,
    timeZone: "Europe/London",
    reviewBelow: 0.7,
    hosts: new HostQueue(),
    network: { allow: ["127.0.0.1"] }, // the local feed server
  });
  const figures: Figure[] = [];
  try {
    for (const path of ["/200", "/304"]) {
      const url = `${base}${path}`;
      await store.feeds.add(url, "bench", clock.now());
      await poller.pollFeed((await store.feeds.get(url))!); // first read: ingests the 100 items
      const runs = quick ? 20 : 100;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const feed = (await store.feeds.get(url))!;
        const t0 = performance.now();
        const r = await poller.pollFeed(
          path === "/200" ? { ...feed, etag: null, lastModified: null } : feed,
        );
        times.push(performance.now() - t0);
        if (r.outcome !== (path === "/200" ? "updated" : "not_modified"))
          throw new Error(`unexpected ${r.outcome}`);
      }
      times.sort((a, b) => a - b);
      figures.push({
        name: `poll.100_items.${path.slice(1)}_ms`,
        value: round(percentile(times, 50)),
        unit: "ms",
        p99_ms: round(percentile(times, 99)),
        bytes: path === "/200" ? body.length : 0,
        runs,
      });
    }
  } finally {
    await store.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
