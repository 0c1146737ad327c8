import { DateTime } from "luxon";
import { addDays, type IsoDay } from "../domain/calendar.ts";
import type { Subscription } from "../store/delivery-store.ts";

/** One message a subscription owes: its outbox key part, and whether it is still worth sending. */
export interface Slot {
  key: string;
  at: Date;
  state: "due" | "skip";
}

const MORNING_REMINDER = "07:00";

function localInstant(day: IsoDay, time: string, zone: string): DateTime {
  return DateTime.fromISO(`${day}T${time}`, { zone });
}

/**
 * Today's digest, if it is due: the local time has passed in the subscription's own zone (so
 * 07:30 London is 07:30 in March and in November, whatever UTC says), on one of its days, and
 * the subscription existed then. Missed slots (downtime) are sent if still useful — before
 * midday local, or within an hour for a later digest — else recorded as skipped.
 */
export function digestSlot(sub: Subscription, now: Date): Slot | undefined {
  const local = DateTime.fromJSDate(now, { zone: sub.timeZone });
  const today = local.toISODate()!;
  if (!sub.days.includes(local.weekday)) return undefined;
  const at = localInstant(today, sub.atTime, sub.timeZone);
  if (at.toMillis() > now.getTime() || at.toMillis() < sub.createdAt.getTime()) return undefined;
  const usefulUntil = DateTime.max(
    local.set({ hour: 12, minute: 0, second: 0, millisecond: 0 }),
    at.plus({ hours: 1 }),
  );
  return {
    key: `digest:${today}`,
    at: at.toJSDate(),
    state: local <= usefulUntil ? "due" : "skip",
  };
}

/**
 * Reminders for the strike days a subscription follows: the evening before (at its time,
 * 17:00 unless set) and on the morning itself; never once the day they warn of is over for
 * the evening one, or past midday for the morning one.
 */
export function reminderSlots(sub: Subscription, strikeDays: readonly IsoDay[], now: Date): Slot[] {
  const out: Slot[] = [];
  for (const day of new Set(strikeDays)) {
    const eve = localInstant(addDays(day, -1), sub.atTime, sub.timeZone);
    const dayStart = localInstant(day, "00:00", sub.timeZone);
    const morning = localInstant(day, MORNING_REMINDER, sub.timeZone);
    const midday = localInstant(day, "12:00", sub.timeZone);
    const t = now.getTime();
    if (
      eve.toMillis() <= t &&
      t < dayStart.toMillis() &&
      eve.toMillis() >= sub.createdAt.getTime()
    ) {
      out.push({ key: `reminder:${day}:eve`, at: eve.toJSDate(), state: "due" });
    }
    if (
      morning.toMillis() <= t &&
      t < midday.toMillis() &&
      morning.toMillis() >= sub.createdAt.getTime()
    ) {
      out.push({ key: `reminder:${day}:morning`, at: morning.toJSDate(), state: "due" });
    }
  }
  return out;
}

/** The outbox key: platform, channel, subscription and slot, so each message exists once. */
export function outboxKey(sub: Subscription, slotKey: string): string {
  return `${sub.platform}:${sub.channelId}:${sub.id}:${slotKey}`;
}
