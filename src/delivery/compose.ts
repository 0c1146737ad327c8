import type { Caller } from "../command.ts";
import { addDays, dayInZone, formatDay, formatDayList } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { describeStance } from "../query/stance-words.ts";
import { describeFilters, parseStrikeQuery, type StrikeFilters } from "../query/strike-query.ts";
import { sourceLabel } from "../render/source-label.ts";
import { groupByDay, memoLabel } from "../render/strike-sections.ts";
import type { Reply, ReplySection } from "../reply.ts";
import type { Subscription } from "../store/delivery-store.ts";
import type { EventStore, LoggedEvent, StrikeQuery } from "../store/event-store.ts";
import type { StanceKind } from "../domain/vocabulary.ts";

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
  const p = e.payload as Record<string, unknown>;
  const who = [e.union, p.workforce].filter(Boolean).join(" ");
  const where =
    Array.isArray(p.regions) && p.regions.length ? ` (${(p.regions as string[]).join(", ")})` : "";
  switch (e.kind) {
    case "strike.announced": {
      const days = (p.days as string[]) ?? [];
      return `New: ${who}${where} strike${days.length ? ` on ${formatDayList(days)}` : ", no dates yet"} (${String(p.status)})`;
    }
    case "strike.days_added":
      return `More days: ${e.union} strike on ${formatDayList(p.days as string[])}`;
    case "strike.status_changed": {
      const changes = (p.changes as { day: string; to: string }[]) ?? [];
      return changes.length
        ? `${e.union} strike on ${formatDayList(changes.map((c) => c.day))} is now ${String(p.status)}`
        : `${e.union} strike is now ${String(p.status)}`;
    }
    case "stance.recorded":
      return `Stance: ${describeStance(e.union, p.stance as StanceKind, String(p.about ?? ""))}`;
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
  const todays = await store.strikeDays(query(f, today, today));
  const coming = await store.strikeDays(query(f, addDays(today, 1), addDays(today, 7)));
  const changed = changes
    .filter((e) => eventMatches(e, f))
    .map(describeEvent)
    .filter((x): x is string => Boolean(x));
  if (sub.skipEmpty && todays.length === 0 && coming.length === 0 && changed.length === 0)
    return undefined;
  const { before, after } = describeFilters(f);
  const what = `${before ? `${before} ` : ""}strikes${after}`;
  const sections: ReplySection[] = [];
  if (todays.length)
    sections.push(
      ...groupByDay(todays, label).map((s) => ({ ...s, heading: `Today, ${s.heading}` })),
    );
  if (coming.length) sections.push(...groupByDay(coming, label));
  if (changed.length)
    sections.push({
      heading: "Since the last digest",
      rows: changed.map((c) => ({ cells: [c] })),
      layout: "block",
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
    sections: groupByDay(rows, label),
  };
}
