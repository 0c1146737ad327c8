/** The words of the date grammar: months, weekdays, ordinals, counts, units and time words. */

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
] as const;

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** Month words, 1 = January. "may" is a month only when written "May" (checked by the caller). */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((name, i) => {
    const low = name.toLowerCase();
    const forms = [low, low.slice(0, 3)];
    if (low === "september") forms.push("sept");
    return forms.map((f) => [f, i + 1] as [string, number]);
  }),
);

/** Weekday words, 1 = Monday (ISO); plurals ("Mondays") for recurrences. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  WEEKDAY_NAMES.flatMap((name, i) => {
    const low = name.toLowerCase();
    const stem = low.slice(0, 3);
    const forms = [low, stem, `${low}s`];
    if (stem === "tue") forms.push("tues");
    if (stem === "wed") forms.push("weds");
    if (stem === "thu") forms.push("thur", "thurs");
    return forms.map((f) => [f, i + 1] as [string, number]);
  }),
);

export function isPluralWeekday(w: string): boolean {
  return w.length > 6 && w.endsWith("days");
}

const UNITS = [
  "",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60 };

/** Counts written as words, "one" to "sixty" ("a three-week strike", "seventy-two hours" aside). */
export const COUNT_WORDS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  UNITS.forEach((w, i) => {
    if (w) m.set(w, i);
  });
  for (const [w, n] of Object.entries(TENS)) m.set(w, n);
  m.set("a", 1);
  m.set("an", 1);
  m.set("single", 1);
  m.set("half", 0.5);
  m.set("couple", 2);
  m.set("fortnight", 14);
  return m;
})();

const ORDINAL_UNITS = [
  "",
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
  "thirteenth",
  "fourteenth",
  "fifteenth",
  "sixteenth",
  "seventeenth",
  "eighteenth",
  "nineteenth",
];

/** "first" … "thirty-first" as single words (the hyphenated tens are joined by the grammar). */
export const ORDINAL_WORDS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  ORDINAL_UNITS.forEach((w, i) => {
    if (w) m.set(w, i);
  });
  m.set("twentieth", 20);
  m.set("thirtieth", 30);
  return m;
})();

export const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(["st", "nd", "rd", "th"]);

/** How long a unit is in minutes (months are calendar months, handled apart). */
export const UNIT_MINUTES: ReadonlyMap<string, number> = new Map([
  ["minute", 1],
  ["minutes", 1],
  ["hour", 60],
  ["hours", 60],
  ["hr", 60],
  ["hrs", 60],
  ["day", 1440],
  ["days", 1440],
  ["week", 10080],
  ["weeks", 10080],
  ["fortnight", 20160],
  ["fortnights", 20160],
  ["month", -1],
  ["months", -1],
]);

/** Words joining the two ends of a range. "and" only after "between". */
export const RANGE_JOINERS: ReadonlySet<string> = new Set([
  "to",
  "until",
  "till",
  "til",
  "through",
  "thru",
  "-",
  "–",
]);

/** Words that open a range ("from 6 to 10 Feb") or, alone, its start. */
export const START_WORDS: ReadonlySet<string> = new Set([
  "from",
  "starting",
  "beginning",
  "commencing",
]);
/** Words that, alone before a date, give the end of a span ("until 6 Feb"). */
export const END_WORDS: ReadonlySet<string> = new Set(["until", "till", "til", "through", "thru"]);

export const TIME_WORDS: ReadonlyMap<string, number> = new Map([
  ["midday", 720],
  ["noon", 720],
  ["midnight", 0],
]);
