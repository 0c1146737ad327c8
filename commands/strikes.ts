import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { dayInZone, formatDay, formatDayRange } from "../src/domain/calendar.ts";
import type { StrikeDay } from "../src/domain/facts.ts";
import { describeWindow } from "../src/domain/time-window.ts";
import { NATIONS, SECTORS } from "../src/domain/vocabulary.ts";
import { describeFilters, parseStrikeQuery } from "../src/query/strike-query.ts";
import { sourceLabel } from "../src/render/source-label.ts";
import type { ReplySection } from "../src/reply.ts";

export const strikes = defineCommand({
  name: "strikes",
  summary: "Which unions strike when. Default: the next 7 days.",
  examples: [
    "/strikes this week",
    "/strikes next week nurses Wales",
    "/strikes RCN 6-10 Feb",
    "/strikes rail this month",
  ],
  options: z.object({
    when: z
      .string()
      .max(100)
      .optional()
      .describe("today, this week, next month, friday, 6 Feb, 6-10 Feb"),
    union: z.string().max(100).optional().describe("A union, e.g. RCN or Unite"),
    region: z.enum(NATIONS).optional().describe("A nation"),
    sector: z.enum(SECTORS).optional().describe("A sector"),
    filters: z
      .string()
      .max(500)
      .optional()
      .describe("More filters: workforce (nurses), unions, areas"),
  }),
  fromText: (text) => ({ filters: text }),
  needsStaff: () => false,
  async run(o, ctx) {
    const text = [o.when, o.union, o.region, o.sector, o.filters].filter(Boolean).join(" ");
    const today = dayInZone(ctx.clock.now(), ctx.timeZone);
    const { window, filters } = parseStrikeQuery(text, today, ctx.unions);
    const rows = await ctx.store.strikeDays({
      from: window.from,
      to: window.to,
      unions: filters.unions.map((u) => u.name),
      regions: filters.regions,
      sectors: filters.sectors,
      workforces: filters.workforces,
      statuses: filters.statuses,
    });
    const { before, after } = describeFilters(filters);
    const subject = capitalise(`${before ? `${before} strikes` : "Strikes"}${after}`);
    const data = {
      window: { from: window.from, to: window.to, timeZone: ctx.timeZone },
      filters: { ...filters, unions: filters.unions.map((u) => u.name) },
      days: rows,
    };
    if (rows.length === 0) {
      return {
        kind: "answer",
        ephemeral: false,
        text: `No ${before ? `${before} ` : ""}strikes${after} found ${describeWindow(window)}.`,
        data,
      };
    }
    const range = formatDayRange(window.from, window.to);
    const when = window.phrase
      ? `${window.phrase} (${range}, ${ctx.timeZone})`
      : `${range} (${ctx.timeZone})`;
    return {
      kind: "answer",
      ephemeral: false,
      title: `${subject} ${when}`,
      sections: groupByDay(
        rows,
        memoLabel((r) => sourceLabel(r.source, r.asOf, ctx.caller, ctx.timeZone)),
      ),
      footer: rows.length > 1 ? `${rows.length} strike days.` : undefined,
      data,
    };
  },
});

/** A week's answer cites a handful of sources hundreds of times: label each once. */
function memoLabel(label: (r: StrikeDay) => string): (r: StrikeDay) => string {
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

function groupByDay(rows: readonly StrikeDay[], label: (r: StrikeDay) => string): ReplySection[] {
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

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
