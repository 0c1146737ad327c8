import { formatDay } from "../domain/calendar.ts";
import { CALLED_OFF, NATIONS } from "../domain/vocabulary.ts";
import type { ReplyAction } from "../reply.ts";
import type { ActionDays } from "./strike-sections.ts";

/**
 * The filters of an answer as words `/strikes` and `/subscribe` read back ("RCN nurses Wales"):
 * union names, sectors, workforces, places and statuses, never the time window.
 */
export interface FilterWords {
  unions: readonly string[];
  regions: readonly string[];
  sectors: readonly string[];
  workforces: readonly string[];
  statuses: readonly string[];
}

export function filterWords(f: FilterWords): string {
  return [...f.unions, ...f.workforces, ...f.sectors, ...f.regions, ...f.statuses].join(" ");
}

/**
 * The buttons under a `/strikes` answer: subscribe this channel to a morning digest of the same
 * strikes, and show every source behind the answer (the answer itself shows the latest).
 */
export function strikeAnswerActions(queryText: string, filters: FilterWords): ReplyAction[] {
  const words = filterWords(filters);
  return [
    { label: "Subscribe this channel", command: `/subscribe digest ${words}`.trim() },
    { label: "Sources", command: `/strikes ${queryText}`.trim(), view: "sources" },
  ];
}

/**
 * Staff tools for one strike in an answer: call off the days shown. The command names the union,
 * the nations and the days, which is what `/strike cancel` needs to find it (and, when two
 * strikes match, its answer asks which).
 */
export function staffStrikeMenu(a: ActionDays): ReplyAction[] {
  const first = a.days[0]!;
  const live = a.days.filter((d) => !CALLED_OFF.has(d.status)).map((d) => d.day);
  if (live.length === 0) return [];
  const nations = first.regions.filter((r) => (NATIONS as readonly string[]).includes(r));
  const from = live[0]!;
  const to = live.at(-1)!;
  const days = from === to ? from : `${from} to ${to}`;
  const target = [first.union, ...nations, days].join(" ");
  const what = `${[first.union, first.workforce].filter(Boolean).join(" ")} on ${
    from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`
  }`;
  return [
    {
      label: "Cancel these days",
      command: `/strike cancel ${target}`,
      confirm: `Mark ${what} cancelled? Everyone who follows it is told.`,
    },
    {
      label: "Postpone these days",
      command: `/strike postpone ${target}`,
      confirm: `Mark ${what} postponed? Everyone who follows it is told.`,
    },
  ];
}
