import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Unions } from "../../src/domain/unions.ts";
import { isStrikewatchError } from "../../src/errors.ts";
import { parseDayParam, parseFilters } from "../../src/http/query-params.ts";
import { parsePageRequest } from "../../src/http/page-request.ts";

const unions = new Unions();
const parse = (q: string) => parseFilters(new URLSearchParams(q), unions);
const reason = (q: string) => {
  try {
    parse(q);
  } catch (e) {
    if (isStrikewatchError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "accepted";
};

describe("the shared query parameters (/, /calendar.ics, /api/strikes, /strikes.csv)", () => {
  it.each([
    ["from=2023-99-99", "bad_date: from=2023-99-99 is not a date: there is no month 99."],
    ["from=2026-02-31", "bad_date: from=2026-02-31 is not a date: February 2026 has 28 days."],
    ["from=2023-02-29", "bad_date: from=2023-02-29 is not a date: February 2023 has 28 days."],
    ["to=2023-04-31", "bad_date: to=2023-04-31 is not a date: April 2023 has 30 days."],
    ["from=2023-01-00", "bad_date: from=2023-01-00 is not a date: January 2023 has 31 days."],
    [
      "from=yesterday",
      "bad_date: from=yesterday is not a date: write it as YYYY-MM-DD, like 2023-02-06.",
    ],
    [
      "from=2023-2-6",
      "bad_date: from=2023-2-6 is not a date: write it as YYYY-MM-DD, like 2023-02-06.",
    ],
    [
      "from=0001-01-01",
      "bad_date: from=0001-01-01 is not a date: the year must be between 2000 and 2099.",
    ],
    ["from=2023-02-10&to=2023-02-01", "bad_date: from=2023-02-10 is after to=2023-02-01."],
    ["weeks=0", "usage: weeks: weeks must be from 1 to 52"],
    ["weeks=many", "usage: weeks: weeks must be a whole number from 1 to 52"],
    ["workforce=astronauts", 'unknown_word: Unknown workforce "astronauts".'],
    [
      "status=maybe",
      'unknown_word: Unknown status "maybe". Statuses: planned, held, cancelled, suspended, postponed, threatened.',
    ],
  ])("refuses ?%s and says why", (q, expected) => {
    expect(reason(q)).toBe(expected);
  });

  it("accepts the last day of every month, leap days in leap years only", () => {
    expect(parse("from=2024-02-29").from).toBe("2024-02-29");
    expect(parse("from=2000-02-29").from).toBe("2000-02-29");
    expect(reason("from=2100-02-29")).toContain("the year must be between");
    expect(parse("from=2023-12-31&to=2024-01-31")).toMatchObject({
      from: "2023-12-31",
      to: "2024-01-31",
    });
  });

  it("refuses a span longer than a year, naming the limit", () => {
    expect(reason("from=2023-01-01&to=2024-06-01")).toBe(
      "bad_date: from=2023-01-01 to to=2024-06-01 is more than 366 days; ask for at most 366 at a time (to=2024-01-01).",
    );
  });

  it("takes several values of each filter, repeated or comma-separated, canonical and once each", () => {
    expect(
      parse(
        "union=rcn&union=GMB,Royal College of Nursing&region=wales&region=Cardiff&workforce=nurse&status=planned,held&sector=health",
      ),
    ).toEqual({
      unions: ["RCN", "GMB"],
      regions: ["Wales", "Cardiff"],
      sectors: ["health"],
      workforces: ["nurses"],
      statuses: ["planned", "held"],
      weeks: undefined,
    });
  });

  it("ignores empty values a plain form sends for an empty text box", () => {
    expect(parse("region=&union=&from=").regions).toEqual([]);
    expect(parse("region=&from=").from).toBeUndefined();
  });

  it("accepts exactly the calendar's days and refuses every other YYYY-MM-DD (generated)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const real = new Date(Date.UTC(y, m - 1, d));
          const exists =
            m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
          let accepted: boolean;
          try {
            accepted = parseDayParam("from", text) === text;
          } catch (e) {
            if (!isStrikewatchError(e) || e.code !== "bad_date") throw e;
            accepted = false;
          }
          expect(accepted).toBe(exists);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("the page's own parameters", () => {
  const today = "2026-12-01";
  const page = (q: string) => parsePageRequest(new URLSearchParams(q), unions, today);

  it("shows the seven days from today, or from the day asked for", () => {
    expect(page("")).toMatchObject({ view: "list", from: "2026-12-01", to: "2026-12-07", page: 1 });
    expect(page("from=2026-12-30")).toMatchObject({ from: "2026-12-30", to: "2027-01-05" });
  });

  it("shows the whole calendar month holding `from` in the month view", () => {
    expect(page("view=month")).toMatchObject({ from: "2026-12-01", to: "2026-12-31" });
    expect(page("view=month&from=2024-02-17")).toMatchObject({
      from: "2024-02-01",
      to: "2024-02-29",
    });
  });

  it.each([
    ["view=year", 'view: view must be "list" or "month"'],
    ["page=0", "page: page must be a whole number from 1 to 200"],
    ["page=two", "page: page must be a whole number from 1 to 200"],
    ["from=2026-02-31", "from=2026-02-31 is not a date: February 2026 has 28 days."],
  ])("refuses ?%s", (q, message) => {
    expect(() => page(q)).toThrow(message);
  });
});
