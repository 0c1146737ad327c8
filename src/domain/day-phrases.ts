import { StrikewatchError } from "../errors.ts";
import { eachDay, isoDay, isValidDay, daysBetween, type IsoDay } from "./calendar.ts";

/**
 * Finds calendar dates written the ways British (and American) news and people write them:
 *   "6 Feb", "Monday 6th February 2023", "February 6", "2023-02-06"
 *   lists  "19 and 23 January", "6, 7 and 8 Feb", "Monday, February 6 and Tuesday, February 7"
 *   ranges "6-10 Feb", "from 6 to 10 February", "between 1 and 3 March", "30 Jan – 2 Feb"
 * It works on a token stream rather than one regular expression per form, so that lists and
 * ranges share the month and year written once at their end.
 */
export interface DayPhrase {
  /** Character offsets of the phrase in the input. */
  start: number;
  end: number;
  text: string;
  kind: "single" | "list" | "range";
  days: IsoDay[];
  /** True when no item of the phrase gave a year, so it was inferred from the reference day. */
  yearInferred: boolean;
}

export interface DayPhraseOptions {
  /** The day relative years are resolved against (publication date, or today). */
  reference: IsoDay;
  /** What to do with "31 February": throw a user error (commands) or skip it (news). */
  impossible?: "throw" | "skip";
  /** Longest range accepted; longer ones are not dates but typos or prose. */
  maxRangeDays?: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const WEEKDAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

type Token =
  | { t: "num"; v: number; s: number; e: number }
  | { t: "year"; v: number; s: number; e: number }
  | { t: "iso"; v: [number, number, number]; s: number; e: number }
  | { t: "month"; v: number; s: number; e: number }
  | { t: "weekday"; v: number; s: number; e: number }
  | { t: "word"; v: string; s: number; e: number }
  | { t: "dash" | "comma" | "amp" | "break"; s: number; e: number };

const TOKEN_RE =
  /(\d{4})-(\d{2})-(\d{2})|(\d+)(?!\d)(st|nd|rd|th)?(?![.,:]\d|%|[ap]\.?m\b)|([A-Za-z]+)|([–—-])|(,)|(&)|(\S)/g;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (m[1]) out.push({ t: "iso", v: [Number(m[1]), Number(m[2]), Number(m[3])], s, e });
    else if (m[4]) {
      const n = Number(m[4]);
      if (m[4].length === 4 && !m[5] && n >= 1900 && n <= 2100) out.push({ t: "year", v: n, s, e });
      else if (m[4].length <= 2 && n >= 1) out.push({ t: "num", v: n, s, e });
      else out.push({ t: "break", s, e });
    } else if (m[6]) {
      const w = m[6].toLowerCase();
      if (w in MONTHS && !(w === "may" && m[6] === "may"))
        out.push({ t: "month", v: MONTHS[w]!, s, e });
      else if (w in WEEKDAYS) out.push({ t: "weekday", v: WEEKDAYS[w]!, s, e });
      else out.push({ t: "word", v: w, s, e });
    } else if (m[7]) out.push({ t: "dash", s, e });
    else if (m[8]) out.push({ t: "comma", s, e });
    else if (m[9]) out.push({ t: "amp", s, e });
    else if (m[10] === "." && out.at(-1)?.t === "month")
      continue; // "Feb."
    else out.push({ t: "break", s, e });
  }
  return out;
}

/** One date as written, before the month and year written elsewhere in its phrase are shared. */
interface Item {
  day: number;
  month?: number;
  year?: number;
  monthFirst: boolean;
  s: number;
  e: number;
  next: number;
}

class Cursor {
  constructor(
    readonly tokens: Token[],
    public i: number,
  ) {}
  peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }
  isWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.t === "word" && t.v === w;
  }
}

function readItem(tokens: Token[], start: number): Item | undefined {
  const c = new Cursor(tokens, start);
  const first = c.peek();
  if (!first) return undefined;
  if (first.t === "iso") {
    const [y, m, d] = first.v;
    return { day: d, month: m, year: y, monthFirst: false, s: first.s, e: first.e, next: c.i + 1 };
  }
  const s = first.s;
  if (first.t === "weekday") {
    c.i++;
    if (c.peek()?.t === "comma") c.i++;
  }
  if (c.isWord("the")) c.i++;
  const t = c.peek();
  if (t?.t === "num" && t.v <= 31) {
    let e = t.e;
    c.i++;
    let month: number | undefined;
    let year: number | undefined;
    const save = c.i;
    if (c.isWord("of")) c.i++;
    const m = c.peek();
    if (m?.t === "month") {
      month = m.v;
      e = m.e;
      c.i++;
      ({ year, e } = readYear(c, e));
    } else c.i = save;
    return { day: t.v, month, year, monthFirst: false, s, e, next: c.i };
  }
  if (t?.t === "month") {
    const d = c.peek(1);
    if (d?.t === "num" && d.v <= 31) {
      c.i += 2;
      const r = readYear(c, d.e);
      return { day: d.v, month: t.v, year: r.year, monthFirst: true, s, e: r.e, next: c.i };
    }
  }
  return undefined;
}

function readYear(c: Cursor, e: number): { year: number | undefined; e: number } {
  const k = c.peek()?.t === "comma" ? 1 : 0;
  const y = c.peek(k);
  if (y?.t === "year") {
    c.i += k + 1;
    return { year: y.v, e: y.e };
  }
  return { year: undefined, e };
}

/** "and", "&", ", and", "," between list items. */
function listSeparator(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (t?.t === "comma") {
    const n = tokens[i + 1];
    if ((n?.t === "word" && n.v === "and") || n?.t === "amp") return 2;
    return 1;
  }
  if ((t?.t === "word" && t.v === "and") || t?.t === "amp") return 1;
  return 0;
}

const RANGE_WORDS = new Set(["to", "until", "till", "through", "thru"]);

function rangeSeparator(tokens: Token[], i: number, between: boolean): number {
  const t = tokens[i];
  if (t?.t === "dash") return 1;
  if (t?.t === "word" && RANGE_WORDS.has(t.v)) return 1;
  if (between && t?.t === "word" && t.v === "and") return 1;
  return 0;
}

interface RawPhrase {
  kind: DayPhrase["kind"];
  items: Item[];
  s: number;
  e: number;
  next: number;
}

function readPhrase(tokens: Token[], start: number): RawPhrase | undefined {
  let i = start;
  let lead: number | undefined;
  const w = tokens[i];
  const between = w?.t === "word" && w.v === "between";
  if (w?.t === "word" && (w.v === "from" || w.v === "between")) {
    lead = w.s;
    i++;
  }
  const first = readItem(tokens, i);
  if (!first) return undefined;
  const s = lead ?? first.s;

  const sep = rangeSeparator(tokens, first.next, between);
  if (sep) {
    const second = readItem(tokens, first.next + sep);
    if (second && (second.month !== undefined || first.month !== undefined)) {
      return { kind: "range", items: [first, second], s, e: second.e, next: second.next };
    }
  }
  if (between) return undefined;

  const items = [first];
  for (;;) {
    const last = items.at(-1)!;
    const n = listSeparator(tokens, last.next);
    if (!n) break;
    const item = readItem(tokens, last.next + n);
    if (!item) break;
    items.push(item);
  }
  if (items.length > 1) {
    // "6, 7 and 8" with no month anywhere is not a list of dates.
    while (items.length > 1 && items.every((x) => x.month === undefined)) items.pop();
    // A trailing comma-item without a month after a complete date belongs to the next clause.
    while (items.length > 1 && items.at(-1)!.month === undefined && !items.at(-1)!.monthFirst) {
      const prev = items.at(-2)!;
      if (prev.month === undefined || prev.monthFirst) break;
      items.pop();
    }
  }
  const last = items.at(-1)!;
  if (items.length === 1 && last.month === undefined) return undefined;
  return { kind: items.length > 1 ? "list" : "single", items, s, e: last.e, next: last.next };
}

/** Gives month-less items the month written next to them, then the year written at the end. */
function shareMonthAndYear(items: Item[]): void {
  for (let k = items.length - 1; k >= 0; k--) {
    const it = items[k]!;
    if (it.month === undefined) it.month = items.slice(k + 1).find((x) => x.month)?.month;
  }
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    if (it.month === undefined)
      it.month = items
        .slice(0, k)
        .reverse()
        .find((x) => x.month)?.month;
  }
  for (let k = items.length - 2; k >= 0; k--) {
    const it = items[k]!;
    const after = items[k + 1]!;
    if (it.year === undefined && after.year !== undefined) {
      // "30 December to 2 January 2024": the December is the year before.
      it.year = it.month! > after.month! ? after.year - 1 : after.year;
    }
  }
}

/** The year that puts a day-month nearest the reference day (a January date in December is next year). */
function nearestYear(month: number, day: number, reference: IsoDay): number | undefined {
  const refYear = Number(reference.slice(0, 4));
  let best: { year: number; gap: number } | undefined;
  for (const year of [refYear, refYear + 1, refYear - 1]) {
    if (!isValidDay(year, month, day)) continue;
    const gap = Math.abs(daysBetween(reference, isoDay(year, month, day)));
    if (!best || gap < best.gap) best = { year, gap };
  }
  return best?.year;
}

export function findDayPhrases(text: string, options: DayPhraseOptions): DayPhrase[] {
  const tokens = tokenize(text);
  const phrases: DayPhrase[] = [];
  const maxRange = options.maxRangeDays ?? 366;
  for (let i = 0; i < tokens.length;) {
    const raw = readPhrase(tokens, i);
    if (!raw) {
      i++;
      continue;
    }
    i = raw.next;
    const phrase = resolvePhrase(text, raw, options, maxRange);
    if (phrase) phrases.push(phrase);
  }
  return phrases;
}

function resolvePhrase(
  text: string,
  raw: RawPhrase,
  options: DayPhraseOptions,
  maxRange: number,
): DayPhrase | undefined {
  shareMonthAndYear(raw.items);
  const yearInferred = raw.items.every((x) => x.year === undefined);
  const days: IsoDay[] = [];
  const phraseText = text.slice(raw.s, raw.e);
  for (const it of raw.items) {
    const month = it.month!;
    const year = it.year ?? nearestYear(month, it.day, options.reference);
    if (year === undefined || !isValidDay(year, month, it.day)) {
      if (options.impossible === "throw") {
        const when = it.year === undefined ? "" : ` ${it.year}`;
        throw new StrikewatchError(
          "impossible_date",
          `There is no ${it.day} ${MONTH_NAMES[month - 1]}${when}.`,
        );
      }
      return undefined;
    }
    days.push(isoDay(year, month, it.day));
  }
  if (raw.kind === "range") {
    const from = days[0]!;
    let to = days[1]!;
    // "28 Dec - 3 Jan" written in December without a year runs into the next year.
    if (to < from && yearInferred) to = `${Number(to.slice(0, 4)) + 1}${to.slice(4)}`;
    if (to < from || daysBetween(from, to) >= maxRange) {
      if (options.impossible === "throw") {
        throw new StrikewatchError("bad_date", `"${phraseText}" does not run forwards in time.`);
      }
      return undefined;
    }
    return {
      start: raw.s,
      end: raw.e,
      text: phraseText,
      kind: "range",
      days: eachDay(from, to),
      yearInferred,
    };
  }
  return {
    start: raw.s,
    end: raw.e,
    text: phraseText,
    kind: raw.kind,
    days: [...new Set(days)].sort(),
    yearInferred,
  };
}
