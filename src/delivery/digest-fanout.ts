import { dayInZone } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import type { Subscription } from "../store/delivery-store.ts";
import type { EventStore, LoggedEvent } from "../store/event-store.ts";
import type { StrikeFilters } from "../query/strike-query.ts";
import { composeDigest, subscriptionFilters } from "./compose.ts";
import { digestSlot, outboxKey, type Slot } from "./slots.ts";

interface Due {
  sub: Subscription;
  slot: Slot;
  key: string;
}

/**
 * What a digest depends on, and nothing else: its filters (as understood), its time zone's
 * today, whether it skips empty days, the log position it reads changes from, and whether the
 * slot is still worth sending. Subscriptions that agree on all of these get the same message.
 */
function compositionKey(
  due: Due,
  now: Date,
  filters: (sub: Subscription, today: string) => StrikeFilters,
): string {
  const today = dayInZone(now, due.sub.timeZone);
  const f = filters(due.sub, today);
  return JSON.stringify([
    f.unions.map((u) => u.name),
    f.regions,
    f.sectors,
    f.workforces,
    f.statuses,
    due.sub.filters.trim().split(/\s+/).join(" "),
    due.sub.timeZone,
    today,
    due.sub.skipEmpty,
    due.sub.lastEventSeq,
    due.slot.state,
  ]);
}

/**
 * Today's digests for these subscriptions, composed once per distinct composition (a thousand
 * channels following "Wales" share one) and recorded with one shared copy of the message that
 * each channel's outbox row points at. Each group is one transaction: its rows, and the log
 * position its subscriptions have now read, so a crash never consumes changes without queueing
 * the digest that reports them. Keys already queued are left alone (a second tick adds nothing).
 */
export async function enqueueDigests(
  deps: { store: EventStore; unions: Unions },
  subs: readonly Subscription[],
  now: Date,
): Promise<{ enqueued: number; skipped: number }> {
  const { store, unions } = deps;
  // A thousand subscriptions share a handful of schedules and filters: each slot and each
  // reading of the filters is worked out once (time-zone arithmetic and parsing are the cost).
  const slots = new Map<string, Slot | undefined>();
  const parsed = new Map<string, StrikeFilters>();
  const filters = (sub: Subscription, today: string) => {
    const key = `${today}|${sub.filters}`;
    let f = parsed.get(key);
    if (!f) parsed.set(key, (f = subscriptionFilters(sub, unions, today)));
    return f;
  };
  const due: Due[] = [];
  for (const sub of subs) {
    const schedule = `${sub.timeZone}|${sub.atTime}|${sub.days.join(",")}`;
    if (!slots.has(schedule))
      slots.set(schedule, digestSlot({ ...sub, createdAt: new Date(0) }, now));
    const slot = slots.get(schedule);
    // The one thing a subscription adds: it did not exist yet at its slot's time.
    if (slot && slot.at >= sub.createdAt) due.push({ sub, slot, key: outboxKey(sub, slot.key) });
  }
  // Checked before composing, so a later tick does not read (and consume) changes twice.
  const queued = await store.delivery.queued(due.map((d) => d.key));
  const groups = new Map<string, Due[]>();
  for (const d of due) {
    if (queued.has(d.key)) continue;
    const key = compositionKey(d, now, filters);
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  const changesFrom = new Map<number, Promise<LoggedEvent[]>>();
  const count = { enqueued: 0, skipped: 0 };
  for (const group of groups.values()) {
    const first = group[0]!;
    const seq = first.sub.lastEventSeq;
    let changes = changesFrom.get(seq);
    if (!changes) changesFrom.set(seq, (changes = store.eventsAfter(seq, 500)));
    const read = await changes;
    const reply =
      first.slot.state === "skip"
        ? undefined
        : await composeDigest(store, unions, first.sub, now, read);
    const payload = reply
      ? (JSON.parse(JSON.stringify(reply)) as Record<string, unknown>)
      : { skipped: true };
    const inserted = await store.delivery.enqueueShared(
      payload,
      group.map((d) => ({
        key: d.key,
        subscriptionId: d.sub.id,
        platform: d.sub.platform,
        channelId: d.sub.channelId,
      })),
      now,
      { state: reply ? "pending" : "skipped", lastEventSeq: read.at(-1)?.seq },
    );
    if (reply) count.enqueued += inserted.length;
    else count.skipped += inserted.length;
  }
  return count;
}
