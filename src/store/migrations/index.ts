import { eventLog } from "./001-event-log.ts";
import { feedsAndReview } from "./002-feeds-and-review.ts";
import { delivery } from "./003-delivery.ts";
import { changeCounts } from "./004-change-counts.ts";
import { dayIndexByUnion } from "./005-day-index-by-union.ts";
import { sharedMessages } from "./006-shared-messages.ts";
import type { Migration } from "./migration.ts";

/**
 * Every schema change, in order (see migration.ts for how one is written). To add one: copy the
 * newest file with the next number, write its SQL once with the column types migration.ts
 * names, and list it here. A test checks both databases end up with the same schema.
 */
export const MIGRATIONS: readonly Migration[] = [
  eventLog,
  feedsAndReview,
  delivery,
  changeCounts,
  dayIndexByUnion,
  sharedMessages,
];

export { renderSql, type Dialect, type Migration } from "./migration.ts";
