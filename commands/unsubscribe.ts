import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { StrikewatchError } from "../src/errors.ts";

export const unsubscribe = defineCommand({
  name: "unsubscribe",
  summary: "Staff: stop a subscription in this channel (by number, by kind, or all).",
  placement: "umbrella",
  usage: "<number>|digest|reminders|alerts|all",
  examples: ["/unsubscribe 3", "/unsubscribe digest", "/unsubscribe all"],
  options: z.object({
    which: z
      .string()
      .trim()
      .min(1, "say which: a number from /subscriptions, digest, reminders, alerts or all")
      .max(20),
  }),
  fromText: (text) => ({ which: text.trim() }),
  needsStaff: () => true,
  async run(o, ctx) {
    const w = o.which.replace(/^#/, "").toLowerCase();
    const which = /^\d+$/.test(w)
      ? { id: Number(w) }
      : w === "digest" || w === "reminders" || w === "alerts"
        ? { kind: w as "digest" | "reminders" | "alerts" }
        : w === "all"
          ? {}
          : undefined;
    if (!which)
      throw new StrikewatchError("usage", `"${o.which}" is not a subscription.`, {
        hint: "Use a number from /subscriptions, digest, reminders, alerts or all.",
      });
    const removed = await ctx.store.delivery.unsubscribe(
      ctx.channel.platform,
      ctx.channel.id,
      which,
    );
    if (removed === 0)
      throw new StrikewatchError("not_found", "No such subscription in this channel.", {
        hint: "See /subscriptions.",
      });
    return {
      kind: "confirmation",
      ephemeral: false,
      text: `Unsubscribed ${removed} subscription${removed === 1 ? "" : "s"}.`,
    };
  },
});
