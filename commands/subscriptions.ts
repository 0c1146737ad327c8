import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { dayNames } from "./subscribe.ts";

export const subscriptions = defineCommand({
  name: "subscriptions",
  summary: "What this channel is subscribed to, and any delivery that stopped working.",
  placement: "umbrella",
  usage: "",
  examples: ["/subscriptions"],
  options: z.object({}),
  fromText: () => ({}),
  needsStaff: () => false,
  async run(_o, ctx) {
    const subs = await ctx.store.delivery.subscriptions({
      platform: ctx.channel.platform,
      channelId: ctx.channel.id,
    });
    if (subs.length === 0) {
      return {
        kind: "answer",
        ephemeral: true,
        text: "This channel has no subscriptions. Staff can add one with /subscribe digest 07:30.",
      };
    }
    return {
      kind: "answer",
      ephemeral: true,
      title: `Subscriptions in this channel (${subs.length})`,
      sections: subs.map((s) => ({
        heading: `#${s.id} ${s.kind}`,
        rows: [
          {
            cells: [
              s.kind === "alerts"
                ? "as it happens"
                : `${s.atTime} ${s.timeZone}${s.kind === "digest" ? `, ${dayNames(s.days)}` : ""}`,
              s.filters ? `for: ${s.filters}` : "all strikes",
              s.skipEmpty ? "skips empty digests" : "",
            ],
          },
          ...(s.deadReason
            ? [{ cells: [`stopped: ${s.deadReason}`, "fix it, then /subscribe again"] }]
            : []),
        ],
        layout: "block" as const,
      })),
      data: subs,
    };
  },
});
