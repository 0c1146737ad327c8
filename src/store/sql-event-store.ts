import type { Clock } from "../clock.ts";
import type { IsoDay } from "../domain/calendar.ts";
import type {
  StanceFact,
  StanceRecord,
  StrikeAction,
  StrikeDay,
  StrikeFact,
} from "../domain/facts.ts";
import type {
  ActionQuery,
  DayPage,
  DayPageQuery,
  DaySummary,
  EventStore,
  LoggedEvent,
  StanceChange,
  StrikeChange,
  StrikeQuery,
  UnionActivity,
} from "./event-store.ts";
import type { DeliveryStore } from "./delivery-store.ts";
import { changeCount, eventsAfter, latestSeq } from "./event-log.ts";
import type { FeedStore, ReviewStore } from "./feed-store.ts";
import type { MergeMode } from "./merge.ts";
import { SqlDeliveryStore } from "./sql-delivery-store.ts";
import type { SqlDriver } from "./sql-driver.ts";
import { SqlFeedStore, SqlReviewStore } from "./sql-feed-store.ts";
import { recordStance } from "./stance-writes.ts";
import {
  actions,
  activity,
  latestStances,
  strikeDaySummary,
  strikeDays,
  strikeDaysPage,
} from "./strike-queries.ts";
import { recordStrike } from "./strike-writes.ts";

export { regionsMatching } from "./region-index.ts";

/** A write about one union takes that union's lock: its merge reads and writes its actions. */
const unionLock = (union: string) => `union:${union.toLowerCase()}`;

/**
 * The event store over any SqlDriver, assembled from its parts: writes (strike-writes,
 * stance-writes), reads (strike-queries), the log (event-log), and the feed, review and delivery
 * stores. Each write is one transaction holding the union's lock.
 */
export class SqlEventStore implements EventStore {
  readonly feeds: FeedStore;
  readonly review: ReviewStore;
  readonly delivery: DeliveryStore;

  constructor(
    private readonly db: SqlDriver,
    private readonly clock: Clock,
  ) {
    this.feeds = new SqlFeedStore(db);
    this.review = new SqlReviewStore(db);
    this.delivery = new SqlDeliveryStore(db);
  }

  get kind(): "sqlite" | "postgres" {
    return this.db.dialect;
  }

  async ping(): Promise<void> {
    await this.db.query("SELECT 1 AS ok");
  }

  close(): Promise<void> {
    return this.db.close();
  }

  recordStrike(fact: StrikeFact, mode: MergeMode = "upsert"): Promise<StrikeChange> {
    return this.db.transaction(
      (tx) => recordStrike(tx, this.clock.now(), fact, mode),
      unionLock(fact.union),
    );
  }

  recordStance(fact: StanceFact): Promise<StanceChange> {
    return this.db.transaction(
      (tx) => recordStance(tx, this.clock.now(), fact),
      unionLock(fact.union),
    );
  }

  strikeDays(q: StrikeQuery): Promise<StrikeDay[]> {
    return strikeDays(this.db, q);
  }

  strikeDaysPage(q: DayPageQuery): Promise<DayPage> {
    return strikeDaysPage(this.db, q);
  }

  strikeDaySummary(q: StrikeQuery): Promise<DaySummary[]> {
    return strikeDaySummary(this.db, q);
  }

  actions(q: ActionQuery): Promise<StrikeAction[]> {
    return actions(this.db, q);
  }

  activity(today: IsoDay, since: Date): Promise<UnionActivity[]> {
    return activity(this.db, today, since);
  }

  latestStances(unions: readonly string[]): Promise<StanceRecord[]> {
    return latestStances(this.db, unions);
  }

  latestSeq(): Promise<number> {
    return latestSeq(this.db);
  }

  changeCount(): Promise<number> {
    return changeCount(this.db);
  }

  eventsAfter(seq: number, limit = 500): Promise<LoggedEvent[]> {
    return eventsAfter(this.db, seq, limit);
  }
}
