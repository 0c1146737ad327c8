import type { Migration } from "./migration.ts";

export const feedsAndReview: Migration = {
  version: 2,
  name: "feeds with their polling state, items seen, and the review queue",
  sql: `
    CREATE TABLE feeds (
      url TEXT PRIMARY KEY,
      title TEXT,
      added_by TEXT NOT NULL,
      added_at {time} NOT NULL,
      removed INTEGER NOT NULL DEFAULT 0,
      fetch_articles TEXT NOT NULL DEFAULT 'auto',
      etag TEXT,
      last_modified TEXT,
      last_polled_at {time},
      last_success_at {time},
      last_error TEXT,
      last_error_at {time},
      failures INTEGER NOT NULL DEFAULT 0,
      paused INTEGER NOT NULL DEFAULT 0,
      next_poll_at {time},
      min_interval_s INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE feed_items (
      feed_url TEXT NOT NULL,
      item_key TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      link TEXT,
      title TEXT,
      first_seen {time} NOT NULL,
      last_seen {time} NOT NULL,
      PRIMARY KEY (feed_url, item_key)
    );
    CREATE TABLE review_queue (
      id {id},
      kind TEXT NOT NULL CHECK (kind IN ('strike', 'stance')),
      union_name TEXT NOT NULL,
      fact {json} NOT NULL,
      fact_key TEXT NOT NULL UNIQUE,
      confidence {real} NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending',
      created_at {time} NOT NULL,
      decided_by TEXT,
      decided_at {time}
    );
    CREATE INDEX review_queue_state ON review_queue (state, id);
  `,
};
