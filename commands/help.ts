import { z } from "zod";
import { commandLine, defineCommand, exampleOn } from "../src/command.ts";
import { describeUnion } from "../src/domain/unions.ts";
import { StrikewatchError } from "../src/errors.ts";

export const help = defineCommand({
  name: "help",
  summary:
    "What the bot can do. /help <command> for details, /help unions for the unions it knows.",
  placement: "umbrella",
  usage: "[command|unions]",
  examples: ["/help", "/help strikes", "/help unions"],
  options: z.object({
    topic: z.string().max(50).optional().describe("A command, or 'unions'"),
  }),
  fromText: (text) => (text.trim() ? { topic: text.trim().replace(/^\//, "").toLowerCase() } : {}),
  needsStaff: () => false,
  run(o, ctx) {
    const platform = ctx.channel.platform;
    if (o.topic === "unions") {
      return Promise.resolve({
        kind: "answer",
        ephemeral: true,
        title: "Unions I know",
        text: ctx.unions
          .all()
          .map((u) => describeUnion(u))
          .join("\n"),
      });
    }
    if (o.topic) {
      const c = ctx.commands.find((x) => x.name === o.topic);
      if (!c) {
        throw new StrikewatchError("unknown_command", `There is no /${o.topic} command.`, {
          hint: `Commands: ${ctx.commands.map((x) => commandLine(x, platform)).join(", ")}.`,
        });
      }
      return Promise.resolve({
        kind: "answer",
        ephemeral: true,
        title: `${commandLine(c, platform)}: ${c.summary}`,
        sections: [
          {
            heading: "Examples",
            rows: c.examples.map((e) => ({ cells: [exampleOn(e, c, platform)] })),
            layout: "block",
          },
        ],
      });
    }
    return Promise.resolve({
      kind: "answer",
      ephemeral: true,
      title: "strikewatch: which unions are striking when",
      // Each command as it is typed here: /strikewatch feeds on Slack and Discord, /feeds at the console.
      sections: ctx.commands.map((c) => ({
        heading: commandLine(c, platform),
        rows: [
          { cells: [c.summary] },
          ...c.examples.slice(0, 2).map((e) => ({ cells: [`e.g. ${exampleOn(e, c, platform)}`] })),
        ],
        layout: "block" as const,
      })),
      footer: ctx.caller.isStaff
        ? "You have staff rights: you can post strikes and stances."
        : undefined,
    });
  },
});
