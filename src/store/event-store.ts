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

export interface ActionQuery {
  union?: string;
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
  actions(q: ActionQuery): Promise<StrikeAction[]>;
  /** Unions with strike days ahead, undated actions, or any change since `since`. */
  activity(today: IsoDay, since: Date): Promise<UnionActivity[]>;
  /** Each named union's newest stance (unions with none are left out): the page's stances. */
  latestStances(unions: readonly string[]): Promise<StanceRecord[]>;
  eventsAfter(seq: number, limit?: number): Promise<LoggedEvent[]>;
  /** The newest log entry's number (0 for an empty log). */
  latestSeq(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
