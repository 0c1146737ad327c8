// `npm run eval`: scores extraction on the shared dev corpus (not part of `npm test`, which must
// pass where ../shared does not exist).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Unions } from "../src/domain/unions.ts";
import { createExtractor, createLegacyExtractor } from "../src/ingest/extract/extract-article.ts";

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
const lines = readdirSync(gold)
  .filter((f) => f.endsWith(".json"))
  .map(
    (f) =>
      JSON.parse(readFileSync(join(gold, f), "utf8")) as {
        id: string;
        published: string;
        title: string;
        text: string;
      },
  )
  .map((a) =>
    JSON.stringify({
      id: a.id,
      ...extract({ title: a.title, text: a.text, published: a.published }),
    }),
  );
const pred = join(mkdtempSync(join(tmpdir(), "strikewatch-eval-")), "pred.jsonl");
writeFileSync(pred, `${lines.join("\n")}\n`);
const scorerArgs = args.filter((a) => a !== "--new" && a !== "--old");
const r = spawnSync(process.execPath, [scorer, "--gold", gold, "--pred", pred, ...scorerArgs], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
