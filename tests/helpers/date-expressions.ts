import fc from "fast-check";

/**
 * Random date expressions built from the date grammar's own structure (items, lists of items
 * and of ranges sharing a month, month ends, ranges with times, durations, intra-day spans,
 * weekdays against "this week", recurrences, holidays), each with the exact calendar days it
 * means. The days are computed here with plain Date arithmetic, independently of the grammar.
 * Chat tests read the text alone; news tests put it in sentences.
 */
export interface DateCase {
  text: string;
  /** The day the expression is read against (publication day or the chat's today). */
  today: string;
  days: string[];
}

const MONTHS = [
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
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const parts = (ms: number) => {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    wd: ((d.getUTCDay() + 6) % 7) + 1,
  };
};
const range = (a: number, b: number) => {
  const out: string[] = [];
  for (let t = a; t <= b; t += DAY) out.push(iso(t));
  return out;
};
const ordinal = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
};

/** How one day is written, day-first or month-first, with or without weekday/ordinal/year. */
const dayStyle = fc.record({
  monthFirst: fc.boolean(),
  ordinal: fc.boolean(),
  of: fc.boolean(),
  weekday: fc.boolean(),
  short: fc.boolean(),
  year: fc.boolean(),
});
type DayStyle = typeof dayStyle extends fc.Arbitrary<infer T> ? T : never;

function monthName(m: number, short: boolean): string {
  const name = MONTHS[m - 1]!;
  return short && name.length > 4 ? name.slice(0, 3) : name;
}

function writeDay(ms: number, st: DayStyle, withMonth = true): string {
  const p = parts(ms);
  const num = st.ordinal ? ordinal(p.d) : String(p.d);
  const wd = st.weekday ? `${WEEKDAYS[p.wd - 1]} ` : "";
  const yr = st.year ? (st.monthFirst ? `, ${p.y}` : ` ${p.y}`) : "";
  if (!withMonth) return `${wd}${num}`;
  const month = monthName(p.m, st.short);
  if (st.monthFirst) return `${wd}${month} ${num}${yr}`;
  return `${wd}${num}${st.of && st.ordinal ? " of" : ""} ${month}${yr}`;
}

function joinList(xs: string[], oxford: boolean): string {
  if (xs.length === 1) return xs[0]!;
  return `${xs.slice(0, -1).join(", ")}${oxford ? "," : ""} and ${xs.at(-1)}`;
}

/** A "today" in 2022–2025 and a day within four months of it (so the nearest year is certain). */
const anchor = fc
  .tuple(fc.integer({ min: 0, max: 4 * 365 }), fc.integer({ min: -90, max: 90 }))
  .map(([t, off]) => {
    const today = utc(2022, 1, 1) + t * DAY;
    return { today, day: today + off * DAY };
  });

const single: fc.Arbitrary<DateCase> = fc.tuple(anchor, dayStyle).map(([a, st]) => ({
  text: writeDay(a.day, st),
  today: iso(a.today),
  days: [iso(a.day)],
}));

/** Days of one month, written once at the end (day-first) or start (month-first). */
const sameMonthList: fc.Arbitrary<DateCase> = fc
  .tuple(
    anchor,
    fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 2, maxLength: 5 }),
    dayStyle,
    fc.boolean(),
  )
  .map(([a, ds, st, oxford]) => {
    const p = parts(a.day);
    const sorted = [...ds].sort((x, y) => x - y);
    const msList = sorted.map((d) => utc(p.y, p.m, d));
    const plain = { ...st, weekday: false, year: false };
    const items = msList.map((ms, k) => {
      const carries = st.monthFirst ? k === 0 : k === msList.length - 1;
      return carries ? writeDay(ms, plain) : writeDay(ms, plain, false);
    });
    return { text: joinList(items, oxford), today: iso(a.today), days: msList.map(iso) };
  });

/** Ranges and days in a list sharing one month: "24-25 and 28-30 June". */
const rangeList: fc.Arbitrary<DateCase> = fc
  .tuple(
    anchor,
    fc.uniqueArray(fc.integer({ min: 1, max: 27 }), { minLength: 2, maxLength: 4 }),
    fc.boolean(),
    fc.constantFrom("-", "–"),
  )
  .map(([a, starts, ofWord, dash]) => {
    const p = parts(a.day);
    const sorted = [...starts].sort((x, y) => x - y);
    const spans: [number, number][] = [];
    for (const s of sorted) {
      const prev = spans.at(-1);
      if (prev && s <= prev[1] + 1) continue;
      spans.push([s, Math.min(28, s + (s % 3))]);
    }
    const items = spans.map(([s, e]) => (s === e ? `${s}` : `${s}${dash}${e}`));
    const text = `${joinList(items, false)}${ofWord ? " of" : ""} ${MONTHS[p.m - 1]}`;
    const days = spans.flatMap(([s, e]) => range(utc(p.y, p.m, s), utc(p.y, p.m, e)));
    return { text, today: iso(a.today), days };
  });

/** A day-first list across a month end, the month written once: "29th, 30th, 1st and 2nd December". */
const monthEndList: fc.Arbitrary<DateCase> = fc
  .tuple(anchor, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.boolean())
  .map(([a, before, after, ord]) => {
    const p = parts(a.day);
    const first = utc(p.y, p.m, 1);
    const msList = [
      ...Array.from({ length: before }, (_, k) => first - (before - k) * DAY),
      ...Array.from({ length: after }, (_, k) => first + k * DAY),
    ];
    const items = msList.map((ms) => (ord ? ordinal(parts(ms).d) : String(parts(ms).d)));
    items[items.length - 1] += ` ${MONTHS[p.m - 1]}`;
    return { text: joinList(items, false), today: iso(a.today), days: msList.map(iso) };
  });

/** A month-first list over two months: "October 3 and 14 and November 2 and 9". */
const twoMonthList: fc.Arbitrary<DateCase> = fc
  .tuple(
    anchor,
    fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 3 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 3 }),
  )
  .map(([a, xs, ys]) => {
    const p = parts(a.day);
    const next = parts(utc(p.y, p.m, 28) + 5 * DAY);
    const d1 = [...xs].sort((x, y) => x - y).map((d) => utc(p.y, p.m, d));
    const d2 = [...ys].sort((x, y) => x - y).map((d) => utc(next.y, next.m, d));
    const w1 = d1.map((ms, k) =>
      k === 0 ? `${MONTHS[p.m - 1]} ${parts(ms).d}` : String(parts(ms).d),
    );
    const w2 = d2.map((ms, k) =>
      k === 0 ? `${MONTHS[next.m - 1]} ${parts(ms).d}` : String(parts(ms).d),
    );
    return {
      text: [...w1, ...w2].join(" and "),
      today: iso(a.today),
      days: [...d1, ...d2].map(iso),
    };
  });

const TIMES = [
  { text: "7am", minute: 420 },
  { text: "06:00 hours", minute: 360 },
  { text: "06.00", minute: 360 },
  { text: "8.30pm", minute: 1230 },
  { text: "midday", minute: 720 },
  { text: "18:00", minute: 1080 },
];

/** "from 6 to 10 February", "between 1 and 3 March", "30 Jan – 2 Feb", with times at the ends. */
const plainRange: fc.Arbitrary<DateCase> = fc
  .tuple(
    anchor,
    fc.integer({ min: 1, max: 20 }),
    fc.constantFrom("from-to", "between", "dash", "until"),
    fc.boolean(),
    fc.option(fc.tuple(fc.constantFrom(...TIMES), fc.constantFrom(...TIMES)), { nil: undefined }),
    dayStyle,
  )
  .map(([a, len, form, sameMonthShort, times, st]) => {
    const end = a.day + len * DAY;
    const pa = parts(a.day);
    const pb = parts(end);
    const style = { ...st, weekday: false, year: false, monthFirst: false };
    const same = pa.m === pb.m && sameMonthShort && !times;
    const left = same ? String(pa.d) : writeDay(a.day, style);
    const right = writeDay(end, style);
    const days = range(a.day, end);
    let text: string;
    if (times) {
      const [t1, t2] = times;
      // None of the times is midnight, so the end day is always touched.
      text = `from ${t1.text} on ${left} until ${t2.text} on ${right}`;
    } else if (form === "between") text = `between ${left} and ${right}`;
    else if (form === "dash") text = same ? `${left}-${right}` : `${left} – ${right}`;
    else if (form === "until") text = `from ${left} until ${right}`;
    else text = `from ${left} to ${right}`;
    return { text, today: iso(a.today), days };
  });

/** "for 72 hours from 7am on 9 October": the days the hours touch. */
const duration: fc.Arbitrary<DateCase> = fc
  .tuple(anchor, fc.constantFrom(12, 24, 48, 72, 96), fc.constantFrom(...TIMES), fc.boolean())
  .map(([a, hours, time, hyphen]) => {
    const p = parts(a.day);
    // Stay clear of the clock changes (last Sundays of March and October) for exact hours.
    const start = a.day + time.minute * 60_000;
    const endMs = start + hours * 3_600_000;
    const safe = p.m !== 3 && p.m !== 10;
    const days = range(a.day, endMs - 1 - ((endMs - 1) % DAY));
    const text = hyphen
      ? `a ${hours}-hour strike from ${time.text} on ${writeDay(a.day, { monthFirst: false, ordinal: false, of: false, weekday: false, short: false, year: false })}`
      : `for ${hours} hours from ${time.text} on ${p.d} ${MONTHS[p.m - 1]}`;
    return { text, today: iso(a.today), days: safe ? days : [] };
  })
  .filter((c) => c.days.length > 0);

/** "from 10am to 2pm on 14 November": one day. */
const intraDay: fc.Arbitrary<DateCase> = anchor.map((a) => {
  const p = parts(a.day);
  return {
    text: `from 10am to 2pm on ${p.d} ${MONTHS[p.m - 1]}`,
    today: iso(a.today),
    days: [iso(a.day)],
  };
});

/** "Tuesday and Wednesday this week", "Monday to Wednesday next week". */
const weekdays: fc.Arbitrary<DateCase> = fc
  .tuple(
    anchor,
    fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(["this week", 0], ["next week", 1], ["last week", -1]),
    fc.boolean(),
  )
  .map(([a, wds, [phrase, offset], asRange]) => {
    const monday = a.today - (parts(a.today).wd - 1) * DAY + (offset as number) * 7 * DAY;
    const sorted = [...wds].sort((x, y) => x - y);
    if (asRange && sorted.length >= 2) {
      const [f, l] = [sorted[0]!, sorted.at(-1)!];
      return {
        text: `${WEEKDAYS[f - 1]} to ${WEEKDAYS[l - 1]} ${phrase}`,
        today: iso(a.today),
        days: range(monday + (f - 1) * DAY, monday + (l - 1) * DAY),
      };
    }
    return {
      text: `${joinList(
        sorted.map((w) => WEEKDAYS[w - 1]!),
        false,
      )} ${phrase}`,
      today: iso(a.today),
      days: sorted.map((w) => iso(monday + (w - 1) * DAY)),
    };
  });

/** "every Friday and Saturday in December", "each weekend in August". */
const recurrence: fc.Arbitrary<DateCase> = fc
  .tuple(
    anchor,
    fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 2 }),
    fc.boolean(),
    fc.constantFrom("every", "each"),
  )
  .map(([a, wds, weekend, word]) => {
    const p = parts(a.day);
    const chosen = weekend ? [6, 7] : [...wds].sort((x, y) => x - y);
    const first = utc(p.y, p.m, 1);
    const last = utc(p.y, p.m + 1, 1) - DAY;
    const days = range(first, last).filter((d) => chosen.includes(parts(Date.parse(d)).wd));
    const what = weekend
      ? "weekend"
      : joinList(
          chosen.map((w) => WEEKDAYS[w - 1]!),
          false,
        );
    return { text: `${word} ${what} in ${MONTHS[p.m - 1]} ${p.y}`, today: iso(a.today), days };
  });

const HOLIDAY_DAYS: [string, number, number][] = [
  ["Boxing Day", 12, 26],
  ["Christmas Eve", 12, 24],
  ["New Year's Day", 1, 1],
  ["St Andrew's Day", 11, 30],
  ["Christmas Day", 12, 25],
];

/** "from Boxing Day until New Year's Day" written with years. */
const holiday: fc.Arbitrary<DateCase> = fc
  .tuple(fc.integer({ min: 2022, max: 2026 }), fc.constantFrom(...HOLIDAY_DAYS))
  .map(([y, [name, m, d]]) => ({
    text: `${name} ${y}`,
    today: `${y}-06-01`,
    days: [iso(utc(y, m, d))],
  }));

/** Every form the grammar knows, with the exact days each means. */
export const dateCase: fc.Arbitrary<DateCase> = fc.oneof(
  single,
  sameMonthList,
  rangeList,
  monthEndList,
  twoMonthList,
  plainRange,
  duration,
  intraDay,
  weekdays,
  recurrence,
  holiday,
);
