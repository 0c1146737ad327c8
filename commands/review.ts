import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { formatDayList } from "../src/domain/calendar.ts";
import type { StanceFact, StrikeFact } from "../src/domain/facts.ts";
import type { StanceKind } from "../src/domain/vocabulary.ts";
import { StrikewatchError } from "../src/errors.ts";
import { factFromJson } from "../src/ingest/ingest-article.ts";
import { describeStance } from "../src/query/stance-words.ts";
import type { ReviewItem } from "../src/store/feed-store.ts";

function describe(item: ReviewItem): string {
  const f = item.fact as {
    union: string;
    workforce?: string;
    regions?: string[];
    days?: string[];
    status?: string;
    stance?: string;
    about?: string;
  };
  const source = (item.fact.source as { title?: string; url?: string } | undefined) ?? {};
  const from = ` (from "${source.title ?? source.url ?? "?"}", confidence ${item.confidence.toFixed(2)})`;
  if (item.kind === "stance")
    return `${describeStance(f.union, f.stance as StanceKind, f.about ?? "")}${from}`;
  const who = [f.union, f.workforce].filter(Boolean).join(" ");
  const where = f.regions?.length ? ` (${f.regions.join(", ")})` : "";
  const days = f.days?.length ? ` on ${formatDayList(f.days)}` : ", no dates";
  const held = typeof item.fact.heldBecause === "string" ? `; held: ${item.fact.heldBecause}` : "";
  return `${who}${where} ${f.status}${days}${from}${held}`;
}

export const review = defineCommand({
  name: "review",
  summary:
    "Staff: news readings the bot was unsure of. /review, /review approve <id>, /review reject <id>.",
  placement: "umbrella",
  usage: "[list] | approve|reject <id>",
  examples: ["/review", "/review approve 12", "/review reject 13"],
  options: z.object({
    action: z
      .enum(["list", "approve", "reject"], { message: "use list, approve or reject" })
      .default("list"),
    id: z.coerce
      .number({ message: "give the number shown by /review" })
      .int()
      .positive()
      .optional()
      .describe("The item's number"),
  }),
  fromText(text) {
    const [first = "", second] = text.trim().split(/\s+/);
    return first ? { action: first.toLowerCase(), id: second?.replace(/^#/, "") } : {};
  },
  needsStaff: () => true,
  async run(o, ctx) {
    const now = ctx.clock.now();
    if (o.action === "list") {
      const pending = await ctx.store.review.pending(25);
      if (pending.length === 0)
        return { kind: "answer", ephemeral: true, text: "Nothing waits for review." };
      return {
        kind: "answer",
        ephemeral: true,
        title: `Waiting for review (${pending.length})`,
        sections: [
          {
            heading: "Approve or reject by number",
            rows: pending.map((p) => ({
              cells: [`#${p.id}`, describe(p)],
              actions: [
                { label: "Approve", command: `/review approve ${p.id}`, style: "primary" as const },
                { label: "Reject", command: `/review reject ${p.id}`, style: "danger" as const },
              ],
            })),
            layout: "block",
          },
        ],
        data: pending,
      };
    }
    if (o.id === undefined)
      throw new StrikewatchError("usage", `Which one? /review ${o.action} <number>.`);
    const item = await ctx.store.review.get(o.id);
    if (!item) throw new StrikewatchError("not_found", `There is no review item #${o.id}.`);
    if (item.state !== "pending")
      throw new StrikewatchError("not_found", `Review item #${o.id} was already ${item.state}.`);
    const by = `${ctx.caller.platform}:${ctx.caller.id}`;
    if (o.action === "reject") {
      await ctx.store.review.decide(item.id, "rejected", by, now);
      return {
        kind: "confirmation",
        ephemeral: false,
        text: `Rejected #${item.id}: ${describe(item)}.`,
      };
    }
    // Record first, then mark approved: a crash between leaves it pending, and re-approving
    // records nothing twice (the store ignores a fact its source already gave).
    if (item.kind === "strike")
      await ctx.store.recordStrike({ ...factFromJson<StrikeFact>(item.fact), confidence: 1 });
    else await ctx.store.recordStance(factFromJson<StanceFact>(item.fact));
    await ctx.store.review.decide(item.id, "approved", by, now);
    return {
      kind: "confirmation",
      ephemeral: false,
      text: `Approved #${item.id}: ${describe(item)}.`,
    };
  },
});
