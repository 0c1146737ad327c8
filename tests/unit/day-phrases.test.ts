import { describe, expect, it } from "vitest";
import { findDayPhrases } from "../../src/domain/day-phrases.ts";
import { isStrikewatchError } from "../../src/errors.ts";

const days = (text: string, reference = "2023-01-12") =>
  findDayPhrases(text, { reference }).flatMap((p) => p.days);

describe("findDayPhrases", () => {
  it.each([
    ["walkouts on 19 and 23 January", ["2023-01-19", "2023-01-23"]],
    ["due to take place on 6 and 7 February.", ["2023-02-06", "2023-02-07"]],
    ["Monday, February 6 and Tuesday, February 7", ["2023-02-06", "2023-02-07"]],
    ["on the 6th and 7th of February", ["2023-02-06", "2023-02-07"]],
    ["strikes on 6, 7 and 8 Feb", ["2023-02-06", "2023-02-07", "2023-02-08"]],
    ["will strike on 1 February as part of", ["2023-02-01"]],
    ["on Wednesday 1st February 2023", ["2023-02-01"]],
    ["2023-02-06", ["2023-02-06"]],
    ["February 6, 2024", ["2024-02-06"]],
  ])("reads the days of %j", (text, expected) => {
    expect(days(text)).toEqual(expected);
  });

  it.each([
    ["from 13 to 17 March", "2023-03-13", "2023-03-17", 5],
    ["between 1 and 3 March", "2023-03-01", "2023-03-03", 3],
    ["13-17 March", "2023-03-13", "2023-03-17", 5],
    ["30 Jan – 2 Feb", "2023-01-30", "2023-02-02", 4],
    ["March 13 until April 21", "2023-03-13", "2023-04-21", 40],
  ])("expands the range %j inclusively", (text, first, last, count) => {
    const d = days(text);
    expect([d[0], d.at(-1), d.length]).toEqual([first, last, count]);
  });

  it("puts a January date in a December article into the next year", () => {
    expect(days("strikes on 5 and 6 January", "2022-12-20")).toEqual(["2023-01-05", "2023-01-06"]);
    expect(days("held a strike on 12 December", "2023-01-12")).toEqual(["2022-12-12"]);
  });

  it("runs a range across the new year when no year is written", () => {
    const d = days("from 30 December to 2 January", "2022-12-01");
    expect([d[0], d.at(-1)]).toEqual(["2022-12-30", "2023-01-02"]);
  });

  it("is not fooled by percentages, money, times and durations", () => {
    expect(days("an offer of between 4% and 5.5%")).toEqual([]);
    expect(days("a payment of £1,000 to each worker")).toEqual([]);
    expect(days("a 48-hour walkout from 7am")).toEqual([]);
    expect(days("at 10:02 today")).toEqual([]);
    expect(days("6, 7 and 8 of the members")).toEqual([]);
  });

  it("reports impossible dates as user errors when asked to", () => {
    try {
      findDayPhrases("31 February", { reference: "2023-01-12", impossible: "throw" });
      expect.unreachable();
    } catch (e) {
      expect(isStrikewatchError(e) && e.code).toBe("impossible_date");
      expect((e as Error).message).toBe("There is no 31 February.");
    }
    expect(findDayPhrases("31 February", { reference: "2023-01-12" })).toEqual([]);
    expect(days("29 February", "2023-06-01")).toEqual(["2024-02-29"]);
  });

  it("gives the phrase's place in the text so callers can remove it", () => {
    const [p] = findDayPhrases("RCN nurses 6-10 Feb Wales", { reference: "2023-01-12" });
    expect(p).toMatchObject({ start: 11, end: 19, text: "6-10 Feb", kind: "range" });
  });
});
