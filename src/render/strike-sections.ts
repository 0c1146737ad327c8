import { formatDay } from "../domain/calendar.ts";
import type { StrikeDay } from "../domain/facts.ts";
import type { ReplySection } from "../reply.ts";

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

export function groupByDay(
  rows: readonly StrikeDay[],
  label: (r: StrikeDay) => string,
): ReplySection[] {
  const sections: ReplySection[] = [];
  let current: ReplySection | undefined;
  let currentDay = "";
  for (const r of rows) {
    if (r.day !== currentDay) {
      current = { heading: formatDay(r.day), rows: [], layout: "inline" };
      sections.push(current);
      currentDay = r.day;
    }
    current!.rows.push({
      cells: [r.union, r.workforce, r.regions.join(", "), r.status],
      source: { label: label(r), url: r.source.url },
    });
  }
  return sections;
}
