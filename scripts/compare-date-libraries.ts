// `node bin/run-ts.js scripts/compare-date-libraries.ts [--libs DIR]`: the measurement behind
// docs/language.md's choice of date reader. Scores each candidate on 1,000 generated date
// expressions (tests/helpers/date-expressions.ts: exact days known) and times it on the dev
// corpus (../shared, or the bench fixtures where it is absent). chrono-node is a dependency;
// compromise, compromise-dates, wink-nlp and wink-eng-lite-web-model are looked up in DIR
// (`npm i --prefix DIR compromise compromise-dates wink-nlp wink-eng-lite-web-model`) and
// skipped when missing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import * as chrono from "chrono-node";
import fc from "fast-check";
import { benchArticles } from "../bench/fixtures.ts";
import { readDays } from "../src/language/dates/index.ts";
import { dateCase } from "../tests/helpers/date-expressions.ts";

type Reader = (text: string, today: string) => string[];

const libsDir = process.argv.includes("--libs")
  ? resolve(process.argv[process.argv.indexOf("--libs") + 1]!)
  : undefined;
const load = (name: string): unknown => {
  if (!libsDir) return undefined;
  try {
    return createRequire(join(libsDir, "node_modules", "x.js"))(name);
  } catch {
    return undefined;
  }
};

function spanDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to) && out.length < 400; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const readers: Record<string, Reader> = {
  strikewatch: (text, today) => {
    const r = readDays(text, { today });
    return r.ok ? (r.value?.days ?? []) : [];
  },
  "chrono-node": (text, today) => {
    const ref = new Date(`${today}T12:00:00Z`);
    const day = (c: chrono.ParsedComponents) =>
      `${c.get("year")}-${String(c.get("month")).padStart(2, "0")}-${String(c.get("day")).padStart(2, "0")}`;
    return chrono.en.GB.parse(text, ref).flatMap((r) =>
      r.end ? spanDays(day(r.start), day(r.end)) : [day(r.start)],
    );
  },
};
const nlp = load("compromise") as
  | (((t: string) => {
      dates: (o: object) => { json: () => { dates?: { start?: string; end?: string } }[] };
    }) & {
      extend: (p: unknown) => void;
    })
  | undefined;
const nlpDates = load("compromise-dates");
if (nlp && nlpDates) {
  nlp.extend(nlpDates);
  readers["compromise + compromise-dates"] = (text, today) =>
    nlp(text)
      .dates({ today, timezone: "Europe/London" })
      .json()
      .flatMap((d) =>
        d.dates?.start
          ? spanDays(d.dates.start.slice(0, 10), (d.dates.end ?? d.dates.start).slice(0, 10))
          : [],
      );
}

const cases = fc.sample(dateCase, { numRuns: 1000, seed: 42 });
console.log(`Exact days on ${cases.length} generated expressions:`);
for (const [name, read] of Object.entries(readers)) {
  let exact = 0;
  for (const c of cases) {
    const got = [...new Set(read(c.text, c.today))].sort();
    if (got.join() === c.days.join()) exact++;
  }
  console.log(`  ${name.padEnd(30)} ${((100 * exact) / cases.length).toFixed(1)}%`);
}

// Throughput: what each costs to read the articles, per sentence for chrono (the naive pass).
const dev = resolve(process.env.STRIKEWATCH_SHARED ?? "../shared", "corpus", "dev");
const articles = existsSync(dev)
  ? readdirSync(dev)
      .filter((f) => f.endsWith(".json"))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(dev, f), "utf8")) as {
            title: string;
            text: string;
            published: string;
          },
      )
  : benchArticles(67);
const sentences = (t: string) => t.split(/(?<=[.!?])\s+|\n+/);
const timers: Record<string, (a: { title: string; text: string; published: string }) => void> = {
  "strikewatch date grammar": (a) =>
    void readers.strikewatch!(`${a.title}\n${a.text}`, a.published),
  "chrono-node per sentence": (a) => {
    const ref = new Date(`${a.published}T12:00:00Z`);
    for (const s of sentences(`${a.title}\n${a.text}`)) chrono.en.GB.parse(s, ref);
  },
};
if (readers["compromise + compromise-dates"])
  timers["compromise + compromise-dates"] = (a) =>
    void readers["compromise + compromise-dates"]!(`${a.title}\n${a.text}`, a.published);
const wink = load("wink-nlp") as
  | ((m: unknown) => {
      readDoc: (t: string) => { tokens: () => { out: (i: unknown) => unknown } };
      its: { lemma: unknown };
    })
  | undefined;
const winkModel = load("wink-eng-lite-web-model");
if (wink && winkModel) {
  const w = wink(winkModel);
  timers["wink-nlp (tokens, POS, lemmas)"] = (a) =>
    void w.readDoc(`${a.title}\n${a.text}`).tokens().out(w.its.lemma);
}
console.log(
  `\nArticles per second on ${articles.length} ${existsSync(dev) ? "dev" : "fixture"} articles (one core, warm):`,
);
for (const [name, run] of Object.entries(timers)) {
  for (const a of articles) run(a);
  const rounds = name.startsWith("compromise") ? 1 : 5;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const a of articles) run(a);
  const perS = (articles.length * rounds) / ((performance.now() - t0) / 1000);
  console.log(`  ${name.padEnd(32)} ${Math.round(perS)}`);
}
