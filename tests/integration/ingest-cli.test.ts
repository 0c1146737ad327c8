import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { NewsSite, rss } from "../helpers/news-site.ts";

const dir = mkdtempSync(join(tmpdir(), "strikewatch-ingest-"));
const ARTICLE = [
  "Ambulance staff to walk out twice",
  "Paramedics in the GMB union will strike on 20 and 27 March, the union said on Friday.",
  "The GMB rejected the latest pay offer last week.",
].join("\n");

describe("strikewatch extract", () => {
  it("prints the facts in one article as JSON", async () => {
    const file = join(dir, "article.txt");
    writeFileSync(file, ARTICLE);
    const r = await runCli([
      "extract",
      file,
      "--published",
      "2023-03-10",
      "--title",
      "Ambulance staff to walk out twice",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      relevant: boolean;
      strikes: { union: string; dates: string[] }[];
      stances: { union: string; stance: string }[];
    };
    expect(out.relevant).toBe(true);
    expect(out.strikes.map((s) => [s.union, s.dates])).toEqual([
      ["GMB", ["2023-03-20", "2023-03-27"]],
    ]);
    expect(out.stances.map((s) => `${s.union} ${s.stance}`)).toEqual(["GMB rejected_offer"]);
  });

  it("batches JSON lines, answering a bad line with an error line and going on", async () => {
    const input = [
      JSON.stringify({
        id: "a",
        published: "2023-03-10",
        title: "",
        text: "The FBU will strike on 20 March.",
      }),
      "{not json",
      JSON.stringify({ id: "b", published: "10/03/2023", title: "", text: "x" }),
      JSON.stringify({ id: 3, published: "2023-03-10", title: "Weather", text: "Sunny spells." }),
    ].join("\n");
    const r = await runCli(["extract", "--jsonl"], { input });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      id: "a",
      relevant: true,
      strikes: [{ union: "FBU", dates: ["2023-03-20"] }],
    });
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(lines[2]).toMatchObject({ line: 3, error: "line 3: published must be YYYY-MM-DD" });
    expect(lines[3]).toEqual({ id: 3, relevant: false, strikes: [], stances: [] });
  });
});

// The test news site listens on loopback, which the reader refuses unless the operator allows it.
const LOOPBACK_FEEDS = { env: { FEEDS_ALLOW_PRIVATE: "127.0.0.1" } };

describe("strikewatch ingest", () => {
  const site = new NewsSite();
  let base = "";
  beforeAll(async () => {
    site.route("/rss", (_req, res) =>
      res.writeHead(200, { etag: '"1"' }).end(
        rss([
          {
            guid: "x1",
            title: "Teachers to strike",
            description: "NEU members in England will strike on 22 March.",
            pubDate: "Fri, 10 Mar 2023 09:00:00 GMT",
          },
        ]),
      ),
    );
    base = await site.start();
  });
  afterAll(() => site.stop());

  it("reads an article file and a feed URL once, and says what changed", async () => {
    const db = join(dir, "ingest.db");
    const file = join(dir, "gmb.txt");
    writeFileSync(file, ARTICLE);
    const r = await runCli(
      ["--db", db, "ingest", file, `${base}/rss`, "--now", "2023-03-10T12:00:00Z"],
      LOOPBACK_FEEDS,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Added: GMB ambulance workers planned on Mon 20 Mar and Mon 27 Mar 2023",
    );
    expect(r.stdout).toContain("Stance: GMB rejected the latest pay offer");
    expect(r.stdout).toContain(`${base}/rss: 1 items, 1 new or changed.`);
    expect(r.stdout).toContain("Added: NEU teachers (England) planned on Wed 22 Mar 2023");

    const again = await runCli(
      ["--db", db, "ingest", `${base}/rss`, "--now", "2023-03-10T12:30:00Z"],
      LOOPBACK_FEEDS,
    );
    expect(again.stdout).toContain("1 items, 0 new or changed.");

    const asked = await runCli([
      "--db",
      db,
      "ask",
      "/strikes next 3 weeks",
      "--now",
      "2023-03-10T12:00:00Z",
    ]);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain("Strikes in the next 21 days");
    const month = await runCli([
      "--db",
      db,
      "ask",
      "/strikes 20-27 March",
      "--now",
      "2023-03-10T12:00:00Z",
    ]);
    // One line per strike, its days together: GMB's two Mondays are one row.
    expect(month.stdout).toMatch(/GMB ambulance workers · .*Mon 20 Mar, Mon 27 Mar/);
    expect(month.stdout).toContain("NEU teachers · England · Wed 22 Mar");
  });

  it("refuses a loopback feed when the operator has not allowed private addresses", async () => {
    const r = await runCli(["--db", join(dir, "strict.db"), "ingest", `${base}/rss`], {
      env: { FEEDS_ALLOW_PRIVATE: "" },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Failed ${base}/rss: refused: 127.0.0.1 is a loopback address`);
    expect(site.count("/rss")).toBe(2); // the two passes above, none from this one
  });

  it("reports a source it cannot read and exits non-zero", async () => {
    const r = await runCli(
      ["--db", join(dir, "bad.db"), "ingest", join(dir, "missing.txt"), `${base}/nothing`],
      LOOPBACK_FEEDS,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no such file");
    expect(r.stdout).toContain("HTTP 404");
  });
});
