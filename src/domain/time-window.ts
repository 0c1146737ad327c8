import { DateTime } from "luxon";
import { addDays, formatDayRange, isoWeekday, type IsoDay } from "./calendar.ts";
import { NUMBER_WORDS } from "./number-words.ts";
import { PhraseIndex } from "./phrase-index.ts";

/**
 * A span of calendar days in the reader's time zone. `phrase` is how the reader asked for it
 * ("next week"), kept so the answer can say it back.
 */
export interface DayWindow {
  from: IsoDay;
  to: IsoDay;
  phrase?: string;
}

export const DEFAULT_WINDOW_DAYS = 7;

export function nextDays(today: IsoDay, n = DEFAULT_WINDOW_DAYS): DayWindow {
  const phrase = n === 1 ? "today" : `in the next ${n} days`;
  return { from: today, to: addDays(today, n - 1), phrase };
}

function startOfWeek(day: IsoDay): IsoDay {
  return addDays(day, 1 - isoWeekday(day));
}

function monthWindow(today: IsoDay, offset: number): { from: IsoDay; to: IsoDay } {
  const start = DateTime.fromISO(today, { zone: "UTC" }).startOf("month").plus({ months: offset });
  return { from: start.toISODate()!, to: start.endOf("month").toISODate()! };
}

/** The next day (today included) that falls on an ISO weekday. */
function comingWeekday(today: IsoDay, weekday: number): IsoDay {
  return addDays(today, (weekday - isoWeekday(today) + 7) % 7);
}

type WindowMaker = (today: IsoDay) => DayWindow;

const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
];

const named = new PhraseIndex<WindowMaker>();
named
  .add("today", (t) => ({ from: t, to: t, phrase: "today" }))
  .add("tomorrow", (t) => ({ from: addDays(t, 1), to: addDays(t, 1), phrase: "tomorrow" }))
  .add("this week", (t) => ({
    from: startOfWeek(t),
    to: addDays(startOfWeek(t), 6),
    phrase: "this week",
  }))
  .add("next week", (t) => {
    const from = addDays(startOfWeek(t), 7);
    return { from, to: addDays(from, 6), phrase: "next week" };
  })
  .add("this weekend", (t) => weekend(t, "this weekend"))
  .add("weekend", (t) => weekend(t, "this weekend"))
  .add("this month", (t) => ({ ...monthWindow(t, 0), phrase: "this month" }))
  .add("next month", (t) => ({ ...monthWindow(t, 1), phrase: "next month" }));
WEEKDAY_NAMES.forEach((name, i) => {
  const make: WindowMaker = (t) => {
    const day = comingWeekday(t, i + 1);
    return { from: day, to: day, phrase: `on ${name}` };
  };
  named.add(name, make).add(name.slice(0, 3), make).add(`on ${name}`, make);
});

function weekend(today: IsoDay, phrase: string): DayWindow {
  const saturday = comingWeekday(today, 6);
  const from = isoWeekday(today) === 7 ? today : saturday;
  return { from, to: isoWeekday(today) === 7 ? today : addDays(saturday, 1), phrase };
}

/** "today", "next week", "friday", "next 14 days": the window starting at `start` and its length. */
export function matchNamedWindow(
  words: readonly string[],
  start: number,
  today: IsoDay,
): { window: DayWindow; length: number } | undefined {
  const hit = named.matchAt(words, start);
  if (hit) return { window: hit.value(today), length: hit.length };
  return rollingWindow(words, start, today);
}

/** "next 14 days", "next two weeks", "coming fortnight", "next 3 months": from today on. */
function rollingWindow(
  words: readonly string[],
  start: number,
  today: IsoDay,
): { window: DayWindow; length: number } | undefined {
  const w = (i: number) => (words[start + i] ?? "").toLowerCase();
  if (w(0) !== "next" && w(0) !== "coming") return undefined;
  if (w(1) === "fortnight")
    return { window: { ...nextDays(today, 14), phrase: "in the next fortnight" }, length: 2 };
  const n = /^\d+$/.test(w(1)) ? Number(w(1)) : NUMBER_WORDS[w(1)];
  const unit = /^(day|week|fortnight|month)s?$/.exec(w(2))?.[1];
  if (!n || !unit) return undefined;
  if (unit === "month") {
    if (n > 12) return undefined;
    const to = DateTime.fromISO(today, { zone: "UTC" }).plus({ months: n, days: -1 });
    return {
      window: {
        from: today,
        to: to.toISODate()!,
        phrase: `in the next ${n} month${n === 1 ? "" : "s"}`,
      },
      length: 3,
    };
  }
  const days = n * { day: 1, week: 7, fortnight: 14 }[unit as "day" | "week" | "fortnight"];
  return days <= 366 ? { window: nextDays(today, days), length: 3 } : undefined;
}

/** "next week (Mon 16 – Sun 22 Jan 2023)" or "on Thu 19 Jan 2023". */
export function describeWindow(w: DayWindow): string {
  const range = formatDayRange(w.from, w.to);
  if (w.phrase) return `${w.phrase} (${range})`;
  return w.from === w.to ? `on ${range}` : `from ${range}`;
}
