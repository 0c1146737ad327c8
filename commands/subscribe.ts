import { IANAZone } from "luxon";
import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { dayInZone } from "../src/domain/calendar.ts";
import { StrikewatchError } from "../src/errors.ts";
import { describeFilters, parseStrikeQuery } from "../src/query/strike-query.ts";
import type { SubscriptionKind } from "../src/store/delivery-store.ts";

const KINDS = ["digest", "reminders", "alerts"] as const;
const DAY_WORDS: Record<string, number[]> = {
  weekdays: [1, 2, 3, 4, 5],
  daily: [1, 2, 3, 4, 5, 6, 7],
  everyday: [1, 2, 3, 4, 5, 6, 7],
  weekends: [6, 7],
};
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DEFAULT_TIME: Record<SubscriptionKind, string> = {
  digest: "07:30",
  reminders: "17:00",
  alerts: "00:00",
};

export interface SubscriptionSpec {
  kind: SubscriptionKind;
  atTime: string;
  days: number[];
  timeZone?: string;
  skipEmpty: boolean;
  filters: string;
}

/** "digest 07:30 weekdays nurses Wales skip-empty Europe/London": what, when, where, for whom. */
export function parseSubscription(kind: SubscriptionKind, text: string): SubscriptionSpec {
  let atTime = DEFAULT_TIME[kind];
  let days = kind === "digest" ? DAY_WORDS.weekdays! : DAY_WORDS.daily!;
  let timeZone: string | undefined;
  let skipEmpty = false;
  const filters: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    const time = /^(\d{1,2})[:.](\d{2})$/.exec(word);
    if (time) {
      const [h, m] = [Number(time[1]), Number(time[2])];
      if (h > 23 || m > 59)
        throw new StrikewatchError("bad_date", `"${word}" is not a time of day.`);
      atTime = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
    } else if (Object.hasOwn(DAY_WORDS, lower)) days = DAY_WORDS[lower]!;
    else if (
      /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*(,(mon|tue|wed|thu|fri|sat|sun)[a-z]*)*$/.test(lower)
    ) {
      days = lower.split(",").map((d) => WEEKDAYS.indexOf(d.slice(0, 3)) + 1);
    } else if (lower === "skip-empty" || lower === "quiet") skipEmpty = true;
    else if (/^[A-Z][A-Za-z_]+\/[A-Za-z_/]+$/.test(word)) {
      if (!IANAZone.isValidZone(word))
        throw new StrikewatchError("usage", `"${word}" is not a time zone.`);
      timeZone = word;
    } else filters.push(word);
  }
  return { kind, atTime, days, timeZone, skipEmpty, filters: filters.join(" ") };
}

export const subscribe = defineCommand({
  name: "subscribe",
  summary:
    "Staff: have this channel told first: a morning digest, reminders before strike days, or alerts.",
  placement: "umbrella",
  usage: "digest|reminders|alerts [time] [days] [filters]",
  examples: [
    "/subscribe digest 07:30 weekdays nurses Wales",
    "/subscribe reminders RCN",
    "/subscribe alerts rail",
  ],
  options: z.object({
    action: z.enum(KINDS, { message: "say digest, reminders or alerts" }),
    details: z
      .string()
      .max(300)
      .optional()
      .describe("Time, days, time zone, skip-empty, and filters as /strikes takes them"),
  }),
  fromText(text) {
    const [first = "", ...rest] = text.trim().split(/\s+/);
    return { action: first.toLowerCase(), details: rest.join(" ") || undefined };
  },
  needsStaff: () => true,
  async run(o, ctx) {
    const spec = parseSubscription(o.action, o.details ?? "");
    const timeZone = spec.timeZone ?? ctx.timeZone;
    const today = dayInZone(ctx.clock.now(), timeZone);
    const parsed = parseStrikeQuery(spec.filters, today, ctx.unions);
    if (parsed.explicitWindow) {
      throw new StrikewatchError(
        "usage",
        "A subscription follows unions, regions, sectors or workforces, not dates.",
        {
          hint: "For example: /subscribe digest 07:30 weekdays nurses Wales",
        },
      );
    }
    // Alerts and "since the last digest" start from now, not from the whole history.
    const seq = await ctx.store.latestSeq();
    const { id, created } = await ctx.store.delivery.subscribe(
      {
        platform: ctx.channel.platform,
        channelId: ctx.channel.id,
        kind: o.action,
        atTime: spec.atTime,
        days: spec.days,
        timeZone,
        filters: spec.filters,
        skipEmpty: spec.skipEmpty,
        createdBy: `${ctx.caller.platform}:${ctx.caller.id}`,
        createdAt: ctx.clock.now(),
      },
      seq,
    );
    const { before, after } = describeFilters(parsed.filters);
    const what = `${before ? `${before} ` : ""}strikes${after}`;
    const when =
      o.action === "digest"
        ? `a digest of ${what} at ${spec.atTime} (${timeZone}) on ${dayNames(spec.days)}`
        : o.action === "reminders"
          ? `reminders of ${what} at ${spec.atTime} the evening before and on the morning (${timeZone})`
          : `alerts as soon as ${what} are announced, changed or called off, or a stance changes`;
    return {
      kind: "confirmation",
      ephemeral: false,
      text: `${created ? "Subscribed" : "Updated"} (#${id}): this channel gets ${when}.`,
      data: { id, created, ...spec, timeZone },
    };
  },
});

export function dayNames(days: readonly number[]): string {
  const key = [...days].sort().join(",");
  if (key === "1,2,3,4,5") return "weekdays";
  if (key === "1,2,3,4,5,6,7") return "every day";
  if (key === "6,7") return "weekends";
  return days.map((d) => WEEKDAYS[d - 1]).join(", ");
}
