// `npm run eval [-- --errors] [-- --old]`: scores extraction on the shared dev corpus (not part
// of `npm test`, which must pass where ../shared does not exist) and prints every figure issue
// 12 asks for: the scorer's strike days, stances, relevance, status and regions; whether both
// seed articles come out exactly as labelled; and articles per second on one warm core.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Unions } from "../src/domain/unions.ts";
import { createExtractor, createLegacyExtractor } from "../src/ingest/extract/extract-article.ts";

interface Labelled {
  id: string;
  published: string;
  title: string;
  text: string;
  strikes: { union: string; dates: string[]; status: string; regions: string[] }[];
  stances: { union: string; stance: string }[];
}

const shared = resolve(process.env.STRIKEWATCH_SHARED ?? "../shared");
const gold = join(shared, "corpus", "dev");
const scorer = join(shared, "tools", "score-extraction.mjs");
if (!existsSync(gold) || !existsSync(scorer)) {
  console.error(`No corpus at ${gold}: set STRIKEWATCH_SHARED to the shared folder.`);
  process.exit(2);
}
// `--old` scores the rule-list extractor the language layer replaced, for comparison.
const args = process.argv.slice(2);
const extract = args.includes("--old")
  ? createLegacyExtractor(new Unions())
  : createExtractor(new Unions());
const articles = readdirSync(gold)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(gold, f), "utf8")) as Labelled);
const results = articles.map((a) => ({
  a,
  r: extract({ title: a.title, text: a.text, published: a.published }),
}));
const pred = join(mkdtempSync(join(tmpdir(), "strikewatch-eval-")), "pred.jsonl");
writeFileSync(
  pred,
  `${results.map(({ a, r }) => JSON.stringify({ id: a.id, ...r })).join("\n")}\n`,
);
const scorerArgs = args.filter((a) => a !== "--old");
const run = spawnSync(process.execPath, [scorer, "--gold", gold, "--pred", pred, ...scorerArgs], {
  stdio: "inherit",
});

// Both seeds exact: the same (union, day, class) triples and (union, stance) pairs as labelled.
const CLASS: Record<string, string> = {
  planned: "on",
  held: "on",
  cancelled: "off",
  suspended: "off",
  postponed: "off",
  threatened: "threat",
};
const facts = (x: {
  strikes: readonly {
    union: string;
    dates: readonly string[];
    status: string;
    regions: readonly string[];
  }[];
  stances: readonly { union: string; stance: string }[];
}) =>
  [
    ...x.strikes.flatMap((s) =>
      s.dates.map(
        (d) =>
          `${s.union.toLowerCase()}|${d}|${CLASS[s.status] ?? s.status}|${s.status}|${[...s.regions].sort().join("+")}`,
      ),
    ),
    ...x.stances.map((s) => `${s.union.toLowerCase()}|${s.stance}`),
  ]
    .filter((v, i, all) => all.indexOf(v) === i)
    .sort();
for (const { a, r } of results.filter((x) => x.a.id.startsWith("seed"))) {
  const want = facts(a);
  const got = facts(r);
  const missing = want.filter((x) => !got.includes(x));
  const extra = got.filter((x) => !want.includes(x));
  const exact = missing.length === 0 && extra.length === 0;
  console.log(
    `${a.id} ${exact ? "exact" : "NOT exact"} (strike days with status and regions, stances)${exact ? "" : `: missing ${missing.join(", ") || "-"}; extra ${extra.join(", ") || "-"}`}`,
  );
}

// Throughput: the whole extractor over the corpus, in CPU time (the machine may be shared).
for (const { a } of results) extract(a);
const rounds = 10;
const c0 = process.cpuUsage();
for (let k = 0; k < rounds; k++) for (const { a } of results) extract(a);
const c = process.cpuUsage(c0);
const perS = (articles.length * rounds) / ((c.user + c.system) / 1e6);
console.log(
  `extract.articles_per_s ${Math.round(perS)} (one core, warm, ${articles.length} dev articles)`,
);
process.exit(run.status ?? 1);
