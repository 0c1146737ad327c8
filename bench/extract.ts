import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as chrono from "chrono-node";
import { Unions } from "../src/domain/unions.ts";
import { createExtractor } from "../src/ingest/extract/extract-article.ts";
import type { ArticleInput } from "../src/ingest/extract/types.ts";
import { benchArticles } from "./fixtures.ts";
import { round, type Figure } from "./report.ts";

/**
 * Extraction speed on one core, once warm, measured in CPU time (the machine is shared, so
 * wall-clock figures drift with the neighbours' load):
 *   - extract.articles_per_s: the whole extractor over the dev corpus (../shared/corpus/dev),
 *     or the bench's own fixtures where ../shared is absent;
 *   - extract.ratio_to_naive: against a naive chrono-node-per-sentence pass over the same
 *     articles, the two interleaved round by round so both see the same machine;
 *   - extract.long_ratio_400k_to_100k: a 400 KB article without line breaks against a 100 KB one
 *     (linear cost gives 4).
 */
export function benchExtraction(quick: boolean): Figure[] {
  const extract = createExtractor(new Unions());
  const { articles, source } = corpus();
  const sentences = articles.map((a) => ({
    ref: new Date(`${a.published}T12:00:00Z`),
    parts: `${a.title}\n${a.text}`.split(/(?<=[.!?])\s+|\n+/),
  }));
  const naive = () => {
    for (const s of sentences) for (const p of s.parts) chrono.en.GB.parse(p, s.ref);
  };
  const ours = () => {
    for (const a of articles) extract(a);
  };
  ours();
  naive(); // warm both
  const rounds = quick ? 3 : 12;
  let oursMs = 0;
  let naiveMs = 0;
  for (let r = 0; r < rounds; r++) {
    oursMs += cpuMs(ours);
    naiveMs += cpuMs(naive);
  }
  // Both sizes warmed, then interleaved runs; the median of each resists a GC pause or a
  // neighbour's burst landing on one run.
  const long = longArticles();
  for (const a of long) extract(a);
  const smallRuns: number[] = [];
  const largeRuns: number[] = [];
  for (let r = 0; r < (quick ? 3 : 5); r++) {
    smallRuns.push(cpuMs(() => extract(long[0]!)));
    largeRuns.push(cpuMs(() => extract(long[1]!)));
  }
  const small = median(smallRuns);
  const large = median(largeRuns);
  return [
    {
      name: "extract.articles_per_s",
      value: round((articles.length * rounds) / (oursMs / 1000), 0),
      unit: "per_s",
      articles: articles.length * rounds,
      corpus: source,
      avg_chars: Math.round(articles.reduce((n, a) => n + a.text.length, 0) / articles.length),
    },
    {
      name: "extract.naive_chrono_articles_per_s",
      value: round((articles.length * rounds) / (naiveMs / 1000), 0),
      unit: "per_s",
    },
    { name: "extract.ratio_to_naive", value: round(naiveMs / oursMs, 2), unit: "ratio" },
    {
      name: "extract.long_ratio_400k_to_100k",
      value: round(large / small, 2),
      unit: "ratio",
      ms_100k: round(small, 1),
      ms_400k: round(large, 1),
    },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function corpus(): { articles: ArticleInput[]; source: string } {
  const dev = resolve(process.env.STRIKEWATCH_SHARED ?? "../shared", "corpus", "dev");
  if (!existsSync(dev)) return { articles: benchArticles(67), source: "fixtures" };
  const articles = readdirSync(dev)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dev, f), "utf8")) as ArticleInput);
  return { articles, source: "dev" };
}

/** 100 KB and 400 KB of strike news in one unbroken line (the shape that was super-linear). */
function longArticles(): ArticleInput[] {
  const body = benchArticles(40)
    .map((a) => a.text.replace(/\n/g, " "))
    .join(" ");
  const of = (bytes: number) => {
    let text = body;
    while (text.length < bytes) text += ` ${body}`;
    return { title: "", text: text.slice(0, bytes), published: "2023-06-01" };
  };
  return [of(100_000), of(400_000)];
}
