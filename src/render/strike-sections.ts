import { addDays, formatDay, formatDayRange, isoWeekday, type IsoDay } from "../domain/calendar.ts";
import type { StrikeDay } from "../domain/facts.ts";
import { CALLED_OFF, type StrikeStatus } from "../domain/vocabulary.ts";
import type { ReplyAction, ReplyDayRun, ReplyRow, ReplySection, ReplySource } from "../reply.ts";

/** A week's answer cites a handful of sources hundreds of times: label each once. */
export function memoLabel(label: (r: StrikeDay) => string): (r: StrikeDay) => string {
  const seen = new Map<string, string>();
  return (r) => {
    const key = `${r.source.id}|${r.asOf.getTime()}`;
    let text = seen.get(key);
    if (text === undefined) {
      text = label(r);
      seen.set(key, text);
    }
    return text;
  };
}

/** The days of one action in an answer, in day order. */
export interface ActionDays {
  actionId: number;
  days: StrikeDay[];
}

/** Strike-day rows (any order) as one entry per action, ordered by first day, then union. */
export function actionsOf(rows: readonly StrikeDay[]): ActionDays[] {
  const byAction = new Map<number, StrikeDay[]>();
  for (const r of rows) {
    let list = byAction.get(r.actionId);
    if (!list) byAction.set(r.actionId, (list = []));
    list.push(r);
  }
  const out = [...byAction].map(([actionId, days]) => ({
    actionId,
    days: days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
  }));
  return out.sort(
    (a, b) =>
      cmp(a.days[0]!.day, b.days[0]!.day) ||
      cmp(a.days[0]!.union, b.days[0]!.union) ||
      a.actionId - b.actionId,
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Consecutive days with the same status as runs: "Mon 7 – Fri 11 Dec", then a struck
 * "Wed 9 Dec" when that day was called off. Planned runs carry no status word: a planned
 * strike is what the reader expects, so saying it on every line is noise.
 */
export function dayRuns(days: readonly { day: IsoDay; status: StrikeStatus }[]): ReplyDayRun[] {
  const years = new Set(days.map((d) => d.day.slice(0, 4)));
  return runsOf(days).map((r) => ({
    text: runText(r.from, r.to, years.size > 1),
    ...(r.status === "planned" ? {} : { status: r.status }),
    ...(CALLED_OFF.has(r.status) ? { struck: true } : {}),
  }));
}

/** Days in order as maximal runs of consecutive days with one status. */
export function runsOf(
  days: readonly { day: IsoDay; status: StrikeStatus }[],
): { from: IsoDay; to: IsoDay; status: StrikeStatus }[] {
  const runs: { from: IsoDay; to: IsoDay; status: StrikeStatus }[] = [];
  for (const d of days) {
    const last = runs.at(-1);
    if (last && last.status === d.status && addDays(last.to, 1) === d.day) last.to = d.day;
    else if (!last || last.to !== d.day) runs.push({ from: d.day, to: d.day, status: d.status });
  }
  return runs;
}

/**
 * Days as a sentence names them, runs together: "Mon 7 – Fri 11 Dec 2026", "Thu 19 Jan and
 * Mon 23 Jan 2023", "Mon 7 – Tue 8 Dec and Thu 10 Dec 2026". The year is said once, at the end,
 * unless the days span two.
 */
export function formatDayRuns(days: readonly IsoDay[]): string {
  if (days.length === 0) return "no dates";
  const sorted = [...new Set(days)].sort();
  const years = new Set(sorted.map((d) => d.slice(0, 4)));
  const runs = runsOf(sorted.map((day) => ({ day, status: "planned" as const })));
  const parts = runs.map((r) => runText(r.from, r.to, years.size > 1));
  const joined =
    parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return years.size > 1 ? joined : `${joined} ${sorted[0]!.slice(0, 4)}`;
}

/** "Mon 7 – Fri 11 Dec", "Mon 30 Nov – Wed 2 Dec", "Thu 10 Dec" (years only when they differ). */
function runText(from: IsoDay, to: IsoDay, withYear: boolean): string {
  if (from === to) return formatDay(from, withYear);
  const range = formatDayRange(from, to); // ends with the year
  return withYear ? range : range.replace(/ \d{4}$/, "");
}

export interface GroupOptions {
  /** The source label shown for a day ("bbc.co.uk, 11 Jan"). */
  label: (r: StrikeDay) => string;
  /** Staff tools per strike (cancel these days, edit), as command lines. */
  menu?: (a: ActionDays) => ReplyAction[];
  /**
   * Section headings: "week" puts each action under the week it starts in, with the week as
   * heading, when the rows span more than one week; "none" gives one section, no heading.
   */
  sections?: "week" | "none";
}

/** One line per strike action: "RMT rail workers · UK · Mon 7 – Fri 11 Dec", its source beside it. */
export function strikeRow(a: ActionDays, opts: Pick<GroupOptions, "label" | "menu">): ReplyRow {
  const first = a.days[0]!;
  const sources: ReplySource[] = [];
  const seen = new Set<string>();
  // Most recent word first: the day's latest status came from it.
  for (const d of [...a.days].sort((x, y) => y.asOf.getTime() - x.asOf.getTime())) {
    const label = opts.label(d);
    const key = `${label}|${d.source.url ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push({ label, url: d.source.url });
  }
  const menu = opts.menu?.(a) ?? [];
  return {
    // No area given: it may be anywhere, so it shows under every place query, saying so.
    cells: [
      first.union,
      first.workforce,
      first.regions.length ? first.regions.join(", ") : "area not given",
    ],
    days: dayRuns(a.days),
    source: sources[0]!,
    sources,
    ...(menu.length ? { menu } : {}),
  };
}

/**
 * A strike answer grouped by action instead of repeated per day: each action is one row with
 * its days as runs. Over more than one week, each action sits under the week it starts in.
 */
export function groupByAction(rows: readonly StrikeDay[], opts: GroupOptions): ReplySection[] {
  const actions = actionsOf(rows);
  if (actions.length === 0) return [];
  const weekOf = (day: IsoDay) => addDays(day, 1 - isoWeekday(day));
  const weeks = new Set(actions.map((a) => weekOf(a.days[0]!.day)));
  if ((opts.sections ?? "week") === "none" || weeks.size <= 1) {
    return [{ heading: "", rows: actions.map((a) => strikeRow(a, opts)), layout: "list" }];
  }
  const sections: ReplySection[] = [];
  let week = "";
  for (const a of actions) {
    const w = weekOf(a.days[0]!.day);
    if (w !== week) {
      week = w;
      sections.push({ heading: `Week of ${formatDay(w)}`, rows: [], layout: "list" });
    }
    sections.at(-1)!.rows.push(strikeRow(a, opts));
  }
  return sections;
}
