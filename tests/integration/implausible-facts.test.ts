import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { createExtractor } from "../../src/ingest/extract/extract-article.ts";
import type { ExtractedStrike, Extraction } from "../../src/ingest/extract/types.ts";
import { ingestArticle, type IngestDeps } from "../../src/ingest/ingest-article.ts";
import { implausibleDays } from "../../src/ingest/plausibility.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { testDispatcher } from "../helpers/app.ts";
import { sqliteFactory } from "../helpers/stores.ts";

/*
 * One feed sentence ("a 999-day strike from 7am on 13 March 2027") used to publish 1,000
 * strike days at confidence 0.9. Readings whose days span too long, or lie far from the
 * article's date or from today, now wait in /review whatever their confidence.
 */
const factory = sqliteFactory();
afterAll(() => factory.cleanup());
const clock = manualClock("2027-03-01T10:00:00Z");
let store: EventStore;
beforeEach(async () => {
  clock.set("2027-03-01T10:00:00Z");
  store = await factory.open(clock);
});
afterEach(() => store.close());

const deps = (extract: IngestDeps["extract"]): IngestDeps => ({
  store,
  extract,
  clock,
  logger: silentLogger,
  timeZone: "Europe/London",
  reviewBelow: 0.7,
});
const allDays = () => store.strikeDays({ from: "1970-01-01", to: "2199-12-31" });

it("a 999-day strike read from the news waits in /review, and is published only if approved", async () => {
  const report = await ingestArticle(deps(createExtractor(new Unions())), {
    url: "https://news.example/rcn-999",
    title: "Nurses to strike",
    text: "Members of the Royal College of Nursing will hold a 999-day strike from 7am on 13 March 2027, the RCN said.",
    published: new Date("2027-03-01T08:00:00Z"),
  });
  expect(report.held).toBe(1);
  expect(report.lines[0]).toMatch(/^Held for review \(#\d+\): .*\(its days span 1000 days/);
  expect(await allDays()).toEqual([]);
  const { say } = testDispatcher(store, clock);
  expect(await say("/strikes next 3 months RCN")).not.toContain("13 Mar");
  const queue = await say("/review");
  expect(queue).toContain("held: its days span 1000 days (2027-03-13 to 2029-12-06)");
  const id = /#(\d+)/.exec(report.lines[0]!)![1]!;
  expect(await say(`/review approve ${id}`)).not.toMatch(/error|wrong/i);
  expect(await allDays()).toHaveLength(1000); // a person decided
  expect(JSON.stringify(await store.eventsAfter(0, 10))).not.toContain("heldBecause");
});

describe("readings whose dates are far from the article or from today", () => {
  const reading =
    (dates: string[]): IngestDeps["extract"] =>
    (): Extraction => ({
      relevant: true,
      stances: [],
      strikes: [
        {
          union: "RMT",
          workforce: "rail workers",
          sector: "rail",
          regions: [],
          dates,
          when_text: "",
          status: "planned",
          evidence: "RMT members will strike.",
          confidence: 0.95,
        } satisfies ExtractedStrike,
      ],
    });
  const ingest = (dates: string[], published: string) =>
    ingestArticle(deps(reading(dates)), {
      url: `https://news.example/${dates.join("-")}/${published}`,
      title: "Rail strike",
      text: "RMT members will strike.",
      published: new Date(published),
    });

  it.each([
    [["2025-06-01"], "2027-02-20T09:00:00Z", "more than 366 days before the article was published"],
    [["2029-01-10"], "2027-02-20T09:00:00Z", "more than 366 days after the article was published"],
    [["2031-05-05"], "2031-04-01T09:00:00Z", "more than 366 days from today"],
  ])("%s published %s is held: %s", async (dates, published, why) => {
    const report = await ingest(dates, published);
    expect(report.held).toBe(1);
    expect(report.lines[0]).toContain(why);
    expect(await allDays()).toEqual([]);
  });

  it("a plausible reading at the same confidence goes straight in", async () => {
    const report = await ingest(["2027-03-16", "2027-03-17"], "2027-03-01T09:00:00Z");
    expect(report.held).toBe(0);
    expect((await allDays()).map((d) => d.day)).toEqual(["2027-03-16", "2027-03-17"]);
  });
});

it("the limits are settings", () => {
  const at = { published: "2027-03-01", today: "2027-03-01" };
  const days = ["2027-03-13", "2027-04-30"]; // 49 days apart
  expect(implausibleDays(days, at)).toBeNull();
  expect(implausibleDays(days, at, { maxSpanDays: 14, maxDaysFromPublished: 366 })).toContain(
    "span 49 days",
  );
  expect(
    implausibleDays(["2027-09-01"], at, { maxSpanDays: 60, maxDaysFromPublished: 90 }),
  ).toContain("more than 90 days after");
});
