import { IANAZone } from "luxon";
import { isoDay, type IsoDay } from "../../domain/calendar.ts";
import { HOLIDAYS, SEASON_ENDS, bankHolidays, nthWeekday } from "./holidays.ts";
import { MONTH_NAMES } from "./lexicon.ts";
import type {
  DateExpr,
  DateProblem,
  DayRef,
  Duration,
  Element,
  Interval,
  Period,
  ResolvedDates,
} from "./types.ts";

/**
 * Turns what the grammar read into calendar days. Everything the writer left out comes from
 * the context: the publication date (or the chat's today), the tense of the clause the date
 * sits in, and the date written before it. Times are Europe/London wall-clock times; the last
 * step, `daysTouched`, turns intervals into the calendar days they touch.
 */
export interface ResolveContext {
  /** Publication day of the article, or today in the chat's time zone. */
  today: IsoDay;
  /**
   * The tense of the clause: "past" looks back for a bare weekday or a date without a year,
   * "future" looks forward (also for plans spoken of in the past: "was due to walk out on
   * Friday"), "unknown" takes the nearest date and the coming weekday.
   */
  tense?: "past" | "future" | "unknown";
  /** The last date written before this one ("until the 24th", "the following day"). */
  anchor?: IsoDay;
  /** Longest range accepted, in days (longer is a problem). */
  maxSpanDays?: number;
}

// ---- day numbers -----------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
/** Days since 1970-01-01. */
export function dayIndex(day: IsoDay): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) /
    MS_PER_DAY
  );
}
export function dayOfIndex(index: number): IsoDay {
  return new Date(index * MS_PER_DAY).toISOString().slice(0, 10);
}
/** 1 = Monday … 7 = Sunday. */
function weekdayOfIndex(index: number): number {
  return ((((index + 3) % 7) + 7) % 7) + 1;
}
function indexOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}
function ymd(index: number): [number, number, number] {
  const d = new Date(index * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}
function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
/** Whether a day exists (29 February in leap years only): plain arithmetic, no date library per call. */
function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

// ---- intervals -------------------------------------------------------------------------

/** The calendar days an interval of wall-clock minutes touches (its end excluded). */
export function daysTouched(iv: Interval): IsoDay[] {
  const first = Math.floor(iv.start / 1440);
  const last = Math.floor((Math.max(iv.end, iv.start + 1) - 1) / 1440);
  const out: IsoDay[] = [];
  for (let d = first; d <= last && out.length <= 3660; d++) out.push(dayOfIndex(d));
  return out;
}

const LONDON = IANAZone.create("Europe/London");
/** Europe/London's offset from UTC at a UTC minute (luxon's zone rules), remembered by the hour. */
const offsets = new Map<number, number>();
function offsetAtUtc(utcMinute: number): number {
  const hour = Math.floor(utcMinute / 60);
  let o = offsets.get(hour);
  if (o === undefined) {
    o = LONDON.offset(hour * 3_600_000);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(hour, o);
  }
  return o;
}

/** Europe/London's offset from UTC, in minutes, at a wall-clock time. */
function londonOffset(localMinute: number): number {
  return offsetAtUtc(localMinute - offsetAtUtc(localMinute));
}

/** A wall-clock time plus real elapsed minutes (a 72-hour strike across the clocks going forward ends at 8am, not 7am). */
export function addElapsed(localMinute: number, minutes: number): number {
  const end = localMinute - londonOffset(localMinute) + minutes;
  return end + offsetAtUtc(end);
}

/** The interval of a length starting at a wall-clock time (months are calendar months). */
export function spanFrom(start: number, d: Duration): Interval {
  if (d.months > 0) {
    const [y, m, day] = ymd(Math.floor(start / 1440));
    const target = m - 1 + Math.round(d.months);
    const ty = y + Math.floor(target / 12);
    const tm = (target % 12) + 1;
    const end = indexOf(ty, tm, Math.min(day, lastDayOfMonth(ty, tm))) * 1440 + (start % 1440);
    return { start, end };
  }
  return { start, end: addElapsed(start, d.minutes) };
}

/** The interval of a length ending at a wall-clock time ("ends a four-day stoppage at 8am on Saturday"). */
export function spanUntil(end: number, d: Duration): Interval {
  if (d.months > 0) {
    const [y, m, day] = ymd(Math.floor(end / 1440));
    const target = m - 1 - Math.round(d.months);
    const ty = y + Math.floor(target / 12);
    const tm = (((target % 12) + 12) % 12) + 1;
    return {
      start: indexOf(ty, tm, Math.min(day, lastDayOfMonth(ty, tm))) * 1440 + (end % 1440),
      end,
    };
  }
  return { start: addElapsed(end, -d.minutes), end };
}

// ---- resolving one day -----------------------------------------------------------------

interface Day {
  index: number;
  /** Wall-clock minute written with the day, if any. */
  minute?: number;
  midnight?: boolean;
}

function tenseOf(ctx: ResolveContext): "past" | "future" | "unknown" {
  return ctx.tense ?? "unknown";
}

/**
 * Of candidate days, the one the clause means: nearest, leaning the clause's way. A date
 * written with its month leans softly (a year the other way only when it is not much further:
 * "held a strike on 3 March" in October is last March); a holiday or season leans hard.
 */
function pick(candidates: number[], ctx: ResolveContext, lean = 1000): number | undefined {
  const today = dayIndex(ctx.today);
  const tense = tenseOf(ctx);
  let best: { d: number; score: number } | undefined;
  for (const d of candidates) {
    let score = Math.abs(d - today);
    if (tense === "future" && d < today - 7) score += lean;
    if (tense === "past" && d > today + 7) score += lean;
    if (!best || score < best.score) best = { d, score };
  }
  return best?.d;
}

function yearCandidates(month: number, day: number, ctx: ResolveContext): number[] {
  const y = Number(ctx.today.slice(0, 4));
  const out: number[] = [];
  for (const year of [y - 1, y, y + 1])
    if (isValidDay(year, month, day)) out.push(indexOf(year, month, day));
  return out;
}

function mondayOf(index: number): number {
  return index - (weekdayOfIndex(index) - 1);
}

function resolveWeekday(ref: DayRef, ctx: ResolveContext): number {
  const today = dayIndex(ctx.today);
  const wd = ref.weekday!;
  const tense = tenseOf(ctx);
  if (ref.week !== undefined) return mondayOf(today) + 7 * ref.week + wd - 1;
  if (ref.weekdayMod === "following" && ctx.anchor) {
    const a = dayIndex(ctx.anchor);
    return a + ((wd - weekdayOfIndex(a) + 7) % 7 || 7);
  }
  const coming = today + ((wd - weekdayOfIndex(today) + 7) % 7);
  const recent = today - ((weekdayOfIndex(today) - wd + 7) % 7);
  switch (ref.weekdayMod) {
    case "next":
      return mondayOf(today) + 7 + wd - 1;
    case "last":
      return recent === today ? today - 7 : recent;
    case "this":
      return tense === "past" ? mondayOf(today) + wd - 1 : coming;
    default:
      if (ref.weekAfter) return coming + 7;
      return tense === "past" ? recent : coming;
  }
}

function impossible(
  day: number,
  month: number,
  year: number | undefined,
  ref: DayRef,
  at: Span,
): DateProblem {
  const when = year === undefined ? "" : ` ${year}`;
  return {
    code: "impossible_date",
    message: `There is no ${day} ${MONTH_NAMES[month - 1]}${when}.`,
    start: at.s,
    end: at.e,
  };
}

interface Span {
  s: number;
  e: number;
}

/**
 * One day. `year` is the year the list decided for a date written without one; undefined
 * leaves the choice to the tense.
 */
function resolveRef(
  ref: DayRef,
  ctx: ResolveContext,
  at: Span,
  problems: DateProblem[],
  prev: number | undefined,
): Day | undefined {
  const today = dayIndex(ctx.today);
  const out = (index: number | undefined): Day | undefined => {
    if (index === undefined) return undefined;
    const d: Day = { index };
    if (ref.minute !== undefined) d.minute = ref.minute;
    if (ref.midnight) d.midnight = true;
    return d;
  };
  if (ref.offset !== undefined) return out(today + ref.offset);
  if (ref.following !== undefined) {
    const base = prev ?? (ctx.anchor ? dayIndex(ctx.anchor) : undefined);
    return out(base === undefined ? undefined : base + ref.following);
  }
  if (ref.holiday !== undefined) {
    const season = SEASON_ENDS.get(ref.holiday);
    const rule = HOLIDAYS.get(ref.holiday) ?? season!;
    if (ref.year !== undefined) return out(dayIndex(rule(ref.year)));
    const y = Number(ctx.today.slice(0, 4));
    // "until Christmas" looks ahead unless the clause is about the past.
    const lean = season && ctx.tense !== "past" ? { ...ctx, tense: "future" as const } : ctx;
    return out(
      pick(
        [y - 1, y, y + 1].map((year) => dayIndex(rule(year))),
        lean,
      ),
    );
  }
  if (ref.bankHoliday) {
    const y = Number(ctx.today.slice(0, 4));
    const all = [y - 1, y, y + 1].flatMap(bankHolidays).map(dayIndex);
    const tense = tenseOf(ctx);
    const pool = all.filter((d) => (tense === "past" ? d <= today : d >= today));
    return out(pick(pool.length ? pool : all, ctx));
  }
  if (ref.edge) {
    const e = ref.edge;
    let year: number;
    let month: number;
    if (e.month !== undefined) {
      month = e.month;
      year = ref.year ?? ymd(pick(yearCandidates(month, 1, ctx), ctx) ?? today)[0];
    } else {
      const base = ymd(prev ?? (ctx.anchor ? dayIndex(ctx.anchor) : today));
      const m0 = base[1] - 1 + (e.monthOffset ?? 0);
      year = base[0] + Math.floor(m0 / 12);
      month = (((m0 % 12) + 12) % 12) + 1;
    }
    if (e.weekday !== undefined)
      return out(dayIndex(nthWeekday(year, month, e.weekday, e.last ? -1 : 1)));
    return out(indexOf(year, month, e.last ? lastDayOfMonth(year, month) : 1));
  }
  if (ref.day !== undefined && ref.month !== undefined) {
    let month = ref.month + (ref.monthShift ?? 0);
    let yearShift = 0;
    while (month < 1) {
      month += 12;
      yearShift--;
    }
    while (month > 12) {
      month -= 12;
      yearShift++;
    }
    if (ref.year !== undefined) {
      const year = ref.year + yearShift;
      if (!isValidDay(year, month, ref.day)) {
        problems.push(impossible(ref.day, month, ref.year, ref, at));
        return undefined;
      }
      return out(indexOf(year, month, ref.day));
    }
    const candidates = yearCandidates(month, ref.day, ctx);
    if (candidates.length === 0) {
      problems.push(impossible(ref.day, month, undefined, ref, at));
      return undefined;
    }
    if (prev !== undefined) {
      // In a list, a date without a year follows the one before it.
      const after = candidates.filter((d) => d >= prev - 1).sort((a, b) => a - b)[0];
      if (after !== undefined && after - prev < 330) return out(after);
    }
    return out(pick(candidates, ctx, 150));
  }
  if (ref.day !== undefined) {
    // "Thursday 24th", "the 24th": the month nearest the anchor that fits.
    const base = prev ?? (ctx.anchor ? dayIndex(ctx.anchor) : undefined);
    const [by, bm] = ymd(base ?? today);
    const candidates: number[] = [];
    for (let k = -2; k <= 3; k++) {
      const m0 = bm - 1 + k;
      const y = by + Math.floor(m0 / 12);
      const m = (((m0 % 12) + 12) % 12) + 1;
      if (!isValidDay(y, m, ref.day)) continue;
      const d = indexOf(y, m, ref.day);
      if (ref.weekday !== undefined && weekdayOfIndex(d) !== ref.weekday) continue;
      candidates.push(d);
    }
    if (base !== undefined) {
      const after = candidates.filter((d) => d >= base).sort((a, b) => a - b)[0];
      return out(after);
    }
    return out(pick(candidates, ctx));
  }
  if (ref.weekday !== undefined) return out(resolveWeekday(ref, ctx));
  return undefined;
}

// ---- month and year shared across a list -------------------------------------------------

function isBare(r: DayRef): boolean {
  return (
    r.day !== undefined &&
    r.month === undefined &&
    r.holiday === undefined &&
    r.edge === undefined &&
    r.offset === undefined
  );
}

/**
 * Gives the days written without a month the month written once in the list, in the
 * direction the writer meant, and starts a new month where the day numbers fall.
 */
export function shareMonths(elements: Element[]): void {
  const refs: { r: DayRef; el: number; end: boolean }[] = [];
  elements.forEach((el, k) => {
    refs.push({ r: el.from, el: k, end: false });
    if (el.to) refs.push({ r: el.to, el: k, end: true });
  });
  const withMonth = refs.filter((x) => x.r.month !== undefined);
  if (withMonth.length === 0 || !refs.some((x) => isBare(x.r))) return;
  const backward = withMonth[0]!.r.monthFirst === true;
  const pass = (forwardFill: boolean) => {
    // forwardFill: a bare day takes the month of the next dated item (day-first lists).
    const order = forwardFill ? [...refs].reverse() : refs;
    let cur: { month: number; year?: number; shift: number; day: number } | undefined;
    let prevEntry: (typeof refs)[number] | undefined;
    for (const x of order) {
      const r = x.r;
      if (r.month !== undefined && !isBare(r)) {
        cur = { month: r.month, shift: r.monthShift ?? 0, day: r.day ?? 0 };
        if (r.year !== undefined) cur.year = r.year;
        prevEntry = x;
        continue;
      }
      if (!isBare(r) || !cur) {
        prevEntry = x;
        continue;
      }
      const sameRange = prevEntry !== undefined && prevEntry.el === x.el;
      if (!sameRange) {
        if (forwardFill && r.day! > cur.day) cur.shift -= 1;
        if (!forwardFill && r.day! < cur.day) cur.shift += 1;
      }
      r.month = cur.month;
      if (cur.shift) r.monthShift = cur.shift;
      if (cur.year !== undefined && r.year === undefined) r.year = cur.year;
      cur.day = r.day!;
      prevEntry = x;
    }
  };
  pass(!backward);
  if (refs.some((x) => isBare(x.r))) pass(backward);
}

/** A year written late in a list belongs to the dates before it ("30 December to 2 January 2024"). */
function shareYears(elements: Element[]): void {
  const refs = elements.flatMap((el) => (el.to ? [el.from, el.to] : [el.from]));
  let later: DayRef | undefined;
  for (let k = refs.length - 1; k >= 0; k--) {
    const r = refs[k]!;
    if (r.year !== undefined) {
      later = r;
      continue;
    }
    if (!later || r.month === undefined || r.day === undefined || later.month === undefined)
      continue;
    const rm = r.month + (r.monthShift ?? 0);
    const lm = later.month + (later.monthShift ?? 0);
    const before = rm < lm || (rm === lm && r.day <= (later.day ?? 31));
    r.year = before ? later.year! : later.year! - 1;
    r.monthShift = r.monthShift ?? 0;
  }
}

// ---- whole expressions -----------------------------------------------------------------

/** The days and intervals of a "dates" expression. */
export function resolveDates(x: DateExpr, ctx: ResolveContext): ResolvedDates {
  const problems: DateProblem[] = [...x.problems];
  const elements = x.elements.map((el) => ({
    ...el,
    from: { ...el.from },
    ...(el.to ? { to: { ...el.to } } : {}),
  }));
  shareMonths(elements);
  shareYears(elements);
  const at = { s: x.s, e: x.e };
  const intervals: Interval[] = [];
  const days = new Set<IsoDay>();
  let prev: number | undefined;
  const maxSpan = ctx.maxSpanDays ?? 366;
  for (const el of elements) {
    if (
      el.from.month === undefined &&
      el.from.day !== undefined &&
      isBare(el.from) &&
      el.from.weekday === undefined &&
      !el.from.ordinal
    )
      continue;
    const a = resolveRef(el.from, ctx, at, problems, prev);
    if (!a) continue;
    let start = a.index * 1440 + (a.minute ?? 0);
    let end = (a.index + 1) * 1440;
    if (el.to) {
      let b = resolveRef(el.to, ctx, at, problems, a.index);
      if (!b) continue;
      const crossesYear =
        el.to.month !== undefined &&
        el.from.month !== undefined &&
        el.to.month + (el.to.monthShift ?? 0) < el.from.month + (el.from.monthShift ?? 0);
      if (b.index < a.index && crossesYear && el.to.year === undefined && el.to.day !== undefined) {
        // "28 Dec – 3 Jan" without a year runs into the next year.
        const [by, bm, bd] = ymd(b.index);
        if (isValidDay(by + 1, bm, bd)) b = { ...b, index: indexOf(by + 1, bm, bd) };
      }
      if (el.to.weekday !== undefined && el.to.day === undefined && b.index < a.index)
        b = { ...b, index: b.index + 7 };
      end =
        b.minute !== undefined
          ? b.midnight
            ? (b.index + 1) * 1440
            : b.index * 1440 + b.minute
          : (b.index + 1) * 1440;
      if (a.midnight) start = a.index * 1440;
      if (b.index === a.index && b.minute !== undefined && end <= start) end += 1440; // overnight
      if (b.index < a.index || end <= start) {
        problems.push({
          code: "reversed_range",
          message: `${describeDay(a.index)} is after ${describeDay(b.index)}.`,
          hint: "Write the earlier day first.",
          start: x.s,
          end: x.e,
        });
        continue;
      }
      if (b.index - a.index + 1 > maxSpan) {
        problems.push({
          code: "span_too_long",
          message: `That span is ${b.index - a.index + 1} days; the longest is ${maxSpan} days.`,
          start: x.s,
          end: x.e,
        });
        continue;
      }
      prev = b.index;
    } else prev = a.index;
    const iv: Interval = { start, end };
    intervals.push(iv);
    for (const d of daysTouched(iv)) days.add(d);
  }
  return { days: [...days].sort(), intervals, problems };
}

function describeDay(index: number): string {
  const [, m, d] = ymd(index);
  return `${d} ${MONTH_NAMES[m - 1]!.slice(0, 3)}`;
}

/** The days of a period ("next week" = Monday to Sunday, "in March" = the whole month). */
export function resolvePeriod(
  p: Period,
  ctx: ResolveContext,
): { from: IsoDay; to: IsoDay } | undefined {
  const today = dayIndex(ctx.today);
  const [ty, tm] = ymd(today);
  const window = (a: number, b: number) => ({ from: dayOfIndex(a), to: dayOfIndex(b) });
  if (p.from) {
    const d = resolveRef(p.from, ctx, { s: 0, e: 0 }, [], undefined);
    return d ? window(d.index, d.index + 6) : undefined;
  }
  if (p.count !== undefined) {
    if (p.unit === "day") return window(today, today + p.count - 1);
    const months = p.unit === "year" ? p.count * 12 : p.count;
    const end = spanFrom(today * 1440, { minutes: 0, months, form: "length" }).end / 1440;
    return window(today, end - 1);
  }
  const offset = p.offset ?? 0;
  switch (p.unit) {
    case "week":
      return window(mondayOf(today) + 7 * offset, mondayOf(today) + 7 * offset + 6);
    case "weekend": {
      const sat = mondayOf(today) + 7 * offset + 5;
      return window(offset === 0 ? Math.max(sat, today) : sat, sat + 1);
    }
    case "fortnight":
      return window(today, today + 13);
    case "year": {
      const y = ty + offset;
      return window(indexOf(y, 1, 1), indexOf(y, 12, 31));
    }
    case "month": {
      if (p.month !== undefined) {
        const year = p.year ?? ymd(pick(yearCandidates(p.month, 15, ctx), ctx)!)[0];
        return window(
          indexOf(year, p.month, 1),
          indexOf(year, p.month, lastDayOfMonth(year, p.month)),
        );
      }
      const m0 = tm - 1 + offset;
      const year = ty + Math.floor(m0 / 12);
      const month = (((m0 % 12) + 12) % 12) + 1;
      return window(indexOf(year, month, 1), indexOf(year, month, lastDayOfMonth(year, month)));
    }
    default:
      return window(today, today);
  }
}

/** The days of a recurrence within its bounds ("every Friday and Saturday in December"). */
export function resolveRecurrence(x: DateExpr, ctx: ResolveContext): IsoDay[] {
  const rec = x.recurrence!;
  let from: number | undefined;
  let to: number | undefined;
  if (rec.within) {
    const w = resolvePeriod(rec.within, ctx);
    if (w) {
      from = dayIndex(w.from);
      to = dayIndex(w.to);
    }
  }
  const problems: DateProblem[] = [];
  const at = { s: x.s, e: x.e };
  const els: Element[] = [];
  if (rec.from || rec.to) {
    const el: Element = { from: { ...(rec.from ?? rec.to!) }, ts: x.ts, te: x.te };
    if (rec.from && rec.to) el.to = { ...rec.to };
    els.push(el);
    shareMonths(els);
  }
  if (rec.from) {
    const d = resolveRef(els[0]!.from, ctx, at, problems, undefined);
    if (d) from = d.index;
  }
  if (rec.to) {
    const ref = rec.from ? els[0]!.to! : els[0]!.from;
    const d = resolveRef(ref, { ...ctx, tense: "future" }, at, problems, from);
    if (d) to = d.index;
    if (from === undefined) from = dayIndex(ctx.today);
  }
  if (from === undefined || to === undefined || to < from || to - from > 366) return [];
  const out: IsoDay[] = [];
  const want = new Set(rec.weekdays);
  for (let d = from; d <= to; d++) if (want.has(weekdayOfIndex(d))) out.push(dayOfIndex(d));
  return out;
}

/** The weekday (1–7) of a day. */
export function weekdayOf(day: IsoDay): number {
  return weekdayOfIndex(dayIndex(day));
}

export { isoDay };
