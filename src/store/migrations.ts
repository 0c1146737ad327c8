/**
 * Schema changes, in order. `action_days_day` covers every column a day query reads, so
 * `/strikes` is answered from the index alone. Each dialect has the same tables and meaning; only types differ.
 * A migration is applied once, recorded in `schema_migrations`, inside a transaction.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "event log and current view of actions, days, sources and stances",
    sqlite: `
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('article', 'user')),
        label TEXT NOT NULL,
        url TEXT,
        platform TEXT,
        user_id TEXT
      );
      CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        union_name TEXT NOT NULL,
        workforce TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL,
        employer TEXT,
        regions TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL,
        status_as_of TEXT NOT NULL,
        confidence REAL NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX actions_union ON actions (union_name, workforce);
      CREATE TABLE action_regions (
        action_id INTEGER NOT NULL REFERENCES actions (id),
        region TEXT NOT NULL,
        PRIMARY KEY (action_id, region)
      ) WITHOUT ROWID;
      CREATE INDEX action_regions_region ON action_regions (region, action_id);
      CREATE TABLE action_days (
        action_id INTEGER NOT NULL REFERENCES actions (id),
        day TEXT NOT NULL,
        status TEXT NOT NULL,
        as_of TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources (id),
        PRIMARY KEY (action_id, day)
      ) WITHOUT ROWID;
      CREATE INDEX action_days_day ON action_days (day, action_id, status, as_of, source_id);
      CREATE TABLE action_sources (
        action_id INTEGER NOT NULL REFERENCES actions (id),
        source_id INTEGER NOT NULL REFERENCES sources (id),
        added_at TEXT NOT NULL,
        PRIMARY KEY (action_id, source_id)
      ) WITHOUT ROWID;
      CREATE TABLE stances (
        id INTEGER PRIMARY KEY,
        union_name TEXT NOT NULL,
        stance TEXT NOT NULL,
        about TEXT NOT NULL,
        as_of TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources (id),
        recorded_at TEXT NOT NULL,
        UNIQUE (union_name, stance, about, source_id)
      );
      CREATE INDEX stances_union ON stances (union_name, as_of);
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        recorded_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        kind TEXT NOT NULL,
        action_id INTEGER,
        union_name TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources (id),
        payload TEXT NOT NULL
      );
      CREATE INDEX events_recorded ON events (recorded_at);
    `,
    postgres: `
      CREATE TABLE sources (
        id SERIAL PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('article', 'user')),
        label TEXT NOT NULL,
        url TEXT,
        platform TEXT,
        user_id TEXT
      );
      CREATE TABLE actions (
        id SERIAL PRIMARY KEY,
        union_name TEXT NOT NULL,
        workforce TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL,
        employer TEXT,
        regions TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL,
        status_as_of TIMESTAMPTZ NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX actions_union ON actions (union_name, workforce);
      CREATE TABLE action_regions (
        action_id INTEGER NOT NULL REFERENCES actions (id),
        region TEXT NOT NULL,
        PRIMARY KEY (action_id, region)
      );
      CREATE INDEX action_regions_region ON action_regions (region, action_id);
      CREATE TABLE action_days (
        action_id INTEGER NOT NULL REFERENCES actions (id),
        day DATE NOT NULL,
        status TEXT NOT NULL,
        as_of TIMESTAMPTZ NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources (id),
        PRIMARY KEY (action_id, day)
      );
      CREATE INDEX action_days_day ON action_days (day, action_id, status, as_of, source_id);
      CREATE TABLE action_sources (
        action_id INTEGER NOT NULL REFERENCES actions (id),
        source_id INTEGER NOT NULL REFERENCES sources (id),
        added_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (action_id, source_id)
      );
      CREATE TABLE stances (
        id SERIAL PRIMARY KEY,
        union_name TEXT NOT NULL,
        stance TEXT NOT NULL,
        about TEXT NOT NULL,
        as_of TIMESTAMPTZ NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources (id),
        recorded_at TIMESTAMPTZ NOT NULL,
        UNIQUE (union_name, stance, about, source_id)
      );
      CREATE INDEX stances_union ON stances (union_name, as_of);
      CREATE TABLE events (
        seq BIGSERIAL PRIMARY KEY,
        recorded_at TIMESTAMPTZ NOT NULL,
        as_of TIMESTAMPTZ NOT NULL,
        kind TEXT NOT NULL,
        action_id INTEGER,
        union_name TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources (id),
        payload JSONB NOT NULL
      );
      CREATE INDEX events_recorded ON events (recorded_at);
    `,
  },
  {
    version: 2,
    name: "feeds with their polling state, items seen, and the review queue",
    sqlite: `
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0,
        fetch_articles TEXT NOT NULL DEFAULT 'auto',
        etag TEXT,
        last_modified TEXT,
        last_polled_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        paused INTEGER NOT NULL DEFAULT 0,
        next_poll_at TEXT,
        min_interval_s INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE feed_items (
        feed_url TEXT NOT NULL,
        item_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        link TEXT,
        title TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (feed_url, item_key)
      );
      CREATE TABLE review_queue (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('strike', 'stance')),
        union_name TEXT NOT NULL,
        fact TEXT NOT NULL,
        fact_key TEXT NOT NULL UNIQUE,
        confidence REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        created_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT
      );
      CREATE INDEX review_queue_state ON review_queue (state, id);
    `,
    postgres: `
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        added_by TEXT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0,
        fetch_articles TEXT NOT NULL DEFAULT 'auto',
        etag TEXT,
        last_modified TEXT,
        last_polled_at TIMESTAMPTZ,
        last_success_at TIMESTAMPTZ,
        last_error TEXT,
        last_error_at TIMESTAMPTZ,
        failures INTEGER NOT NULL DEFAULT 0,
        paused INTEGER NOT NULL DEFAULT 0,
        next_poll_at TIMESTAMPTZ,
        min_interval_s INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE feed_items (
        feed_url TEXT NOT NULL,
        item_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        link TEXT,
        title TEXT,
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (feed_url, item_key)
      );
      CREATE TABLE review_queue (
        id SERIAL PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('strike', 'stance')),
        union_name TEXT NOT NULL,
        fact JSONB NOT NULL,
        fact_key TEXT NOT NULL UNIQUE,
        confidence DOUBLE PRECISION NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        created_at TIMESTAMPTZ NOT NULL,
        decided_by TEXT,
        decided_at TIMESTAMPTZ
      );
      CREATE INDEX review_queue_state ON review_queue (state, id);
    `,
  },
  {
    version: 3,
    name: "channel subscriptions and the delivery outbox",
    sqlite: `
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('digest', 'reminders', 'alerts')),
        at_time TEXT NOT NULL,
        days TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        filters TEXT NOT NULL DEFAULT '',
        skip_empty INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_event_seq INTEGER NOT NULL DEFAULT 0,
        dead_reason TEXT,
        UNIQUE (platform, channel_id, kind, filters)
      );
      CREATE TABLE outbox (
        key TEXT PRIMARY KEY,
        subscription_id INTEGER NOT NULL,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        locked_until TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        message_ids TEXT
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    `,
    postgres: `
      CREATE TABLE subscriptions (
        id SERIAL PRIMARY KEY,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('digest', 'reminders', 'alerts')),
        at_time TEXT NOT NULL,
        days TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        filters TEXT NOT NULL DEFAULT '',
        skip_empty INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        last_event_seq BIGINT NOT NULL DEFAULT 0,
        dead_reason TEXT,
        UNIQUE (platform, channel_id, kind, filters)
      );
      CREATE TABLE outbox (
        key TEXT PRIMARY KEY,
        subscription_id INTEGER NOT NULL,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        payload JSONB NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TIMESTAMPTZ NOT NULL,
        locked_until TIMESTAMPTZ,
        last_error TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        sent_at TIMESTAMPTZ,
        message_ids TEXT
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    `,
  },
];

export const MIGRATION_LOCK_KEY = "strikewatch:migrations";
