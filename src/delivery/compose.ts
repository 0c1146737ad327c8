import type { Caller } from "../command.ts";
import { addDays, dayInZone, formatDay } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { describeStance } from "../query/stance-words.ts";
import { describeFilters, parseStrikeQuery, type StrikeFilters } from "../query/strike-query.ts";
import { sourceLabel } from "../render/source-label.ts";
import {
  actionsOf,
  formatDayRuns,
  groupByAction,
  memoLabel,
  strikeRow,
} from "../render/strike-sections.ts";
import type { Reply, ReplySection } from "../reply.ts";
import type { Subscription } from "../store/delivery-store.ts";
import type { EventStore, LoggedEvent, StrikeQuery } from "../store/event-store.ts";
import { CALLED_OFF, type StanceKind, type StrikeStatus } from "../domain/vocabulary.ts";

const READER: Caller = { platform: "broadcast", id: "channel" };

export function subscriptionFilters(
  sub: Subscription,
  unions: Unions,
  today: string,
): StrikeFilters {
  return parseStrikeQuery(sub.filters, today, unions).filters;
}

function query(f: StrikeFilters, from: string, to: string): StrikeQuery {
  return {
    from,
    to,
    unions: f.unions.map((u) => u.name),
    regions: f.regions,
    sectors: f.sectors,
    workforces: f.workforces,
    statuses: f.statuses,
  };
}

/** Whether a logged change concerns what a subscription follows (its unions, sectors, regions). */
export function eventMatches(e: LoggedEvent, f: StrikeFilters): boolean {
  if (f.unions.length && !f.unions.some((u) => u.name === e.union)) return false;
  const p = e.payload as { sector?: string; regions?: string[]; workforce?: string };
  if (f.sectors.length && p.sector && !f.sectors.includes(p.sector as never)) return false;
  if (f.workforces.length && p.workforce && !f.workforces.includes(p.workforce)) return false;
  if (
    f.regions.length &&
    p.regions?.length &&
    !p.regions.some((r) => f.regions.includes(r) || r === "UK")
  )
    return false;
  return true;
}

/** One line for a change in the log: "New: Unite ambulance workers (Wales) strike on …". */
export function describeEvent(e: LoggedEvent): string | undefined {
  const parts = describeEventParts(e);
  return parts && `${parts.lead} ${parts.text}`;
}

/** A change as its lead ("New:", "Called off:") and the rest, so a list can set the lead apart. */
export function describeEventParts(e: LoggedEvent): { lead: string; text: string } | undefined {
  const p = e.payload as Record<string, unknown>;
  const who = [e.union, p.workforce].filter(Boolean).join(" ");
  const where =
    Array.isArray(p.regions) && p.regions.length ? ` (${(p.regions as string[]).join(", ")})` : "";
  switch (e.kind) {
    case "strike.announced": {
      const days = (p.days as string[]) ?? [];
      // A planned strike is what "New" means; any other status is worth saying.
      const status = p.status === "planned" ? "" : ` (${String(p.status)})`;
      return {
        lead: "New:",
        text: `${who}${where} strike${days.length ? ` on ${formatDayRuns(days)}` : ", no dates yet"}${status}`,
      };
    }
    case "strike.days_added":
      return {
        lead: "More days:",
        text: `${e.union} strike on ${formatDayRuns(p.days as string[])}`,
      };
    case "strike.status_changed": {
      const status = String(p.status);
      const changes = (p.changes as { day: string; to: string }[]) ?? [];
      return {
        lead: CALLED_OFF.has(status as StrikeStatus) ? "Called off:" : "Changed:",
        text: changes.length
          ? `${e.union} strike on ${formatDayRuns(changes.map((c) => c.day))} is now ${status}`
          : `${e.union} strike is now ${status}`,
      };
    }
    case "stance.recorded":
      return {
        lead: "Stance:",
        text: describeStance(e.union, p.stance as StanceKind, String(p.about ?? "")),
      };
    default:
      return undefined;
  }
}

/**
 * The morning digest: strikes today, strikes in the next 7 days, and what changed since the
 * last digest, each with its source. Undefined when the subscription skips empty digests and
 * there is nothing to say.
 */
export async function composeDigest(
  store: EventStore,
  unions: Unions,
  sub: Subscription,
  now: Date,
  changes: readonly LoggedEvent[],
): Promise<Reply | undefined> {
  const today = dayInZone(now, sub.timeZone);
  const f = subscriptionFilters(sub, unions, today);
  const label = memoLabel((r) => sourceLabel(r.source, r.asOf, READER, sub.timeZone));
  // One query for the week ahead: a strike on today and later days is listed once, under today.
  const week = await store.strikeDays(query(f, today, addDays(today, 7)));
  const todays = week.filter((r) => r.day === today);
  const coming = week.filter((r) => r.day !== today);
  const changed = changes
    .filter((e) => eventMatches(e, f))
    .map(describeEventParts)
    .filter((x) => x !== undefined);
  if (sub.skipEmpty && todays.length === 0 && coming.length === 0 && changed.length === 0)
    return undefined;
  const { before, after } = describeFilters(f);
  const what = `${before ? `${before} ` : ""}strikes${after}`;
  const sections: ReplySection[] = [];
  const actions = actionsOf(week);
  const onToday = actions.filter((a) => a.days.some((d) => d.day === today));
  const later = actions.filter((a) => !a.days.some((d) => d.day === today));
  if (onToday.length)
    sections.push({
      heading: `Today, ${formatDay(today)}`,
      rows: onToday.map((a) => strikeRow(a, { label })),
      layout: "list",
    });
  if (later.length)
    sections.push({
      heading: "Next 7 days",
      rows: later.map((a) => strikeRow(a, { label })),
      layout: "list",
    });
  if (changed.length)
    sections.push({
      heading: "Since the last digest",
      rows: changed.map((c) => ({ cells: [c.lead, c.text] })),
      layout: "list",
    });
  return {
    kind: "answer",
    ephemeral: false,
    title: `Strike digest, ${formatDay(today, true)}`,
    text: todays.length ? undefined : `No ${what} today.`,
    sections,
    footer: coming.length ? undefined : `No ${what} in the next 7 days.`,
    data: {
      today,
      strikesToday: todays.length,
      strikesComing: coming.length,
      changes: changed.length,
    },
  };
}

export async function composeReminder(
  store: EventStore,
  unions: Unions,
  sub: Subscription,
  day: string,
  now: Date,
): Promise<Reply | undefined> {
  const f = subscriptionFilters(sub, unions, dayInZone(now, sub.timeZone));
  const rows = (await store.strikeDays(query(f, day, day))).filter(
    (r) => r.status === "planned" || r.status === "held",
  );
  if (rows.length === 0) return undefined;
  const label = memoLabel((r) => sourceLabel(r.source, r.asOf, READER, sub.timeZone));
  const when = day === dayInZone(now, sub.timeZone) ? "today" : "tomorrow";
  return {
    kind: "answer",
    ephemeral: false,
    title: `Reminder: strikes ${when}, ${formatDay(day, true)}`,
    sections: groupByAction(rows, { label, sections: "none" }),
  };
}

/** Changes made within this long of each other go out as one alert. */
export const ALERT_QUIET_MS = 60_000;
/** At most this many changes in one alert; a longer burst goes out in several. */
export const ALERT_MAX_CHANGES = 50;
const ALERT_PAGE = 200;

export interface AlertBatch {
  /** The key part of the outbox key: the first change's sequence number. */
  firstSeq: number;
  events: LoggedEvent[];
}

/**
 * The alerts a subscription is due after `afterSeq`: its matching changes, in log order, cut
 * into batches wherever a minute passes between one change and the next (or a batch is full),
 * and only batches that can no longer grow (a later change, or a quiet minute since the last).
 * Batches depend only on the log from `afterSeq` on, so a tick that dies before recording
 * `doneThrough` makes the same batches, under the same keys, next time: nothing twice.
 */
export async function dueAlertBatches(
  store: EventStore,
  afterSeq: number,
  f: StrikeFilters,
  now: Date,
  maxBatches = 20,
): Promise<{ batches: AlertBatch[]; doneThrough: number }> {
  const batches: AlertBatch[] = [];
  let open: LoggedEvent[] = [];
  let cursor = afterSeq;
  for (;;) {
    const page = await store.eventsAfter(cursor, ALERT_PAGE);
    for (const e of page) {
      cursor = e.seq;
      if (!eventMatches(e, f) || !describeEventParts(e)) continue;
      const last = open.at(-1);
      if (
        last &&
        (e.recordedAt.getTime() - last.recordedAt.getTime() >= ALERT_QUIET_MS ||
          open.length >= ALERT_MAX_CHANGES)
      ) {
        batches.push({ firstSeq: open[0]!.seq, events: open });
        open = [];
        // Enough for one tick: the next one starts where this batch ended.
        if (batches.length >= maxBatches) return { batches, doneThrough: e.seq - 1 };
      }
      open.push(e);
    }
    if (page.length < ALERT_PAGE) break;
  }
  const last = open.at(-1);
  if (!last) return { batches, doneThrough: cursor };
  if (now.getTime() - last.recordedAt.getTime() >= ALERT_QUIET_MS) {
    batches.push({ firstSeq: open[0]!.seq, events: open });
    return { batches, doneThrough: cursor };
  }
  // Still open: more may join it. The next tick reads it again from its first change.
  return { batches, doneThrough: open[0]!.seq - 1 };
}

/** One alert: a single change as a line, several as a list with their leads set apart. */
export function composeAlert(events: readonly LoggedEvent[]): Reply | undefined {
  const parts = events.map(describeEventParts).filter((p) => p !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1)
    return { kind: "answer", ephemeral: false, text: `${parts[0]!.lead} ${parts[0]!.text}` };
  return {
    kind: "answer",
    ephemeral: false,
    title: `Strike news: ${parts.length} changes`,
    sections: [
      { heading: "", rows: parts.map((p) => ({ cells: [p.lead, p.text] })), layout: "list" },
    ],
  };
}
