import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDays, readWindow } from "../../../src/language/dates/index.ts";
import { dateCase } from "../../helpers/date-expressions.ts";

const days = (text: string, today = "2023-01-12") => {
  const r = readDays(text, { today });
  if (!r.ok) throw new Error(r.error.message);
  return r.value?.days ?? [];
};
const win = (text: string, today = "2023-01-12") => {
  const r = readWindow(text, { today });
  if (!r.ok) throw new Error(r.error.message);
  return r.value && [r.value.from, r.value.to];
};
const error = (text: string, today = "2023-01-12") => {
  const r = readDays(text, { today });
  return r.ok ? undefined : r.error;
};

describe("the date grammar, on generated expressions", () => {
  it("reads exactly the days each generated expression means", () => {
    fc.assert(
      fc.property(dateCase, (c) => {
        const r = readDays(c.text, { today: c.today });
        expect(r.ok && r.value?.days, `${c.text} (today ${c.today})`).toEqual(c.days);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives a window from the first to the last of those days", () => {
    fc.assert(
      fc.property(dateCase, (c) => {
        const r = readWindow(c.text, { today: c.today });
        expect(r.ok && r.value && [r.value.from, r.value.to], c.text).toEqual([
          c.days[0],
          c.days.at(-1),
        ]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("query windows as people type them", () => {
  // Thursday 12 January 2023
  it.each([
    ["in March", ["2023-03-01", "2023-03-31"]],
    ["March", ["2023-03-01", "2023-03-31"]],
    ["last week", ["2023-01-02", "2023-01-08"]],
    ["this week", ["2023-01-09", "2023-01-15"]],
    ["next week", ["2023-01-16", "2023-01-22"]],
    ["next tuesday", ["2023-01-17", "2023-01-17"]],
    ["Monday to Wednesday next week", ["2023-01-16", "2023-01-18"]],
    ["from tomorrow", ["2023-01-13", "2023-01-19"]],
    ["until Christmas", ["2023-01-12", "2023-12-25"]],
    ["next 3 months", ["2023-01-12", "2023-04-11"]],
    ["next fortnight", ["2023-01-12", "2023-01-25"]],
    ["next 14 days", ["2023-01-12", "2023-01-25"]],
    ["this month", ["2023-01-01", "2023-01-31"]],
    ["next month", ["2023-02-01", "2023-02-28"]],
    ["this weekend", ["2023-01-14", "2023-01-15"]],
    ["6-10 Feb", ["2023-02-06", "2023-02-10"]],
    ["between 1 and 3 March", ["2023-03-01", "2023-03-03"]],
    ["6 February 2023", ["2023-02-06", "2023-02-06"]],
    ["2023-02-06", ["2023-02-06", "2023-02-06"]],
    ["today", ["2023-01-12", "2023-01-12"]],
    ["friday", ["2023-01-13", "2023-01-13"]],
  ])("%j", (text, expected) => {
    expect(win(text)).toEqual(expected);
  });

  it("says where the time was written, so the rest can be read as filters", () => {
    const r = readWindow("RCN nurses next week in Wales", { today: "2023-01-12" });
    expect(r.ok && r.value).toMatchObject({ start: 11, end: 20, text: "next week" });
  });

  it("names no window when the text has no time", () => {
    expect(readWindow("RCN nurses Wales", { today: "2023-01-12" })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it("refuses two times and a window longer than the limit, naming it", () => {
    const two = readWindow("next week 6 Feb", { today: "2023-01-12" });
    expect(!two.ok && two.error.code).toBe("ambiguous");
    const long = readWindow("next 53 weeks", { today: "2023-01-12" });
    expect(!long.ok && long.error).toMatchObject({ code: "span_too_long" });
    expect(!long.ok && long.error.message).toContain("366 days");
  });
});

describe("strike days as staff type them", () => {
  it.each([
    [
      "24-25 and 28-30 June",
      ["2023-06-24", "2023-06-25", "2023-06-28", "2023-06-29", "2023-06-30"],
    ],
    [
      "from 7am 3 January to 7am 9 January",
      [
        "2023-01-03",
        "2023-01-04",
        "2023-01-05",
        "2023-01-06",
        "2023-01-07",
        "2023-01-08",
        "2023-01-09",
      ],
    ],
    ["48 hours from 7am on 3 February", ["2023-02-03", "2023-02-04", "2023-02-05"]],
    ["October 3 and 14 and November 2", ["2023-10-03", "2023-10-14", "2023-11-02"]],
    ["every Friday in February", ["2023-02-03", "2023-02-10", "2023-02-17", "2023-02-24"]],
    [
      "from Boxing Day until New Year's Day",
      [
        "2022-12-26",
        "2022-12-27",
        "2022-12-28",
        "2022-12-29",
        "2022-12-30",
        "2022-12-31",
        "2023-01-01",
      ],
    ],
    ["Monday 6th and Tuesday 7th of February", ["2023-02-06", "2023-02-07"]],
  ])("%j", (text, expected) => {
    expect(days(text, text.startsWith("October") ? "2023-09-01" : "2023-01-12")).toEqual(expected);
  });

  it.each([
    ["RCN 5-1 Feb", "reversed_range", "5 Feb is after 1 Feb."],
    ["31 February", "impossible_date", "There is no 31 February."],
    ["18 Janaury", "misspelt_month", '"janaury" is not a month. Did you mean January?'],
    ["next week", "not_days", undefined],
  ])("refuses %j with a specific reason", (text, code, message) => {
    const e = error(text);
    expect(e?.code).toBe(code);
    if (message) expect(e?.message).toBe(message);
  });
});
