/**
 * The one English date grammar of strikewatch, for news and chat alike.
 *
 * Chat calls two functions on the text of a command:
 *   - `readWindow(text, { today })` for the time of `/strikes <when>`: "in March" (the whole
 *     month), "last week", "next tuesday", "Monday to Wednesday next week", "from tomorrow",
 *     "until Christmas", "next 3 months", "6-10 Feb";
 *   - `readDays(text, { today })` for the days of `/strike add`: "24-25 and 28-30 June",
 *     "from 7am 3 January to 7am 9 January", "48 hours from 7am on 3 January".
 * Both return `{ ok: true, value }` (value undefined when the text names no time) with the
 * character spans the dates took, so the caller can read the rest as filters, or `{ ok: false,
 * error }` with a specific reason: "5 Feb is after 1 Feb.", "There is no 31 February.",
 * `"janaury" is not a month. Did you mean January?`, "…371 days; the longest is 366 days.".
 *
 * News extraction uses `findDateExpressions` on its token stream and resolves each expression
 * with the tense of its own clause (`resolve.ts`). Nothing here loads an NLP model: importing
 * this module costs a few small tables.
 */
import { StrikewatchError } from "../../errors.ts";
import type { IsoDay } from "../../domain/calendar.ts";
import { tokenize, type Token } from "../tokens.ts";
import { DateGrammar } from "./grammar.ts";
import {
  dayIndex,
  dayOfIndex,
  daysTouched,
  resolveDates,
  resolvePeriod,
  resolveRecurrence,
  spanFrom,
  spanUntil,
  type ResolveContext,
} from "./resolve.ts";
import type { DateExpr, DateProblem, Interval } from "./types.ts";

export type {
  DateExpr,
  DateProblem,
  DateErrorCode,
  Interval,
  DayRef,
  Element,
  Period,
} from "./types.ts";
export type { ResolveContext } from "./resolve.ts";
export {
  daysTouched,
  spanFrom,
  spanUntil,
  resolveDates,
  resolvePeriod,
  resolveRecurrence,
  dayIndex,
  dayOfIndex,
} from "./resolve.ts";
export { DateGrammar } from "./grammar.ts";
export { easterSunday, bankHolidays } from "./holidays.ts";
export { MONTH_NAMES, WEEKDAY_NAMES } from "./lexicon.ts";

export type Result<T> = { ok: true; value: T } | { ok: false; error: DateProblem };

export interface ReadOptions {
  /** Today in the reader's time zone (the chat's "now"). */
  today: IsoDay;
  /** How a date without a year or a bare weekday leans; chat queries default to "unknown" (nearest date, coming weekday). */
  tense?: ResolveContext["tense"];
  /** Longest span accepted, in days (default 366). */
  maxSpanDays?: number;
  /** Length of an open-ended window ("from tomorrow"), in days (default 7). */
  openDays?: number;
}

/** Where in the text a date expression was read. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface WindowReading extends TextSpan {
  from: IsoDay;
  to: IsoDay;
  /** How the window was asked for, to say back: "dates", "period" ("next week"), "open" ("from tomorrow"). */
  kind: "dates" | "period" | "open" | "recurrence";
  /** For a recurrence, the days themselves (the window spans them). */
  days?: IsoDay[];
}

export interface DaysReading {
  days: IsoDay[];
  intervals: Interval[];
  spans: TextSpan[];
  /** The text gave a start with no end ("from 6 February"): only its first day is known. */
  openEnded: boolean;
}

/** Every date expression in a text, as the grammar reads it (chat's reading unless `prose`). */
export function findDateExpressions(
  text: string,
  options: { prose: boolean; tokens?: readonly Token[] },
): { tokens: readonly Token[]; expressions: DateExpr[] } {
  const tokens = options.tokens ?? tokenize(text);
  const grammar = new DateGrammar(tokens, { prose: options.prose });
  return { tokens, expressions: grammar.findAll(0, tokens.length) };
}

function span(text: string, x: DateExpr): TextSpan {
  return { start: x.s, end: x.e, text: text.slice(x.s, x.e) };
}

function context(o: ReadOptions): ResolveContext {
  return { today: o.today, tense: o.tense ?? "unknown", maxSpanDays: o.maxSpanDays ?? 366 };
}

function fail(error: DateProblem): { ok: false; error: DateProblem } {
  return { ok: false, error };
}

/** The one time window of a query, or undefined when the text names none. */
export function readWindow(text: string, options: ReadOptions): Result<WindowReading | undefined> {
  const { expressions } = findDateExpressions(text, { prose: false });
  if (expressions.some((x) => x.kind === "duration")) {
    // "48 hours from 7am on 3 January": the days the span touches.
    const r = readDays(text, options);
    if (!r.ok || !r.value) return r.ok ? { ok: true, value: undefined } : r;
    const first = r.value.spans[0]!;
    const last = r.value.spans.at(-1)!;
    return {
      ok: true,
      value: {
        start: first.start,
        end: last.end,
        text: text.slice(first.start, last.end),
        from: r.value.days[0]!,
        to: r.value.days.at(-1)!,
        kind: "dates",
      },
    };
  }
  const found = expressions;
  if (found.length === 0) return { ok: true, value: undefined };
  if (found.length > 1) {
    const [a, b] = found;
    return fail({
      code: "ambiguous",
      message: `Give one time, not both "${text.slice(a!.s, a!.e)}" and "${text.slice(b!.s, b!.e)}".`,
      hint: 'For example "next week", "6-10 Feb" or "from 6 to 10 February".',
      start: b!.s,
      end: b!.e,
    });
  }
  const x = found[0]!;
  if (x.problems[0]) return fail(x.problems[0]);
  const ctx = context(options);
  const max = options.maxSpanDays ?? 366;
  const tooLong = (from: IsoDay, to: IsoDay) => {
    const n = dayIndex(to) - dayIndex(from) + 1;
    return n > max
      ? fail({
          code: "span_too_long",
          message: `"${text.slice(x.s, x.e)}" is ${n} days; the longest is ${max} days.`,
          start: x.s,
          end: x.e,
        })
      : undefined;
  };
  const reading = (from: IsoDay, to: IsoDay, kind: WindowReading["kind"], days?: IsoDay[]) => {
    const long = tooLong(from, to);
    if (long) return long;
    const value: WindowReading = { ...span(text, x), from, to, kind };
    if (days) value.days = days;
    return { ok: true as const, value };
  };
  if (x.kind === "period") {
    const w = resolvePeriod(x.period!, ctx);
    if (!w) return { ok: true, value: undefined };
    return reading(w.from, w.to, "period");
  }
  if (x.kind === "recurrence") {
    const days = resolveRecurrence(x, ctx);
    if (days.length === 0)
      return fail({
        code: "not_days",
        message: `"${text.slice(x.s, x.e)}" needs an end: say "in December" or "until 20 December".`,
        start: x.s,
        end: x.e,
      });
    return reading(days[0]!, days.at(-1)!, "recurrence", days);
  }
  const lean =
    x.role === "end" && ctx.tense === "unknown" ? { ...ctx, tense: "future" as const } : ctx;
  const r = resolveDates(x, { ...lean, maxSpanDays: Math.max(max, 3660) });
  if (r.problems[0]) return fail(r.problems[0]);
  if (r.days.length === 0) return { ok: true, value: undefined };
  if (x.role === "start") {
    const from = r.days[0]!;
    return reading(from, dayOfIndex(dayIndex(from) + (options.openDays ?? 7) - 1), "open");
  }
  if (x.role === "end") {
    const to = r.days.at(-1)!;
    if (to < options.today)
      return fail({
        code: "reversed_range",
        message: `${text.slice(x.s, x.e)} is already past.`,
        start: x.s,
        end: x.e,
      });
    return reading(options.today, to, "open");
  }
  return reading(r.days[0]!, r.days.at(-1)!, "dates");
}

/** The strike days a command names, with their spans, or undefined when it names none. */
export function readDays(text: string, options: ReadOptions): Result<DaysReading | undefined> {
  const { expressions } = findDateExpressions(text, { prose: false });
  if (expressions.length === 0) return { ok: true, value: undefined };
  const ctx = context(options);
  const days = new Set<IsoDay>();
  const intervals: Interval[] = [];
  const spans: TextSpan[] = [];
  let openEnded = false;
  for (let k = 0; k < expressions.length; k++) {
    const x = expressions[k]!;
    if (x.problems[0]) return fail(x.problems[0]);
    if (x.kind === "period") {
      return fail({
        code: "not_days",
        message: `"${text.slice(x.s, x.e)}" is a period, not days: name the days, for example "6 and 7 February".`,
        start: x.s,
        end: x.e,
      });
    }
    if (x.kind === "duration") {
      // "48 hours from 7am on 3 January", "for 72 hours from Monday"
      const next = expressions[k + 1];
      if (
        x.duration!.form === "length" &&
        next?.kind === "dates" &&
        next.elements.length === 1 &&
        !next.elements[0]!.to
      ) {
        const r = resolveDates(next, ctx);
        if (r.problems[0]) return fail(r.problems[0]);
        const first = next.elements[0]!.from;
        const start = dayIndex(r.days[0]!) * 1440 + (first.minute ?? 0);
        const iv =
          next.role === "end" ? spanUntil(start, x.duration!) : spanFrom(start, x.duration!);
        intervals.push(iv);
        for (const d of daysTouched(iv)) days.add(d);
        spans.push({ start: x.s, end: next.e, text: text.slice(x.s, next.e) });
        k++;
        continue;
      }
      return fail({
        code: "not_days",
        message: `"${text.slice(x.s, x.e)}" needs a start: say "48 hours from 7am on 3 January".`,
        start: x.s,
        end: x.e,
      });
    }
    if (x.kind === "recurrence") {
      const ds = resolveRecurrence(x, ctx);
      if (ds.length === 0)
        return fail({
          code: "not_days",
          message: `"${text.slice(x.s, x.e)}" needs an end: say "in December" or "until 20 December".`,
          start: x.s,
          end: x.e,
        });
      for (const d of ds) days.add(d);
      spans.push(span(text, x));
      continue;
    }
    const r = resolveDates(x, ctx);
    if (r.problems[0]) return fail(r.problems[0]);
    for (const d of r.days) days.add(d);
    intervals.push(...r.intervals);
    spans.push(span(text, x));
    if (x.role !== "point") openEnded = true;
  }
  if (days.size === 0) return { ok: true, value: undefined };
  return { ok: true, value: { days: [...days].sort(), intervals, spans, openEnded } };
}

/** A date problem as the bot's user error, with its stable code. */
export function dateError(p: DateProblem): StrikewatchError {
  const code =
    p.code === "impossible_date"
      ? "impossible_date"
      : p.code === "ambiguous"
        ? "ambiguous"
        : "bad_date";
  return new StrikewatchError(code, p.message, p.hint ? { hint: p.hint } : undefined);
}
