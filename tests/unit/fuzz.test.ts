import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { findDayPhrases } from "../../src/domain/day-phrases.ts";
import { Unions } from "../../src/domain/unions.ts";
import { isStrikewatchError } from "../../src/errors.ts";
import { parseFilters } from "../../src/http/query-params.ts";
import { articleText } from "../../src/ingest/article-text.ts";
import { createExtractor } from "../../src/ingest/extract/extract-article.ts";
import { findDateExpressions, readDays, readWindow } from "../../src/language/dates/index.ts";
import { FeedFormatError, parseFeed } from "../../src/ingest/parse-feed.ts";
import { parseStanceText } from "../../src/query/stance-words.ts";
import { parseStrikeDetails } from "../../src/query/strike-details.ts";
import { parseStrikeQuery } from "../../src/query/strike-query.ts";
import { testDispatcher } from "../helpers/app.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const unions = new Unions();
const extract = createExtractor(unions);

/** Text that looks like what people and news write: words we know, digits, punctuation, noise. */
const WORDS = [
  "RCN",
  "Unite",
  "strike",
  "on",
  "and",
  "to",
  "from",
  "between",
  "6",
  "19",
  "31",
  "February",
  "Feb",
  "Monday",
  "next",
  "week",
  "-",
  "–",
  ",",
  "7am",
  "48-hour",
  "until",
  "the",
  "union",
  "rejected",
  "offer",
  "Wales",
  "nurses",
  "£1,000",
  "5.5%",
  "(",
  ")",
  ":",
  "\n",
  "unless",
  "could",
  "2023",
  "2023-02-06",
];
const newsish = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join(" ")),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
);

/**
 * Every outside-input parser fails only with the bot's own user errors. Speed is the bench's
 * business: a wall-clock bound here flakes on a loaded machine (a cold parse alone can take
 * 300 ms), so a hang is caught by the test's own timeout instead.
 */
function safely(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isStrikewatchError(e)) throw e;
  }
}

describe("fuzzing the parsers of outside input", () => {
  it("slash-command text: /strikes, /strike, /stance", () => {
    fc.assert(
      fc.property(newsish, (text) => {
        safely(() => parseStrikeQuery(text, "2023-01-12", unions));
        safely(() => parseStrikeDetails(text, "2023-01-12", unions, { daysRequired: true }));
        safely(() => parseStanceText(text, unions));
      }),
      { numRuns: 400 },
    );
  });

  it("dates", () => {
    fc.assert(
      fc.property(newsish, (text) =>
        safely(() => findDayPhrases(text, { reference: "2023-01-12", impossible: "throw" })),
      ),
      { numRuns: 400 },
    );
  });

  it("the date grammar's readers answer a result, never throw", () => {
    fc.assert(
      fc.property(newsish, (text) => {
        for (const r of [
          readWindow(text, { today: "2023-01-12" }),
          readDays(text, { today: "2023-01-12" }),
        ]) {
          if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        }
        findDateExpressions(text, { prose: true });
      }),
      { numRuns: 400 },
    );
  });

  it("article text through the whole extractor, also a very long article", () => {
    fc.assert(
      fc.property(newsish, newsish, (title, text) => {
        const r = extract({ title, text, published: "2023-01-12" });
        for (const s of r.strikes)
          for (const d of s.dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 300 },
    );
    const long = "Members of the RCN will strike on 6 and 7 February unless talks resume. ".repeat(
      2000,
    );
    // A hang guard only (the test's timeout): linear cost is measured in the bench.
    expect(
      extract({ title: "", text: long, published: "2023-01-12" }).strikes.length,
    ).toBeGreaterThan(0);
  });

  it("feed XML", async () => {
    // Well-formed feeds whose fields come in every shape XML allows: text, attributes, child
    // elements, markup, nothing.
    const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const field = fc.constantFrom(
      "title",
      "link",
      "guid",
      "id",
      "pubDate",
      "description",
      "content:encoded",
      "summary",
      "ttl",
    );
    const attributes = fc.constantFrom("", ' type="html"', ' isPermaLink="false"', ' a="1" b="2"');
    const value = fc.oneof(
      newsish.map(escape),
      fc.constantFrom("", "<x/>", "<x><y>deep</y></x>", "<![CDATA[<p>strike</p>]]>"),
      newsish.map((t) => `<b>${escape(t)}</b> ${escape(t)}`),
    );
    const element = fc.tuple(field, attributes, value).map(([f, a, v]) => `<${f}${a}>${v}</${f}>`);
    const structured = fc
      .tuple(
        fc.array(element, { maxLength: 3 }),
        fc.array(fc.array(element, { maxLength: 6 }), { maxLength: 4 }),
      )
      .map(
        ([channel, items]) =>
          `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel.join("")}${items.map((i) => `<item>${i.join("")}</item>`).join("")}</channel></rss>`,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          newsish,
          newsish.map(
            (t) =>
              `<rss version="2.0"><channel><item><title>${t}</title><description>${t}</description></item></channel></rss>`,
          ),
          structured,
        ),
        async (xml) => {
          try {
            await parseFeed(xml);
          } catch (e) {
            expect(e).toBeInstanceOf(FeedFormatError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("article HTML (the linked page read when a feed's summary is thin)", () => {
    // Pages as they come off the web: tags nested, unclosed, misnested, scripts, entities.
    const tag = fc.constantFrom("p", "div", "article", "nav", "script", "style", "a", "h1", "li");
    const html: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        newsish.map((t) => t.replace(/</g, "&lt;")),
        fc.constantFrom("<br>", "</p>", "<p", "&amp;", "&#xFFFF;", "&bogus;", "<!--", "]]>"),
        fc
          .tuple(tag, fc.array(tie("node"), { maxLength: 4 }), fc.boolean())
          .map(([t, kids, close]) => `<${t}>${kids.join("")}${close ? `</${t}>` : ""}`),
      ),
    })).node;
    fc.assert(
      fc.property(fc.oneof(html, fc.string({ maxLength: 500 })), (page) => {
        const { title, text } = articleText(
          `<!doctype html><html><body>${page}`,
          "https://x.test/a",
        );
        expect(typeof title).toBe("string");
        expect(typeof text).toBe("string");
      }),
      { numRuns: 300 },
    );
  });

  it("HTTP query parameters", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("union", "region", "sector", "status", "from", "weeks", "x"),
            newsish,
          ),
          { maxLength: 6 },
        ),
        (pairs) => {
          safely(() => parseFilters(new URLSearchParams(pairs), unions));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the dispatcher answers anything typed at it, as any user, without throwing", async () => {
    const factory = sqliteFactory();
    const clock = manualClock("2023-01-12T10:00:00Z");
    const store = await factory.open(clock);
    const bot = testDispatcher(store, clock);
    const visitor = { platform: "slack", id: "UVISITOR" };
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            "/strikes ",
            "/strike add ",
            "/stance ",
            "/disputes ",
            "/feeds add ",
            "/review approve ",
            "/subscribe digest ",
            "/help ",
            "/",
          ),
          newsish,
          async (cmd, text) => {
            const before = (await store.eventsAfter(0)).length;
            const reply = await bot.ask(cmd + text, visitor);
            expect(["answer", "confirmation", "error"]).toContain(reply.kind);
            expect(reply.error?.code).not.toBe("internal");
            expect((await store.eventsAfter(0)).length).toBe(before); // a visitor changes nothing
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      await store.close();
      await factory.cleanup();
    }
  });
});
