export type SubscriptionKind = "digest" | "reminders" | "alerts";

export interface Subscription {
  id: number;
  platform: string;
  channelId: string;
  kind: SubscriptionKind;
  /** Local time "07:30" (digests, and the morning reminder). */
  atTime: string;
  /** ISO weekdays 1–7 the digest goes out on. */
  days: number[];
  timeZone: string;
  /** Filter words as /strikes takes them ("nurses Wales"). */
  filters: string;
  skipEmpty: boolean;
  createdBy: string;
  createdAt: Date;
  /** Alerts and "changed since the last digest" read the event log after this. */
  lastEventSeq: number;
  deadReason: string | null;
}

export type NewSubscription = Omit<Subscription, "id" | "lastEventSeq" | "deadReason">;

export type OutboxState = "pending" | "sending" | "sent" | "skipped" | "dead";

export interface OutboxItem {
  key: string;
  subscriptionId: number;
  platform: string;
  channelId: string;
  payload: Record<string, unknown>;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

/**
 * Subscriptions, and the outbox that makes delivery exactly-once: a message is recorded under a
 * unique key before it is sent, claimed by one sender at a time (row locks with SKIP LOCKED on
 * PostgreSQL), and marked sent after.
 */
export interface DeliveryStore {
  subscribe(s: NewSubscription, lastEventSeq: number): Promise<{ id: number; created: boolean }>;
  unsubscribe(
    platform: string,
    channelId: string,
    which: { id?: number; kind?: SubscriptionKind },
  ): Promise<number>;
  subscriptions(filter?: { platform?: string; channelId?: string }): Promise<Subscription[]>;
  setLastEventSeq(id: number, seq: number): Promise<void>;
  markSubscriptionDead(id: number, reason: string): Promise<void>;
  /** Records a message to send (or a slot skipped); false when the key already exists. */
  enqueue(
    item: {
      key: string;
      subscriptionId: number;
      platform: string;
      channelId: string;
      payload: Record<string, unknown>;
      state?: "pending" | "skipped";
    },
    at: Date,
  ): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Which of these keys are already in the outbox. */
  queued(keys: readonly string[]): Promise<Set<string>>;
  /**
   * Records one message for many channels in one transaction: the message is stored once, each
   * item gets its own outbox row (own key, state, attempts) pointing at it, and keys already
   * there are left alone. With `lastEventSeq`, those items' subscriptions have read the log up to
   * it (in the same transaction, so a digest's changes are consumed exactly when it is queued).
   * Returns the keys recorded.
   */
  enqueueShared(
    payload: Record<string, unknown>,
    items: readonly { key: string; subscriptionId: number; platform: string; channelId: string }[],
    at: Date,
    opts?: { state?: "pending" | "skipped"; lastEventSeq?: number },
  ): Promise<string[]>;
  /** Due messages, now owned by the caller until `now + leaseMs` (a crashed owner's expire). */
  claim(now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]>;
  markSent(key: string, messageIds: string[], at: Date): Promise<void>;
  markRetry(key: string, error: string, nextAttemptAt: Date): Promise<void>;
  markDead(key: string, error: string): Promise<void>;
  outbox(filter?: { state?: OutboxState }): Promise<OutboxItem[]>;
}
