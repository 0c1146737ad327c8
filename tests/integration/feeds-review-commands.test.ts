import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { testDispatcher } from "../helpers/app.ts";
import { article } from "../helpers/facts.ts";
import { storeFactories } from "../helpers/stores.ts";
import { strikeFactToJson } from "../../src/ingest/ingest-article.ts";

describe.each(storeFactories())("/feeds and /review over $kind", (factory) => {
  const clock = manualClock("2023-03-10T10:00:00Z");
  let store: EventStore;
  let bot: ReturnType<typeof testDispatcher>;
  const visitor = { platform: "slack", id: "UVISITOR", name: "Sam" };

  beforeEach(async () => {
    store = await factory.open(clock);
    bot = testDispatcher(store, clock);
    return () => store.close();
  });
  afterAll(() => factory.cleanup());

  it("adds, lists, removes and restores feeds; only staff may change the list", async () => {
    expect(await bot.say("/feeds add https://news.example/rss")).toBe(
      "Added feed https://news.example/rss; it will be read within a minute.",
    );
    expect((await bot.ask("/feeds add https://news.example/rss")).text).toContain(
      "already on the list",
    );
    expect((await bot.ask("/feeds add http://user:pw@news.example/rss")).error?.code).toBe("usage");
    expect((await bot.ask("/feeds add ftp://news.example/rss")).text).toBe(
      "Feeds must be http or https URLs.",
    );
    expect((await bot.ask("/feeds add not a url")).text).toBe('"not a url" is not a URL.');
    expect((await bot.ask("/feeds add https://other.example/rss", visitor)).error?.code).toBe(
      "not_staff",
    );

    await store.feeds.update("https://news.example/rss", {
      lastError: "HTTP 503 (busy)",
      lastErrorAt: clock.now(),
      failures: 5,
      paused: true,
    });
    const list = await bot.say("/feeds", visitor);
    expect(list).toContain("https://news.example/rss");
    expect(list).toContain("last error: HTTP 503 (busy) (10 Mar 2023 10:00, 5 in a row)");
    expect(list).toContain("paused after 5 failures in a row");

    expect(await bot.say("/feeds resume https://news.example/rss")).toContain("Resumed feed");
    expect((await store.feeds.get("https://news.example/rss"))!.paused).toBe(false);
    expect(await bot.say("/feeds remove https://news.example/rss")).toContain("Removed feed");
    expect(await bot.say("/feeds", visitor)).toBe(
      "No feeds yet. Staff can add one with /feeds add <url>.",
    );
    expect((await bot.ask("/feeds remove https://news.example/rss")).error?.code).toBe("not_found");
  });

  it("approves and rejects held readings, and only staff may", async () => {
    const fact = {
      union: "RMT",
      workforce: "rail workers",
      sector: "rail" as const,
      regions: ["UK"],
      days: ["2023-03-16"],
      status: "planned" as const,
      source: article("https://news.example/rmt", "2023-03-09T08:00:00Z", "Rail strike next week"),
      confidence: 0.6,
    };
    const id = await store.review.hold(
      {
        kind: "strike",
        union: "RMT",
        fact: strikeFactToJson(fact),
        factKey: "k1",
        confidence: 0.6,
      },
      clock.now(),
    );
    expect(
      await store.review.hold(
        {
          kind: "strike",
          union: "RMT",
          fact: strikeFactToJson(fact),
          factKey: "k1",
          confidence: 0.6,
        },
        clock.now(),
      ),
    ).toBeNull();
    const id2 = await store.review.hold(
      {
        kind: "strike",
        union: "RMT",
        fact: strikeFactToJson({ ...fact, days: ["2023-03-18"] }),
        factKey: "k2",
        confidence: 0.6,
      },
      clock.now(),
    );

    expect((await bot.ask("/review", visitor)).error?.code).toBe("not_staff");
    const list = await bot.say("/review");
    expect(list).toContain(
      `#${id}  RMT rail workers (UK) planned on Thu 16 Mar 2023 (from "Rail strike next week", confidence 0.60)`,
    );
    expect(await store.strikeDays({ from: "2023-03-16", to: "2023-03-18" })).toEqual([]);

    expect(await bot.say(`/review approve ${id}`)).toContain(`Approved #${id}`);
    expect(
      (await store.strikeDays({ from: "2023-03-16", to: "2023-03-16" })).map((d) => d.union),
    ).toEqual(["RMT"]);
    expect(await bot.say(`/review reject ${id2}`)).toContain(`Rejected #${id2}`);
    expect(await store.strikeDays({ from: "2023-03-18", to: "2023-03-18" })).toEqual([]);
    expect((await bot.ask(`/review approve ${id2}`)).text).toBe(
      `Review item #${id2} was already rejected.`,
    );
    expect((await bot.ask("/review approve 9999")).error?.code).toBe("not_found");
    expect((await bot.ask("/review approve x")).error?.code).toBe("usage");
    expect(await bot.say("/review")).toBe("Nothing waits for review.");
  });
});
