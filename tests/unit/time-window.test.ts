import { describe, expect, it } from "vitest";
import { dayInZone, formatDayRange } from "../../src/domain/calendar.ts";
import { describeWindow, matchNamedWindow, nextDays } from "../../src/domain/time-window.ts";

const win = (phrase: string, today: string) => {
  const m = matchNamedWindow(phrase.split(" "), 0, today);
  return m && [m.window.from, m.window.to];
};

describe("time windows", () => {
  // Thursday 12 January 2023
  const today = "2023-01-12";
  it.each([
    ["today", ["2023-01-12", "2023-01-12"]],
    ["tomorrow", ["2023-01-13", "2023-01-13"]],
    ["this week", ["2023-01-09", "2023-01-15"]],
    ["next week", ["2023-01-16", "2023-01-22"]],
    ["this month", ["2023-01-01", "2023-01-31"]],
    ["next month", ["2023-02-01", "2023-02-28"]],
    ["friday", ["2023-01-13", "2023-01-13"]],
    ["thursday", ["2023-01-12", "2023-01-12"]],
    ["wed", ["2023-01-18", "2023-01-18"]],
    ["weekend", ["2023-01-14", "2023-01-15"]],
    ["next 14 days", ["2023-01-12", "2023-01-25"]],
    ["next 2 weeks", ["2023-01-12", "2023-01-25"]],
    ["next two weeks", ["2023-01-12", "2023-01-25"]],
    ["next fortnight", ["2023-01-12", "2023-01-25"]],
    ["coming 10 days", ["2023-01-12", "2023-01-21"]],
    // Rolling months end the day before the same date: 12 Jan + 3 months is 12 Apr.
    ["next 3 months", ["2023-01-12", "2023-04-11"]],
    ["next six months", ["2023-01-12", "2023-07-11"]],
  ])("%s runs Monday-to-Sunday weeks from a Thursday", (phrase, expected) => {
    expect(win(phrase, today)).toEqual(expected);
  });

  it("refuses rolling windows over a year, and counts that are not counts", () => {
    expect(win("next 13 months", today)).toBeUndefined();
    expect(win("next 400 days", today)).toBeUndefined();
    expect(win("next 0 weeks", today)).toBeUndefined();
    expect(win("next 1.5 weeks", today)).toBeUndefined();
  });

  it("says a rolling window back in the reader's words", () => {
    expect(matchNamedWindow(["next", "3", "months"], 0, today)?.window.phrase).toBe(
      "in the next 3 months",
    );
    expect(matchNamedWindow(["next", "fortnight"], 0, today)).toMatchObject({
      length: 2,
      window: { phrase: "in the next fortnight" },
    });
  });

  it("treats Sunday as the end of this week, not the start of the next", () => {
    expect(win("this week", "2023-01-15")).toEqual(["2023-01-09", "2023-01-15"]);
    expect(win("next week", "2023-01-15")).toEqual(["2023-01-16", "2023-01-22"]);
  });

  it("defaults to the next 7 days including today", () => {
    expect(describeWindow(nextDays(today))).toBe("in the next 7 days (Thu 12 – Wed 18 Jan 2023)");
  });

  it("takes 'today' in the channel's time zone, not UTC", () => {
    const lateEvening = new Date("2023-06-30T23:30:00Z");
    expect(dayInZone(lateEvening, "Europe/London")).toBe("2023-07-01");
    expect(dayInZone(lateEvening, "UTC")).toBe("2023-06-30");
  });

  it("formats ranges across months and years", () => {
    expect(formatDayRange("2023-01-30", "2023-02-05")).toBe("Mon 30 Jan – Sun 5 Feb 2023");
    expect(formatDayRange("2022-12-26", "2023-01-01")).toBe("Mon 26 Dec 2022 – Sun 1 Jan 2023");
  });
});
