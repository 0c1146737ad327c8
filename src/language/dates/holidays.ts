import { addDays, isoDay, isoWeekday, type IsoDay } from "../../domain/calendar.ts";

/**
 * UK holidays and named days, as the day they fall on in a given year. Bank holidays follow
 * the England and Wales calendar (Scotland's summer holiday is the first Monday of August,
 * written "the Scottish bank holiday" rarely enough that news dates it).
 */
export type HolidayRule = (year: number) => IsoDay;

/** Gregorian Easter Sunday (the anonymous algorithm, as used by the Book of Common Prayer tables). */
export function easterSunday(year: number): IsoDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDay(year, month, day);
}

const fixed =
  (month: number, day: number): HolidayRule =>
  (year) =>
    isoDay(year, month, day);

/** The n-th (1-based; -1 = last) given weekday of a month. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): IsoDay {
  if (n > 0) {
    const first = isoDay(year, month, 1);
    return addDays(first, ((weekday - isoWeekday(first) + 7) % 7) + 7 * (n - 1));
  }
  const nextFirst = month === 12 ? isoDay(year + 1, 1, 1) : isoDay(year, month + 1, 1);
  const last = addDays(nextFirst, -1);
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

const easter =
  (offset: number): HolidayRule =>
  (year) =>
    addDays(easterSunday(year), offset);

/** Names as written (lower case, straight apostrophes), each with the day it falls on. */
export const HOLIDAYS: ReadonlyMap<string, HolidayRule> = new Map<string, HolidayRule>([
  ["new year's day", fixed(1, 1)],
  ["new years day", fixed(1, 1)],
  ["new year's eve", fixed(12, 31)],
  ["new years eve", fixed(12, 31)],
  ["hogmanay", fixed(12, 31)],
  ["christmas eve", fixed(12, 24)],
  ["christmas day", fixed(12, 25)],
  ["boxing day", fixed(12, 26)],
  ["burns night", fixed(1, 25)],
  ["valentine's day", fixed(2, 14)],
  ["st david's day", fixed(3, 1)],
  ["st patrick's day", fixed(3, 17)],
  ["st george's day", fixed(4, 23)],
  ["st andrew's day", fixed(11, 30)],
  ["halloween", fixed(10, 31)],
  ["bonfire night", fixed(11, 5)],
  ["guy fawkes night", fixed(11, 5)],
  ["shrove tuesday", easter(-47)],
  ["pancake day", easter(-47)],
  ["ash wednesday", easter(-46)],
  ["mothering sunday", easter(-21)],
  ["mother's day", easter(-21)],
  ["maundy thursday", easter(-3)],
  ["good friday", easter(-2)],
  ["easter saturday", easter(-1)],
  ["easter sunday", easter(0)],
  ["easter day", easter(0)],
  ["easter monday", easter(1)],
  ["early may bank holiday", (y) => nthWeekday(y, 5, 1, 1)],
  ["may day bank holiday", (y) => nthWeekday(y, 5, 1, 1)],
  ["may day", (y) => nthWeekday(y, 5, 1, 1)],
  ["spring bank holiday", (y) => nthWeekday(y, 5, 1, -1)],
  ["late may bank holiday", (y) => nthWeekday(y, 5, 1, -1)],
  ["whitsun bank holiday", (y) => nthWeekday(y, 5, 1, -1)],
  ["summer bank holiday", (y) => nthWeekday(y, 8, 1, -1)],
  ["august bank holiday", (y) => nthWeekday(y, 8, 1, -1)],
  ["remembrance sunday", (y) => nthWeekday(y, 11, 7, 2)],
  ["father's day", (y) => nthWeekday(y, 6, 7, 3)],
]);

/** Names that only bound a span ("until Christmas"): alone they are a season, not a day. */
export const SEASON_ENDS: ReadonlyMap<string, HolidayRule> = new Map<string, HolidayRule>([
  ["christmas", fixed(12, 25)],
  ["easter", easter(0)],
  ["new year", fixed(1, 1)],
]);

/** Longest holiday name in words, for the grammar's look-ahead. */
export const LONGEST_HOLIDAY = 4;

/** Bank holidays of England and Wales in a year (no substitute days). */
export function bankHolidays(year: number): IsoDay[] {
  return [
    fixed(1, 1)(year),
    easter(-2)(year),
    easter(1)(year),
    nthWeekday(year, 5, 1, 1),
    nthWeekday(year, 5, 1, -1),
    nthWeekday(year, 8, 1, -1),
    fixed(12, 25)(year),
    fixed(12, 26)(year),
  ].sort();
}
