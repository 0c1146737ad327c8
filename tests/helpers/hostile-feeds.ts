import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { rss, type FixtureItem, type NewsSite } from "./news-site.ts";

const PUBLISHED = "Thu, 12 Jan 2023 09:00:00 GMT";

// Each story at its own hour, so which stance is the latest never depends on reading order.
const item = (guid: string, title: string, description: string, hour = 9): FixtureItem => ({
  guid,
  title,
  description,
  link: `http://news.test/${guid}`,
  pubDate: PUBLISHED.replace("09:", `${String(hour).padStart(2, "0")}:`),
});

/** Feeds a news site could really publish; everything they report belongs in the store. */
export const GOOD_FEEDS = {
  // Well behaved: a stable ETag, and 304 when asked with it.
  "/good/health.xml": rss([
    item(
      "rcn-wales",
      "Nurses in Wales to strike in February",
      "Members of the Royal College of Nursing in Wales will strike on 6 and 7 February after rejecting the Welsh government's pay offer, the union said.",
    ),
    item(
      "unite-ambulance",
      "Ambulance workers announce more walkouts",
      "Unite ambulance workers in Wales will walk out on 20 February and 6 March in the long-running dispute over pay.",
      10,
    ),
  ]),
  // Same content under a new ETag on every request: a CDN that fingerprints badly.
  "/good/churn.xml": rss([
    item(
      "rcn-payment",
      "RCN rejects one-off payment",
      "The Royal College of Nursing rejected the one-off payment offered by the Welsh government, saying it fell far short of what nurses need.",
      12,
    ),
    item(
      "gmb-ambulance",
      "GMB ambulance staff to strike",
      "GMB ambulance workers in Wales will strike on 23 January, the union announced.",
      11,
    ),
  ]),
  // A real story whose text tries to ping everyone: the facts count, the pings must not.
  "/good/mentions.xml": rss([
    item(
      "rmt-network-rail",
      "<!channel> @everyone Rail workers to strike on 16 February <!here>",
      "@here Members of the RMT union at Network Rail will strike on 16 February, the union announced. <!everyone>",
      13,
    ),
  ]),
} as const;

/** Unions only the hostile feeds mention: none of them may reach the store. */
export const HOSTILE_ONLY_UNIONS = ["FBU", "PCS", "NEU", "BMA", "CWU", "Unison"];

const story = (union: string, day: string) =>
  rss([item(`${union}-${day}`, `${union} strike`, `${union} members will strike on ${day}.`)]);

const lol = Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10).replace(/&lol0;/g, "lol")}">`,
).join("");
const laughs = (padding: string) =>
  `<?xml version="1.0"?>${padding}<!DOCTYPE rss [${lol}]><rss version="2.0"><channel><title>News</title><item><title>PCS strike</title><description>&lol9; PCS members will strike on 2 March.</description><pubDate>${PUBLISHED}</pubDate></item></channel></rss>`;

/**
 * Feeds that attack the reader: each carries a strike story (so a reader that let it through
 * would put its union in the store) behind a hang, a trickle, an entity bomb, a size bomb…
 */
export const HOSTILE_FEEDS: Record<string, (res: ServerResponse) => void> = {
  "/bad/hang.xml": () => undefined,
  "/bad/trickle.xml": (res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    const body = story("FBU", "1 March");
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed || i >= body.length) return void clearInterval(timer);
      res.write(body.slice(i, (i += 8)));
    }, 100);
  },
  "/bad/billion-laughs.xml": (res) => res.writeHead(200).end(laughs("")),
  "/bad/hidden-laughs.xml": (res) =>
    res.writeHead(200).end(laughs(`<!-- ${"padding ".repeat(5000)} -->`)),
  "/bad/external-entity.xml": (res) =>
    res.writeHead(200).end(
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${story(
        "NEU",
        "3 March",
      )
        .replace(/^<\?xml[^>]*>/, "")
        .replace("NEU members", "&xxe; NEU members")}`,
    ),
  "/bad/oversized.xml": (res) => {
    // 6 MB, sent in chunks without a Content-Length: the cap must count as it reads.
    res.writeHead(200, { "content-type": "application/rss+xml" });
    const [head, tail] = story("BMA", "4 March").split("</description>");
    res.write(`${head} `);
    const chunk = "padding ".repeat(8192);
    for (let i = 0; i < 96; i++) res.write(chunk);
    res.end(`</description>${tail}`);
  },
  "/bad/gzip-bomb.xml": (res) => res.writeHead(200, { "content-encoding": "gzip" }).end(gzipBomb()),
  "/bad/mismatched-tags.xml": (res) =>
    res.writeHead(200).end(story("CWU", "5 March").replace("</title>", "</titel>")),
  "/bad/html.xml": (res) =>
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(
        "<!doctype html><html><body><p>Unison members will strike on 6 March.</p></body></html>",
      ),
  "/bad/redirect-loop.xml": (res) =>
    res.writeHead(302, { location: "/bad/redirect-loop.xml" }).end(),
  "/bad/server-error.xml": (res) => res.writeHead(500).end("Internal Server Error"),
};

let bomb: Buffer | undefined;
/** 40 MB of spaces inside a valid feed, compressed to a few KB. */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(
    Buffer.from(
      story("BMA", "4 March").replace("</description>", `${" ".repeat(40_000_000)}</description>`),
    ),
  );
  return bomb;
}

/**
 * Mounts every feed on the site. Good feeds answer conditional requests honestly, except
 * /good/churn.xml, whose ETag changes on every request while its content does not.
 */
export function mountFeeds(site: NewsSite): void {
  let churn = 0;
  for (const [path, body] of Object.entries(GOOD_FEEDS)) {
    site.route(path, (req, res) => {
      const etag = path === "/good/churn.xml" ? `"v${++churn}"` : `"${path.length}-stable"`;
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304).end();
      res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(body);
    });
  }
  for (const [path, handler] of Object.entries(HOSTILE_FEEDS)) {
    site.route(path, (_req, res) => handler(res));
  }
}
