import type { Migration } from "./migration.ts";

export const delivery: Migration = {
  version: 3,
  name: "channel subscriptions and the delivery outbox",
  sql: `
    CREATE TABLE subscriptions (
      id {id},
      platform TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('digest', 'reminders', 'alerts')),
      at_time TEXT NOT NULL,
      days TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      filters TEXT NOT NULL DEFAULT '',
      skip_empty INTEGER NOT NULL DEFAULT 0,
      created_by TEXT NOT NULL,
      created_at {time} NOT NULL,
      last_event_seq {bigint} NOT NULL DEFAULT 0,
      dead_reason TEXT,
      UNIQUE (platform, channel_id, kind, filters)
    );
    CREATE TABLE outbox (
      key TEXT PRIMARY KEY,
      subscription_id INTEGER NOT NULL,
      platform TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      payload {json} NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending',
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at {time} NOT NULL,
      locked_until {time},
      last_error TEXT,
      created_at {time} NOT NULL,
      sent_at {time},
      message_ids TEXT
    );
    CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
  `,
};
