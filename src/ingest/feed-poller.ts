import { noMetrics } from "../metrics.ts";
import type { FeedState } from "../store/feed-store.ts";
import { strikeCues } from "./extract/strike-cues.ts";
import type { HostQueue } from "./host-queue.ts";
import { ingestArticle, type IngestDeps } from "./ingest-article.ts";
import { FeedFormatError, parseFeed, type FeedItem } from "./parse-feed.ts";
import { nextPoll, type ScheduleConfig, DEFAULT_SCHEDULE } from "./poll-schedule.ts";
import { politeFetch, type FetchLimits } from "./polite-fetch.ts";

export interface PollReport {
  url: string;
  outcome: "updated" | "not_modified" | "failed" | "skipped";
  reason?: string;
  items: number;
  newOrChanged: number;
  lines: string[];
}

export interface PollerDeps extends IngestDeps {
  hosts: HostQueue;
  schedule?: ScheduleConfig;
  limits?: Partial<FetchLimits>;
  random?: () => number;
  /** Summaries shorter than this are too thin to hold dates: read the linked article. */
  thinSummaryChars?: number;
  /** Words that make an item worth a closer look (unions, "strike"), to spare news sites. */
  looksRelevant?: (text: string) => boolean;
}

/**
 * Polls feeds: conditional GET, parse, skip items already read unless their text changed,
 * read thin items' linked articles, and hand each article to ingestion. A bad feed only ever
 * marks itself failing; it never stops the others.
 */
export class FeedPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly deps: PollerDeps) {}

  private get store() {
    return this.deps.store.feeds;
  }

  async pollFeed(feed: FeedState): Promise<PollReport> {
    const report = await this.poll(feed);
    (this.deps.metrics ?? noMetrics).polls.inc({ outcome: report.outcome });
    return report;
  }

  private async poll(feed: FeedState): Promise<PollReport> {
    const now = this.deps.clock.now();
    const report: PollReport = {
      url: feed.url,
      outcome: "failed",
      items: 0,
      newOrChanged: 0,
      lines: [],
    };
    const fetched = await this.deps.hosts.run(feed.url, () =>
      politeFetch(feed.url, {
        etag: feed.etag,
        lastModified: feed.lastModified,
        now,
        limits: this.deps.limits,
      }),
    );
    if (fetched.kind === "failed") {
      report.reason = fetched.reason;
      await this.settle(feed, now, {
        ok: false,
        reason: fetched.reason,
        retryAfterS: fetched.retryAfterS,
        minIntervalS: feed.minIntervalS,
      });
      return report;
    }
    if (fetched.kind === "not_modified") {
      report.outcome = "not_modified";
      await this.settle(feed, now, {
        ok: true,
        minIntervalS: Math.max(feed.minIntervalS, fetched.maxAgeS ?? 0),
      });
      return report;
    }
    let items: FeedItem[];
    let minIntervalS = fetched.maxAgeS ?? 0;
    try {
      const parsed = await parseFeed(fetched.body);
      items = parsed.items;
      minIntervalS = Math.max(minIntervalS, (parsed.ttlMinutes ?? 0) * 60);
      if (parsed.title && parsed.title !== feed.title)
        await this.store.update(feed.url, { title: parsed.title.slice(0, 200) });
    } catch (e) {
      report.reason =
        e instanceof FeedFormatError ? e.message : `cannot read the feed (${(e as Error).message})`;
      await this.settle(feed, now, {
        ok: false,
        reason: report.reason,
        minIntervalS: feed.minIntervalS,
      });
      return report;
    }
    report.outcome = "updated";
    report.items = items.length;
    for (const item of items) {
      const seen = await this.store.seenItem(feed.url, item.key);
      if (seen?.contentHash === item.contentHash) continue;
      report.newOrChanged++;
      try {
        const text = await this.articleFor(feed, item, now);
        const result = await ingestArticle(this.deps, {
          url: item.link ?? `${feed.url}#${item.key}`,
          title: item.title,
          text,
          published: item.published ?? now,
        });
        report.lines.push(...result.lines);
        await this.store.markItem(
          feed.url,
          item.key,
          item.contentHash,
          { link: item.link ?? undefined, title: item.title },
          now,
        );
      } catch (e) {
        // One item failing (a store hiccup) must not lose the rest: it stays unread for next time.
        this.deps.logger.warn({ err: e, feed: feed.url, item: item.key }, "item not ingested");
      }
    }
    await this.settle(feed, now, {
      ok: true,
      minIntervalS,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
    });
    return report;
  }

  private async articleFor(feed: FeedState, item: FeedItem, now: Date): Promise<string> {
    const summary = item.text;
    const thin = summary.length < (this.deps.thinSummaryChars ?? 400);
    const wanted =
      item.link &&
      (feed.fetchArticles === "always" ||
        (feed.fetchArticles === "auto" &&
          thin &&
          (this.deps.looksRelevant ?? defaultRelevance)(`${item.title}\n${summary}`)));
    if (!wanted || !item.link) return summary;
    const page = await this.deps.hosts.run(item.link, () =>
      politeFetch(item.link!, {
        now,
        accept: "text/html,application/xhtml+xml",
        limits: this.deps.limits,
      }),
    );
    if (page.kind !== "ok") return summary;
    // Readability and a DOM are loaded on the first thin item, not at every start.
    const { articleText } = await import("./article-text.ts");
    const { text } = articleText(page.body, page.url);
    return text.length > summary.length ? text : summary;
  }

  private async settle(
    feed: FeedState,
    now: Date,
    o: {
      ok: boolean;
      reason?: string;
      retryAfterS?: number | null;
      minIntervalS: number;
      etag?: string | null;
      lastModified?: string | null;
    },
  ): Promise<void> {
    const next = nextPoll(
      now,
      feed.failures,
      o,
      this.deps.schedule ?? DEFAULT_SCHEDULE,
      this.deps.random,
    );
    await this.store.update(feed.url, {
      lastPolledAt: now,
      nextPollAt: next.nextPollAt,
      failures: next.failures,
      paused: next.paused,
      minIntervalS: o.minIntervalS,
      ...(o.ok
        ? {
            lastSuccessAt: now,
            ...(o.etag !== undefined ? { etag: o.etag, lastModified: o.lastModified ?? null } : {}),
          }
        : { lastError: o.reason ?? "failed", lastErrorAt: now }),
    });
    if (!o.ok)
      this.deps.logger.warn(
        { feed: feed.url, reason: o.reason, failures: next.failures, paused: next.paused },
        "feed poll failed",
      );
  }

  /** Polls every feed that is due, all at once (the host queue keeps each site to one request). */
  async runDue(): Promise<PollReport[]> {
    const now = this.deps.clock.now();
    const due = (await this.store.list()).filter(
      (f) => !f.paused && (!f.nextPollAt || f.nextPollAt <= now),
    );
    return Promise.all(due.map((f) => this.pollFeed(f)));
  }

  start(everyMs = 15_000): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.runDue()
        .catch((e: unknown) => this.deps.logger.error({ err: e }, "poll round failed"))
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

function defaultRelevance(text: string): boolean {
  return strikeCues(text).length > 0 || /\bunion\b|\bballot\b|\bpay offer\b/i.test(text);
}
