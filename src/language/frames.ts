import type { Token } from "./tokens.ts";
import { lemma } from "./words.ts";

/**
 * Clause frames: the events a sentence speaks of (a strike, a ballot, talks, a return to work,
 * an announcement, action short of a strike) and, for each date, the event that governs it.
 * Only dates governed by a strike become strike days.
 */
export type EventKind =
  "strike" | "short_of_strike" | "ballot" | "talks" | "resume" | "say" | "other";

export interface EventHead {
  /** Token index of the head word (the last word of a multi-word head). */
  i: number;
  /** First token of the head. */
  start: number;
  kind: EventKind;
}

const STRIKE_NOT_AFTER = new Set([
  "ballot",
  "ballots",
  "vote",
  "votes",
  "mandate",
  "mandates",
  "fund",
  "pay",
  "threshold",
  "thresholds",
  "law",
  "laws",
  "legislation",
  "bill",
  "committee",
  "deal",
  "balance",
  "chord",
  "note",
  "pose",
  "agreement",
  "tone",
  "resemblance",
  "contrast",
  "example",
  "image",
  "papers",
  "results",
  "turnout",
]);
const STRIKE_NOT_BEFORE = new Set([
  "air",
  "drone",
  "missile",
  "military",
  "hunger",
  "lightning",
  "pre-emptive",
  "nuclear",
]);
const ACTION_OPENERS = new Set([
  "strike",
  "industrial",
  "further",
  "fresh",
  "more",
  "the",
  "this",
  "that",
  "of",
  "by",
  "new",
  "planned",
  "same",
  "their",
  "its",
  "latest",
  "continued",
  "coordinated",
  "co-ordinated",
  "joint",
  "national",
  "escalating",
  "all-out",
  "take",
  "taking",
  "took",
  "taken",
  "takes",
]);
const NOT_STRIKE_ACTION = new Set(["legal", "court", "disciplinary", "direct", "collective"]);

const KIND_BY_LEMMA = new Map<string, EventKind>([
  ["walkout", "strike"],
  ["stoppage", "strike"],
  ["picket", "strike"],
  ["ballot", "ballot"],
  ["vote", "ballot"],
  ["poll", "ballot"],
  ["referendum", "ballot"],
  ["turnout", "ballot"],
  ["talks", "talks"],
  ["talk", "talks"],
  ["negotiate", "talks"],
  ["meet", "talks"],
  ["summit", "talks"],
  ["discussions", "talks"],
  ["conciliation", "talks"],
  ["resume", "resume"],
  ["restart", "resume"],
  ["reopen", "resume"],
  ["collect", "resume"],
  ["collections", "resume"],
  ["collection", "resume"],
  ["empty", "resume"],
  ["catch-up", "resume"],
  ["say", "say"],
  ["announce", "say"],
  ["confirm", "say"],
  ["reveal", "say"],
  ["report", "say"],
  ["tell", "say"],
  ["statement", "say"],
  ["publish", "say"],
  ["interview", "say"],
  ["deadline", "other"],
  ["open", "other"],
  ["close", "other"],
  ["opens", "other"],
  ["closes", "other"],
  ["decide", "other"],
  ["consult", "other"],
  ["hearing", "other"],
  ["court", "other"],
  ["tribunal", "other"],
  ["election", "other"],
  ["inquiry", "other"],
  ["offer", "other"],
  ["table", "other"],
  ["rally", "other"],
  ["rallies", "other"],
  ["march", "other"],
  ["protest", "other"],
  ["protests", "other"],
  ["demonstration", "other"],
  ["demonstrations", "other"],
  ["lobby", "other"],
  ["budget", "other"],
  ["result", "ballot"],
  ["results", "ballot"],
]);

/** Event heads of a sentence's tokens `[ts, te)`, in order. */
export function eventHeads(t: readonly Token[], ts: number, te: number): EventHead[] {
  const out: EventHead[] = [];
  for (let i = ts; i < te; i++) {
    const tk = t[i]!;
    if (tk.kind !== "word") continue;
    const w = tk.w;
    const lm = lemma(w);
    const prev = i > ts ? t[i - 1]!.w : "";
    const next = i + 1 < te ? t[i + 1]!.w : "";
    if (lm === "strike") {
      if (STRIKE_NOT_BEFORE.has(prev)) continue;
      if (STRIKE_NOT_AFTER.has(next)) {
        // "strike ballot", "strike vote": the event is the ballot.
        if (next === "ballot" || next === "ballots" || next === "vote" || next === "votes") {
          out.push({ i: i + 1, start: i, kind: "ballot" });
          i++;
        }
        continue;
      }
      // "struck a deal", "strike the right balance"
      if (
        (next === "a" || next === "an" || next === "the") &&
        i + 3 < te &&
        STRIKE_NOT_AFTER.has(t[i + 2]!.w)
      )
        continue;
      if (
        (next === "a" || next === "an" || next === "the") &&
        i + 3 < te &&
        STRIKE_NOT_AFTER.has(t[i + 3]!.w)
      )
        continue;
      // "action short of a strike"
      if (
        (prev === "a" && i - 2 >= ts && t[i - 2]!.w === "of" && t[i - 3]?.w === "short") ||
        (prev === "of" && t[i - 2]?.w === "short")
      )
        continue;
      // "strike action": one head
      if (next === "action") {
        out.push({ i: i + 1, start: i, kind: "strike" });
        i++;
        continue;
      }
      out.push({ i, start: i, kind: "strike" });
      continue;
    }
    if (lm === "walk" && (next === "out" || next === "outs")) {
      out.push({ i: i + 1, start: i, kind: "strike" });
      i++;
      continue;
    }
    if (w === "walk" && next === "-" && t[i + 2]?.w.startsWith("out")) {
      out.push({ i: i + 2, start: i, kind: "strike" });
      i += 2;
      continue;
    }
    if (w === "action" || w === "actions") {
      if (next === "short") {
        out.push({ i, start: i, kind: "short_of_strike" });
        continue;
      }
      if (next === "plan" || next === "plans" || next === "to" || NOT_STRIKE_ACTION.has(prev))
        continue;
      if (prev === "industrial" || ACTION_OPENERS.has(prev) || prev === "of") {
        // "days of action", "industrial action", "further action"
        out.push({ i, start: i, kind: "strike" });
      }
      continue;
    }
    // "stop work", "stopped work": a strike
    if ((w === "stop" || w === "stops" || w === "stopped" || w === "stopping") && next === "work") {
      out.push({ i: i + 1, start: i, kind: "strike" });
      i++;
      continue;
    }
    if (w === "down" && next === "tools") {
      out.push({ i: i + 1, start: i, kind: "strike" });
      i++;
      continue;
    }
    if (w === "overtime" && (next === "ban" || next === "bans")) {
      out.push({ i: i + 1, start: i, kind: "short_of_strike" });
      i++;
      continue;
    }
    if (w === "work" && next === "to" && t[i + 2]?.w === "rule") {
      out.push({ i: i + 2, start: i, kind: "short_of_strike" });
      i += 2;
      continue;
    }
    if (lm === "return" && (next === "to" || next === "on")) {
      out.push({ i, start: i, kind: "resume" });
      continue;
    }
    if (
      (w === "normal" || w === "reduced" || w === "limited") &&
      (next === "service" || next === "services" || next === "timetable")
    ) {
      out.push({ i: i + 1, start: i, kind: "resume" });
      i++;
      continue;
    }
    if (w === "back" && next === "to" && (t[i + 2]?.w === "normal" || t[i + 2]?.w === "work")) {
      out.push({ i: i + 2, start: i, kind: "resume" });
      i += 2;
      continue;
    }
    const kind = KIND_BY_LEMMA.get(lm) ?? KIND_BY_LEMMA.get(w);
    if (kind === undefined) continue;
    // "march" the verb is a protest only in lower case; "March" is the month.
    if (w === "march" && tk.cap) continue;
    // "met" as in "the offer met": still talks, rarely a date's head otherwise.
    out.push({ i, start: i, kind });
  }
  return out;
}

/**
 * Clause boundaries of a sentence: semicolons and the conjunctions that start a clause of
 * their own ("but", "while", "whereas", "after", "although", ", with", ", which").
 */
const BREAK_WORDS = new Set([
  "but",
  "while",
  "whereas",
  "although",
  "though",
  "after",
  "because",
  "since",
  "whilst",
]);
const COMMA_BREAKS = new Set(["with", "which", "when", "as", "meaning", "leaving", "and"]);

export function clauseStarts(t: readonly Token[], ts: number, te: number): number[] {
  const out = [ts];
  for (let i = ts + 1; i < te; i++) {
    const w = t[i]!.w;
    if (w === ";" || w === "–" || (w === "-" && t[i]!.sp && t[i + 1]?.sp)) out.push(i + 1);
    else if (BREAK_WORDS.has(w) && t[i]!.kind === "word") {
      // "the day after", "shortly after": not a new clause
      const prev = t[i - 1]!.w;
      if (
        w === "after" &&
        (prev === "day" ||
          prev === "week" ||
          prev === "shortly" ||
          prev === "soon" ||
          prev === "morning")
      )
        continue;
      if (w === "since" && t[i + 1]?.kind === "num") continue;
      out.push(i);
    } else if (w === "," && COMMA_BREAKS.has(t[i + 1]?.w ?? "") && t[i + 1]!.w !== "and")
      out.push(i + 1);
  }
  return out;
}

/** The clause `[start, end)` holding token i. */
export function clauseOf(starts: readonly number[], te: number, i: number): [number, number] {
  let s = starts[0]!;
  let e = te;
  for (let k = 0; k < starts.length; k++) {
    if (starts[k]! <= i) {
      s = starts[k]!;
      e = starts[k + 1] ?? te;
    }
  }
  return [s, e];
}

/**
 * The event that governs a date at tokens `[ds, de)`: the nearest head before it in its
 * clause ("strike on 5 March", "talks on Monday"), else the first head after it in the clause
 * ("On 5 March, nurses will strike").
 */
export function governor(
  heads: readonly EventHead[],
  clause: [number, number],
  ds: number,
  de: number,
): EventHead | undefined {
  let before: EventHead | undefined;
  for (const h of heads) {
    if (h.i < ds && h.i >= clause[0]) before = h;
  }
  if (before) return before;
  for (const h of heads) if (h.start >= de && h.i < clause[1] && h.start - de <= 10) return h;
  return undefined;
}
