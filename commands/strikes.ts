import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { dayInZone, formatDayRange } from "../src/domain/calendar.ts";
import { describeWindow } from "../src/domain/time-window.ts";
import { NATIONS, SECTORS } from "../src/domain/vocabulary.ts";
import {
  describeFilters,
  parseStrikeQuery,
  type StrikeFilters,
} from "../src/query/strike-query.ts";
import { filtersQuery } from "../src/http/query-params.ts";
import type { ReplyLink } from "../src/reply.ts";
import { sourceLabel } from "../src/render/source-label.ts";
import { staffStrikeMenu, strikeAnswerActions } from "../src/render/strike-actions.ts";
import { groupByAction, memoLabel } from "../src/render/strike-sections.ts";

export const strikes = defineCommand({
  name: "strikes",
  summary: "Which unions strike when. Default: the next 7 days.",
  placement: "top-level",
  usage: "[today|this week|next month|6 Feb|6-10 Feb] [union] [region] [workforce] [status]",
  examples: [
    "/strikes this week",
    "/strikes next week nurses Wales",
    "/strikes RCN 6-10 Feb",
    "/strikes rail this month",
    "/strikes RCN next 3 months",
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
    const links = calendarLinks(ctx.publicBaseUrl, filters);
    const actions = strikeAnswerActions(text, data.filters);
    if (rows.length === 0) {
      return {
        kind: "answer",
        ephemeral: false,
        text: `No ${before ? `${before} ` : ""}strikes${after} found ${describeWindow(window)}.`,
        links,
        actions: actions.filter((a) => a.view !== "sources"),
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
      sections: groupByAction(rows, {
        label: memoLabel((r) => sourceLabel(r.source, r.asOf, ctx.caller, ctx.timeZone)),
        ...(ctx.caller.isStaff ? { menu: staffStrikeMenu } : {}),
      }),
      footer: rows.length > 1 ? `${rows.length} strike days.` : undefined,
      links,
      actions,
      data,
    };
  },
});

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** With a public address configured: the calendar feed and page for the same filters. */
function calendarLinks(base: string | undefined, f: StrikeFilters): ReplyLink[] | undefined {
  if (!base) return undefined;
  const qs = filtersQuery({
    unions: f.unions.map((u) => u.name),
    regions: f.regions,
    sectors: f.sectors,
    statuses: f.statuses,
  });
  const root = base.replace(/\/$/, "");
  return [
    { label: "Add to calendar", url: `${root}/calendar.ics${qs}`, kind: "calendar" },
    { label: "Strike calendar page", url: `${root}/${qs}`, kind: "page" },
  ];
}
