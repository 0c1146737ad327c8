import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/command.ts";
import { dayInZone, formatDayList } from "../src/domain/calendar.ts";
import type { StrikeAction, StrikeFact } from "../src/domain/facts.ts";
import type { StrikeStatus } from "../src/domain/vocabulary.ts";
import { StrikewatchError } from "../src/errors.ts";
import { parseStrikeDetails, type StrikeDetails } from "../src/query/strike-details.ts";
import type { Reply } from "../src/reply.ts";

const ACTIONS = ["add", "cancel", "suspend", "postpone"] as const;
type Action = (typeof ACTIONS)[number];
const OFF_STATUS: Record<Exclude<Action, "add">, StrikeStatus> = {
  cancel: "cancelled",
  suspend: "suspended",
  postpone: "postponed",
};

export const strike = defineCommand({
  name: "strike",
  summary: "Staff: record a strike, or call one off.",
  placement: "top-level",
  usage: "add|cancel|suspend|postpone <union> [workforce] [regions] [days]",
  examples: [
    "/strike add Unite ambulance workers Wales 19 and 23 January",
    "/strike cancel RCN nurses Wales 6 February",
    "/strike suspend RMT",
  ],
  options: z.object({
    action: z.enum(ACTIONS, { message: "start with add, cancel, suspend or postpone" }),
    details: z.string().trim().min(1, "say which union strikes when").max(500),
  }),
  fromText(text) {
    const [first = "", ...rest] = text.trim().split(/\s+/);
    return { action: first.toLowerCase(), details: rest.join(" ") };
  },
  needsStaff: () => true,
  async run(o, ctx) {
    const today = dayInZone(ctx.clock.now(), ctx.timeZone);
    if (o.action === "add") {
      return add(
        parseStrikeDetails(o.details, today, ctx.unions, { daysRequired: true }),
        today,
        ctx,
      );
    }
    const details = parseStrikeDetails(o.details, today, ctx.unions, { daysRequired: false });
    return callOff(details, OFF_STATUS[o.action], today, ctx);
  },
});

function userSource(ctx: CommandContext): StrikeFact["source"] {
  return {
    kind: "user",
    platform: ctx.caller.platform,
    userId: ctx.caller.id,
    userName: ctx.caller.name,
    posted: ctx.clock.now(),
  };
}

function describeAction(a: {
  union: string;
  workforce: string;
  regions: readonly string[];
}): string {
  const who = [a.union, a.workforce].filter(Boolean).join(" ");
  return a.regions.length ? `${who} (${a.regions.join(", ")})` : who;
}

async function add(d: StrikeDetails, today: string, ctx: CommandContext): Promise<Reply> {
  const status = d.status ?? (d.days.every((day) => day < today) ? "held" : "planned");
  const fact: StrikeFact = {
    union: d.union.name,
    workforce: d.workforce,
    sector: d.sector,
    regions: d.regions,
    days: d.days,
    status,
    source: userSource(ctx),
    confidence: 1,
    whenText: d.whenText,
  };
  const change = await ctx.store.recordStrike(fact);
  const what = `${describeAction(fact)} strike on ${formatDayList(d.days)}`;
  const data = {
    outcome: change.outcome,
    actionId: change.actionId,
    fact: { ...fact, source: undefined },
  };
  if (change.outcome === "created") {
    const note = status === "planned" ? "" : ` (${status})`;
    return { kind: "confirmation", ephemeral: false, text: `Added: ${what}${note}.`, data };
  }
  if (change.outcome === "unchanged") {
    return {
      kind: "confirmation",
      ephemeral: true,
      text: `Already known: ${what}. Nothing changed.`,
      data,
    };
  }
  const parts: string[] = [];
  if (change.addedDays.length) parts.push(`added ${formatDayList(change.addedDays)}`);
  for (const c of change.statusChanges)
    parts.push(`${formatDayList([c.day])} now ${c.to} (was ${c.from})`);
  const summary = parts.length
    ? `: ${parts.join("; ")}`
    : " (your report is now cited as a source)";
  return {
    kind: "confirmation",
    ephemeral: false,
    text: `Updated ${describeAction(fact)}${summary}.`,
    data,
  };
}

async function callOff(
  d: StrikeDetails,
  status: StrikeStatus,
  today: string,
  ctx: CommandContext,
): Promise<Reply> {
  // Only the actions with a day named (or, with none named, a day still ahead): found through
  // the union's day index, not by reading all its history.
  const actions = await ctx.store.actions({
    union: d.union.name,
    days: d.days.length ? d.days : undefined,
    activeFrom: d.days.length ? undefined : today,
  });
  const matching = actions
    .filter((a) => !d.workforce || a.workforce === d.workforce || a.workforce === "")
    .filter((a) => d.regions.length === 0 || a.regions.some((r) => d.regions.includes(r)))
    .map((a) => ({ action: a, days: daysToChange(a, d.days, today) }))
    .filter((m) => m.days.length > 0);
  const asked = describeAction({ union: d.union.name, workforce: d.workforce, regions: d.regions });
  if (matching.length === 0) {
    const when = d.days.length ? ` on ${formatDayList(d.days)}` : " coming up";
    throw new StrikewatchError(
      "not_found",
      `I know of no ${asked} strike${when} to mark ${status}.`,
      {
        hint: "Check /strikes for what I know, then give its union, workforce, region or days.",
      },
    );
  }
  if (matching.length > 1) {
    const list = matching
      .map((m) => `${describeAction(m.action)} on ${formatDayList(m.days)}`)
      .join("; ");
    throw new StrikewatchError("ambiguous", `Which strike? ${list}.`, {
      hint: "Add the workforce, region or days so that only one matches.",
    });
  }
  const { action, days } = matching[0]!;
  const change = await ctx.store.recordStrike(
    {
      union: action.union,
      workforce: action.workforce,
      sector: action.sector,
      regions: action.regions,
      days,
      status,
      source: userSource(ctx),
      confidence: 1,
      whenText: d.whenText,
    },
    "update_only",
  );
  const what = `${describeAction(action)} strike on ${formatDayList(days)}`;
  const data = { outcome: change.outcome, actionId: action.id, days, status };
  if (change.statusChanges.length === 0) {
    return {
      kind: "confirmation",
      ephemeral: true,
      text: `Already ${status}: ${what}. Nothing changed.`,
      data,
    };
  }
  return { kind: "confirmation", ephemeral: false, text: `Marked ${status}: ${what}.`, data };
}

/** The days of an action a call-off applies to: the ones named, else every day still ahead. */
function daysToChange(a: StrikeAction, named: readonly string[], today: string): string[] {
  const own = a.days.map((x) => x.day);
  return named.length
    ? named.filter((day) => own.includes(day))
    : own.filter((day) => day >= today);
}
