import type { Migration } from "./migration.ts";

// One digest composed for a thousand channels is stored once: `outbox_messages` holds each
// distinct message (by a hash of its content), and an outbox row that sends it points at it
// with `message_id` instead of carrying its own copy. The outbox row stays the unit of delivery
// (its own key, state, attempts and lease), so exactly-once is unchanged.
export const sharedMessages: Migration = {
  version: 6,
  name: "outbox rows may point at one shared copy of their message",
  sql: `
    CREATE TABLE outbox_messages (
      id {id},
      digest TEXT NOT NULL UNIQUE,
      payload {json} NOT NULL,
      created_at {time} NOT NULL
    );
    ALTER TABLE outbox ADD COLUMN message_id INTEGER REFERENCES outbox_messages (id);
  `,
};
