import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:net";
import { fetch as undiciFetch } from "undici";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { refusal, type NetworkPolicy } from "../../src/ingest/address-policy.ts";
import { createExtractor } from "../../src/ingest/extract/extract-article.ts";
import { FeedPoller } from "../../src/ingest/feed-poller.ts";
import { HostQueue } from "../../src/ingest/host-queue.ts";
import { politeFetch } from "../../src/ingest/polite-fetch.ts";
import { safeDispatcher } from "../../src/ingest/safe-network.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { NewsSite, rss } from "../helpers/news-site.ts";
import { sqliteFactory } from "../helpers/stores.ts";

/*
 * Server-side request forgery: feeds, their redirects and the articles they link to are URLs
 * outsiders choose. Every request here goes to a listener on 127.0.0.1; names resolve through
 * an injected resolver, so nothing leaves the machine, and "public.test" stands for a public
 * site by being allowed by name.
 */
const factory = sqliteFactory();
afterAll(() => factory.cleanup());

const now = new Date("2023-03-10T10:00:00Z");
const hosts: Record<string, string[]> = {
  "public.test": ["127.0.0.1"],
  "internal.test": ["127.0.0.1"],
  "rebind.test": ["192.0.2.1", "127.0.0.1"],
  "metadata.test": ["169.254.169.254"],
  "v6.test": ["::1"],
  "mapped.test": ["::ffff:127.0.0.1"],
};
const resolve = (name: string): Promise<LookupAddress[]> => {
  const found = hosts[name.toLowerCase().replace(/\.$/, "")];
  if (!found) return Promise.reject(Object.assign(new Error(`${name}?`), { code: "ENOTFOUND" }));
  return Promise.resolve(
    found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
  );
};
const strict: NetworkPolicy = { allow: [], resolve };
const publicOnly: NetworkPolicy = { allow: ["public.test"], resolve };

let site: NewsSite;
let base: string;
let port: number;
beforeEach(async () => {
  site = new NewsSite();
  base = await site.start();
  port = Number(new URL(base).port);
  site.route("/feed.xml", (_req, res) =>
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss([], { title: "Inside" })),
  );
  site.route("/secret", (_req, res) => res.writeHead(200).end("<title>Payroll admin</title>"));
});
afterEach(() => site.stop());

const get = (url: string, network: NetworkPolicy) => politeFetch(url, { now, network });

describe("which addresses are refused", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0.0.0.0",
    "::",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.1.1",
    "169.254.169.254",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "100.64.0.1",
    "100.100.100.200",
    "224.0.0.1",
    "255.255.255.255",
    "240.0.0.1",
    "64:ff9b::a00:1", // NAT64 of 10.0.0.1
    "2002:c0a8:101::1", // 6to4 of 192.168.1.1
  ])("%s", (address) => {
    expect(refusal(address, { allow: [] })).not.toBeNull();
  });

  it.each(["93.184.216.34", "2a00:1450:4009:81f::200e", "64:ff9b::5db8:d822"])(
    "allows the public %s",
    (address) => expect(refusal(address, { allow: [] })).toBeNull(),
  );

  it("lets an allowlist open ranges and names, but never the metadata service", () => {
    const policy = { allow: ["10.0.0.0/8", "127.0.0.1", "intranet.example", "169.254.0.0/16"] };
    expect(refusal("10.9.8.7", policy)).toBeNull();
    expect(refusal("::ffff:127.0.0.1", policy)).toBeNull();
    expect(refusal("127.0.0.2", policy)).not.toBeNull();
    expect(refusal("192.168.0.1", policy, "intranet.example")).toBeNull();
    expect(refusal("169.254.169.254", policy)).toContain("metadata");
    expect(refusal("169.254.169.254", policy, "intranet.example")).toContain("metadata");
  });
});

describe("the fetcher", () => {
  it.each([
    "http://127.0.0.1:PORT/feed.xml",
    "http://[::ffff:127.0.0.1]:PORT/feed.xml",
    "http://[::ffff:7f00:1]:PORT/feed.xml",
    "http://2130706433:PORT/feed.xml",
    "http://0x7f.1:PORT/feed.xml",
    "http://0.0.0.0:PORT/feed.xml",
    "http://localhost:PORT/feed.xml",
    "http://internal.test:PORT/feed.xml",
    "http://INTERNAL.test.:PORT/feed.xml",
    "http://rebind.test:PORT/feed.xml",
    "http://mapped.test:PORT/feed.xml",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://metadata.test/computeMetadata/v1/",
    "http://10.0.0.1/feed.xml",
  ])("refuses %s without sending a request", async (url) => {
    const r = await get(url.replace("PORT", String(port)), strict);
    expect(r).toMatchObject({ kind: "failed", permanent: true });
    expect(r.kind === "failed" && r.reason).toMatch(/^refused: .*FEEDS_ALLOW_PRIVATE/);
    expect(site.requests).toHaveLength(0);
  });

  it("fetches a loopback feed only when the operator allows it", async () => {
    expect((await get(`http://internal.test:${port}/feed.xml`, strict)).kind).toBe("failed");
    for (const allow of [["127.0.0.1"], ["127.0.0.0/8"], ["internal.test"]]) {
      const r = await get(`http://internal.test:${port}/feed.xml`, { allow, resolve });
      expect(r.kind, allow.join()).toBe("ok");
    }
    expect(site.count("/feed.xml")).toBe(3);
  });

  it("refuses a redirect from an allowed site to an internal address, at the hop", async () => {
    for (const to of [
      `http://internal.test:${port}/secret`,
      `http://127.0.0.1:${port}/secret`,
      `http://[::1]:${port}/secret`,
      `http://169.254.169.254/latest/meta-data/`,
      `file:///etc/passwd`,
    ]) {
      site.route("/moved", (_req, res) => res.writeHead(302, { location: to }).end());
      const r = await get(`http://public.test:${port}/moved`, publicOnly);
      expect(r.kind === "failed" && r.reason, to).toMatch(/^refused: /);
    }
    expect(site.count("/moved")).toBe(5);
    expect(site.count("/secret")).toBe(0);
  });

  it("checks the address the socket really connected to, not only the name", async () => {
    // Straight through the dispatcher, past the fetcher's own check of the URL: an IP literal
    // skips name resolution, so only the connection check stands between it and the server.
    let connections = 0;
    const raw: Server = createServer((s) => {
      connections++;
      s.on("data", () => {
        throw new Error("a request reached the server");
      });
    });
    await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
    try {
      const rawPort = (raw.address() as { port: number }).port;
      const failure = await undiciFetch(`http://127.0.0.1:${rawPort}/`, {
        dispatcher: safeDispatcher(strict),
      }).catch((e: Error & { cause?: Error }) => e.cause?.message);
      expect(failure).toMatch(/127\.0\.0\.1 is a loopback address/);
      expect(connections).toBeLessThanOrEqual(1); // the TCP handshake, then nothing
    } finally {
      await new Promise<void>((r) => raw.close(() => r()));
    }
  });
});

describe("the feed poller", () => {
  const clock = manualClock(now.toISOString());
  let store: EventStore;
  beforeEach(async () => (store = await factory.open(clock)));
  afterEach(() => store.close());

  const poller = (network: NetworkPolicy) =>
    new FeedPoller({
      store,
      extract: createExtractor(new Unions()),
      clock,
      logger: silentLogger,
      timeZone: "Europe/London",
      reviewBelow: 0.7,
      hosts: new HostQueue(),
      random: () => 0.5,
      limits: { timeoutMs: 2000 },
      network,
    });

  it("never reads a feed added at an internal address, so /feeds has no title from it", async () => {
    const url = `http://127.0.0.1:${port}/feed.xml`;
    await store.feeds.add(url, "slack:U1", now);
    const report = await poller(strict).pollFeed((await store.feeds.get(url))!);
    expect(report.outcome).toBe("failed");
    expect(report.reason).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    const feed = (await store.feeds.get(url))!;
    expect(feed.title).toBeNull();
    expect(feed.lastError).toMatch(/^refused/);
    expect(site.requests).toHaveLength(0);
  });

  it("does not read an item's link to an internal page into a public fact", async () => {
    site.route("/news.xml", (_req, res) =>
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(
        rss([
          {
            guid: "s1",
            title: "Nurses' union announces strike",
            description: "The RCN says nurses will strike.",
            link: `http://127.0.0.1:${port}/inside`,
            pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
          },
        ]),
      ),
    );
    site.route("/inside", (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(
          "<html><body><article><p>Internal: RCN nurses will strike on 20 and 21 March 2023 across Wales, the RCN said in a secret memo.</p></article></body></html>",
        ),
    );
    const url = `http://public.test:${port}/news.xml`;
    await store.feeds.add(url, "slack:U1", now);
    const report = await poller(publicOnly).pollFeed((await store.feeds.get(url))!);
    expect(report.outcome).toBe("updated");
    expect(site.count("/news.xml")).toBe(1);
    expect(site.count("/inside")).toBe(0);
    expect(await store.strikeDays({ from: "2023-03-01", to: "2023-03-31" })).toEqual([]);
  });
});
