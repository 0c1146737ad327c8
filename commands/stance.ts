import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { formatInstant } from "../src/domain/calendar.ts";
import { STANCES } from "../src/domain/vocabulary.ts";
import { StrikewatchError } from "../src/errors.ts";
import { describeStance, parseStanceText, type StanceDetails } from "../src/query/stance-words.ts";
import { unknownWordError } from "../src/query/word-scanner.ts";

export const stance = defineCommand({
  name: "stance",
  summary: "Staff: record a union's stance (rejected, accepted, balloting, in talks…).",
  placement: "top-level",
  usage: "<union> <stance words> [about …]",
  examples: [
    "/stance GMB rejected one-off payment",
    "/stance Unison balloting members about pay",
    "/stance RCN in talks",
  ],
  options: z.object({
    union: z.string().max(100).optional().describe("The union"),
    stance: z.enum(STANCES).optional().describe("Its stance"),
    about: z.string().max(200).optional().describe("What about, e.g. one-off payment"),
    text: z
      .string()
      .max(500)
      .optional()
      .describe("Or all of it in words: GMB rejected one-off payment"),
  }),
  fromText: (text) => ({ text }),
  needsStaff: () => true,
  async run(o, ctx) {
    const details =
      o.text !== undefined ? parseStanceText(o.text, ctx.unions) : typed(o, ctx.unions);
    const now = ctx.clock.now();
    const change = await ctx.store.recordStance({
      union: details.union.name,
      stance: details.stance,
      about: details.about,
      source: {
        kind: "user",
        platform: ctx.caller.platform,
        userId: ctx.caller.id,
        userName: ctx.caller.name,
        posted: now,
      },
    });
    const said = describeStance(details.union.name, details.stance, details.about);
    const data = {
      outcome: change.outcome,
      union: details.union.name,
      stance: details.stance,
      about: details.about,
    };
    if (change.outcome === "unchanged") {
      return {
        kind: "confirmation",
        ephemeral: true,
        text: `Already recorded: ${said}. Nothing changed.`,
        data,
      };
    }
    return {
      kind: "confirmation",
      ephemeral: false,
      text: `Recorded: ${said} (posted by you, ${formatInstant(now, ctx.timeZone)}).`,
      data,
    };
  },
});

function typed(
  o: { union?: string; stance?: (typeof STANCES)[number]; about?: string },
  unions: Parameters<typeof parseStanceText>[1],
): StanceDetails {
  if (!o.union || !o.stance) {
    throw new StrikewatchError("usage", "Give the union and its stance.", {
      hint: "For example: /stance GMB rejected one-off payment",
    });
  }
  const union = unions.resolve(o.union);
  if (!union) throw unknownWordError(o.union, unions, "a union");
  return { union, stance: o.stance, about: (o.about ?? "").trim() };
}
