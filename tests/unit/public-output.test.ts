import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StoredSource, StrikeDay } from "../../src/domain/facts.ts";
import { Unions } from "../../src/domain/unions.ts";
import { countAreaDays } from "../../src/http/page-areas.ts";
import { renderMap, shadeOf } from "../../src/http/page-map.ts";
import { isPublicUrl, publicSource, publicSourceText } from "../../src/http/public-source.ts";
import { CSV_COLUMNS, CSV_HEADER, csvField, csvRows } from "../../src/http/strikes-csv.ts";

const unions = new Unions();
const staff: StoredSource = {
  id: 1,
  kind: "user",
  label: "Jo Bloggs",
  url: null,
  platform: "slack",
  userId: "U0JOBLOGGS",
};
const articleSource = (url: string | null, label = "Nurses to strike"): StoredSource => ({
  id: 2,
  kind: "article",
  label,
  url,
  platform: null,
  userId: null,
});

describe("public sources (13.9: public output names no person and no internal address)", () => {
  it("shows a staff entry as 'staff (Slack)', never the person's name or id", () => {
    expect(publicSource(staff)).toEqual({ kind: "staff", platform: "Slack" });
    expect(publicSourceText(staff)).toBe("staff (Slack)");
    expect(publicSourceText({ ...staff, platform: "discord" })).toBe("staff (Discord)");
    expect(JSON.stringify(publicSource(staff))).not.toMatch(/Jo|Bloggs|U0JOBLOGGS/);
  });

  it.each([
    "https://www.bbc.co.uk/news/uk-wales-64000000",
    "http://news.example.org/a?b=c",
    "https://nation.cymru/news/x",
  ])("links news at a public address: %s", (url) => {
    expect(isPublicUrl(url)).toBe(true);
    expect(publicSource(articleSource(url))).toEqual({
      kind: "news",
      title: "Nurses to strike",
      url,
    });
  });

  it.each([
    "http://127.0.0.1:8080/feed",
    "http://10.0.0.7/memo",
    "http://[::1]/x",
    "http://[fd00::1]/x",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://localhost/x",
    "http://intranet/x",
    "https://wiki.corp/x",
    "https://hr.internal/x",
    "http://printer.local/x",
    "http://router.home.arpa/",
    "https://user:secret@news.example.org/x",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "not a url",
  ])("keeps the title but drops the link for %s", (url) => {
    expect(isPublicUrl(url)).toBe(false);
    expect(publicSource(articleSource(url))).toEqual({
      kind: "news",
      title: "Nurses to strike",
      url: null,
    });
    expect(publicSourceText(articleSource(url))).toBe("Nurses to strike");
  });

  it("names an untitled article by its publisher, else as a news report", () => {
    expect(publicSource(articleSource("https://www.bbc.co.uk/news/1", " "))).toMatchObject({
      title: "bbc.co.uk",
    });
    expect(publicSource(articleSource("http://10.1.1.1/x", ""))).toMatchObject({
      title: "news report",
      url: null,
    });
  });
});

const row = (over: Partial<StrikeDay>): StrikeDay => ({
  day: "2026-12-02",
  status: "planned",
  actionId: 1,
  union: "RCN",
  workforce: "nurses",
  sector: "health",
  employer: null,
  regions: ["Wales"],
  source: articleSource("https://news.example.org/rcn"),
  asOf: new Date("2026-11-25T08:00:00Z"),
  ...over,
});

describe("the CSV export (RFC 4180, safe in a spreadsheet)", () => {
  const csv = (rows: StrikeDay[]) => CSV_HEADER + csvRows(rows, unions);

  it("is CRLF-separated, BOM-prefixed, with a header, and parses back to the same cells", () => {
    const text = csv([
      row({}),
      row({ day: "2026-12-03", status: "cancelled", regions: ["Wales", "Cardiff"] }),
      row({ union: "Unison", workforce: "health workers", regions: [], source: staff }),
    ]);
    expect(text.startsWith("\ufeffdate,weekday,union,")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(5);
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    expect(
      records.map((r) => [
        r.date,
        r.weekday,
        r.union,
        r.union_name,
        r.regions,
        r.status,
        r.called_off,
        r.source,
        r.source_url,
      ]),
    ).toEqual([
      [
        "2026-12-02",
        "Wed",
        "RCN",
        "Royal College of Nursing",
        "Wales",
        "planned",
        "no",
        "Nurses to strike",
        "https://news.example.org/rcn",
      ],
      [
        "2026-12-03",
        "Thu",
        "RCN",
        "Royal College of Nursing",
        "Wales; Cardiff",
        "cancelled",
        "yes",
        "Nurses to strike",
        "https://news.example.org/rcn",
      ],
      [
        "2026-12-02",
        "Wed",
        "Unison",
        "UNISON",
        "area not given",
        "planned",
        "no",
        "staff (Slack)",
        "",
      ],
    ]);
    expect(text).not.toMatch(/Jo Bloggs|U0JOBLOGGS/);
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const evil of ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      const field = csvField(evil);
      const back = (parse(field + "\r\n") as string[][])[0]![0];
      expect(back!.startsWith("'")).toBe(true);
      expect(back!.slice(1)).toBe(evil);
    }
    expect(csvField("nurses")).toBe("nurses");
  });

  it("round-trips any text through a standard parser, and no cell starts a formula (generated)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 30 }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const line = cells.map(csvField).join(",") + "\r\n";
          const [back] = parse(line, { relax_column_count: true }) as string[][];
          expect(back).toHaveLength(cells.length);
          back!.forEach((cell, i) => {
            expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
            expect(cell === cells[i] || cell === `'${cells[i]}`).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the map's counts (strike days per nation and English region)", () => {
  const on = (day: string, ...regions: string[]) => ({ day, regions });

  it("counts a UK-wide strike everywhere, England in each English region, a city in its region", () => {
    const c = countAreaDays([
      on("2026-12-07", "UK"),
      on("2026-12-08", "England"),
      on("2026-12-09", "Manchester"),
      on("2026-12-09", "North West"),
      on("2026-12-10", "Cardiff"),
      on("2026-12-11"),
    ]);
    expect(c.days).toMatchObject({
      scotland: 1,
      "northern-ireland": 1,
      wales: 2,
      london: 2,
      "north-west": 3,
      "south-west": 2,
    });
    expect(c.noArea).toBe(1);
    expect(c.unplaced).toBe(0);
  });

  it("counts distinct days, not strikes", () => {
    const c = countAreaDays([
      on("2026-12-07", "Wales"),
      on("2026-12-07", "Cardiff"),
      on("2026-12-07", "UK"),
    ]);
    expect(c.days.wales).toBe(1);
  });

  it("shades by the share of the window's days, and every tile says its number", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((d) => shadeOf(d, 7))).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
    const svg = renderMap({
      counts: countAreaDays([on("2026-12-07", "London"), on("2026-12-08", "London")]),
      windowDays: 7,
      windowLabel: "this week",
      hrefFor: (id) => `/?region=${id}`,
    });
    expect(svg).toContain('aria-label="London: 2 strike days"');
    expect(svg).toContain('aria-label="Wales: 0 strike days"');
    expect(svg).toMatch(
      /data-area="london" data-days="2"><title>London: 2 strike days<\/title><rect[^>]*fill="#6baed6"/,
    );
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
