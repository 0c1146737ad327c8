import { editDistance } from "../../domain/edit-distance.ts";
import type { Token } from "../tokens.ts";
import { HOLIDAYS, LONGEST_HOLIDAY, SEASON_ENDS } from "./holidays.ts";
import {
  COUNT_WORDS,
  END_WORDS,
  MONTHS,
  MONTH_NAMES,
  ORDINAL_SUFFIXES,
  ORDINAL_WORDS,
  RANGE_JOINERS,
  START_WORDS,
  TIME_WORDS,
  UNIT_MINUTES,
  WEEKDAYS,
  isPluralWeekday,
} from "./lexicon.ts";
import type {
  DateExpr,
  DateProblem,
  DayRef,
  Duration,
  Element,
  Period,
  Recurrence,
  Role,
} from "./types.ts";

/**
 * The date grammar, over tokens:
 *
 *   POINT   := [WEEKDAY [,]] [the] DAY[ord] [of] MONTH [,] [YEAR] | [WEEKDAY [,]] MONTH [the] DAY[ord] [YEAR]
 *            | [WEEKDAY] [the] DAY[ord]            (month from the list, or the nearest that fits)
 *            | ISO | D/M/Y | HOLIDAY [YEAR] | today | tomorrow | [next|last|this] WEEKDAY [week]
 *            | the first|last (day|WEEKDAY) of (the month|MONTH) | the following day
 *   TIMED   := [at|from] TIME [on] POINT | POINT [,] [at|from] TIME | POINT (TIME) | POINT from TIME to TIME
 *   ELEMENT := TIMED [to|until|till|through|–|and(after between)] TIMED | TIMED
 *   LIST    := ELEMENT ((,|and|&|or|, and again on) ELEMENT)* [[of] this|next|last week]
 *   EXPR    := [from|between|starting|until] LIST | every WEEKDAY… [in MONTH|until POINT]
 *            | this|next week | in MONTH | next N days | N-day | for N hours
 *
 * Month and year written once are shared in the direction the writer meant: day-first lists
 * forward ("6, 7 and 8 Feb"), month-first lists backward ("October 3 and 14"), and a fall in
 * the day number starts a new month ("29th, 30th, 1st and 2nd December"). Every parse starts
 * at a token and reads a bounded stretch, so a text costs time in proportion to its length.
 */
export interface GrammarOptions {
  /**
   * News prose: "may" and "march" are months only in capitals or beside a day number; "Sun",
   * "Sat" and "Wed" only beside a day number; a misspelt month is read when one letter off.
   * Chat: every case, and a misspelt month is a problem to report.
   */
  prose: boolean;
}

const LIST_SEPARATORS = new Set([",", "and", "&", "or", "plus", "then"]);
const AFTER_SEPARATOR = new Set(["again", "also", "then"]);
const RELATIVE_DAYS = new Map([
  ["today", 0],
  ["tonight", 0],
  ["tomorrow", 1],
  ["yesterday", -1],
]);
const PARTS_OF_DAY = new Set(["morning", "afternoon", "evening", "night"]);
const PERIOD_UNITS = new Map<string, Period["unit"]>([
  ["week", "week"],
  ["weekend", "weekend"],
  ["month", "month"],
  ["year", "year"],
  ["fortnight", "fortnight"],
]);
const PERIOD_MODS = new Map([
  ["this", 0],
  ["next", 1],
  ["last", -1],
  ["coming", 1],
  ["following", 1],
  ["previous", -1],
  ["past", -1],
]);
const VAGUE_OPENERS = new Set(["early", "mid", "late", "later", "earlier", "end"]);
const SEASONS = new Set(["spring", "summer", "autumn", "winter"]);
/** Words after a bare number that show it is not a day ("12 schools", "5 members"). */
const AFTER_BARE_DAY_OK = new Set([
  "and",
  "or",
  "to",
  "until",
  "till",
  "through",
  "in",
  "at",
  "on",
  "from",
  "when",
  "before",
  "after",
  "as",
  "with",
  "the",
  "but",
  "while",
  "because",
  "over",
  "for",
]);
/** Words the month spell-checker must leave alone. */
const NOT_MONTH_TYPOS = new Set([
  "may",
  "mar",
  "man",
  "men",
  "jun",
  "june",
  "julie",
  "march",
  "marches",
  "marched",
  "april",
  "augustine",
  "member",
  "members",
  "number",
  "numbers",
  "remember",
  "ember",
  "timber",
  "october",
  "sober",
  "decent",
  "novel",
  "jane",
  "january",
  "year",
  "years",
  "hours",
  "days",
  "weeks",
  "mean",
  "marry",
  "mayor",
  "julia",
]);

export class DateGrammar {
  constructor(
    private readonly t: readonly Token[],
    private readonly opts: GrammarOptions,
    private readonly problems: DateProblem[] = [],
  ) {}

  private w(i: number): string {
    return this.t[i]?.w ?? "";
  }
  private isWord(i: number, w: string): boolean {
    const t = this.t[i];
    return t !== undefined && t.w === w;
  }

  /** Every expression in tokens `[from, to)`, left to right, not overlapping. */
  findAll(from: number, to: number): DateExpr[] {
    const out: DateExpr[] = [];
    for (let i = from; i < to;) {
      if (!this.canStart(i)) {
        i++;
        continue;
      }
      const before = this.problems.length;
      const x = this.expressionAt(i, to);
      if (x) {
        // A misspelt month belongs to the expression it was read in.
        if (this.problems.length > before) x.problems.push(...this.problems.splice(before));
        out.push(x);
        i = x.te;
      } else {
        this.problems.length = before;
        i++;
      }
    }
    return out;
  }

  /** A cheap test that the token could open an expression, so most words cost one lookup. */
  private canStart(i: number): boolean {
    const t = this.t[i]!;
    if (t.kind === "num") return true;
    if (t.kind !== "word") return false;
    const w = t.w;
    // One look-up a word: most words of a sentence are no part of any date.
    const c = START_CLASS.get(w);
    if (c === undefined) return false;
    if (c === OPENS) return true;
    if (c === COUNTS) return w !== "a" && w !== "an" ? true : this.isCountAhead(i + 1);
    // Frequent little words open an expression only before something date-like.
    switch (w) {
      case "the":
      case "on":
      case "at":
      case "in":
      case "of":
      case "for":
      case "over":
      case "during":
      case "within":
      case "throughout":
      case "lasting":
        return (
          this.dateLikeAt(i + 1) ||
          (w === "the" || w === "over"
            ? false
            : this.isWordAhead(i + 1, "the") && this.dateLikeAt(i + 2))
        );
      default:
        return true;
    }
  }

  private isWordAhead(i: number, w: string): boolean {
    return this.t[i]?.w === w;
  }

  private isCountAhead(i: number): boolean {
    const t = this.t[i];
    return t !== undefined && (t.kind === "num" || COUNT_WORDS.has(t.w) || UNIT_MINUTES.has(t.w));
  }

  /** The token could carry a date: a number, a date word, or a word that only comes in dates. */
  private dateLikeAt(i: number): boolean {
    const t = this.t[i];
    if (!t) return false;
    if (t.kind === "num") return true;
    if (t.kind !== "word") return false;
    const w = t.w;
    return (
      MONTHS.has(w) ||
      WEEKDAYS.has(w) ||
      ORDINAL_WORDS.has(w) ||
      HOLIDAY_FIRST.has(w) ||
      COUNT_WORDS.has(w) ||
      PERIOD_MODS.has(w) ||
      TIME_WORDS.has(w) ||
      UNIT_MINUTES.has(w) ||
      w === "first" ||
      w === "last" ||
      w === "day" ||
      w === "new" ||
      w === "bank" ||
      w === "week" ||
      w === "end" ||
      VAGUE_OPENERS.has(w) ||
      w === "twenty" ||
      w === "thirty"
    );
  }

  expressionAt(i: number, limit: number): DateExpr | undefined {
    const w = this.w(i);
    if (w === "every" || w === "each") return this.recurrenceAt(i, i + 1, limit);
    const plural = this.t[i]?.kind === "word" && WEEKDAYS.has(w) && isPluralWeekday(w);
    if (plural) return this.recurrenceAt(i, i, limit);
    if (w === "on" && isPluralWeekday(this.w(i + 1)) && WEEKDAYS.has(this.w(i + 1)))
      return this.recurrenceAt(i, i + 1, limit);
    const dates = this.datesAt(i, limit);
    if (dates) return dates;
    const period = this.periodAt(i, limit);
    if (period) return period;
    return this.durationAt(i, limit);
  }

  // ---- points -------------------------------------------------------------------------

  private monthAt(i: number, besideDay: boolean): number | undefined {
    const t = this.t[i];
    if (!t || t.kind !== "word") return undefined;
    const m = MONTHS.get(t.w);
    if (m === undefined) return besideDay ? this.misspeltMonth(i) : undefined;
    if (this.opts.prose && !t.cap && !besideDay) return undefined;
    if (t.w === "may" && !t.cap && (this.opts.prose || !besideDay)) return undefined;
    // "Mar", "Jun": abbreviations are months in prose only beside a day number.
    if (
      this.opts.prose &&
      t.w.length <= 4 &&
      t.w !== "june" &&
      t.w !== "july" &&
      t.w !== "may" &&
      !besideDay
    )
      return undefined;
    return m;
  }

  /** "Janaury" beside a day number: read as January in prose, reported in chat. */
  private misspeltMonth(i: number): number | undefined {
    const t = this.t[i]!;
    if (t.w.length < 4 || NOT_MONTH_TYPOS.has(t.w)) return undefined;
    let best: { m: number; d: number } | undefined;
    MONTH_NAMES.forEach((name, k) => {
      const low = name.toLowerCase();
      if (low[0] !== t.w[0]) return;
      const d = editDistance(t.w, low);
      if (!best || d < best.d) best = { m: k + 1, d };
    });
    if (!best) return undefined;
    const found = best as { m: number; d: number };
    if (this.opts.prose) return found.d <= 1 && t.w.length >= 5 ? found.m : undefined;
    if (found.d > 2) return undefined;
    this.problems.push({
      code: "misspelt_month",
      message: `"${t.w}" is not a month. Did you mean ${MONTH_NAMES[found.m - 1]}?`,
      start: t.s,
      end: t.e,
    });
    return found.m;
  }

  private weekdayAt(i: number, besideDay: boolean): number | undefined {
    const t = this.t[i];
    if (!t || t.kind !== "word") return undefined;
    const d = WEEKDAYS.get(t.w);
    if (d === undefined || isPluralWeekday(t.w)) return undefined;
    if (this.opts.prose && t.w.length <= 4 && (!t.cap || !besideDay)) return undefined;
    return d;
  }

  private yearAt(i: number): { year: number; next: number } | undefined {
    let j = i;
    if (this.isWord(j, ",")) j++;
    const t = this.t[j];
    if (t && t.kind === "num" && t.w.length === 4 && t.minutes < 0 && t.n >= 1900 && t.n <= 2100) {
      if (this.isWord(j + 1, ":") || this.isWord(j + 1, "%")) return undefined;
      return { year: t.n, next: j + 1 };
    }
    return undefined;
  }

  /** A day number 1–31, with its ordinal suffix or word ("24th", "twenty-fourth"). */
  private dayAt(i: number): { day: number; ordinal: boolean; next: number } | undefined {
    const t = this.t[i];
    if (!t) return undefined;
    if (t.kind === "num") {
      if (t.minutes >= 0 || t.w.length > 2 || t.n < 1 || t.n > 31) return undefined;
      const prev = this.t[i - 1];
      if (prev && !t.sp && (prev.w === "£" || prev.w === "$" || prev.w === "€" || prev.w === "."))
        return undefined;
      const suffix = this.t[i + 1];
      if (suffix && !suffix.sp && suffix.kind === "word") {
        if (ORDINAL_SUFFIXES.has(suffix.w)) return { day: t.n, ordinal: true, next: i + 2 };
        return undefined; // "7am", "5km", "3G"
      }
      if (suffix && !suffix.sp && suffix.w === "%") return undefined;
      return { day: t.n, ordinal: false, next: i + 1 };
    }
    if (t.kind === "word") {
      // "first" is a day only beside a month: "the first of March", "March the first".
      let n = ORDINAL_WORDS.get(t.w);
      let next = i + 1;
      if (n === undefined) {
        // "twenty-first", "thirty first"
        const tens = t.w === "twenty" ? 20 : t.w === "thirty" ? 30 : 0;
        if (!tens) return undefined;
        let j = i + 1;
        if (this.isWord(j, "-")) j++;
        const u = ORDINAL_WORDS.get(this.w(j));
        if (u === undefined || u >= 10 || tens + u > 31) return undefined;
        n = tens + u;
        next = j + 1;
      }
      const k = this.isWord(next, "of") ? next + 1 : next;
      const besideMonth =
        MONTHS.has(this.w(k)) || MONTHS.has(this.w(i - 1)) || MONTHS.has(this.w(i - 2));
      return besideMonth ? { day: n, ordinal: true, next } : undefined;
    }
    return undefined;
  }

  /** A time of day: "7am", "7.30 pm", "06:00 hours", "18.00", "midday", "12 noon". */
  timeAt(i: number): { minute: number; midnight: boolean; next: number } | undefined {
    const t = this.t[i];
    if (!t) return undefined;
    if (t.kind === "word") {
      const m = TIME_WORDS.get(t.w);
      if (m !== undefined) return { minute: m, midnight: t.w === "midnight", next: i + 1 };
      return undefined;
    }
    if (t.kind !== "num") return undefined;
    const prev = this.t[i - 1];
    if (prev && (prev.w === "£" || prev.w === "$" || prev.w === "€")) return undefined;
    let hour = t.n;
    let minute = t.minutes >= 0 ? t.minutes : 0;
    let j = i + 1;
    let clock = t.minutes >= 0;
    if (!clock && t.w.length === 4 && /^[0-2]\d[0-5]\d$/.test(t.w)) {
      // "0600 hours"
      if (!/^(?:hours|hrs|h)$/.test(this.w(j))) return undefined;
      hour = Math.floor(t.n / 100);
      minute = t.n % 100;
      clock = true;
    } else if (t.w.length > 2) return undefined;
    if (minute > 59) return undefined;
    const ampm = this.ampmAt(j);
    if (ampm) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (ampm.pm ? 12 : 0);
      j = ampm.next;
    } else if (this.w(j) === "noon" || this.w(j) === "midday") {
      if (hour !== 12) return undefined;
      j++;
    } else if (this.w(j) === "midnight") {
      if (hour !== 12) return undefined;
      return { minute: 0, midnight: true, next: j + 1 };
    } else if (this.w(j) === "o'clock") {
      if (hour < 1 || hour > 12) return undefined;
      j++;
    } else if (!clock) return undefined;
    if (hour > 24 || (hour === 24 && minute > 0)) return undefined;
    const unit = this.w(j);
    if (unit === "hours" || unit === "hrs" || unit === "h" || unit === "gmt" || unit === "bst") j++;
    return { minute: hour * 60 + minute, midnight: false, next: j };
  }

  private ampmAt(j: number): { pm: boolean; next: number } | undefined {
    const w = this.w(j);
    if (w === "am" || w === "pm") return { pm: w === "pm", next: j + 1 };
    // "a.m." / "p.m."
    if ((w === "a" || w === "p") && this.isWord(j + 1, ".") && this.isWord(j + 2, "m")) {
      const next = this.isWord(j + 3, ".") ? j + 4 : j + 3;
      return { pm: w === "p", next };
    }
    return undefined;
  }

  /** A named day: "Boxing Day", "New Year's Day", "Easter Monday", "the August bank holiday". */
  private holidayAt(i: number): { ref: Partial<DayRef>; next: number } | undefined {
    let j = i;
    if (this.isWord(j, "the")) j++;
    const head = this.w(j);
    if (!HOLIDAY_FIRST.has(head) && head !== "bank") return undefined;
    let key = "";
    let found: { key: string; next: number } | undefined;
    for (let k = j; k < j + LONGEST_HOLIDAY + 1 && k < this.t.length; k++) {
      const tk = this.t[k]!;
      if (tk.w === ".") continue; // "St. Andrew's Day"
      if (tk.kind !== "word") break;
      key = key ? `${key} ${tk.w}` : tk.w;
      if (HOLIDAYS.has(key)) found = { key, next: k + 1 };
    }
    // "the August bank holiday weekend": the weekend, a period, not the day.
    if (found && (this.isWord(found.next, "weekend") || this.isWord(found.next, "weekends")))
      return undefined;
    if (found) return { ref: { holiday: found.key }, next: found.next };
    // "bank holiday Monday", "the bank holiday"
    if (this.isWord(j, "bank") && this.isWord(j + 1, "holiday")) {
      let next = j + 2;
      // "the bank holiday weekend" is a period, not a day.
      if (this.isWord(next, "monday")) next++;
      // "the bank holiday weekend", "bank holiday getaway": a period or a noun, not a day.
      const after = this.t[next];
      if (after && after.kind === "word" && !AFTER_BARE_DAY_OK.has(after.w)) return undefined;
      return { ref: { bankHoliday: true }, next };
    }
    return undefined;
  }

  /** One day as written (without time). */
  pointAt(i: number, limit: number): { ref: DayRef; next: number } | undefined {
    if (i >= limit) return undefined;
    const t = this.t[i]!;
    // ISO 2023-02-06 and British 06/02/2023
    if (t.kind === "num") {
      const iso = this.isoAt(i);
      if (iso) return iso;
    }
    let j = i;
    let weekday: number | undefined;
    const mod = this.w(j);
    if (mod === "next" || mod === "last" || mod === "this" || mod === "following") {
      let k = j + 1;
      if (mod === "this" && this.isWord(k, "coming")) k++;
      const wd = this.weekdayAt(k, true);
      // "this coming Monday" is "this Monday".
      if (wd !== undefined) return this.afterWeekday(i, k + 1, wd, mod);
    }
    if (
      mod === "the" &&
      (this.w(j + 1) === "following" || this.w(j + 1) === "next" || this.w(j + 1) === "previous")
    ) {
      if (this.w(j + 2) === "day") {
        return {
          ref: { ts: i, te: j + 3, following: this.w(j + 1) === "previous" ? -1 : 1 },
          next: j + 3,
        };
      }
      const wd = this.weekdayAt(j + 2, true);
      if (wd !== undefined && this.w(j + 1) === "following")
        return this.afterWeekday(i, j + 3, wd, "following");
    }
    if (
      mod === "the" &&
      this.w(j + 1) === "day" &&
      (this.w(j + 2) === "after" || this.w(j + 2) === "before")
    ) {
      const after = this.w(j + 2) === "after";
      if (this.w(j + 3) === "tomorrow" && after)
        return { ref: { ts: i, te: j + 4, offset: 2 }, next: j + 4 };
      if (this.w(j + 3) === "yesterday" && !after)
        return { ref: { ts: i, te: j + 4, offset: -2 }, next: j + 4 };
      return { ref: { ts: i, te: j + 3, following: after ? 1 : -1 }, next: j + 3 };
    }
    const prevWord = this.w(i - 1);
    if (mod === "now" && (prevWord === "from" || prevWord === "between"))
      return { ref: { ts: i, te: i + 1, offset: 0 }, next: i + 1 };
    // "until Christmas", "from now to Easter"; not "the build-up to Christmas"
    if (
      END_WORDS.has(prevWord) ||
      ((prevWord === "to" || prevWord === "and") && this.w(i - 2) !== "up")
    ) {
      const season = this.holidayAt(i) ? undefined : this.seasonEndAt(i - 1);
      if (season) return season;
    }
    const rel = RELATIVE_DAYS.get(mod);
    if (rel !== undefined) {
      return { ref: { ts: i, te: j + 1, offset: rel }, next: j + 1 };
    }
    if (mod === "this" && PARTS_OF_DAY.has(this.w(j + 1)) && this.w(j + 1) !== "night")
      return { ref: { ts: i, te: j + 2, offset: 0 }, next: j + 2 };
    const edge = this.edgeAt(i);
    if (edge) return edge;
    const holiday = this.holidayAt(i);
    if (holiday) {
      const y = this.yearAt(holiday.next);
      const ref: DayRef = { ts: i, te: y?.next ?? holiday.next, ...holiday.ref };
      if (y) ref.year = y.year;
      return { ref, next: ref.te };
    }
    // [WEEKDAY [,]] ...
    const wdAhead = this.weekdayAt(j, this.nextIsDay(j + 1));
    let wdEnd = j;
    if (wdAhead !== undefined) {
      weekday = wdAhead;
      j++;
      wdEnd = j;
      if (this.isWord(j, ",")) j++;
    }
    let the = false;
    if (this.isWord(j, "the")) {
      the = true;
      j++;
    }
    const d = this.dayAt(j);
    if (d) {
      let k = d.next;
      if (this.isWord(k, "of")) k++;
      const month = this.monthAt(k, true);
      if (month !== undefined) {
        k++;
        if (this.isWord(k, ".") && !this.t[k]!.sp && this.t[k - 1]!.w.length <= 4) k++;
        const y = this.yearAt(k);
        const ref: DayRef = { ts: i, te: y?.next ?? k, day: d.day, month, ordinal: d.ordinal };
        if (y) ref.year = y.year;
        if (weekday !== undefined) ref.weekday = weekday;
        return { ref, next: ref.te };
      }
      // A bare day: its month comes from the list, or it is "the 24th" / "Thursday 24th".
      if (this.t[j]!.kind === "word" && !the && weekday === undefined) return undefined;
      const after = this.t[d.next];
      // "the 24th anniversary", "the 3rd round": a number before a noun is no day.
      if (
        after &&
        after.kind === "word" &&
        !after.cap &&
        !AFTER_BARE_DAY_OK.has(after.w) &&
        !MONTHS.has(after.w) &&
        !WEEKDAYS.has(after.w) &&
        !RANGE_JOINERS.has(after.w)
      )
        return undefined;
      const ref: DayRef = { ts: i, te: d.next, day: d.day, ordinal: d.ordinal || the };
      if (weekday !== undefined) ref.weekday = weekday;
      return { ref, next: d.next };
    }
    if (the && weekday === undefined) return undefined;
    const month = this.monthAt(j, this.nextIsDay(j + 1) || this.nextIsDay(j + 2));
    if (month !== undefined) {
      let k = j + 1;
      if (this.isWord(k, ".") && !this.t[k]!.sp) k++;
      if (this.isWord(k, "the")) k++;
      const dd = this.dayAt(k);
      if (dd && this.t[k]!.kind === "num") {
        const y = this.yearAt(dd.next);
        const ref: DayRef = {
          ts: i,
          te: y?.next ?? dd.next,
          day: dd.day,
          month,
          monthFirst: true,
          ordinal: dd.ordinal,
        };
        if (y) ref.year = y.year;
        if (weekday !== undefined) ref.weekday = weekday;
        return { ref, next: ref.te };
      }
      return undefined;
    }
    if (weekday !== undefined) return this.afterWeekday(i, wdEnd, weekday, undefined);
    const bare = this.weekdayAt(j, false);
    if (bare !== undefined) return this.afterWeekday(i, j + 1, bare, undefined);
    return undefined;
  }

  private nextIsDay(i: number): boolean {
    const t = this.t[i];
    if (!t) return false;
    if (t.kind === "num") return t.n >= 1 && t.n <= 31 && t.w.length <= 2 && t.minutes < 0;
    if (t.w === "the" || t.w === ",") return this.nextIsDay(i + 1);
    return ORDINAL_WORDS.has(t.w);
  }

  /** After a weekday: "Monday week", "Monday next week" is read at the list level. */
  private afterWeekday(
    i: number,
    j: number,
    weekday: number,
    weekdayMod: DayRef["weekdayMod"],
  ): { ref: DayRef; next: number } {
    let next = j;
    if (this.isWord(next, "'s") || (this.isWord(next, "'") && this.isWord(next + 1, "s"))) {
      // "Monday's strike": possessive, the day itself
      next += this.isWord(next, "'s") ? 1 : 2;
    }
    const ref: DayRef = { ts: i, te: next, weekday };
    if (weekdayMod) ref.weekdayMod = weekdayMod;
    if (this.isWord(next, "week") && !this.isWord(next + 1, "'s")) {
      ref.weekAfter = true;
      ref.te = next + 1;
      next++;
    }
    return { ref, next };
  }

  private isoAt(i: number): { ref: DayRef; next: number } | undefined {
    const a = this.t[i]!;
    const s1 = this.t[i + 1];
    const b = this.t[i + 2];
    const s2 = this.t[i + 3];
    const c = this.t[i + 4];
    if (!s1 || !b || !s2 || !c || s1.sp || b.sp || s2.sp || c.sp) return undefined;
    if (b.kind !== "num" || c.kind !== "num" || s1.w !== s2.w) return undefined;
    if (s1.w === "-" && a.w.length === 4 && b.w.length === 2 && c.w.length === 2) {
      return { ref: { ts: i, te: i + 5, year: a.n, month: b.n, day: c.n }, next: i + 5 };
    }
    if (
      s1.w === "/" &&
      a.w.length <= 2 &&
      b.w.length <= 2 &&
      (c.w.length === 4 || c.w.length === 2)
    ) {
      const year = c.w.length === 2 ? 2000 + c.n : c.n;
      return { ref: { ts: i, te: i + 5, year, month: b.n, day: a.n }, next: i + 5 };
    }
    return undefined;
  }

  /** "the last day of the month", "the first Monday of March", "the last Friday in June". */
  private edgeAt(i: number): { ref: DayRef; next: number } | undefined {
    let j = i;
    if (this.isWord(j, "the")) j++;
    const which = this.w(j);
    if (which !== "first" && which !== "last") return undefined;
    const unitWord = this.w(j + 1);
    const weekday = this.weekdayAt(j + 1, true);
    if (unitWord !== "day" && weekday === undefined) return undefined;
    const of = this.w(j + 2);
    if (of !== "of" && of !== "in") return undefined;
    let k = j + 3;
    const edge: NonNullable<DayRef["edge"]> = { last: which === "last" };
    if (weekday !== undefined) edge.weekday = weekday;
    if (this.isWord(k, "the") && this.isWord(k + 1, "month")) {
      edge.monthOffset = 0;
      k += 2;
    } else if (PERIOD_MODS.has(this.w(k)) && this.isWord(k + 1, "month")) {
      edge.monthOffset = PERIOD_MODS.get(this.w(k))!;
      k += 2;
    } else {
      const m = this.monthAt(k, true);
      if (m === undefined) return undefined;
      edge.month = m;
      k++;
    }
    const ref: DayRef = { ts: i, te: k, edge };
    const y = this.yearAt(k);
    if (y) {
      ref.year = y.year;
      ref.te = y.next;
    }
    return { ref, next: ref.te };
  }

  // ---- times, elements, lists ---------------------------------------------------------

  /** A point with the time written before or after it. */
  private timedAt(
    i: number,
    limit: number,
  ): { ref: DayRef; next: number; to?: DayRef } | undefined {
    let j = i;
    let time: { minute: number; midnight: boolean } | undefined;
    if (this.isWord(j, "at") || this.isWord(j, "from")) {
      const tm = this.timeAt(j + 1);
      if (tm) {
        time = tm;
        j = tm.next;
      }
    } else {
      const tm = this.timeAt(j);
      if (tm) {
        time = tm;
        j = tm.next;
      }
    }
    if (time) {
      if (this.isWord(j, "on") || this.isWord(j, ",")) j++;
      if (this.isWord(j, "on")) j++;
    }
    const p = this.pointAt(j, limit);
    if (!p) return undefined;
    let ref = p.ref;
    ref.ts = i;
    let next = p.next;
    // "Thursday (28 September 2023)", "tomorrow (December 16)": the bracketed date is the day,
    // the words before it describe it.
    if (ref.day === undefined && this.isWord(next, "(")) {
      const inner = this.pointAt(next + 1, limit);
      if (
        inner &&
        inner.ref.day !== undefined &&
        inner.ref.month !== undefined &&
        this.isWord(inner.next, ")")
      ) {
        const merged: DayRef = { ...inner.ref, ts: i, te: inner.next + 1 };
        if (ref.weekday !== undefined) merged.weekday = ref.weekday;
        ref = merged;
        next = inner.next + 1;
      }
    }
    if (time) {
      ref.minute = time.minute;
      if (time.midnight) ref.midnight = true;
      return { ref, next };
    }
    // POINT (TIME) | POINT [,] [at|from] TIME | POINT from TIME to TIME
    let k = next;
    const bracket = this.isWord(k, "(");
    if (bracket) k++;
    else if (this.isWord(k, ",")) k++;
    const lead = this.w(k);
    if (lead === "at" || lead === "from" || lead === "between") k++;
    const tm = this.timeAt(k);
    if (tm) {
      let end = tm.next;
      if (bracket) {
        if (!this.isWord(end, ")")) return { ref, next };
        end++;
      }
      // Intra-day span: "on 14 November from 10am to 2pm"
      if (!bracket && (lead === "from" || lead === "between")) {
        const joiner = this.w(tm.next);
        if (RANGE_JOINERS.has(joiner) || (lead === "between" && joiner === "and")) {
          const tm2 = this.timeAt(tm.next + 1);
          if (tm2) {
            ref.minute = tm.minute;
            if (tm.midnight) ref.midnight = true;
            const to: DayRef = { ...ref, ts: tm.next + 1, te: tm2.next, minute: tm2.minute };
            delete to.midnight;
            if (tm2.midnight) to.midnight = true;
            return { ref, next: tm2.next, to };
          }
        }
      }
      if (!bracket && lead === "between") return { ref, next };
      ref.minute = tm.minute;
      if (tm.midnight) ref.midnight = true;
      ref.te = end;
      next = end;
    }
    return { ref, next };
  }

  private elementAt(
    i: number,
    limit: number,
    between: boolean,
  ): { el: Element; next: number } | undefined {
    // Intra-day span before the day: "from 10am to 2pm on 14 November"
    const lead = this.w(i);
    const t0 = lead === "from" || lead === "between" ? i + 1 : i;
    const tm1 = this.timeAt(t0);
    if (tm1) {
      const joiner = this.w(tm1.next);
      if (RANGE_JOINERS.has(joiner) || ((between || lead === "between") && joiner === "and")) {
        const tm2 = this.timeAt(tm1.next + 1);
        if (tm2 && !this.pointAt(tm2.next, limit)) {
          let k = tm2.next;
          if (this.isWord(k, "on") || this.isWord(k, ",")) k++;
          const p = this.pointAt(k, limit);
          if (p) {
            const from: DayRef = { ...p.ref, ts: i, minute: tm1.minute };
            if (tm1.midnight) from.midnight = true;
            const to: DayRef = { ...p.ref, minute: tm2.minute };
            if (tm2.midnight) to.midnight = true;
            return { el: { from, to, ts: i, te: p.next }, next: p.next };
          }
        }
      }
    }
    const a = this.timedAt(i, limit);
    if (!a) return undefined;
    if (a.to) return { el: { from: a.ref, to: a.to, ts: i, te: a.next }, next: a.next };
    // "Friday, August 26, until Monday, August 29": a comma may stand before the joiner.
    const j =
      this.isWord(a.next, ",") &&
      RANGE_JOINERS.has(this.w(a.next + 1)) &&
      this.w(a.next + 1) !== "-"
        ? a.next + 1
        : a.next;
    const joiner = this.w(j);
    if (RANGE_JOINERS.has(joiner) || (between && joiner === "and")) {
      let k = j + 1;
      // "through to August 31"
      if (joiner === "through" && this.isWord(k, "to")) k++;
      // "to and including", "up to and including"
      if (this.isWord(k, "and") && this.isWord(k + 1, "including")) k += 2;
      if (this.isWord(k, "on")) k++;
      const b = this.timedAt(k, limit);
      if (b && !b.to) return { el: { from: a.ref, to: b.ref, ts: i, te: b.next }, next: b.next };
    }
    return { el: { from: a.ref, ts: i, te: a.ref.te }, next: a.ref.te > j ? a.ref.te : j };
  }

  /** Where the next list element starts after a separator, or undefined at the list's end. */
  private separatorAt(i: number): number | undefined {
    let j = i;
    let seen = false;
    if (this.isWord(j, ",")) {
      j++;
      seen = true;
    }
    if (LIST_SEPARATORS.has(this.w(j)) && this.w(j) !== ",") {
      j++;
      seen = true;
    } else if (this.isWord(j, "as") && this.isWord(j + 1, "well") && this.isWord(j + 2, "as")) {
      j += 3;
      seen = true;
    }
    if (!seen) return undefined;
    if (AFTER_SEPARATOR.has(this.w(j))) j++;
    if (this.isWord(j, "on")) j++;
    return j;
  }

  private datesAt(i: number, limit: number): DateExpr | undefined {
    let j = i;
    let role: Role = "point";
    let between = false;
    const lead = this.w(i);
    if (START_WORDS.has(lead)) {
      j++;
      if (lead !== "from" && this.isWord(j, "on")) j++;
      role = "start";
    } else if (lead === "between") {
      between = true;
      j++;
    } else if (END_WORDS.has(lead)) {
      j++;
      role = "end";
    } else if (
      lead === "up" &&
      this.isWord(i + 1, "to") &&
      (this.isWord(i + 2, "and") || this.nextIsDay(i + 2))
    ) {
      j += 2;
      if (this.isWord(j, "and") && this.isWord(j + 1, "including")) j += 2;
      role = "end";
    }
    const first = this.elementAt(lead === "from" && this.timeAt(j) ? i : j, limit, between);
    if (!first) return undefined;
    const elements: Element[] = [first.el];
    let next = first.next;
    if (between && !first.el.to) return undefined;
    for (;;) {
      const k = this.separatorAt(next);
      if (k === undefined || k >= limit) break;
      const innerBetween = this.isWord(k, "between");
      const e = this.elementAt(
        innerBetween || this.isWord(k, "from") ? k + 1 : k,
        limit,
        innerBetween,
      );
      if (!e) break;
      elements.push(e.el);
      next = e.next;
    }
    // "Tuesday and Wednesday this week", "Monday to Wednesday next week", "the Tuesday of next week"
    let k = next;
    if (this.isWord(k, "of")) k++;
    if (this.isWord(k, "the") && this.isWord(k + 1, "following") && this.isWord(k + 2, "week")) {
      this.setWeek(elements, 1);
      next = k + 3;
    } else if (PERIOD_MODS.has(this.w(k)) && this.isWord(k + 1, "week")) {
      this.setWeek(elements, PERIOD_MODS.get(this.w(k))!);
      next = k + 2;
    }
    if (!this.plausible(elements)) return undefined;
    // "next Wednesday and Thursday": the modifier covers the weekdays listed after it.
    const mod = elements[0]!.from.weekdayMod;
    if (mod)
      for (const el of elements.slice(1))
        for (const r of [el.from, el.to])
          if (r && r.weekday !== undefined && r.day === undefined && r.weekdayMod === undefined)
            r.weekdayMod = mod;
    // "from 6 to 10 Feb" and lists are whole; only a lone "from D" / "until D" is one end.
    if (elements.length > 1 || first.el.to) role = "point";
    const te = Math.max(next, elements.at(-1)!.te);
    return this.expr("dates", i, te, role, elements);
  }

  private setWeek(elements: Element[], week: number): void {
    for (const el of elements) {
      for (const r of [el.from, el.to]) {
        if (r && r.weekday !== undefined && r.day === undefined && r.weekdayMod === undefined)
          r.week = week;
      }
    }
  }

  /**
   * Drops what only looks like a list of dates: numbers with no month anywhere ("6, 7 and 8
   * of the members"), trailing numbers a day-first list cannot give a month to ("on 5 March
   * and 12 schools").
   */
  private plausible(elements: Element[]): boolean {
    const refs = elements.flatMap((e) => (e.to ? [e.from, e.to] : [e.from]));
    const bareOnly = (r: DayRef) =>
      r.day !== undefined && r.month === undefined && r.weekday === undefined && !r.ordinal;
    const hasAnchor = refs.some((r) => !bareOnly(r));
    if (!hasAnchor) return false;
    // Trailing bare numbers after a day-first date belong to the next clause.
    const monthRefs = refs.filter((r) => r.month !== undefined);
    const dayFirst = monthRefs.length > 0 && !monthRefs[0]!.monthFirst;
    while (elements.length > 1) {
      const lastEl = elements.at(-1)!;
      const lastRefs = lastEl.to ? [lastEl.from, lastEl.to] : [lastEl.from];
      const bare = lastRefs.every(
        (r) => r.month === undefined && r.weekday === undefined && r.day !== undefined,
      );
      if (!bare) break;
      const after = this.t[lastEl.te];
      const wordAfter = after && after.kind === "word" && !AFTER_BARE_DAY_OK.has(after.w);
      if (dayFirst || (wordAfter && !lastRefs.some((r) => r.ordinal))) elements.pop();
      else break;
    }
    return elements.length > 0;
  }

  private expr(
    kind: DateExpr["kind"],
    ts: number,
    te: number,
    role: Role,
    elements: Element[],
  ): DateExpr {
    return {
      kind,
      ts,
      te,
      s: this.t[ts]!.s,
      e: this.t[te - 1]!.e,
      role,
      elements,
      problems: [],
    };
  }

  // ---- periods, recurrences, durations ------------------------------------------------

  private periodAt(i: number, limit: number): DateExpr | undefined {
    let j = i;
    const w0 = this.w(j);
    // "the week beginning 6 February", "the week of 6 February", "w/c 6 Feb"
    if (
      w0 === "the" &&
      this.isWord(j + 1, "week") &&
      (this.isWord(j + 2, "beginning") ||
        this.isWord(j + 2, "commencing") ||
        this.isWord(j + 2, "of"))
    ) {
      let k = j + 3;
      if (this.isWord(k, "on")) k++;
      const p = this.pointAt(k, limit);
      if (p) return this.periodExpr(i, p.next, { unit: "week", from: p.ref });
    }
    if (
      w0 === "the" ||
      w0 === "over" ||
      w0 === "in" ||
      w0 === "during" ||
      w0 === "within" ||
      w0 === "for"
    ) {
      const k = this.isWord(j + 1, "the") ? j + 2 : j + 1;
      const rolling = this.rollingAt(k);
      if (rolling && (w0 !== "in" || k > j + 1))
        return this.periodExpr(i, rolling.next, rolling.period);
    }
    const rolling = this.rollingAt(j);
    if (rolling) return this.periodExpr(i, rolling.next, rolling.period);
    if (w0 === "the" && PERIOD_MODS.has(this.w(j + 1))) j++;
    const mod = PERIOD_MODS.get(this.w(j));
    if (mod !== undefined) {
      const unit = PERIOD_UNITS.get(this.w(j + 1));
      if (unit) {
        let next = j + 2;
        if (this.isWord(next, "'s")) next++;
        return this.periodExpr(i, next, { unit, offset: mod });
      }
      if (SEASONS.has(this.w(j + 1)) && mod === 0)
        return this.periodExpr(i, j + 2, { unit: "month", vague: true });
    }
    // "later this month", "early March", "the end of the month", "in the new year"
    if (VAGUE_OPENERS.has(w0)) {
      let k = j + 1;
      if (w0 === "end" || (w0 === "later" && this.isWord(k, "in"))) {
        if (this.isWord(k, "of") || this.isWord(k, "in")) k++;
      }
      if (this.isWord(k, "-")) k++;
      if (this.isWord(k, "the")) k++;
      if (PERIOD_MODS.has(this.w(k)) && PERIOD_UNITS.has(this.w(k + 1)))
        return this.periodExpr(i, k + 2, {
          unit: PERIOD_UNITS.get(this.w(k + 1))!,
          offset: PERIOD_MODS.get(this.w(k))!,
          vague: true,
        });
      if (this.isWord(k, "month") || this.isWord(k, "week") || this.isWord(k, "year"))
        return this.periodExpr(i, k + 1, {
          unit: PERIOD_UNITS.get(this.w(k))!,
          offset: 0,
          vague: true,
        });
      const m = this.monthAt(k, false);
      if (m !== undefined)
        return this.periodExpr(i, k + 1, { unit: "month", month: m, vague: true });
    }
    if (w0 === "the" && this.isWord(j + 1, "new") && this.isWord(j + 2, "year"))
      return this.periodExpr(i, j + 3, { unit: "year", offset: 1, vague: true });
    // "in March", "during March 2024", "throughout November", "March"
    let k = j;
    if (w0 === "in" || w0 === "during" || w0 === "throughout" || w0 === "for" || w0 === "of") k++;
    const m = this.monthAt(k, false);
    if (m !== undefined && !this.nextIsDay(k + 1) && !this.nextIsDay(k - 1)) {
      const y = this.yearAt(k + 1);
      const period: Period = { unit: "month", month: m };
      if (y) period.year = y.year;
      if (k === j && w0 !== "in" && !this.t[k]!.cap && this.opts.prose) return undefined;
      return this.periodExpr(i, y?.next ?? k + 1, period);
    }
    return undefined;
  }

  /** "next 14 days", "next three months", "coming fortnight", "next fortnight". */
  private rollingAt(j: number): { period: Period; next: number } | undefined {
    const w0 = this.w(j);
    if (w0 !== "next" && w0 !== "coming" && w0 !== "following") return undefined;
    if (this.isWord(j + 1, "fortnight")) return { period: { unit: "day", count: 14 }, next: j + 2 };
    const t = this.t[j + 1];
    if (!t) return undefined;
    const n = t.kind === "num" && t.minutes < 0 && t.w.length <= 4 ? t.n : COUNT_WORDS.get(t.w);
    if (n === undefined || !Number.isInteger(n) || n < 1) return undefined;
    const unit = this.w(j + 2).replace(/s$/, "");
    if (unit === "day") return { period: { unit: "day", count: n }, next: j + 3 };
    if (unit === "week") return { period: { unit: "day", count: n * 7 }, next: j + 3 };
    if (unit === "fortnight") return { period: { unit: "day", count: n * 14 }, next: j + 3 };
    if (unit === "month") return { period: { unit: "month", count: n }, next: j + 3 };
    if (unit === "year") return { period: { unit: "year", count: n }, next: j + 3 };
    return undefined;
  }

  private periodExpr(i: number, te: number, period: Period): DateExpr {
    const x = this.expr("period", i, te, "point", []);
    x.period = period;
    return x;
  }

  /** "every Friday and Saturday in December", "each weekend in August", "every Monday until Christmas". */
  private recurrenceAt(i: number, j: number, limit: number): DateExpr | undefined {
    let k = j;
    if (this.isWord(k, "single")) k++;
    const weekdays: number[] = [];
    for (;;) {
      const w = this.w(k);
      if (w === "weekend") {
        weekdays.push(6, 7);
        k++;
      } else if (w === "weekday" || (w === "working" && this.isWord(k + 1, "day"))) {
        weekdays.push(1, 2, 3, 4, 5);
        k += w === "working" ? 2 : 1;
      } else if (w === "day" || w === "days") {
        weekdays.push(1, 2, 3, 4, 5, 6, 7);
        k++;
      } else {
        const d = WEEKDAYS.get(w);
        if (d === undefined || this.t[k]!.kind !== "word") break;
        weekdays.push(d);
        k++;
      }
      if (
        (this.isWord(k, "and") || this.isWord(k, ",") || this.isWord(k, "or")) &&
        this.recurrenceWordAt(k + 1)
      )
        k++;
      else if (this.isWord(k, ",") && this.isWord(k + 1, "and") && this.recurrenceWordAt(k + 2))
        k += 2;
      else break;
    }
    if (weekdays.length === 0) return undefined;
    const rec: Recurrence = { weekdays: [...new Set(weekdays)].sort() };
    let next = k;
    // Bound: "in December", "throughout August", "from 4 October to 8 November", "until Christmas",
    // "this month", "next month".
    const w = this.w(k);
    if (w === "in" || w === "of" || w === "during" || w === "throughout" || w === "through") {
      const p =
        this.periodAt(k, limit) ??
        (w === "in" || w === "during" ? undefined : this.periodAt(k + 1, limit));
      if (p && p.period && !p.period.vague) {
        rec.within = p.period;
        next = p.te;
      }
    } else if (PERIOD_MODS.has(w) && PERIOD_UNITS.has(this.w(k + 1))) {
      const p = this.periodAt(k, limit);
      if (p?.period) {
        rec.within = p.period;
        next = p.te;
      }
    }
    const range = this.datesAt(next, limit);
    if (range) {
      const el = range.elements[0]!;
      if (el.to) {
        rec.from = el.from;
        rec.to = el.to;
        next = range.te;
      } else if (range.role === "end" || range.role === "start") {
        if (range.role === "end") rec.to = el.from;
        else rec.from = el.from;
        next = range.te;
        // "from 4 October until Christmas" written as two pieces
        if (range.role === "start") {
          const end = this.datesAt(next, limit);
          if (end && end.role === "end") {
            rec.to = end.elements[0]!.from;
            next = end.te;
          }
        }
      }
    } else {
      const season = this.seasonEndAt(next);
      if (season) {
        rec.to = season.ref;
        next = season.next;
      }
    }
    const x = this.expr("recurrence", i, next, "point", []);
    x.recurrence = rec;
    return x;
  }

  private recurrenceWordAt(k: number): boolean {
    const w = this.w(k);
    return (WEEKDAYS.has(w) && this.t[k]?.kind === "word") || w === "weekend" || w === "weekday";
  }

  /** "until Christmas", "until Easter": a season named as the end of a span. */
  seasonEndAt(i: number): { ref: DayRef; next: number } | undefined {
    if (!END_WORDS.has(this.w(i)) && !this.isWord(i, "to")) return undefined;
    const key = this.w(i + 1) === "new" && this.w(i + 2) === "year" ? "new year" : this.w(i + 1);
    if (!SEASON_ENDS.has(key)) return undefined;
    const te = i + 1 + key.split(" ").length;
    return { ref: { ts: i + 1, te, holiday: key }, next: te };
  }

  /** "48-hour", "a three-week strike", "for 72 hours", "week-long", "20 strike days". */
  private durationAt(i: number, _limit: number): DateExpr | undefined {
    let j = i;
    const lead = this.w(j);
    const forLead = lead === "for" || lead === "lasting";
    if (forLead) j++;
    if (this.isWord(j, "a") || this.isWord(j, "an")) {
      // "a three-day strike", "a week-long", "for a week"
      if (COUNT_WORDS.has(this.w(j + 1)) || this.t[j + 1]?.kind === "num") j++;
    }
    const t = this.t[j];
    if (!t) return undefined;
    let n: number | undefined;
    if (t.kind === "num" && t.minutes < 0 && t.w.length <= 3) n = t.n;
    else if (t.kind === "word") n = COUNT_WORDS.get(t.w);
    let k = j + 1;
    // "seventy-two" is rare in news; "twenty-four" is not
    if (
      n !== undefined &&
      n >= 20 &&
      n % 10 === 0 &&
      this.isWord(k, "-") &&
      COUNT_WORDS.has(this.w(k + 1))
    ) {
      const units = COUNT_WORDS.get(this.w(k + 1))!;
      if (units >= 1 && units <= 9) {
        n += units;
        k += 2;
      }
    }
    // "week-long": the unit alone, then "-long"
    const unitOnly = UNIT_MINUTES.get(t.w);
    if (
      unitOnly !== undefined &&
      t.kind === "word" &&
      this.isWord(j + 1, "-") &&
      this.isWord(j + 2, "long")
    )
      return this.durationExpr(i, j + 3, 1, t.w, "length");
    if (n === undefined || n <= 0) return undefined;
    const hyphen = this.isWord(k, "-") && !this.t[k]!.sp;
    if (hyphen) k++;
    // "20 further strike days", "three more days", "11 consecutive days"
    let modifiers = 0;
    while (!hyphen && modifiers < 2 && COUNT_MODIFIERS.has(this.w(k))) {
      k++;
      modifiers++;
    }
    const unit = this.w(k);
    const per = UNIT_MINUTES.get(unit);
    if (per === undefined) return undefined;
    if (t.w === "a" || t.w === "an") {
      if (!forLead) return undefined; // "a day" alone is not a length
    }
    let te = k + 1;
    if (this.isWord(te, "-") && this.isWord(te + 1, "long")) te += 2;
    if (modifiers > 0) return per >= 1440 ? this.durationExpr(i, te, n, unit, "count") : undefined;
    if (hyphen || forLead) return this.durationExpr(i, te, n, unit, "length");
    // "72 hours from", "three days of strikes", "20 further strike days"
    if (this.isWord(te, "from") || this.isWord(te, "starting") || this.isWord(te, "beginning"))
      return this.durationExpr(i, te, n, unit, "length");
    if (per >= 1440 || per === -1) return this.durationExpr(i, te, n, unit, "count");
    return undefined;
  }

  private durationExpr(
    i: number,
    te: number,
    n: number,
    unit: string,
    form: Duration["form"],
  ): DateExpr {
    const x = this.expr("duration", i, te, "point", []);
    const per = UNIT_MINUTES.get(unit)!;
    x.duration =
      per === -1 ? { minutes: 0, months: n, form } : { minutes: n * per, months: 0, form };
    return x;
  }
}

const COUNT_MODIFIERS = new Set([
  "further",
  "more",
  "additional",
  "separate",
  "strike",
  "consecutive",
  "new",
  "extra",
  "full",
  "working",
]);

/** Words that may open a date expression though they are no date themselves. */
const TRIGGERS = new Set([
  "from",
  "between",
  "starting",
  "beginning",
  "commencing",
  "until",
  "till",
  "til",
  "through",
  "thru",
  "up",
  "every",
  "each",
  "on",
  "at",
  "the",
  "next",
  "last",
  "this",
  "coming",
  "following",
  "previous",
  "past",
  "today",
  "tonight",
  "tomorrow",
  "yesterday",
  "in",
  "during",
  "throughout",
  "for",
  "of",
  "over",
  "within",
  "lasting",
  "midday",
  "noon",
  "midnight",
  "early",
  "mid",
  "late",
  "later",
  "end",
  "week",
  "month",
  "fortnight",
  "day",
  "hour",
  "bank",
]);

/** First words of holiday names. */
const HOLIDAY_FIRST = new Set([...HOLIDAYS.keys()].map((k) => k.split(" ")[0]!));

/** Which words may open an expression, and how: always, as a count, or as a trigger word. */
const OPENS = 1;
const COUNTS = 2;
const TRIGGER = 3;
const START_CLASS = new Map<string, number>();
for (const w of TRIGGERS) START_CLASS.set(w, TRIGGER);
for (const w of COUNT_WORDS.keys()) START_CLASS.set(w, COUNTS);
for (const set of [MONTHS.keys(), WEEKDAYS.keys(), ORDINAL_WORDS.keys(), HOLIDAY_FIRST.values()])
  for (const w of set) START_CLASS.set(w, OPENS);
