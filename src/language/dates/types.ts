import type { IsoDay } from "../../domain/calendar.ts";

/**
 * One day as written, before the context (the list it sits in, the publication date, the
 * clause's tense) fills in what the writer left out. Token offsets are `[ts, te)`.
 */
export interface DayRef {
  ts: number;
  te: number;
  day?: number;
  month?: number;
  year?: number;
  /** The month was written before the day ("October 3"): lists share the month backwards. */
  monthFirst?: boolean;
  /** The day number carried an ordinal ("24th", "the 24"). */
  ordinal?: boolean;
  /** A weekday written with the day ("Monday 6 February"): a check, or alone a relative day. */
  weekday?: number;
  /** "next Monday", "last Friday", "this Thursday", "this coming Monday", "the following Monday". */
  weekdayMod?: "next" | "last" | "this" | "following";
  /** Set by "this week" (0), "next week" (1), "last week" (-1) written after the weekdays. */
  week?: number;
  /** "Monday week": the Monday after next. */
  weekAfter?: boolean;
  /** today (0), tomorrow (1), yesterday (-1), "the day after tomorrow" (2). */
  offset?: number;
  /** "the following day" (+1), "the day before" (-1): relative to the date written before it. */
  following?: number;
  /** A named day ("boxing day"), a key of HOLIDAYS or SEASON_ENDS. */
  holiday?: string;
  /** "the bank holiday", "bank holiday Monday": the nearest bank holiday in the clause's direction. */
  bankHoliday?: boolean;
  /** "the last day of the month", "the first Monday of March". */
  edge?: { last: boolean; weekday?: number; month?: number; monthOffset?: number };
  /** Minutes after midnight of a time written with the day ("7am", "06:00 hours"). */
  minute?: number;
  /** The time was "midnight": the start of the day as a start, its end as an end. */
  midnight?: boolean;
  /** Months added to the written or shared month (a fall in day numbers in a list). */
  monthShift?: number;
}

/** A single day, or a range with both ends written. */
export interface Element {
  from: DayRef;
  to?: DayRef;
  ts: number;
  te: number;
}

/** A period of time, not a run of days: "next week", "in March", "the next 3 months". */
export interface Period {
  unit: "day" | "week" | "weekend" | "month" | "year" | "fortnight";
  /** 0 this, 1 next, -1 last (relative to the anchor). */
  offset?: number;
  month?: number;
  year?: number;
  /** Rolling: "next 14 days", "the next 3 months" (count units from today). */
  count?: number;
  /** "later this month", "early March", "in the new year": no days of its own. */
  vague?: boolean;
  /** "the week beginning 6 February": the week from that day. */
  from?: DayRef;
}

export interface Recurrence {
  /** ISO weekdays; every day for "every day". */
  weekdays: number[];
  within?: Period;
  from?: DayRef;
  to?: DayRef;
}

export interface Duration {
  minutes: number;
  /** Calendar months ("a month-long strike"). */
  months: number;
  /** "a three-day strike", "for 48 hours": the length of one action. A "count" ("20 strike
   * days", "three days of strikes") only says how many days there are. */
  form: "length" | "count";
}

export type Role = "point" | "start" | "end";

export interface DateExpr {
  kind: "dates" | "period" | "recurrence" | "duration";
  /** Tokens `[ts, te)` and characters `[s, e)` of the expression. */
  ts: number;
  te: number;
  s: number;
  e: number;
  /** A lone start ("from 6 February", "starting on Monday") or end ("until 24 March"). */
  role: Role;
  elements: Element[];
  period?: Period;
  recurrence?: Recurrence;
  duration?: Duration;
  /** What the reader should be told about how it was read (a misspelt month). */
  problems: DateProblem[];
}

export type DateErrorCode =
  | "impossible_date"
  | "reversed_range"
  | "misspelt_month"
  | "span_too_long"
  | "ambiguous"
  | "not_days";

/** A specific, plain-words reason a date cannot be read, with where it is in the text. */
export interface DateProblem {
  code: DateErrorCode;
  message: string;
  hint?: string;
  start: number;
  end: number;
}

/** A stretch of local (Europe/London wall-clock) time: minutes since 1970-01-01 00:00. */
export interface Interval {
  start: number;
  end: number;
}

export interface ResolvedDates {
  /** Every calendar day the expression touches, sorted. */
  days: IsoDay[];
  /** One interval per element (a day, or a range with its times). */
  intervals: Interval[];
  problems: DateProblem[];
}
