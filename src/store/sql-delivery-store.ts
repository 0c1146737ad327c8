import type {
  DeliveryStore,
  NewSubscription,
  OutboxItem,
  OutboxState,
  Subscription,
  SubscriptionKind,
} from "./delivery-store.ts";
import { createHash } from "node:crypto";
import { placeholders, type SqlDriver } from "./sql-driver.ts";

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
  message_id: number | null;
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

function outboxItem(
  r: OutboxRow,
  shared: ReadonlyMap<number, Record<string, unknown>>,
): OutboxItem {
  return {
    key: r.key,
    subscriptionId: r.subscription_id,
    platform: r.platform,
    channelId: r.channel_id,
    payload:
      r.message_id !== null && r.message_id !== undefined
        ? shared.get(r.message_id)!
        : ((typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<
            string,
            unknown
          >),
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: toDate(r.next_attempt_at)!,
    lastError: r.last_error,
    sentAt: toDate(r.sent_at),
  };
}

/** Outbox rows are inserted this many to a statement. */
const ROWS_PER_INSERT = 200;
/** The row payload of an outbox row whose message lives in outbox_messages. */
const SHARED_MARKER = JSON.stringify({ shared: true });

export class SqlDeliveryStore implements DeliveryStore {
  /** Shared messages never change once stored, so each is parsed once per process. */
  private readonly messages = new Map<number, Record<string, unknown>>();

  constructor(private readonly db: SqlDriver) {}

  /** Outbox items for these rows, with the shared messages they point at. */
  private async items(rows: readonly OutboxRow[]): Promise<OutboxItem[]> {
    const missing = [
      ...new Set(rows.flatMap((r) => (r.message_id != null ? [r.message_id] : []))),
    ].filter((id) => !this.messages.has(id));
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      const found = await this.db.query<{ id: number; payload: unknown }>(
        `SELECT id, payload FROM outbox_messages WHERE id IN (${placeholders(chunk.length)})`,
        chunk,
      );
      if (this.messages.size > 200) this.messages.clear();
      for (const m of found)
        this.messages.set(
          m.id,
          (typeof m.payload === "string" ? JSON.parse(m.payload) : m.payload) as Record<
            string,
            unknown
          >,
        );
    }
    return rows.map((r) => outboxItem(r, this.messages));
  }

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

  async queued(keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const rows = await this.db.query<{ key: string }>(
        `SELECT key FROM outbox WHERE key IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const r of rows) out.add(r.key);
    }
    return out;
  }

  enqueueShared(
    payload: Record<string, unknown>,
    items: readonly { key: string; subscriptionId: number; platform: string; channelId: string }[],
    at: Date,
    opts: { state?: "pending" | "skipped"; lastEventSeq?: number } = {},
  ): Promise<string[]> {
    if (items.length === 0) return Promise.resolve([]);
    const json = JSON.stringify(payload);
    const digest = createHash("sha256").update(json).digest("hex");
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO outbox_messages (digest, payload, created_at) VALUES (?, ?, ?)
         ON CONFLICT (digest) DO NOTHING`,
        [digest, json, iso(at)],
      );
      const [message] = await tx.query<{ id: number }>(
        `SELECT id FROM outbox_messages WHERE digest = ?`,
        [digest],
      );
      const inserted: string[] = [];
      const row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
      for (let i = 0; i < items.length; i += ROWS_PER_INSERT) {
        const chunk = items.slice(i, i + ROWS_PER_INSERT);
        const rows = await tx.query<{ key: string }>(
          `INSERT INTO outbox (key, subscription_id, platform, channel_id, payload, state, next_attempt_at, created_at, message_id)
           VALUES ${chunk.map(() => row).join(", ")} ON CONFLICT (key) DO NOTHING RETURNING key`,
          chunk.flatMap((it) => [
            it.key,
            it.subscriptionId,
            it.platform,
            it.channelId,
            SHARED_MARKER,
            opts.state ?? "pending",
            iso(at),
            iso(at),
            message!.id,
          ]),
        );
        inserted.push(...rows.map((r) => r.key));
      }
      if (opts.lastEventSeq !== undefined) {
        const ids = [...new Set(items.map((it) => it.subscriptionId))];
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          await tx.query(
            `UPDATE subscriptions SET last_event_seq = ?
             WHERE last_event_seq < ? AND id IN (${placeholders(chunk.length)})`,
            [opts.lastEventSeq, opts.lastEventSeq, ...chunk],
          );
        }
      }
      return inserted;
    });
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
    return this.items(rows);
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
    return this.items(rows);
  }
}
