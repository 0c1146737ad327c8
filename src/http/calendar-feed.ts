import { createHash } from "node:crypto";
import { addDays, type IsoDay } from "../domain/calendar.ts";
import type { StoredSource, StrikeDay } from "../domain/facts.ts";
import { CALLED_OFF } from "../domain/vocabulary.ts";
import { publicSource as publicSourceOf, publicSourceName } from "./public-source.ts";

/**
 * An iCalendar feed (RFC 5545), written directly: one all-day VEVENT per action and run of
 * consecutive days with the same status. ical-generator was measured spending ~90 % of a large
 * feed in its line folding (it encodes every character on its own); this writer folds only the
 * lines that need it and is an order of magnitude faster on the same events, which is what lets
 * a million-day store publish a calendar at all. An independent parser (node-ical) checks its
 * output in the tests.
 *
 * Everything in the body comes from the data, never from the clock: DTSTAMP is when the source
 * last said so, so the same data always gives the same bytes and the same ETag.
 */

/** Longest SUMMARY (characters): a calendar grid shows a line, not a paragraph. */
export const MAX_SUMMARY = 200;
/** Longest DESCRIPTION (characters) and the most sources it lists. */
export const MAX_DESCRIPTION = 1500;
export const MAX_SOURCES = 5;
const MAX_LABEL = 150;
const MAX_URL = 500;

export interface CalendarEvent {
  uid: string;
  /** First day, and the day after the last (DTEND of an all-day event is exclusive). */
  start: IsoDay;
  end: IsoDay;
  summary: string;
  description: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  /** When the newest source of these days said so: DTSTAMP and LAST-MODIFIED. */
  stamp: Date;
}

export interface CalendarHead {
  /** The calendar's name as apps show it: says what it is filtered on. */
  name: string;
  description: string;
  /** The host part of every UID. */
  host: string;
}

/** Cuts `s` to at most `max` characters, marking the cut, without splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${s.slice(0, cut)}…`;
}

/**
 * A source as the public calendar cites it (public-source.ts: a person is "staff (Slack)", never
 * a name; only public web addresses are linked), its title capped and an overlong URL left out.
 */
export function publicSource(s: StoredSource): string {
  const p = publicSourceOf(s);
  if (p.kind === "staff") return publicSourceName(p);
  const title = clip(p.title, MAX_LABEL);
  return p.url && p.url.length <= MAX_URL ? `${title}: ${p.url}` : title;
}

/** UIDs never change for a run, so each is hashed once per process (a bounded memo). */
const uids = new Map<string, string>();

function uid(actionId: number, firstDay: IsoDay, host: string): string {
  const key = `${actionId}|${firstDay}|${host}`;
  let id = uids.get(key);
  if (id === undefined) {
    // The same formula as every earlier version of the feed: subscribers' events keep their UIDs.
    const h = createHash("sha1").update(`${actionId}|${firstDay}`).digest("hex").slice(0, 20);
    id = `${h}@${host}`;
    if (uids.size >= 100_000) uids.clear();
    uids.set(key, id);
  }
  return id;
}

/**
 * The runs in these rows: per action, consecutive days with one status, each in day order.
 * Cheap (no strings are built), so a caller can then turn the runs into events a chunk at a time.
 */
export function strikeRuns(rows: readonly StrikeDay[]): StrikeDay[][] {
  const runs: StrikeDay[][] = [];
  for (const days of byAction(rows).values()) runs.push(...runsOf(days));
  return runs;
}

/** Rows grouped by action, in the order given. */
export function byAction(
  rows: readonly StrikeDay[],
  into = new Map<number, StrikeDay[]>(),
): Map<number, StrikeDay[]> {
  for (const r of rows) {
    const list = into.get(r.actionId);
    if (list) list.push(r);
    else into.set(r.actionId, [r]);
  }
  return into;
}

const dayNumber = (day: IsoDay) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** One action's days (sorted here) as runs of consecutive days with one status. */
export function runsOf(days: StrikeDay[]): StrikeDay[][] {
  if (days.length > 1) days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const runs: StrikeDay[][] = [];
  let start = 0;
  let prevNumber = days.length ? dayNumber(days[0]!.day) : 0;
  for (let i = 1; i <= days.length; i++) {
    const prev = days[i - 1]!;
    const d = days[i];
    const n = d ? dayNumber(d.day) : 0;
    const consecutive = d !== undefined && prev.status === d.status && n - prevNumber === 1;
    prevNumber = n;
    if (consecutive) continue;
    runs.push(days.slice(start, i));
    start = i;
  }
  return runs;
}

/** Turns runs into events, remembering each source's public label across calls. */
export class EventBuilder {
  private readonly sources = new Map<number, string>();
  constructor(private readonly host: string) {}

  event(run: readonly StrikeDay[]): CalendarEvent {
    const first = run[0]!;
    const last = run.at(-1)!;
    const off = CALLED_OFF.has(first.status);
    const who = [first.union, first.workforce].filter(Boolean).join(" ");
    const where = first.regions.length ? ` (${first.regions.join(", ")})` : "";
    const sources = new Set<string>();
    let stamp = first.asOf;
    for (const d of run) {
      let label = this.sources.get(d.source.id);
      if (label === undefined) {
        label = publicSource(d.source);
        this.sources.set(d.source.id, label);
      }
      sources.add(label);
      if (d.asOf > stamp) stamp = d.asOf;
    }
    const listed = [...sources].slice(0, MAX_SOURCES);
    if (sources.size > listed.length) listed.push(`and ${sources.size - listed.length} more`);
    return {
      uid: uid(first.actionId, first.day, this.host),
      start: first.day,
      end: addDays(last.day, 1),
      summary: clip(`${off ? "Called off: " : ""}${who} strike${where}`, MAX_SUMMARY),
      description: clip(`Status: ${first.status}\nSources:\n${listed.join("\n")}`, MAX_DESCRIPTION),
      status: off ? "CANCELLED" : first.status === "threatened" ? "TENTATIVE" : "CONFIRMED",
      stamp,
    };
  }
}

/** By first day, then UID: the order events are written in, so the body is deterministic. */
export function byStartThenUid(a: CalendarEvent, b: CalendarEvent): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/** The events for these rows (in any order), in writing order. */
export function calendarEvents(rows: readonly StrikeDay[], host: string): CalendarEvent[] {
  const builder = new EventBuilder(host);
  return strikeRuns(rows)
    .map((run) => builder.event(run))
    .sort(byStartThenUid);
}

// TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newline are escaped; other
// control characters are not allowed at all, so they are dropped (tab is allowed), and so are
// the C1 controls. The Unicode line and paragraph separators are newlines to some parsers, so
// they are written as one.
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[\\;,\n\u2028\u2029\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const TEXT_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  ";": "\\;",
  ",": "\\,",
  "\n": "\\n",
  "\u2028": "\\n",
  "\u2029": "\\n",
};

export function escapeText(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(TEXT_SPECIAL, (c) => TEXT_ESCAPES[c] ?? "");
}

const CRLF = "\r\n";

/**
 * One content line, folded at 75 octets (RFC 5545 3.1): continuation lines start with a space,
 * and a fold never splits a UTF-8 sequence. Most lines are short ASCII and pass straight through.
 */
export function contentLine(line: string): string {
  if (line.length <= 75 && (line.length <= 25 || Buffer.byteLength(line) <= 75)) return line + CRLF;
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(line)) {
    // ASCII: an octet per character, so the folds fall every 75, then 74, characters.
    let out = line.slice(0, 75);
    for (let i = 75; i < line.length; i += 74) out += `${CRLF} ${line.slice(i, i + 74)}`;
    return out + CRLF;
  }
  let out = "";
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (octets + size > limit) {
      out += line.slice(start, i) + CRLF + " ";
      start = i;
      octets = 0;
      limit = 74; // the leading space counts
    }
    octets += size;
    if (pair) i++;
  }
  return out + line.slice(start) + CRLF;
}

const compactDay = (d: IsoDay) => d.replace(/-/g, "");
const utcStamp = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;

/** The VCALENDAR header: product, name and description (RFC 7986 and the X-WR- forms apps read). */
export function calendarHeader(head: CalendarHead): string {
  const name = escapeText(clip(head.name, MAX_SUMMARY));
  const description = escapeText(clip(head.description, MAX_DESCRIPTION));
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//strikewatch//strike calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    `DESCRIPTION:${description}`,
    `X-WR-CALDESC:${description}`,
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ]
    .map(contentLine)
    .join("");
}

export function calendarFooter(): string {
  return contentLine("END:VCALENDAR");
}

export function writeEvent(e: CalendarEvent): string {
  const stamp = utcStamp(e.stamp);
  return (
    "BEGIN:VEVENT\r\n" +
    contentLine(`UID:${e.uid}`) +
    `DTSTAMP:${stamp}\r\n` +
    `LAST-MODIFIED:${stamp}\r\n` +
    `DTSTART;VALUE=DATE:${compactDay(e.start)}\r\n` +
    `DTEND;VALUE=DATE:${compactDay(e.end)}\r\n` +
    contentLine(`SUMMARY:${escapeText(e.summary)}`) +
    contentLine(`DESCRIPTION:${escapeText(e.description)}`) +
    `STATUS:${e.status}\r\n` +
    // A strike day does not make the subscriber busy: it is information, not a meeting.
    "TRANSP:TRANSPARENT\r\n" +
    "END:VEVENT\r\n"
  );
}

/** The whole calendar in one string (small feeds and tests; the service writes in chunks). */
export function writeCalendar(head: CalendarHead, events: readonly CalendarEvent[]): string {
  return calendarHeader(head) + events.map(writeEvent).join("") + calendarFooter();
}

/** Kept for callers of the earlier API: the rows as one calendar named `name`. */
export function calendarFeed(
  rows: readonly StrikeDay[],
  opts: { name: string; host: string; description?: string },
): string {
  return writeCalendar(
    { name: opts.name, description: opts.description ?? opts.name, host: opts.host },
    calendarEvents(rows, opts.host),
  );
}
