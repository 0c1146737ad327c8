import { DateTime } from "luxon";

/**
 * Calendar days are ISO strings ("2023-01-19"): they sort, compare and store the same way in
 * SQLite and PostgreSQL, and a strike day has no time zone of its own.
 */
export type IsoDay = string;

const MS_PER_DAY = 86_400_000;

export function isoDay(year: number, month: number, day: number): IsoDay {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return DateTime.utc(year, month, day).isValid;
}

function toUtcMs(day: IsoDay): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDay {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, n: number): IsoDay {
  return fromUtcMs(toUtcMs(day) + n * MS_PER_DAY);
}

export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: IsoDay, to: IsoDay): IsoDay[] {
  const out: IsoDay[] = [];
  for (let ms = toUtcMs(from), end = toUtcMs(to); ms <= end; ms += MS_PER_DAY)
    out.push(fromUtcMs(ms));
  return out;
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(day: IsoDay): number {
  const js = new Date(toUtcMs(day)).getUTCDay();
  return js === 0 ? 7 : js;
}

const zoneDays = new Map<string, IsoDay>();

/**
 * The calendar day an instant falls on in a time zone. Answers cite the same few source times
 * hundreds of times, and a time-zone conversion costs microseconds, so recent ones are kept.
 */
export function dayInZone(instant: Date, zone: string): IsoDay {
  const key = `${instant.getTime()}|${zone}`;
  let day = zoneDays.get(key);
  if (day === undefined) {
    day = DateTime.fromJSDate(instant, { zone }).toISODate() ?? instant.toISOString().slice(0, 10);
    if (zoneDays.size >= 10_000) zoneDays.clear();
    zoneDays.set(key, day);
  }
  return day;
}

const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_SHORT = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** "Thu 19 Jan" (and " 2023" with `withYear`): the way British readers scan dates. */
export function formatDay(day: IsoDay, withYear = false): string {
  const wd = WEEKDAY_SHORT[isoWeekday(day) - 1];
  const text = `${wd} ${Number(day.slice(8, 10))} ${MONTH_SHORT[Number(day.slice(5, 7)) - 1]}`;
  return withYear ? `${text} ${day.slice(0, 4)}` : text;
}

/** "12 Jan" or "12 Jan 2023". */
export function formatShortDate(day: IsoDay, withYear = false): string {
  const text = `${Number(day.slice(8, 10))} ${MONTH_SHORT[Number(day.slice(5, 7)) - 1]}`;
  return withYear ? `${text} ${day.slice(0, 4)}` : text;
}

/** "Mon 16 – Sun 22 Jan 2023", "Mon 30 Jan – Sun 5 Feb 2023", "Thu 19 Jan 2023". */
export function formatDayRange(from: IsoDay, to: IsoDay): string {
  if (from === to) return formatDay(from, true);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = sameYear && from.slice(5, 7) === to.slice(5, 7);
  const left = sameMonth
    ? `${WEEKDAY_SHORT[isoWeekday(from) - 1]} ${Number(from.slice(8, 10))}`
    : formatDay(from, !sameYear);
  return `${left} – ${formatDay(to, true)}`;
}

/** "Thu 19 Jan and Mon 23 Jan 2023"; "Mon 6, Tue 7 and Wed 8 Feb 2023" is not attempted. */
export function formatDayList(days: readonly IsoDay[]): string {
  if (days.length === 0) return "no dates";
  const sorted = [...days].sort();
  const years = new Set(sorted.map((d) => d.slice(0, 4)));
  const parts = sorted.map((d) => formatDay(d, years.size > 1));
  const joined =
    parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return years.size > 1 ? joined : `${joined} ${sorted[0]!.slice(0, 4)}`;
}

/** "12 Jan 2023 10:02" in the reader's time zone. */
export function formatInstant(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("d LLL yyyy HH:mm");
}
