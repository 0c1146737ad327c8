import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/ingest/parse-feed.ts";

const rssItem = (inner: string, channel = "") =>
  `<rss version="2.0"><channel>${channel}<item>${inner}</item></channel></rss>`;

describe("parseFeed on fields in unusual shapes", () => {
  // The XML parser hands an element with attributes over as an object, and one with child
  // elements as an object with no text: neither may crash the reader.
  it("takes the text of elements that carry attributes", async () => {
    const feed = await parseFeed(
      rssItem(
        `<title type="text">Nurses to strike</title><guid isPermaLink="false">g1</guid><link rel="alternate">http://news.test/a</link><pubDate tz="GMT">Thu, 12 Jan 2023 09:00:00 GMT</pubDate>`,
      ),
    );
    expect(feed.items[0]).toMatchObject({
      title: "Nurses to strike",
      key: "g1",
      link: "http://news.test/a",
      published: new Date("2023-01-12T09:00:00Z"),
    });
  });

  it("treats fields that hold only child elements as empty, and keeps the item", async () => {
    const feed = await parseFeed(
      rssItem(
        `<title>Strike</title><description>RCN members will strike on 6 February.</description><pubDate><z/></pubDate><guid><x/></guid><link><y/></link>`,
        `<title><x/></title><ttl><y/></ttl>`,
      ),
    );
    expect(feed.title).toBeNull();
    expect(feed.ttlMinutes).toBeNull();
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      title: "Strike",
      text: "RCN members will strike on 6 February.",
      link: null,
      published: null,
    });
    expect(feed.items[0]!.key).toMatch(/^hash:/);
  });
});
