import { Unions } from "../src/domain/unions.ts";
import { createExtractor } from "../src/ingest/extract/extract-article.ts";
import { benchArticles } from "./fixtures.ts";
import { round, type Figure } from "./report.ts";

/** Articles per second through the whole extractor on one core, once warm. */
export function benchExtraction(quick: boolean): Figure[] {
  const extract = createExtractor(new Unions());
  const articles = benchArticles(400);
  for (const a of articles.slice(0, 100)) extract(a); // warm the JIT and regex caches
  const rounds = quick ? 2 : 10;
  const t0 = performance.now();
  let strikes = 0;
  for (let r = 0; r < rounds; r++) for (const a of articles) strikes += extract(a).strikes.length;
  const seconds = (performance.now() - t0) / 1000;
  return [
    {
      name: "extract.articles_per_s",
      value: round((articles.length * rounds) / seconds, 0),
      unit: "per_s",
      articles: articles.length * rounds,
      avg_chars: Math.round(articles.reduce((n, a) => n + a.text.length, 0) / articles.length),
      strike_records: strikes,
    },
  ];
}
