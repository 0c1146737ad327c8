import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { dayInZone, formatDay, formatDayList } from "../src/domain/calendar.ts";
import { describeUnion } from "../src/domain/unions.ts";
import { StrikewatchError } from "../src/errors.ts";
import { describeStance } from "../src/query/stance-words.ts";
import { unknownWordError } from "../src/query/word-scanner.ts";
import { sourceLabel } from "../src/render/source-label.ts";
import type { ReplyRow, ReplySection } from "../src/reply.ts";

const RECENT_DAYS = 30;

export const disputes = defineCommand({
  name: "disputes",
  summary: "Each union with recent activity: its latest stance and next strike days.",
  placement: "top-level",
  usage: "[union]",
  examples: ["/disputes", "/disputes RCN"],
  options: z.object({
    union: z.string().max(100).optional().describe("Only this union"),
  }),
  fromText: (text) => (text.trim() ? { union: text.trim() } : {}),
  needsStaff: () => false,
  async run(o, ctx) {
    const now = ctx.clock.now();
    const today = dayInZone(now, ctx.timeZone);
    let only: string | undefined;
    if (o.union) {
      const u = ctx.unions.resolve(o.union);
      if (!u) throw unknownWordError(o.union, ctx.unions, "a union");
      only = u.name;
    }
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
    const activity = (await ctx.store.activity(today, since)).filter(
      (a) => !only || a.union === only,
    );
    if (activity.length === 0) {
      if (only) {
        throw new StrikewatchError(
          "not_found",
          `No ${only} activity in the last ${RECENT_DAYS} days and no ${only} strikes ahead.`,
        );
      }
      return {
        kind: "answer",
        ephemeral: false,
        text: `No disputes with activity in the last ${RECENT_DAYS} days and no strikes ahead.`,
      };
    }
    const sections: ReplySection[] = activity.map((a) => {
      const rows: ReplyRow[] = [];
      if (a.latestStance) {
        const s = a.latestStance;
        rows.push({
          cells: ["Stance:", describeStance(a.union, s.stance, s.about)],
          source: {
            label: sourceLabel(s.source, s.asOf, ctx.caller, ctx.timeZone),
            url: s.source.url,
          },
        });
      }
      if (a.nextDays.length) {
        const byAction = new Map<number, typeof a.nextDays>();
        for (const d of a.nextDays)
          byAction.set(d.actionId, [...(byAction.get(d.actionId) ?? []), d]);
        for (const days of byAction.values()) {
          const first = days[0]!;
          const who = [first.workforce, first.regions.join(", "), first.status]
            .filter(Boolean)
            .join(", ");
          rows.push({
            cells: ["Next strikes:", `${formatDayList(days.map((d) => d.day))} (${who})`],
            source: {
              label: sourceLabel(first.source, first.asOf, ctx.caller, ctx.timeZone),
              url: first.source.url,
            },
          });
        }
      }
      for (const u of a.undated) {
        const who = [u.workforce, u.regions.join(", ")].filter(Boolean).join(", ");
        rows.push({ cells: [`${cap(u.status)}, no dates yet:`, who || "details to follow"] });
      }
      const info = ctx.unions.byCanonicalName(a.union);
      return { heading: info ? describeUnion(info) : a.union, rows, layout: "block" };
    });
    return {
      kind: "answer",
      ephemeral: false,
      title: `Disputes as of ${formatDay(today, true)}`,
      sections,
      data: activity.map((a) => ({
        union: a.union,
        latestStance: a.latestStance && {
          stance: a.latestStance.stance,
          about: a.latestStance.about,
        },
        nextDays: a.nextDays.map((d) => ({
          day: d.day,
          status: d.status,
          workforce: d.workforce,
          regions: d.regions,
        })),
        undated: a.undated.map((u) => ({
          status: u.status,
          workforce: u.workforce,
          regions: u.regions,
        })),
      })),
    };
  },
});

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
