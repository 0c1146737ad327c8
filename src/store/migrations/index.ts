import { eventLog } from "./001-event-log.ts";
import { feedsAndReview } from "./002-feeds-and-review.ts";
import { delivery } from "./003-delivery.ts";

/**
 * A schema change, written once for both databases (see dialect.ts for the column types). It is
 * applied once, in order, inside a transaction, and recorded in `schema_migrations`.
 * To add one: copy the newest file with the next number and list it below. Never edit a
 * migration that has shipped; write a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [eventLog, feedsAndReview, delivery];

export { renderSql, type Dialect } from "./dialect.ts";
