import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { formatInstant } from "../src/domain/calendar.ts";
import { StrikewatchError } from "../src/errors.ts";
import type { ReplyRow } from "../src/reply.ts";

const ACTIONS = ["list", "add", "remove", "resume"] as const;

/** A feed URL staff may add: http(s), no credentials, a sane length. */
function feedUrl(raw: string | undefined): string {
  const text = (raw ?? "").trim().replace(/^<|>$/g, "");
  if (!text)
    throw new StrikewatchError("usage", "Which feed? Give its URL.", {
      hint: "For example: /feeds add https://feeds.bbci.co.uk/news/uk/rss.xml",
    });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StrikewatchError("usage", `"${text.slice(0, 100)}" is not a URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new StrikewatchError("usage", "Feeds must be http or https URLs.");
  if (url.username || url.password)
    throw new StrikewatchError("usage", "Feed URLs must not carry a user name or password.");
  return url.toString();
}

export const feeds = defineCommand({
  name: "feeds",
  summary: "The news feeds the bot reads: list (anyone); add, remove, resume (staff).",
  placement: "umbrella",
  usage: "[list] | add|remove|resume <url>",
  examples: [
    "/feeds",
    "/feeds add https://feeds.bbci.co.uk/news/wales/rss.xml",
    "/feeds remove https://example.org/rss",
  ],
  options: z.object({
    action: z.enum(ACTIONS, { message: "use list, add, remove or resume" }).default("list"),
    url: z.string().max(2000).optional().describe("The feed's URL"),
  }),
  fromText(text) {
    const [first = "", ...rest] = text.trim().split(/\s+/);
    return first ? { action: first.toLowerCase(), url: rest.join(" ") || undefined } : {};
  },
  needsStaff: (o) => o.action !== "list",
  async run(o, ctx) {
    const now = ctx.clock.now();
    const store = ctx.store.feeds;
    if (o.action === "add") {
      const url = feedUrl(o.url);
      const result = await store.add(url, `${ctx.caller.platform}:${ctx.caller.id}`, now);
      const text = {
        added: `Added feed ${url}; it will be read within a minute.`,
        restored: `Feed ${url} is back on the list.`,
        exists: `Feed ${url} is already on the list.`,
      }[result];
      return { kind: "confirmation", ephemeral: result === "exists", text, data: { url, result } };
    }
    if (o.action === "remove") {
      const url = feedUrl(o.url);
      if (!(await store.remove(url)))
        throw new StrikewatchError("not_found", `${url} is not on the feed list.`, {
          hint: "See /feeds for the list.",
        });
      return {
        kind: "confirmation",
        ephemeral: false,
        text: `Removed feed ${url}. Facts already read from it stay.`,
      };
    }
    if (o.action === "resume") {
      const url = feedUrl(o.url);
      const feed = await store.get(url);
      if (!feed || feed.removed)
        throw new StrikewatchError("not_found", `${url} is not on the feed list.`);
      await store.update(url, { paused: false, failures: 0, nextPollAt: now });
      return {
        kind: "confirmation",
        ephemeral: false,
        text: `Resumed feed ${url}; it will be read within a minute.`,
      };
    }
    const list = await store.list();
    if (list.length === 0)
      return {
        kind: "answer",
        ephemeral: true,
        text: "No feeds yet. Staff can add one with /feeds add <url>.",
      };
    const when = (d: Date | null) => (d ? formatInstant(d, ctx.timeZone) : "never");
    return {
      kind: "answer",
      ephemeral: true,
      title: `Feeds (${list.length})`,
      sections: list.map((f) => {
        const rows: ReplyRow[] = [
          {
            cells: [
              `${f.title ?? "(not read yet)"}; last success ${when(f.lastSuccessAt)}; next poll ${f.paused ? "paused" : when(f.nextPollAt)}`,
            ],
          },
        ];
        if (
          f.lastError &&
          (!f.lastSuccessAt || (f.lastErrorAt && f.lastErrorAt > f.lastSuccessAt))
        ) {
          rows.push({
            cells: [`last error: ${f.lastError} (${when(f.lastErrorAt)}, ${f.failures} in a row)`],
          });
        }
        if (f.paused)
          rows.push({
            cells: [`paused after ${f.failures} failures in a row: /feeds resume ${f.url}`],
          });
        return { heading: f.url, rows, layout: "block" as const };
      }),
      data: list,
    };
  },
});
