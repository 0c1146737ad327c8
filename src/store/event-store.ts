import type { IsoDay } from "../domain/calendar.ts";
import type {
  StanceFact,
  StanceRecord,
  StrikeAction,
  StrikeDay,
  StrikeFact,
} from "../domain/facts.ts";
import type { Sector, StrikeStatus } from "../domain/vocabulary.ts";
import type { DeliveryStore } from "./delivery-store.ts";
import type { FeedStore, ReviewStore } from "./feed-store.ts";
import type { DayChange, MergeMode } from "./merge.ts";

export interface StrikeQuery {
  from: IsoDay;
  to: IsoDay;
  unions?: string[];
  /** Regions as stored: nations, "UK" or named areas. */
  regions?: string[];
  sectors?: Sector[];
  workforces?: string[];
  statuses?: StrikeStatus[];
}

export type EventKind =
  | "strike.announced"
  | "strike.days_added"
  | "strike.status_changed"
  | "strike.details_changed"
  | "strike.source_added"
  | "stance.recorded";

/** One entry of the append-only log: what changed, when, and on whose word. */
export interface LoggedEvent {
  seq: number;
  recordedAt: Date;
  asOf: Date;
  kind: EventKind;
  actionId: number | null;
  union: string;
  sourceId: number;
  payload: Record<string, unknown>;
}

export interface StrikeChange {
  /** "unchanged": this source had already said so, or it is older news than what we know. */
  outcome: "created" | "updated" | "unchanged" | "no_match";
  actionId: number | null;
  addedDays: IsoDay[];
  statusChanges: DayChange[];
  events: LoggedEvent[];
}

export interface StanceChange {
  outcome: "recorded" | "unchanged";
  stance: StanceRecord | null;
  /** The union's previous latest stance, if any: what an alert says it changed from. */
  previous: StanceRecord | null;
  events: LoggedEvent[];
}

/** Where a page of a day query ends: the last (day, action) shown. */
export interface DayCursor {
  day: IsoDay;
  actionId: number;
}

export interface DayPageQuery extends StrikeQuery {
  /** Rows in the page at most. */
  limit: number;
  /** Start just after this row (the previous page's `next`). */
  after?: DayCursor;
}

export interface DayPage {
  /** In (day, action) order. */
  days: StrikeDay[];
  /** Where the next page starts, or null when this one reaches the end of the window. */
  next: DayCursor | null;
}

/** One day of a day query, counted (see EventStore.strikeDaySummary). */
export interface DaySummary {
  day: IsoDay;
  /** Strike days matching on that day. */
  total: number;
  /** How many of them are called off (cancelled, suspended, postponed). */
  calledOff: number;
  /** The distinct region lists of the strikes on (not called off) that day; [] is no area given. */
  regionsOn: string[][];
}

export interface ActionQuery {
  union?: string;
  /** Only actions with one of these days (or no days at all); needs `union`. */
  days?: IsoDay[];
  /** Only actions with a day on or after this one (or no days at all). */
  activeFrom?: IsoDay;
}

export interface UnionActivity {
  union: string;
  latestStance: StanceRecord | null;
  nextDays: StrikeDay[];
  /** Undated actions (threats, "later this month"). */
  undated: StrikeAction[];
  lastChange: Date | null;
}

/**
 * The one store the bot has: an append-only log of every change with its source, and a current
 * view (actions, their days, stances) that answers queries. Implementations: SQLite (embedded
 * default) and PostgreSQL (several replicas); one contract test suite runs against both.
 */
export interface EventStore {
  readonly kind: "sqlite" | "postgres";
  /** The feeds polled and the items already read. */
  readonly feeds: FeedStore;
  /** News readings held back until staff approve them. */
  readonly review: ReviewStore;
  /** Channel subscriptions and the delivery outbox. */
  readonly delivery: DeliveryStore;
  recordStrike(fact: StrikeFact, mode?: MergeMode): Promise<StrikeChange>;
  recordStance(fact: StanceFact): Promise<StanceChange>;
  strikeDays(q: StrikeQuery): Promise<StrikeDay[]>;
  /**
   * A bounded page of the same query, for answers that show a window a page at a time (the
   * public page, feeds): at most `limit` rows from just after `after`, and where the next starts.
   */
  strikeDaysPage(q: DayPageQuery): Promise<DayPage>;
  /**
   * The same query counted per day (matches, called off, the region lists of those on): what
   * the public page shows as totals, month cells and the map, at the cost of one grouped query.
   */
  strikeDaySummary(q: StrikeQuery): Promise<DaySummary[]>;
  actions(q: ActionQuery): Promise<StrikeAction[]>;
  /** Unions with strike days ahead, undated actions, or any change since `since`. */
  activity(today: IsoDay, since: Date): Promise<UnionActivity[]>;
  /** Each named union's newest stance (unions with none are left out): the page's stances. */
  latestStances(unions: readonly string[]): Promise<StanceRecord[]>;
  eventsAfter(seq: number, limit?: number): Promise<LoggedEvent[]>;
  /** The newest log entry's number (0 for an empty log). */
  latestSeq(): Promise<number>;
  /**
   * A number that changes whenever anything the store answers may have changed (every log
   * entry moves it): equal counts mean equal answers, so a cached answer keyed by it is never
   * stale. Cheap (an index lookup), so it can be read on every request.
   */
  changeCount(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
