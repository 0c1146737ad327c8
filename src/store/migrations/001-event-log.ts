import type { Migration } from "./migration.ts";

// `action_days_day` covers every column a day query reads, so `/strikes` is answered from the
// index alone.
export const eventLog: Migration = {
  version: 1,
  name: "event log and current view of actions, days, sources and stances",
  sql: `
    CREATE TABLE sources (
      id {id},
      key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('article', 'user')),
      label TEXT NOT NULL,
      url TEXT,
      platform TEXT,
      user_id TEXT
    );
    CREATE TABLE actions (
      id {id},
      union_name TEXT NOT NULL,
      workforce TEXT NOT NULL DEFAULT '',
      sector TEXT NOT NULL,
      employer TEXT,
      regions TEXT NOT NULL DEFAULT '[]',
      status TEXT NOT NULL,
      status_as_of {time} NOT NULL,
      confidence {real} NOT NULL,
      created_at {time} NOT NULL,
      updated_at {time} NOT NULL
    );
    CREATE INDEX actions_union ON actions (union_name, workforce);
    CREATE TABLE action_regions (
      action_id INTEGER NOT NULL REFERENCES actions (id),
      region TEXT NOT NULL,
      PRIMARY KEY (action_id, region)
    ){clustered};
    CREATE INDEX action_regions_region ON action_regions (region, action_id);
    CREATE TABLE action_days (
      action_id INTEGER NOT NULL REFERENCES actions (id),
      day {day} NOT NULL,
      status TEXT NOT NULL,
      as_of {time} NOT NULL,
      source_id INTEGER NOT NULL REFERENCES sources (id),
      PRIMARY KEY (action_id, day)
    ){clustered};
    CREATE INDEX action_days_day ON action_days (day, action_id, status, as_of, source_id);
    CREATE TABLE action_sources (
      action_id INTEGER NOT NULL REFERENCES actions (id),
      source_id INTEGER NOT NULL REFERENCES sources (id),
      added_at {time} NOT NULL,
      PRIMARY KEY (action_id, source_id)
    ){clustered};
    CREATE TABLE stances (
      id {id},
      union_name TEXT NOT NULL,
      stance TEXT NOT NULL,
      about TEXT NOT NULL,
      as_of {time} NOT NULL,
      source_id INTEGER NOT NULL REFERENCES sources (id),
      recorded_at {time} NOT NULL,
      UNIQUE (union_name, stance, about, source_id)
    );
    CREATE INDEX stances_union ON stances (union_name, as_of);
    CREATE TABLE events (
      seq {seq},
      recorded_at {time} NOT NULL,
      as_of {time} NOT NULL,
      kind TEXT NOT NULL,
      action_id INTEGER,
      union_name TEXT NOT NULL,
      source_id INTEGER NOT NULL REFERENCES sources (id),
      payload {json} NOT NULL
    );
    CREATE INDEX events_recorded ON events (recorded_at);
  `,
};
