import type { Migration } from "./migration.ts";

// How many log entries each union has, and how many source labels changed ('*'): their sum is
// the store's change count, which cached answers (the calendar feed) are keyed by. A sum over
// rows written under each union's own lock, rather than MAX(seq): on PostgreSQL two writers can
// commit out of sequence order, and a reader that saw seq 11 before seq 10 committed would never
// notice 10. Each commit adds to the sum, in whatever order they land.
export const changeCounts: Migration = {
  version: 4,
  name: "change counts for cached answers",
  sql: `
    CREATE TABLE change_counts (
      scope TEXT PRIMARY KEY,
      changes {bigint} NOT NULL
    );
    INSERT INTO change_counts (scope, changes)
      SELECT union_name, COUNT(*) FROM events GROUP BY union_name;
  `,
};
