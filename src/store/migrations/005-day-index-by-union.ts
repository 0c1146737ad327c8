import type { Migration } from "./migration.ts";

// Cost in proportion to the answer, not the history. Each strike day carries its action's union
// (rebuilt with the column NOT NULL, so a write that forgets it fails loudly), and
// `action_days_union` orders them by union and day: "each union's next strike days" (/disputes,
// the page's stances) is one short index range per union instead of a sort of every future day,
// and the actions a `/strike cancel` or a new fact may touch are found from the days named. It
// covers every column a day query reads (as action_days_day does), so a union-filtered
// `/strikes` or calendar reads the index alone: half the cost of looking each row up.
// `actions.undated` marks the actions with no days yet (threats, "later this month"), which every
// new fact of the union is checked against: an index seek instead of probing each of the union's
// actions for days. `events_union` gives each union's newest log entry.
export const dayIndexByUnion: Migration = {
  version: 5,
  name: "strike days indexed by union and day; undated actions and each union's log by index",
  sql: `
    CREATE TABLE action_days_by_union (
      action_id INTEGER NOT NULL REFERENCES actions (id),
      day {day} NOT NULL,
      status TEXT NOT NULL,
      as_of {time} NOT NULL,
      source_id INTEGER NOT NULL REFERENCES sources (id),
      union_name TEXT NOT NULL,
      PRIMARY KEY (action_id, day)
    ){clustered};
    INSERT INTO action_days_by_union (action_id, day, status, as_of, source_id, union_name)
      SELECT d.action_id, d.day, d.status, d.as_of, d.source_id, a.union_name
      FROM action_days d JOIN actions a ON a.id = d.action_id;
    DROP TABLE action_days;
    ALTER TABLE action_days_by_union RENAME TO action_days;
    CREATE INDEX action_days_day ON action_days (day, action_id, status, as_of, source_id);
    CREATE INDEX action_days_union ON action_days (union_name, day, action_id, status, as_of, source_id);
    ALTER TABLE actions ADD COLUMN undated INTEGER NOT NULL DEFAULT 0;
    UPDATE actions SET undated = 1
      WHERE NOT EXISTS (SELECT 1 FROM action_days d WHERE d.action_id = actions.id);
    CREATE INDEX actions_undated ON actions (undated, union_name);
    CREATE INDEX events_union ON events (union_name, recorded_at);
  `,
};
