import { describe, expect, it } from "vitest";
import { FeedFormatError, parseFeed } from "../../src/ingest/parse-feed.ts";

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

describe("parseFeed on one malformed feed after another", () => {
  // One bad document must not poison the next: a shared XML parser used to leave
  // "<!DOCTYPE <item>" unsettled forever after a good feed had been read (a hang is caught by
  // the test's timeout), and a later good feed could fail with an earlier feed's error.
  it("settles every parse, and a good feed after bad ones still reads", async () => {
    const good = rssItem("<title>Nurses to strike</title><guid>g1</guid>", "<title>News</title>");
    for (const bad of ["<!DOCTYPE <item>", '<rss> " = RCN', ".#*c4&B>Uc", "<!DOCTYPE <item>"]) {
      expect((await parseFeed(good)).items[0]?.title).toBe("Nurses to strike");
      await expect(parseFeed(bad)).rejects.toBeInstanceOf(FeedFormatError);
    }
    expect((await parseFeed(good)).title).toBe("News");
  });
});
