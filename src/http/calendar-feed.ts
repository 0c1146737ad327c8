import { createHash } from "node:crypto";
import ical, { ICalEventStatus } from "ical-generator";
import { addDays } from "../domain/calendar.ts";
import type { StrikeDay } from "../domain/facts.ts";
import { CALLED_OFF } from "../domain/vocabulary.ts";
import { publicSourceText } from "./public-source.ts";

/**
 * An iCalendar feed (RFC 5545): one all-day event per action and run of consecutive days, with a
 * UID stable across regenerations (action + first day), so calendar apps update rather than
 * duplicate; called-off runs are STATUS:CANCELLED; sources in the description. All-day dates
 * carry no time zone, so nothing shifts between GMT and BST.
 */
export function calendarFeed(
  rows: readonly StrikeDay[],
  opts: { name: string; host: string },
): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: "strikewatch", product: "strike calendar", language: "EN" },
  });
  const byAction = new Map<number, StrikeDay[]>();
  for (const r of rows) byAction.set(r.actionId, [...(byAction.get(r.actionId) ?? []), r]);
  for (const days of byAction.values()) {
    days.sort((a, b) => (a.day < b.day ? -1 : 1));
    let run: StrikeDay[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const first = run[0]!;
      const last = run.at(-1)!;
      const off = CALLED_OFF.has(first.status);
      const who = [first.union, first.workforce].filter(Boolean).join(" ");
      const where = first.regions.length ? ` (${first.regions.join(", ")})` : "";
      // Public text: a staff entry is "staff (Slack)", never a person; no internal links.
      const sources = [...new Set(run.map((d) => publicSourceText(d.source)))];
      cal.createEvent({
        id: `${createHash("sha1").update(`${first.actionId}|${first.day}`).digest("hex").slice(0, 20)}@${opts.host}`,
        allDay: true,
        start: new Date(`${first.day}T00:00:00Z`),
        end: new Date(`${addDays(last.day, 1)}T00:00:00Z`),
        summary: `${off ? "Called off: " : ""}${who} strike${where}`,
        description: `Status: ${first.status}\nSources:\n${sources.join("\n")}`,
        status: off
          ? ICalEventStatus.CANCELLED
          : first.status === "threatened"
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
      });
      run = [];
    };
    for (const d of days) {
      const prev = run.at(-1);
      if (prev && (addDays(prev.day, 1) !== d.day || prev.status !== d.status)) flush();
      run.push(d);
    }
    flush();
  }
  return cal.toString();
}
