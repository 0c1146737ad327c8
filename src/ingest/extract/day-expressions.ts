import { NUMBER_WORDS } from "../../domain/number-words.ts";
import {
  addDays,
  daysBetween,
  eachDay,
  isoDay,
  isoWeekday,
  isValidDay,
  type IsoDay,
} from "../../domain/calendar.ts";
import { findDayPhrases } from "../../domain/day-phrases.ts";

/**
 * Every calendar day a sentence points at, with how it points: a whole phrase ("19 and 23
 * January"), a start ("from 7am on Monday") or an end ("until 7am on Friday") to be paired,
 * and words resolved against the publication date and the tense ("held … on Wednesday",
 * "will strike on Monday", "today", "yesterday", "Thursday, 24th").
 */
export interface DayExpression {
  start: number;
  end: number;
  text: string;
  days: IsoDay[];
  role: "point" | "start" | "end";
  /** A weekday named without a date: an end pairs it with the first such day after its start. */
  weekday?: number;
  /** Minutes after midnight when a start time is given ("from 7am"). */
  startMinute?: number;
  endMinute?: number;
}

export type Tense = "past" | "future";

const WEEKDAY_RE = "(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day";
const WEEKDAY_INDEX: Record<string, number> = {
  mon: 1,
  tues: 2,
  wednes: 3,
  thurs: 4,
  fri: 5,
  satur: 6,
  sun: 7,
};
const TIME = String.raw`(?:(?:at|from)\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\s+(?:on\s+)?`;
const START_BEFORE = new RegExp(
  String.raw`\b(?:from|starting(?:\s+on)?|starts?(?:\s+on)?|beginning(?:\s+on)?|begins?(?:\s+on)?|begin(?:\s+on)?|start(?:\s+on)?|walk(?:ing)?\s+out(?:\s+at)?|commencing(?:\s+on)?)\s+(?:${TIME}|on\s+|at\s+)?$`,
  "i",
);
const END_BEFORE = new RegExp(
  String.raw`\b(?:until|till|to|through|ends?(?:\s+on|\s+at)?|ending(?:\s+on)?|finish(?:es|ing)?(?:\s+on)?|runs?\s+to|lasts?\s+until|last\s+until|resum\w*\s+work(?:\s+(?:from|on|at))?)\s+(?:${TIME}|on\s+|at\s+)?$`,
  "i",
);
const PAST_VERBS =
  /\b(?:held|staged|struck|walked out|took place|took part|was|were|had|went|joined|happened|began|started|took|took action|have taken|has taken|did)\b/i;
const FUTURE_VERBS =
  /\b(?:will|to|shall|set to|due to|planned|plan|planning|going to|scheduled|is|are|intends?)\b/i;

/** Past if the clause speaks of something done, else forward-looking (news of strikes to come). */
export function tenseOf(sentence: string): Tense {
  const future = FUTURE_VERBS.exec(sentence);
  const past = PAST_VERBS.exec(sentence);
  if (past && (!future || past.index < future.index)) return "past";
  return "future";
}

function minuteOf(text: string): number | undefined {
  const m = /(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)\s+(?:on\s+)?$/i.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]) % 12;
  if (m[3]!.toLowerCase() === "pm") h += 12;
  return h * 60 + Number(m[2] ?? 0);
}

function resolveWeekday(
  weekday: number,
  published: IsoDay,
  tense: Tense,
  modifier: string | undefined,
): IsoDay {
  const today = isoWeekday(published);
  const mod = modifier?.toLowerCase();
  if (mod === "next") return addDays(published, 7 - today + weekday);
  if (mod === "last") return addDays(published, -((today - weekday + 7) % 7 || 7));
  if (mod === "this") return addDays(published, weekday - today);
  return tense === "past"
    ? addDays(published, -((today - weekday + 7) % 7))
    : addDays(published, (weekday - today + 7) % 7);
}

/** "Thursday, 24th" without a month: the nearest month around publication where the 24th is a Thursday. */
function resolveWeekdayOrdinal(
  weekday: number,
  day: number,
  published: IsoDay,
): IsoDay | undefined {
  const y = Number(published.slice(0, 4));
  const m = Number(published.slice(5, 7));
  let best: { d: IsoDay; gap: number } | undefined;
  for (let k = -2; k <= 2; k++) {
    const month = ((m - 1 + k + 12) % 12) + 1;
    const year = y + Math.floor((m - 1 + k) / 12);
    if (!isValidDay(year, month, day)) continue;
    const d = isoDay(year, month, day);
    if (isoWeekday(d) !== weekday) continue;
    const gap = Math.abs(daysBetween(published, d));
    if (!best || gap < best.gap) best = { d, gap };
  }
  return best?.d;
}

export function findDayExpressions(sentence: string, published: IsoDay): DayExpression[] {
  const tense = tenseOf(sentence);
  const found: DayExpression[] = [];
  const taken = (s: number, e: number) => found.some((x) => s < x.end && e > x.start);
  const add = (x: Omit<DayExpression, "role">) => {
    if (taken(x.start, x.end) || x.days.length === 0) return;
    found.push({ ...x, role: "point" });
  };

  for (const p of findDayPhrases(sentence, { reference: published, maxRangeDays: 62 })) {
    add({ start: p.start, end: p.end, text: p.text, days: p.days });
  }
  for (const m of sentence.matchAll(
    new RegExp(`\\b${WEEKDAY_RE},?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b`, "gi"),
  )) {
    const d = resolveWeekdayOrdinal(WEEKDAY_INDEX[m[1]!.toLowerCase()]!, Number(m[2]), published);
    if (d) add({ start: m.index, end: m.index + m[0].length, text: m[0], days: [d] });
  }
  for (const m of sentence.matchAll(
    /\b(today|tonight|this (?:morning|afternoon|evening)|yesterday|tomorrow)\b/gi,
  )) {
    const w = m[1]!.toLowerCase();
    const day =
      w === "yesterday"
        ? addDays(published, -1)
        : w === "tomorrow"
          ? addDays(published, 1)
          : published;
    add({ start: m.index, end: m.index + m[0].length, text: m[0], days: [day] });
  }
  for (const m of sentence.matchAll(
    new RegExp(
      `\\b(?:(next|this|last|on|from|until|till|to)\\s+)?${WEEKDAY_RE}(?:['’]s)?\\b`,
      "gi",
    ),
  )) {
    const weekday = WEEKDAY_INDEX[m[2]!.toLowerCase()]!;
    const modifier = ["next", "this", "last"].includes((m[1] ?? "").toLowerCase())
      ? m[1]
      : undefined;
    const day = resolveWeekday(weekday, published, tense, modifier);
    add({ start: m.index, end: m.index + m[0].length, text: m[0], days: [day], weekday });
  }
  found.sort((a, b) => a.start - b.start);
  for (const x of found) {
    const before = sentence.slice(Math.max(0, x.start - 40), x.start);
    // The weekday pattern swallows its own "from"/"until"; look at what came before the word.
    const lead = /^(from|until|till|to)\s/i.exec(x.text)?.[1];
    const context = lead ? `${before} ${lead} ` : before;
    if (END_BEFORE.test(context)) {
      x.role = "end";
      x.endMinute = minuteOf(before);
    } else if (START_BEFORE.test(context)) {
      x.role = "start";
      x.startMinute = minuteOf(before);
    }
  }
  return found;
}

/** Durations also come in halves ("a half-day strike"). */
const DURATION_WORDS: Readonly<Record<string, number>> = { ...NUMBER_WORDS, half: 0.5 };

/** "72-hour", "for 96 hours", "a three-day", "48 hours from": how long one walkout lasts. */
export function findDuration(text: string): { hours: number } | undefined {
  const m =
    /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|half)[- ](hour|day)\b/i.exec(
      text,
    ) ??
    /\b(?:for|lasting)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(hour|day)s\b/i.exec(
      text,
    ) ??
    /\b(\d{1,3})\s+(hour)s\s+from\b/i.exec(text);
  if (!m) return undefined;
  const n = DURATION_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return { hours: m[2]!.toLowerCase() === "hour" ? n : n * 24 };
}

/** The calendar days a walkout touches: 7am 13 March for 72 hours touches 13–16 March. */
export function daysTouched(first: IsoDay, startMinute: number, hours: number): IsoDay[] {
  const endMinute = startMinute + hours * 60;
  const lastOffset = Math.max(0, Math.ceil(endMinute / 1440) - 1);
  return eachDay(first, addDays(first, lastOffset));
}

export interface DaySpan {
  days: IsoDay[];
  start: number;
  end: number;
  text: string;
}

/**
 * Joins each start with the end that follows it ("from 8pm on April 30 until 8pm on May 2",
 * "begins at 7am on Thursday, 24th and ends at 7am on Saturday 26th"); a start with a known
 * duration is expanded; a lone end ("until 6 February") names no strike day of its own.
 */
export function pairRanges(
  exprs: readonly DayExpression[],
  durationHours: number | undefined,
): DaySpan[] {
  const out: DaySpan[] = [];
  for (let i = 0; i < exprs.length; i++) {
    const x = exprs[i]!;
    if (x.role === "end") continue;
    if (x.role === "start") {
      const end = exprs.slice(i + 1).find((y) => y.role === "end");
      const first = x.days[0]!;
      if (end) {
        let last = end.days.at(-1)!;
        if (end.weekday !== undefined)
          last = addDays(first, (end.weekday - isoWeekday(first) + 7) % 7 || 7);
        // Ending at midnight touches no part of that day.
        if (end.endMinute === 0) last = addDays(last, -1);
        if (last >= first && daysBetween(first, last) <= 31) {
          out.push({
            days: eachDay(first, last),
            start: x.start,
            end: end.end,
            text: `${x.text} … ${end.text}`,
          });
        }
        continue;
      }
      if (durationHours !== undefined && x.days.length === 1) {
        out.push({
          days: daysTouched(first, x.startMinute ?? 0, durationHours),
          start: x.start,
          end: x.end,
          text: x.text,
        });
        continue;
      }
    }
    out.push({ days: x.days, start: x.start, end: x.end, text: x.text });
  }
  return out;
}
