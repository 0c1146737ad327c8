import type {
  ItemRetention,
  FeedPatch,
  FeedState,
  FeedStore,
  ReviewItem,
  ReviewStore,
  SeenItem,
} from "./feed-store.ts";
import { placeholders, type SqlDriver } from "./sql-driver.ts";

const toDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));

interface FeedRow {
  url: string;
  title: string | null;
  added_by: string;
  added_at: string | Date;
  removed: number;
  fetch_articles: FeedState["fetchArticles"];
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | Date | null;
  last_success_at: string | Date | null;
  last_error: string | null;
  last_error_at: string | Date | null;
  failures: number;
  paused: number;
  next_poll_at: string | Date | null;
  min_interval_s: number;
}

function feedState(r: FeedRow): FeedState {
  return {
    url: r.url,
    title: r.title,
    addedBy: r.added_by,
    addedAt: toDate(r.added_at)!,
    removed: Boolean(r.removed),
    fetchArticles: r.fetch_articles,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolledAt: toDate(r.last_polled_at),
    lastSuccessAt: toDate(r.last_success_at),
    lastError: r.last_error,
    lastErrorAt: toDate(r.last_error_at),
    failures: r.failures,
    paused: Boolean(r.paused),
    nextPollAt: toDate(r.next_poll_at),
    minIntervalS: r.min_interval_s,
  };
}

const COLUMNS: Record<keyof FeedPatch, string> = {
  title: "title",
  etag: "etag",
  lastModified: "last_modified",
  lastPolledAt: "last_polled_at",
  lastSuccessAt: "last_success_at",
  lastError: "last_error",
  lastErrorAt: "last_error_at",
  failures: "failures",
  paused: "paused",
  nextPollAt: "next_poll_at",
  minIntervalS: "min_interval_s",
};

const param = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString() : typeof v === "boolean" ? (v ? 1 : 0) : v;

export class SqlFeedStore implements FeedStore {
  constructor(private readonly db: SqlDriver) {}

  async list(opts: { includeRemoved?: boolean } = {}): Promise<FeedState[]> {
    const rows = await this.db.query<FeedRow>(
      `SELECT * FROM feeds ${opts.includeRemoved ? "" : "WHERE removed = 0"} ORDER BY added_at, url`,
    );
    return rows.map(feedState);
  }

  async get(url: string): Promise<FeedState | undefined> {
    const [row] = await this.db.query<FeedRow>(`SELECT * FROM feeds WHERE url = ?`, [url]);
    return row ? feedState(row) : undefined;
  }

  async add(url: string, by: string, at: Date): Promise<"added" | "restored" | "exists"> {
    const known = await this.get(url);
    if (known && !known.removed) return "exists";
    if (known) {
      await this.db.query(
        `UPDATE feeds SET removed = 0, paused = 0, failures = 0, next_poll_at = ? WHERE url = ?`,
        [at.toISOString(), url],
      );
      return "restored";
    }
    await this.db.query(
      `INSERT INTO feeds (url, added_by, added_at, next_poll_at) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`,
      [url, by, at.toISOString(), at.toISOString()],
    );
    return "added";
  }

  async remove(url: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE feeds SET removed = 1 WHERE url = ? AND removed = 0 RETURNING url`,
      [url],
    );
    return rows.length > 0;
  }

  async ensure(urls: readonly string[], at: Date): Promise<number> {
    let added = 0;
    for (const url of urls) {
      const rows = await this.db.query(
        `INSERT INTO feeds (url, added_by, added_at, next_poll_at) VALUES (?, 'config', ?, ?) ON CONFLICT (url) DO NOTHING RETURNING url`,
        [url, at.toISOString(), at.toISOString()],
      );
      added += rows.length;
    }
    return added;
  }

  async update(url: string, patch: FeedPatch): Promise<void> {
    const keys = Object.keys(patch) as (keyof FeedPatch)[];
    if (keys.length === 0) return;
    await this.db.query(
      `UPDATE feeds SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(", ")} WHERE url = ?`,
      [...keys.map((k) => param(patch[k])), url],
    );
  }

  async seenItem(feedUrl: string, key: string): Promise<SeenItem | undefined> {
    const [row] = await this.db.query<{ content_hash: string }>(
      `SELECT content_hash FROM feed_items WHERE feed_url = ? AND item_key = ?`,
      [feedUrl, key],
    );
    return row ? { contentHash: row.content_hash } : undefined;
  }

  async markItem(
    feedUrl: string,
    key: string,
    hash: string,
    meta: { link?: string; title?: string },
    at: Date,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO feed_items (feed_url, item_key, content_hash, link, title, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (feed_url, item_key) DO UPDATE SET content_hash = excluded.content_hash, last_seen = excluded.last_seen`,
      [
        feedUrl,
        key,
        hash,
        meta.link ?? null,
        meta.title ?? null,
        at.toISOString(),
        at.toISOString(),
      ],
    );
  }

  async touchItems(feedUrl: string, keys: readonly string[], at: Date): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      await this.db.query(
        `UPDATE feed_items SET last_seen = ? WHERE feed_url = ? AND item_key IN (${placeholders(chunk.length)})`,
        [at.toISOString(), feedUrl, ...chunk],
      );
    }
  }

  async pruneItems(feedUrl: string, keep: ItemRetention): Promise<number> {
    const [latest] = await this.db.query<{ at: string | Date | null }>(
      `SELECT MAX(last_seen) AS at FROM feed_items WHERE feed_url = ?`,
      [feedUrl],
    );
    const last = toDate(latest?.at);
    if (!last) return 0;
    const cutoff = new Date(last.getTime() - keep.keepDays * 86_400_000);
    const gone = await this.db.query<{ item_key: string }>(
      `DELETE FROM feed_items WHERE feed_url = ? AND last_seen < ?
         AND (last_seen < ? OR item_key NOT IN (
           SELECT item_key FROM feed_items WHERE feed_url = ? ORDER BY last_seen DESC LIMIT ?))
       RETURNING item_key`,
      [feedUrl, last.toISOString(), cutoff.toISOString(), feedUrl, keep.keepPerFeed],
    );
    return gone.length;
  }
}

interface ReviewRow {
  id: number;
  kind: "strike" | "stance";
  union_name: string;
  fact: unknown;
  confidence: number;
  state: ReviewItem["state"];
  created_at: string | Date;
}

function reviewItem(r: ReviewRow): ReviewItem {
  return {
    id: r.id,
    kind: r.kind,
    union: r.union_name,
    fact: (typeof r.fact === "string" ? JSON.parse(r.fact) : r.fact) as Record<string, unknown>,
    confidence: r.confidence,
    state: r.state,
    createdAt: toDate(r.created_at)!,
  };
}

export class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: SqlDriver) {}

  async hold(
    item: {
      kind: "strike" | "stance";
      union: string;
      fact: Record<string, unknown>;
      factKey: string;
      confidence: number;
    },
    at: Date,
  ): Promise<number | null> {
    const [row] = await this.db.query<{ id: number }>(
      `INSERT INTO review_queue (kind, union_name, fact, fact_key, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (fact_key) DO NOTHING RETURNING id`,
      [
        item.kind,
        item.union,
        JSON.stringify(item.fact),
        item.factKey,
        item.confidence,
        at.toISOString(),
      ],
    );
    return row?.id ?? null;
  }

  async pending(limit = 20): Promise<ReviewItem[]> {
    const rows = await this.db.query<ReviewRow>(
      `SELECT * FROM review_queue WHERE state = 'pending' ORDER BY id LIMIT ?`,
      [limit],
    );
    return rows.map(reviewItem);
  }

  async get(id: number): Promise<ReviewItem | undefined> {
    const [row] = await this.db.query<ReviewRow>(`SELECT * FROM review_queue WHERE id = ?`, [id]);
    return row ? reviewItem(row) : undefined;
  }

  async decide(id: number, state: "approved" | "rejected", by: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE review_queue SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending' RETURNING id`,
      [state, by, at.toISOString(), id],
    );
    return rows.length > 0;
  }
}
