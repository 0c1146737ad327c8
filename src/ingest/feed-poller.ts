import { noMetrics } from "../metrics.ts";
import type { FeedState, ItemRetention } from "../store/feed-store.ts";
import { strikeCues } from "./extract/strike-cues.ts";
import type { HostQueue } from "./host-queue.ts";
import { ingestArticle, type IngestDeps } from "./ingest-article.ts";
import { FeedFormatError, parseFeed, type FeedItem } from "./parse-feed.ts";
import { nextPoll, type ScheduleConfig, DEFAULT_SCHEDULE } from "./poll-schedule.ts";
import { politeFetch, type FetchLimits } from "./polite-fetch.ts";
import type { NetworkPolicy } from "./address-policy.ts";

export interface PollReport {
  url: string;
  outcome: "updated" | "not_modified" | "failed" | "skipped";
  reason?: string;
  items: number;
  newOrChanged: number;
  /** New or changed items left for the next pass (the item cap, or the pass's deadline). */
  deferred: number;
  lines: string[];
}

/** How much one feed may take of one pass, so a slow or huge feed cannot starve the others. */
export interface PassLimits {
  /** The whole pass over one feed (feed, articles, ingestion); what is left waits. */
  deadlineMs: number;
  /** New or changed items read per pass; the rest wait for the next pass. */
  maxItems: number;
}

export const DEFAULT_PASS_LIMITS: PassLimits = { deadlineMs: 120_000, maxItems: 100 };

export const DEFAULT_ITEM_RETENTION: ItemRetention = { keepDays: 30, keepPerFeed: 1000 };

export interface PollerDeps extends IngestDeps {
  hosts: HostQueue;
  schedule?: ScheduleConfig;
  limits?: Partial<FetchLimits>;
  /** Addresses the reader may connect to: public ones only unless the operator allows more. */
  network?: NetworkPolicy;
  pass?: Partial<PassLimits>;
  /** How long items a feed no longer lists are remembered (for deduplication). */
  retention?: ItemRetention;
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
  /** A tick listing what is due (at most one at a time). */
  private listing: Promise<unknown> | undefined;
  /** Feeds being polled now, by URL: a feed is never polled twice at once. */
  private readonly inFlight = new Map<string, Promise<PollReport>>();
  /** Aborted at shutdown: every fetch in flight stops at once. */
  private readonly shutdown = new AbortController();

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
    const limits = { ...DEFAULT_PASS_LIMITS, ...this.deps.pass };
    const report: PollReport = {
      url: feed.url,
      outcome: "failed",
      items: 0,
      newOrChanged: 0,
      deferred: 0,
      lines: [],
    };
    // One signal for the whole pass over this feed: its deadline, or shutdown.
    const signal = AbortSignal.any([AbortSignal.timeout(limits.deadlineMs), this.shutdown.signal]);
    const fetched = await this.deps.hosts.run(feed.url, () =>
      politeFetch(feed.url, {
        etag: feed.etag,
        lastModified: feed.lastModified,
        now,
        limits: this.deps.limits,
        network: this.deps.network,
        signal,
      }),
    );
    if (fetched.kind === "failed" && this.shutdown.signal.aborted) {
      // Cut off by shutdown: not the feed's failure, so no backoff; it is due again at start.
      report.outcome = "skipped";
      report.reason = "the bot is stopping";
      return report;
    }
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
    let cut: string | undefined;
    for (const item of items) {
      const seen = await this.store.seenItem(feed.url, item.key);
      if (seen?.contentHash === item.contentHash) continue;
      if (signal.aborted || report.newOrChanged >= limits.maxItems) {
        cut ??= signal.aborted
          ? this.shutdown.signal.aborted
            ? "the bot is stopping"
            : `this feed's pass took longer than ${limits.deadlineMs / 1000} s`
          : `at most ${limits.maxItems} new items are read per pass`;
        report.deferred++;
        continue;
      }
      report.newOrChanged++;
      try {
        const text = await this.articleFor(feed, item, now, signal);
        // An article cut off by the deadline is read again next time, not ingested half-read.
        if (signal.aborted) {
          report.newOrChanged--;
          report.deferred++;
          continue;
        }
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
    await this.remember(feed.url, items, now);
    if (report.deferred > 0) {
      report.reason = `${report.deferred} new items left for the next pass: ${cut ?? "the pass's deadline passed"}`;
      this.deps.logger.warn(
        { feed: feed.url, deferred: report.deferred, cut },
        "feed pass cut short",
      );
    }
    await this.settle(feed, now, {
      ok: true,
      minIntervalS,
      // With items left unread, the validators are not kept: a 304 next time would hide them.
      ...(report.deferred === 0 ? { etag: fetched.etag, lastModified: fetched.lastModified } : {}),
    });
    return report;
  }

  /**
   * The items this read listed are seen again now; items the feed stopped listing are
   * forgotten after a while (a feed whose guids change on every poll added a row per item
   * per poll, for ever). Forgetting costs nothing: an item read again finds its facts known.
   */
  private async remember(feedUrl: string, items: readonly FeedItem[], now: Date): Promise<void> {
    try {
      await this.store.touchItems(
        feedUrl,
        items.map((i) => i.key),
        now,
      );
      const forgotten = await this.store.pruneItems(
        feedUrl,
        this.deps.retention ?? DEFAULT_ITEM_RETENTION,
      );
      if (forgotten) this.deps.logger.debug({ feed: feedUrl, forgotten }, "feed items forgotten");
    } catch (e) {
      this.deps.logger.warn({ err: e, feed: feedUrl }, "feed item retention failed");
    }
  }

  private async articleFor(
    feed: FeedState,
    item: FeedItem,
    now: Date,
    signal: AbortSignal,
  ): Promise<string> {
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
        network: this.deps.network,
        signal,
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

  /**
   * Starts a poll of every feed that is due and not already being polled, and resolves once
   * they are started (not finished): a slow feed delays only itself.
   */
  async startDue(): Promise<Promise<PollReport>[]> {
    if (this.shutdown.signal.aborted) return [];
    const now = this.deps.clock.now();
    const due = (await this.store.list()).filter(
      (f) => !f.paused && (!f.nextPollAt || f.nextPollAt <= now) && !this.inFlight.has(f.url),
    );
    return due.map((f) => {
      const running = this.pollFeed(f).finally(() => this.inFlight.delete(f.url));
      this.inFlight.set(f.url, running);
      return running;
    });
  }

  /** Polls every feed that is due, all at once (the host queue keeps each site to one request). */
  async runDue(): Promise<PollReport[]> {
    return Promise.all(await this.startDue());
  }

  start(everyMs = 15_000): void {
    const tick = () => {
      if (this.listing) return;
      this.listing = this.startDue()
        .then((polls) =>
          polls.map((p) =>
            p.catch((e: unknown) => this.deps.logger.error({ err: e }, "feed poll failed")),
          ),
        )
        .catch((e: unknown) => this.deps.logger.error({ err: e }, "poll round failed"))
        .finally(() => (this.listing = undefined));
    };
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  /** Stops polling: fetches in flight are aborted, and what they had read is kept. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.shutdown.abort(new Error("the bot is stopping"));
    await this.listing;
    await Promise.allSettled([...this.inFlight.values()]);
  }
}

function defaultRelevance(text: string): boolean {
  return strikeCues(text).length > 0 || /\bunion\b|\bballot\b|\bpay offer\b/i.test(text);
}
