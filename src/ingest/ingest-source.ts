import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { FeedPoller } from "./feed-poller.ts";
import { ingestArticle, type IngestDeps } from "./ingest-article.ts";
import { FeedFormatError, parseFeed } from "./parse-feed.ts";

/**
 * `strikewatch ingest`: one source, read once. A URL is polled like any feed (and remembered,
 * so the next pass makes a conditional request); a file is a saved feed if it parses as one,
 * otherwise an article whose first line is its title, published "now".
 */
export async function ingestSource(
  app: { ingest: IngestDeps; poller: FeedPoller },
  source: string,
): Promise<string[]> {
  const { ingest, poller } = app;
  const now = ingest.clock.now();
  if (/^https?:\/\//i.test(source)) {
    await ingest.store.feeds.add(source, "cli", now);
    const feed = (await ingest.store.feeds.get(source))!;
    const report = await poller.pollFeed(feed);
    if (report.outcome === "failed") return [`Failed ${source}: ${report.reason}`];
    if (report.outcome === "not_modified") return [`${source}: not modified since the last pass.`];
    return [
      `${source}: ${report.items} items, ${report.newOrChanged} new or changed.`,
      ...(report.deferred ? [`  ${report.reason}`] : []),
      ...indent(report.lines),
    ];
  }
  if (!existsSync(source)) return [`Failed ${source}: no such file.`];
  const text = readFileSync(source, "utf8");
  const url = pathToFileURL(resolve(source)).toString();
  if (/^\s*</.test(text)) {
    try {
      const feed = await parseFeed(text);
      const lines: string[] = [];
      let relevant = 0;
      let failed = 0;
      for (const [i, item] of feed.items.entries()) {
        // One bad item (a store refusing its text, a fact that breaks a rule) costs only itself.
        try {
          const r = await ingestArticle(ingest, {
            url: item.link ?? `${url}#${item.key}`,
            title: item.title,
            text: item.text,
            published: item.published ?? now,
          });
          if (r.relevant) relevant++;
          lines.push(...r.lines);
        } catch (e) {
          failed++;
          ingest.logger.warn({ err: e, source, item: item.key }, "item not ingested");
          lines.push(
            `Item ${i + 1} (${item.title.slice(0, 60) || item.key}) not read: ${(e as Error).message.split("\n")[0]}`,
          );
        }
      }
      return [
        `${source}: ${feed.items.length} items, ${relevant} about strikes${failed ? `, ${failed} not read` : ""}.`,
        ...indent(lines),
      ];
    } catch (e) {
      if (e instanceof FeedFormatError) return [`Failed ${source}: ${e.message}`];
      throw e;
    }
  }
  const [title = ""] = text.split(/\r?\n/);
  const r = await ingestArticle(ingest, { url, title: title.trim(), text, published: now });
  if (!r.relevant) return [`${source}: nothing about strikes found.`];
  return [`${source}:`, ...indent(r.lines.length ? r.lines : ["nothing new"])];
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => `  ${l}`);
}
