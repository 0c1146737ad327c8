import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "strikewatch-extract-"));
const article = join(dir, "article.txt");
writeFileSync(
  article,
  "Unite bus drivers in Leeds will strike on 9 and 10 October, the union said.\n",
);

describe("strikewatch extract", () => {
  it("reads one article file against its publication date", async () => {
    const r = await runCli(["extract", "--published", "2024-09-20", article]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { strikes: { union: string; dates: string[] }[] };
    expect(out.strikes).toEqual([
      expect.objectContaining({ union: "Unite", dates: ["2024-10-09", "2024-10-10"] }),
    ]);
  });

  it.each([
    [
      "2023-13-45",
      '--published "2023-13-45" is not a date: give it as YYYY-MM-DD, e.g. 2023-01-12.',
    ],
    ["yesterday", '--published "yesterday" is not a date: give it as YYYY-MM-DD, e.g. 2023-01-12.'],
  ])("refuses --published %j in one line and exits non-zero", async (value, message) => {
    const r = await runCli(["extract", "--published", value, article]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stdout).toBe("");
  });

  it("says a missing file in one line and exits non-zero", async () => {
    const missing = join(dir, "nope.txt");
    const r = await runCli(["extract", "--published", "2024-09-20", missing]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(`Cannot read ${missing}: no such file.\n`);
    expect(r.stdout).toBe("");
  });
});
