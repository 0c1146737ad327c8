/** A news feed the bot polls, and what it has learned about polling it politely. */
export interface FeedState {
  url: string;
  title: string | null;
  addedBy: string;
  addedAt: Date;
  removed: boolean;
  /** Fetch the linked article when an item's summary is too thin: auto | always | never. */
  fetchArticles: "auto" | "always" | "never";
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  failures: number;
  paused: boolean;
  nextPollAt: Date | null;
  /** Never poll faster than the feed asks (<ttl>, Cache-Control max-age). */
  minIntervalS: number;
}

export type FeedPatch = Partial<
  Pick<
    FeedState,
    | "title"
    | "etag"
    | "lastModified"
    | "lastPolledAt"
    | "lastSuccessAt"
    | "lastError"
    | "lastErrorAt"
    | "failures"
    | "paused"
    | "nextPollAt"
    | "minIntervalS"
  >
>;

export interface SeenItem {
  contentHash: string;
}

export interface FeedStore {
  list(opts?: { includeRemoved?: boolean }): Promise<FeedState[]>;
  get(url: string): Promise<FeedState | undefined>;
  /** "added" a new feed, "restored" one staff had removed, "exists" already polled. */
  add(url: string, by: string, at: Date): Promise<"added" | "restored" | "exists">;
  remove(url: string): Promise<boolean>;
  /** Adds configured feeds never seen before (a feed staff removed stays removed). */
  ensure(urls: readonly string[], at: Date): Promise<number>;
  update(url: string, patch: FeedPatch): Promise<void>;
  seenItem(feedUrl: string, key: string): Promise<SeenItem | undefined>;
  markItem(
    feedUrl: string,
    key: string,
    hash: string,
    meta: { link?: string; title?: string },
    at: Date,
  ): Promise<void>;
  /** The items a read of the feed listed, already known: seen again at `at` (kept). */
  touchItems(feedUrl: string, keys: readonly string[], at: Date): Promise<void>;
  /**
   * Retention: forgets items the feed no longer lists (those not in its latest read) once
   * older than `keepDays` before that read, or beyond the `keepPerFeed` most recently seen.
   * Returns how many were forgotten.
   */
  pruneItems(feedUrl: string, keep: ItemRetention): Promise<number>;
}

export interface ItemRetention {
  keepDays: number;
  keepPerFeed: number;
}

export interface ReviewItem {
  id: number;
  kind: "strike" | "stance";
  union: string;
  fact: Record<string, unknown>;
  confidence: number;
  state: "pending" | "approved" | "rejected";
  createdAt: Date;
}

/** Facts held back until staff approve them (low-confidence readings of the news). */
export interface ReviewStore {
  /** Queues a fact once: the same reading of the same article is not queued twice. */
  hold(
    item: {
      kind: "strike" | "stance";
      union: string;
      fact: Record<string, unknown>;
      factKey: string;
      confidence: number;
    },
    at: Date,
  ): Promise<number | null>;
  pending(limit?: number): Promise<ReviewItem[]>;
  get(id: number): Promise<ReviewItem | undefined>;
  decide(id: number, state: "approved" | "rejected", by: string, at: Date): Promise<boolean>;
}
