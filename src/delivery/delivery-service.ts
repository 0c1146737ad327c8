import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../clock.ts";
import { addDays, dayInZone } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { isStrikewatchError } from "../errors.ts";
import { noMetrics, type Metrics } from "../metrics.ts";
import type { Logger } from "../logger.ts";
import type { Reply } from "../reply.ts";
import type { OutboxItem } from "../store/delivery-store.ts";
import type { EventStore } from "../store/event-store.ts";
import { composeAlert, composeReminder, dueAlertBatches, subscriptionFilters } from "./compose.ts";
import type { Sender } from "./sender.ts";
import { enqueueDigests } from "./digest-fanout.ts";
import { outboxKey, reminderSlots } from "./slots.ts";

export interface DeliveryDeps {
  store: EventStore;
  unions: Unions;
  clock: Clock;
  logger: Logger;
  senders: ReadonlyMap<string, Sender>;
  /** Counts messages by platform and outcome (unset: not counted). */
  metrics?: Metrics;
  /** How long a claimed message is ours before another sender may take it (crash recovery). */
  leaseMs?: number;
  /** Permanent failures (channel gone, bot removed) tolerated before dead-lettering. */
  permanentAttempts?: number;
  maxAttempts?: number;
}

export interface DeliveryReport {
  enqueued: number;
  skipped: number;
  sent: number;
  retried: number;
  dead: number;
  reconciled: number;
}

const PERMANENT = new Set(["platform_channel", "platform_auth"]);

/**
 * Speaks first: digests, reminders and alerts for every subscription. A tick enqueues what is
 * due under unique outbox keys, then delivers what it can claim; running it twice, or on two
 * replicas at once, sends each message once.
 */
export class DeliveryService {
  private task: ScheduledTask | undefined;
  /** For /healthz: when the scheduler last ran. */
  lastTickAt: Date | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly deps: DeliveryDeps) {}

  private get metrics(): Metrics {
    return this.deps.metrics ?? noMetrics;
  }

  async enqueueDue(now: Date): Promise<{ enqueued: number; skipped: number }> {
    const { store, unions } = this.deps;
    let enqueued = 0;
    let skipped = 0;
    const subs = (await store.delivery.subscriptions()).filter(
      (s) => !s.deadReason && this.deps.senders.has(s.platform),
    );
    // Digests are composed once per distinct composition and fanned out as one shared message.
    const digests = await enqueueDigests(
      { store, unions },
      subs.filter((s) => s.kind === "digest"),
      now,
    );
    enqueued += digests.enqueued;
    skipped += digests.skipped;
    for (const sub of subs.filter((s) => s.kind !== "digest")) {
      const put = async (
        slotKey: string,
        reply: Reply | undefined,
        state: "pending" | "skipped" = "pending",
      ) => {
        const payload = reply
          ? (JSON.parse(JSON.stringify(reply)) as Record<string, unknown>)
          : { skipped: true };
        const inserted = await store.delivery.enqueue(
          {
            key: outboxKey(sub, slotKey),
            subscriptionId: sub.id,
            platform: sub.platform,
            channelId: sub.channelId,
            payload,
            state: reply ? state : "skipped",
          },
          now,
        );
        if (inserted && (reply ? state : "skipped") === "pending") enqueued++;
        else if (inserted) skipped++;
      };
      if (sub.kind === "reminders") {
        const today = dayInZone(now, sub.timeZone);
        const f = subscriptionFilters(sub, unions, today);
        const days = await store.strikeDays({
          from: today,
          to: addDays(today, 1),
          unions: f.unions.map((u) => u.name),
          regions: f.regions,
          sectors: f.sectors,
          workforces: f.workforces,
        });
        const strikeDays = days
          .filter((d) => d.status === "planned" || d.status === "held")
          .map((d) => d.day);
        for (const slot of reminderSlots(sub, strikeDays, now)) {
          if (await this.alreadyQueued(outboxKey(sub, slot.key))) continue;
          await put(
            slot.key,
            await composeReminder(store, unions, sub, slot.key.split(":")[1]!, now),
          );
        }
      } else {
        const f = subscriptionFilters(sub, unions, dayInZone(now, sub.timeZone));
        const { batches, doneThrough } = await dueAlertBatches(store, sub.lastEventSeq, f, now);
        for (const b of batches) {
          const reply = composeAlert(b.events);
          if (reply) await put(`alert:${b.firstSeq}`, reply);
        }
        if (doneThrough > sub.lastEventSeq)
          await store.delivery.setLastEventSeq(sub.id, doneThrough);
      }
    }
    return { enqueued, skipped };
  }

  /** Checked before composing, so a later tick does not read (and consume) changes twice. */
  private alreadyQueued(key: string): Promise<boolean> {
    return this.deps.store.delivery.has(key);
  }

  async deliverDue(now: Date): Promise<Omit<DeliveryReport, "enqueued" | "skipped">> {
    const report = { sent: 0, retried: 0, dead: 0, reconciled: 0 };
    const { store, logger } = this.deps;
    for (;;) {
      const batch = await store.delivery.claim(now, this.deps.leaseMs ?? 60_000, 25);
      if (batch.length === 0) break;
      // Sent side by side: each sender paces itself to the platform's limits, so waiting on
      // one channel's pace (or a slow answer) does not hold up the others.
      await Promise.all(batch.map((item) => this.deliverOne(item, now, report, logger)));
      if (batch.length < 25) break;
    }
    return report;
  }

  private async deliverOne(
    item: OutboxItem,
    now: Date,
    report: Omit<DeliveryReport, "enqueued" | "skipped">,
    logger: Logger,
  ): Promise<void> {
    const { store } = this.deps;
    const sender = this.deps.senders.get(item.platform);
    if (!sender) {
      await store.delivery.markRetry(
        item.key,
        `no ${item.platform} sender configured`,
        new Date(now.getTime() + 3600_000),
      );
      report.retried++;
      return;
    }
    try {
      // A second attempt may follow a crash (or a timeout) after Slack accepted the message, or
      // some of its parts: look first, and send only what is missing. A failed look is this
      // message's failure, retried like a send.
      const present =
        item.attempts > 1 && sender.delivered
          ? await sender.delivered(
              item.channelId,
              item.key,
              new Date(now.getTime() - 24 * 3600_000),
            )
          : new Set<number>();
      const ids = await sender.send(
        item.channelId,
        item.payload as unknown as Reply,
        item.key,
        present,
      );
      await store.delivery.markSent(item.key, ids, now);
      if (ids.length === 0 && present.size > 0) {
        report.reconciled++;
        return;
      }
      report.sent++;
      this.metrics.deliveries.inc({ platform: item.platform, outcome: "sent" });
    } catch (e) {
      const code = isStrikewatchError(e) ? e.code : "internal";
      const reason = e instanceof Error ? e.message : String(e);
      const permanent = PERMANENT.has(code);
      if (
        (permanent && item.attempts >= (this.deps.permanentAttempts ?? 3)) ||
        item.attempts >= (this.deps.maxAttempts ?? 8)
      ) {
        await store.delivery.markDead(item.key, reason);
        if (permanent) await store.delivery.markSubscriptionDead(item.subscriptionId, reason);
        report.dead++;
        this.metrics.deliveries.inc({ platform: item.platform, outcome: "dead" });
        logger.warn({ key: item.key, reason }, "delivery dead-lettered");
        return;
      }
      const retryAfterS =
        isStrikewatchError(e) && e.retryAfterS !== undefined
          ? e.retryAfterS
          : Math.min(3600, 30 * 2 ** (item.attempts - 1));
      await store.delivery.markRetry(
        item.key,
        reason,
        new Date(now.getTime() + retryAfterS * 1000),
      );
      report.retried++;
      this.metrics.deliveries.inc({ platform: item.platform, outcome: "retry" });
    }
  }

  async tick(now = this.deps.clock.now()): Promise<DeliveryReport> {
    this.lastTickAt = now;
    const queued = await this.enqueueDue(now);
    const delivered = await this.deliverDue(now);
    return { ...queued, ...delivered };
  }

  /** Every minute, on the minute: slots are computed in each subscription's own time zone. */
  start(): void {
    this.task = cron.schedule("* * * * *", () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((e: unknown) => this.deps.logger.error({ err: e }, "delivery tick failed"))
        .finally(() => (this.running = undefined));
    });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running;
  }
}
