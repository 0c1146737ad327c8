import type {
  DeliveryStore,
  NewSubscription,
  OutboxItem,
  OutboxState,
  Subscription,
  SubscriptionKind,
} from "./delivery-store.ts";
import type { SqlDriver } from "./sql-driver.ts";

const toDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));
const iso = (d: Date) => d.toISOString();

interface SubRow {
  id: number;
  platform: string;
  channel_id: string;
  kind: SubscriptionKind;
  at_time: string;
  days: string;
  time_zone: string;
  filters: string;
  skip_empty: number;
  created_by: string;
  created_at: string | Date;
  last_event_seq: number | string;
  dead_reason: string | null;
}

interface OutboxRow {
  key: string;
  subscription_id: number;
  platform: string;
  channel_id: string;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string | Date;
  last_error: string | null;
  sent_at: string | Date | null;
}

function subscription(r: SubRow): Subscription {
  return {
    id: r.id,
    platform: r.platform,
    channelId: r.channel_id,
    kind: r.kind,
    atTime: r.at_time,
    days: r.days.split(",").filter(Boolean).map(Number),
    timeZone: r.time_zone,
    filters: r.filters,
    skipEmpty: Boolean(r.skip_empty),
    createdBy: r.created_by,
    createdAt: toDate(r.created_at)!,
    lastEventSeq: Number(r.last_event_seq),
    deadReason: r.dead_reason,
  };
}

function outboxItem(r: OutboxRow): OutboxItem {
  return {
    key: r.key,
    subscriptionId: r.subscription_id,
    platform: r.platform,
    channelId: r.channel_id,
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<
      string,
      unknown
    >,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: toDate(r.next_attempt_at)!,
    lastError: r.last_error,
    sentAt: toDate(r.sent_at),
  };
}

export class SqlDeliveryStore implements DeliveryStore {
  constructor(private readonly db: SqlDriver) {}

  async subscribe(
    s: NewSubscription,
    lastEventSeq: number,
  ): Promise<{ id: number; created: boolean }> {
    const inserted = await this.db.query<{ id: number }>(
      `INSERT INTO subscriptions (platform, channel_id, kind, at_time, days, time_zone, filters, skip_empty, created_by, created_at, last_event_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, channel_id, kind, filters) DO NOTHING RETURNING id`,
      [
        s.platform,
        s.channelId,
        s.kind,
        s.atTime,
        s.days.join(","),
        s.timeZone,
        s.filters,
        s.skipEmpty ? 1 : 0,
        s.createdBy,
        iso(s.createdAt),
        lastEventSeq,
      ],
    );
    if (inserted[0]) return { id: inserted[0].id, created: true };
    const [row] = await this.db.query<{ id: number }>(
      `UPDATE subscriptions SET at_time = ?, days = ?, time_zone = ?, skip_empty = ?, dead_reason = NULL
       WHERE platform = ? AND channel_id = ? AND kind = ? AND filters = ? RETURNING id`,
      [
        s.atTime,
        s.days.join(","),
        s.timeZone,
        s.skipEmpty ? 1 : 0,
        s.platform,
        s.channelId,
        s.kind,
        s.filters,
      ],
    );
    return { id: row!.id, created: false };
  }

  async unsubscribe(
    platform: string,
    channelId: string,
    which: { id?: number; kind?: SubscriptionKind },
  ): Promise<number> {
    const where = ["platform = ?", "channel_id = ?"];
    const params: unknown[] = [platform, channelId];
    if (which.id !== undefined) {
      where.push("id = ?");
      params.push(which.id);
    }
    if (which.kind) {
      where.push("kind = ?");
      params.push(which.kind);
    }
    return (
      await this.db.query(
        `DELETE FROM subscriptions WHERE ${where.join(" AND ")} RETURNING id`,
        params,
      )
    ).length;
  }

  async subscriptions(
    filter: { platform?: string; channelId?: string } = {},
  ): Promise<Subscription[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.platform) {
      where.push("platform = ?");
      params.push(filter.platform);
    }
    if (filter.channelId) {
      where.push("channel_id = ?");
      params.push(filter.channelId);
    }
    const rows = await this.db.query<SubRow>(
      `SELECT * FROM subscriptions ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`,
      params,
    );
    return rows.map(subscription);
  }

  async setLastEventSeq(id: number, seq: number): Promise<void> {
    await this.db.query(
      `UPDATE subscriptions SET last_event_seq = ? WHERE id = ? AND last_event_seq < ?`,
      [seq, id, seq],
    );
  }

  async markSubscriptionDead(id: number, reason: string): Promise<void> {
    await this.db.query(`UPDATE subscriptions SET dead_reason = ? WHERE id = ?`, [reason, id]);
  }

  async enqueue(
    item: {
      key: string;
      subscriptionId: number;
      platform: string;
      channelId: string;
      payload: Record<string, unknown>;
      state?: "pending" | "skipped";
    },
    at: Date,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO outbox (key, subscription_id, platform, channel_id, payload, state, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [
        item.key,
        item.subscriptionId,
        item.platform,
        item.channelId,
        JSON.stringify(item.payload),
        item.state ?? "pending",
        iso(at),
        iso(at),
      ],
    );
    return rows.length > 0;
  }

  async has(key: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 AS one FROM outbox WHERE key = ?`, [key])).length > 0;
  }

  async claim(now: Date, leaseMs: number, limit: number): Promise<OutboxItem[]> {
    // One statement, so atomic on its own: on PostgreSQL SKIP LOCKED lets replicas claim
    // side by side without waiting on or double-taking each other's rows.
    const skipLocked = this.db.dialect === "postgres" ? "FOR UPDATE SKIP LOCKED" : "";
    const rows = await this.db.query<OutboxRow>(
      `UPDATE outbox SET state = 'sending', attempts = attempts + 1, locked_until = ?
       WHERE key IN (
         SELECT key FROM outbox
         WHERE (state = 'pending' AND next_attempt_at <= ?) OR (state = 'sending' AND locked_until <= ?)
         ORDER BY next_attempt_at, key LIMIT ? ${skipLocked}
       ) RETURNING *`,
      [iso(new Date(now.getTime() + leaseMs)), iso(now), iso(now), limit],
    );
    return rows.map(outboxItem);
  }

  async markSent(key: string, messageIds: string[], at: Date): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET state = 'sent', sent_at = ?, message_ids = ?, locked_until = NULL WHERE key = ?`,
      [iso(at), messageIds.join(","), key],
    );
  }

  async markRetry(key: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, locked_until = NULL WHERE key = ?`,
      [error, iso(nextAttemptAt), key],
    );
  }

  async markDead(key: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET state = 'dead', last_error = ?, locked_until = NULL WHERE key = ?`,
      [error, key],
    );
  }

  async outbox(filter: { state?: OutboxState } = {}): Promise<OutboxItem[]> {
    const rows = await this.db.query<OutboxRow>(
      `SELECT * FROM outbox ${filter.state ? "WHERE state = ?" : ""} ORDER BY created_at, key`,
      filter.state ? [filter.state] : [],
    );
    return rows.map(outboxItem);
  }
}
