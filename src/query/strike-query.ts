import { StrikewatchError } from "../errors.ts";
import * as chrono from "chrono-node";
import { isoDay, type IsoDay } from "../domain/calendar.ts";
import { findDayPhrases } from "../domain/day-phrases.ts";
import { matchNamedWindow, nextDays, type DayWindow } from "../domain/time-window.ts";
import type { UnionInfo, Unions } from "../domain/unions.ts";
import type { Sector, StrikeStatus } from "../domain/vocabulary.ts";
import { scanWords, splitWords, unknownWordError } from "./word-scanner.ts";

export interface StrikeFilters {
  unions: UnionInfo[];
  regions: string[];
  sectors: Sector[];
  workforces: string[];
  statuses: StrikeStatus[];
}

export interface ParsedStrikeQuery {
  window: DayWindow;
  /** False when the reader gave no time and got the default (the next 7 days). */
  explicitWindow: boolean;
  filters: StrikeFilters;
}

const EXPECTED =
  "a time (today, this week, next month, friday, 6 Feb, 6-10 Feb), a union (RCN), a region (Wales), " +
  "a workforce (nurses) or a sector (rail)";

/**
 * Understands what follows `/strikes`: one time window in any of the forms people type, and
 * filters in any order. Anything it cannot place is an error naming the word, never ignored:
 * a silently dropped "RNC" would answer a different question.
 */
export function parseStrikeQuery(text: string, today: IsoDay, unions: Unions): ParsedStrikeQuery {
  const phrases = findDayPhrases(text, { reference: today, impossible: "throw" });
  if (phrases.length > 1) {
    throw new StrikewatchError("ambiguous", `Give one date or one range, not ${phrases.length}.`, {
      hint: 'For example "6-10 Feb" or "from 6 to 10 February".',
    });
  }
  let window: DayWindow | undefined;
  let rest = text;
  const phrase = phrases[0];
  if (phrase) {
    window = { from: phrase.days[0]!, to: phrase.days.at(-1)! };
    rest = text.slice(0, phrase.start) + " " + text.slice(phrase.end);
  }

  const words = splitWords(rest);
  const scanned = scanWords(words, unions, (ws, i) => {
    const named = matchNamedWindow(ws, i, today);
    if (!named) return 0;
    if (window) {
      throw new StrikewatchError(
        "ambiguous",
        `Give one time, not both "${describe(window)}" and "${ws.slice(i, i + named.length).join(" ")}".`,
      );
    }
    window = named.window;
    return named.length;
  });
  const { terms } = scanned;
  let unknown = scanned.unknown;
  if (unknown.length > 0 && !window) {
    // Time words our rules do not know ("in two weeks", "in 10 days"): chrono-node, read as
    // British English and forward from today, if it accounts for every word left over.
    const casual = casualWindow(rest, today);
    if (casual && unknown.every((w) => casual.text.includes(w))) {
      window = casual.window;
      unknown = [];
    }
  }
  if (unknown.length > 0) throw unknownWordError(unknown[0]!, unions, EXPECTED);

  const filters: StrikeFilters = {
    unions: [],
    regions: [],
    sectors: [],
    workforces: [],
    statuses: [],
  };
  const add = <T>(list: T[], v: T) => {
    if (!list.includes(v)) list.push(v);
  };
  for (const t of terms) {
    if (t.kind === "union") add(filters.unions, t.value);
    else if (t.kind === "region") add(filters.regions, t.value.name);
    else if (t.kind === "workforce") add(filters.workforces, t.value.name);
    else if (t.kind === "sector") add(filters.sectors, t.value);
    else add(filters.statuses, t.value);
  }
  return { window: window ?? nextDays(today), explicitWindow: window !== undefined, filters };
}

function casualWindow(
  text: string,
  today: IsoDay,
): { window: DayWindow; text: string } | undefined {
  const ref = new Date(`${today}T12:00:00Z`);
  const results = chrono.en.GB.parse(text, ref, { forwardDate: true }).filter(
    (r) => !/^\d{1,2}$/.test(r.text.trim()),
  );
  if (results.length !== 1) return undefined;
  const r = results[0]!;
  const day = (c: chrono.ParsedComponents) =>
    isoDay(c.get("year")!, c.get("month")!, c.get("day")!);
  const from = day(r.start);
  const to = r.end ? day(r.end) : from;
  return to >= from ? { window: { from, to }, text: r.text } : undefined;
}

function describe(w: DayWindow): string {
  return w.phrase ?? (w.from === w.to ? w.from : `${w.from} to ${w.to}`);
}

/** "RCN nurses strikes in Wales": the filters as words, for titles and empty answers. */
export function describeFilters(f: StrikeFilters): { before: string; after: string } {
  const before = [
    f.statuses.join("/"),
    f.unions.map((u) => u.name).join("/"),
    f.sectors.join("/"),
    f.workforces.join("/"),
  ]
    .filter(Boolean)
    .join(" ");
  const after = f.regions.length ? ` in ${f.regions.join(" or ")}` : "";
  return { before, after };
}
