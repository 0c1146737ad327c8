import type { IsoDay } from "../../domain/calendar.ts";

import { regionIndex } from "../../domain/regions.ts";
import type { Unions } from "../../domain/unions.ts";
import type { Sector, StrikeStatus } from "../../domain/vocabulary.ts";
import { workforces as workforceIndex } from "../../domain/workforces.ts";
import { DateGrammar } from "../../language/dates/grammar.ts";
import {
  dayIndex,
  daysTouched,
  resolveDates,
  resolveRecurrence,
  spanFrom,
  spanUntil,
  type ResolveContext,
} from "../../language/dates/resolve.ts";
import type { DateExpr, Duration, Interval } from "../../language/dates/types.ts";
import {
  clauseOf,
  clauseStarts,
  eventHeads,
  governor,
  type EventHead,
} from "../../language/frames.ts";
import { PhraseTrie } from "../../language/phrase-trie.ts";
import { clauseStatus, type ClauseStatus } from "../../language/status.ts";
import { splitSentences, tokenize, type Sentence, type Token } from "../../language/tokens.ts";
import { UnionNames, type UnionMention } from "../../language/union-names.ts";
import { lemma } from "../../language/words.ts";
import { stanceCues } from "./stance-cues.ts";
import type { ArticleInput, Extraction, ExtractedStance, ExtractedStrike } from "./types.ts";

/**
 * Reads one article with the layers of `src/language/`: one token stream, sentences bounded
 * in length, the date grammar per sentence, clause frames deciding which dates are strike days,
 * union resolution over the discourse, status per clause, regions per clause. Every pairing
 * step looks at a bounded window of sentences, so cost is linear in the text.
 */

/** Longest sentence, in tokens, before it is cut into windows (a 400 KB text without stops). */
const MAX_SENTENCE_TOKENS = 160;
/** How many sentences later an action's end may be stated ("Their action is due to last until …"). */
const SPAN_WINDOW = 3;

type Via =
  | "named"
  | "list"
  | "agent"
  | "source"
  | "anaphor"
  | "topic"
  | "next"
  | "workforce"
  | "only"
  | "day_of_action"
  | "unknown";
const CONFIDENCE: Record<Via, number> = {
  named: 0.9,
  agent: 0.9,
  list: 0.85,
  source: 0.85,
  anaphor: 0.75,
  topic: 0.75,
  next: 0.75,
  workforce: 0.75,
  day_of_action: 0.75,
  only: 0.7,
  unknown: 0.6,
};

interface Info {
  sent: Sentence;
  isTitle: boolean;
  mentions: UnionMention[];
  dates: DateExpr[];
  heads: EventHead[];
  starts: number[];
  workforce: { name: string; sector: Sector; i: number } | undefined;
  workforces: { name: string; sector: Sector; i: number }[];
  regions: { name: string; nation: string; i: number }[];
  caption: boolean;
  contrast: boolean;
  heading: boolean;
  flags: number;
}

interface Fact {
  union: string;
  day: IsoDay;
  status: StrikeStatus;
  info: Info;
  via: Via;
  whenText: string;
  regions: string[];
  workforce: { name: string; sector: Sector } | undefined;
}

const ANAPHORS = new Set(["it", "they", "its", "their"]);
const CONTRAST = [
  ["separately"],
  ["meanwhile"],
  ["elsewhere"],
  ["in", "a", "separate"],
  ["in", "an", "unconnected"],
  ["in", "a", "different"],
  ["in", "another"],
  ["in", "other", "news"],
];
const SAY_VERBS = new Set([
  "said",
  "says",
  "confirmed",
  "announced",
  "added",
  "revealed",
  "stated",
  "warned",
  "told",
  "claimed",
  "insisted",
  "explained",
  "has",
  "have",
]);
const EMPLOYER_WORDS = new Set([
  "government",
  "minister",
  "ministers",
  "secretary",
  "employer",
  "employers",
  "trust",
  "trusts",
  "council",
  "councils",
  "company",
  "management",
  "managers",
  "board",
  "firm",
  "operator",
  "operators",
  "department",
  "executive",
  "spokesperson",
  "spokesman",
  "spokeswoman",
  "chancellor",
  "mayor",
  "health",
  "nhs",
]);

export function createArticleReader(unions: Unions): (article: ArticleInput) => Extraction {
  const names = new UnionNames(unions);
  return (article) => readArticle(article, names, unions);
}

function readArticle(article: ArticleInput, names: UnionNames, unions: Unions): Extraction {
  const title = article.title.replace(/^untitled:\s*/i, "").trim();
  const firstLine = article.text.split("\n", 1)[0]?.trim() ?? "";
  const useTitle = title !== "" && !/^untitled:/i.test(article.title) && title !== firstLine;
  const text = useTitle ? `${title}\n${article.text}` : article.text;
  const t = tokenize(text);
  const sentences = bound(splitSentences(text, t, useTitle ? 0 : 1), t);
  const learned = names.learn(text, t);
  const grammar = new DateGrammar(t, { prose: true });

  // Pass 1: what each sentence names. One look-up a word decides which readers a sentence
  // needs, so quotes and background cost little more than their tokens.
  const firstMentions = sentences.map((s) => names.find(text, t, s.ts, s.te, learned, undefined));
  const named = new Set(firstMentions.flat().map((m) => m.union));
  const infos: Info[] = sentences.map((s, k) => {
    const flags = sentenceFlags(t, s.ts, s.te);
    const mentions = named.size
      ? names.withDescriptors(t, s.ts, s.te, firstMentions[k]!, named)
      : firstMentions[k]!;
    const dated = (flags & F_DATE) !== 0;
    const eventful = dated || (flags & F_STRIKE) !== 0;
    const wf = eventful || mentions.length ? findWorkforces(t, s.ts, s.te) : [];
    return {
      sent: s,
      isTitle: useTitle && s.paragraph === 0,
      mentions,
      dates: dated ? grammar.findAll(s.ts, s.te) : [],
      heads: eventful ? eventHeads(t, s.ts, s.te) : [],
      starts: eventful ? clauseStarts(t, s.ts, s.te) : [s.ts],
      workforce: wf[0],
      workforces: wf,
      regions: findRegions(t, s.ts, s.te, mentions),
      caption: s.unpunctuated,
      contrast: startsWithContrast(t, s.ts),
      heading: s.unpunctuated && s.te - s.ts <= 12 && !s.bullet,
      flags,
    };
  });

  const linkedWorkforce = linkWorkforces(infos, t);
  // Places of the title and first paragraph, for strikes whose sentence names none (only when
  // the text has paragraphs: one long line is not a lead).
  const paragraphs = new Set(infos.map((x) => x.sent.paragraph)).size;
  // Failing that, the one nation the whole text names (every place it names lies in it).
  const everywhere = infos.flatMap((x) => x.regions);
  const nationsNamed = new Set(everywhere.map((r) => r.nation));
  const leadRegions =
    paragraphs > 2
      ? pickRegions(infos.filter((x) => x.sent.paragraph <= 1).flatMap((x) => x.regions))
      : [];
  const textNation = nationsNamed.size === 1 && !nationsNamed.has("UK") ? [...nationsNamed] : [];
  const fallbackRegions = leadRegions.length ? leadRegions : textNation;
  const articleUnions = new Set(
    infos.flatMap((x) => x.mentions.filter((m) => !m.bracketed).map((m) => m.union)),
  );
  const articleOff = articleOffStatus(infos, t);
  const facts: Fact[] = [];

  const ctxFor = (status: ClauseStatus, anchor: IsoDay | undefined): ResolveContext => {
    const c: ResolveContext = { today: article.published, tense: status.tense, maxSpanDays: 62 };
    if (anchor) c.anchor = anchor;
    return c;
  };

  // Pass 2: strike frames.
  let lastDay: IsoDay | undefined;
  const openStarts: {
    k: number;
    union: string[];
    start: number;
    status: StrikeStatus;
    info: Info;
    via: Via;
    regions: string[];
    workforce: Fact["workforce"];
    /** A single strike day, not a written start: it opens a span only for "continue until". */
    point: boolean;
  }[] = [];
  // A header line ending in ":" over a strike, and the dated lines under it.
  let header: { k: number; owners: Owners } | undefined;
  // The unions of the last strike named with its union: "the walkouts", "the action" refer to it.
  const lastStrike: { k: number; unions: string[] } = { k: -99, unions: [] };
  infos.forEach((info, k) => {
    for (const h of info.heads) {
      if (h.kind !== "strike") continue;
      const clause = clauseOf(info.starts, info.sent.te, h.i);
      const us = unique(
        info.mentions
          .filter((m) => !m.bracketed && m.ts >= clause[0] && m.ts < clause[1])
          .map((m) => m.union),
      );
      if (us.length) {
        lastStrike.k = k;
        lastStrike.unions = us;
      }
    }
    if (info.contrast) lastStrike.k = -99;
    const s = info.sent;
    const prev = infos[k - 1];
    const strikeHeads = info.heads.filter((h) => h.kind === "strike");
    if (
      info.sent.endsWithColon &&
      (strikeHeads.length > 0 || (prev?.heads.some((h) => h.kind === "strike") ?? false))
    ) {
      const hm = unique(info.mentions.filter((m) => !m.bracketed).map((m) => m.union));
      header = {
        k,
        owners: hm.length
          ? { unions: hm, via: "list" }
          : {
              unions: [lastUnionBefore(infos, k + 1)].filter((u): u is string => !!u),
              via: "list",
            },
      };
      if (info.dates.every((x) => x.kind !== "dates")) return;
    }
    const lineStart = t[s.ts]!.nl || s.ts === 0;
    // Date lines under a strike sentence ("• Tuesday, February 14: every school in Wales").
    if (!header && itemLine(info, t) && !strikeHeads.length) {
      let j = k - 1;
      while (j >= 0 && itemLine(infos[j]!, t)) j--;
      const h = infos[j];
      if (h && h.heads.some((x) => x.kind === "strike")) {
        const hm = unique(h.mentions.filter((m) => !m.bracketed).map((m) => m.union));
        const u = hm.length ? hm : [lastUnionBefore(infos, j + 1)].filter((v): v is string => !!v);
        header = { k: j, owners: { unions: u, via: "list" } };
      }
    }
    const item =
      header !== undefined &&
      lineStart &&
      info.dates[0] !== undefined &&
      info.dates[0].ts - s.ts <= 2 &&
      info.dates[0].kind === "dates" &&
      k !== header.k;
    if (header && lineStart && !item && k !== header.k && !info.sent.bullet) header = undefined;
    for (let d = 0; d < info.dates.length; d++) {
      const x = info.dates[d]!;
      if (x.kind !== "dates" && x.kind !== "recurrence") continue;
      if (x.kind === "recurrence" && x.recurrence!.weekdays.length === 7 && !x.recurrence!.from)
        continue;
      if (item && d > 0) break;
      const clause = clauseOf(info.starts, s.te, x.ts);
      let head = item
        ? ({ i: x.ts, start: x.ts, kind: "strike" } as EventHead)
        : governor(info.heads, clause, x.ts, x.te);
      // A date in a sentence with no event of its own that gives the days of the strike the
      // sentence before announced without them ("Schools will shut on 22 and 23 February").
      if (
        !head &&
        info.heads.length === 0 &&
        prev &&
        prev.heads.some((h) => h.kind === "strike") &&
        (prev.dates.every((y) => y.kind !== "dates") || prev.sent.paragraph === s.paragraph) &&
        x.elements.some((e) => e.from.day !== undefined) &&
        !negated(t, s.ts, s.te) &&
        !isDateline(info, t) &&
        !info.isTitle
      ) {
        head = { i: x.ts, start: x.ts, kind: "strike" };
      }
      if (!head && strikeHeads.length > 0 && info.heads.every((h) => h.kind === "strike"))
        head = strikeHeads[0];
      // "It begins at 7am on Thursday, 24th and ends …", "Another will take place from 4 to 10
      // January": a sentence about the timing of the strike just spoken of.
      if (
        !head &&
        info.heads.length === 0 &&
        recentStrike(infos, k) &&
        timingPredicate(t, s.ts, x.ts)
      )
        head = { i: x.ts, start: x.ts, kind: "strike" };
      if (!head || head.kind !== "strike") continue;
      const status = clauseStatus(t, s.ts, s.te, clause[0], clause[1], head.i, info.caption);
      if (status.denied) continue;
      const role = x.role !== "point" ? x.role : (verbRole(t, s.ts, x) ?? "point");
      const resolved = resolveExpression(x, role, info, d, ctxFor(status, lastDay), infos[k - 1]);
      if (!resolved || resolved.days.length === 0) continue;
      lastDay = resolved.days.at(-1);
      let days = resolved.days;
      // A stated count of days over a longer range ("for 11 days between 24 December and 26
      // January", "20 further strike days from 13 March to 21 April"): a window, not a run.
      const count = statedCount(info);
      // (Each range against the count: "two four-day strikes, from … and from …" is two runs.)
      if (
        count !== undefined &&
        x.elements.some((e) => e.to) &&
        resolved.runs.some((run) => run.length > count)
      )
        continue;
      // Spans: a lone start with its end stated in a later sentence about the same action.
      let owners =
        item && header
          ? header.owners
          : ownersOf(info, k, x, clause, head, infos, t, named, articleUnions, linkedWorkforce);
      // "The walkouts are set for …": the strike spoken of before, with its union.
      if (owners.via === "unknown" || owners.via === "only") {
        if (
          k - lastStrike.k <= 4 &&
          lastStrike.k < k &&
          definiteStrikeBefore(t, clause[0], x.ts, info.heads)
        )
          owners = { unions: lastStrike.unions, via: "anaphor" };
      }
      const st = statusOf(status, articleOff, days[0]!, article.published);
      const regions = regionsFor(info, clause, x, nearbyRegions(infos, k) ?? fallbackRegions, t);
      const workforce = workforceFor(info, clause);
      const single = x.elements.length === 1 && !x.elements[0]!.to && days.length === 1;
      if ((role === "start" || (role === "point" && single)) && !resolved.lengthApplied) {
        openStarts.push({
          k,
          union: owners.unions,
          start: dayIndex(days[0]!) * 1440 + (x.elements[0]!.from.minute ?? 0),
          status: st,
          info,
          via: owners.via,
          regions,
          workforce,
          point: role === "point",
        });
      }
      if (role === "end" && !resolved.lengthApplied) {
        // A lone end pairs with the latest open start of the same action.
        const endRef = x.elements[0]!.from;
        // Starts older than the window can no longer be paired: forget them (bounded work).
        while (openStarts.length && k - openStarts[0]!.k > SPAN_WINDOW) openStarts.shift();
        const open = openStarts.at(-1);
        if (!open) continue;
        // A strike day followed by "The action is due to continue until D": one span.
        if (
          open.point &&
          !(
            open.k === k - 1 &&
            continuation(t, s.ts, x.ts) &&
            (definiteStrikeBefore(t, s.ts, x.ts, info.heads) || anaphorBefore(t, s.ts, x.ts, head))
          )
        )
          continue;
        let endDay = dayIndex(days.at(-1)!);
        // "until 7am on Friday": the first Friday after the start.
        if (endRef.weekday !== undefined && endRef.day === undefined) {
          const startDay = Math.floor(open.start / 1440);
          endDay =
            startDay +
            ((((endRef.weekday - ((((startDay + 3) % 7) + 7) % 7) - 1) % 7) + 7) % 7 || 7);
        }
        if (endDay * 1440 < open.start) continue;
        const endAt =
          endRef.minute === undefined || endRef.midnight
            ? (endDay + 1) * 1440
            : endDay * 1440 + endRef.minute;
        days = daysTouched({ start: open.start, end: endAt });
        if (days.length > 62) continue;
        openStarts.splice(openStarts.indexOf(open), 1);
        for (const union of open.union.length ? open.union : ["unknown"])
          for (const day of days)
            facts.push({
              union,
              day,
              status: open.status,
              info: open.info,
              via: open.via,
              whenText: text.slice(x.s, x.e),
              regions: open.regions,
              workforce: open.workforce,
            });
        continue;
      }
      const when = text.slice(x.s, x.e);
      // Held or planned by each run's own first day ("from Monday until Christmas Eve and again
      // from 29-31 December", published on the Monday: the first run is held, the second planned).
      const statusByDay = new Map<IsoDay, StrikeStatus>();
      for (const run of resolved.runs)
        for (const day of run)
          statusByDay.set(day, statusOf(status, articleOff, run[0]!, article.published));
      for (const union of owners.unions.length ? owners.unions : ["unknown"])
        for (const day of days)
          facts.push({
            union,
            day,
            status: statusByDay.get(day) ?? st,
            info,
            via: owners.unions.length ? owners.via : "unknown",
            whenText: when,
            regions,
            workforce,
          });
      void k;
    }
  });

  // Bulleted or listed unions under a dated day of action.
  addListedUnions(infos, facts, t, text, unions);
  addDayOfAction(infos, facts);

  const kept = dropShadowedUnknowns(facts);
  const strikes = groupStrikes(kept, unions, linkedWorkforce, infos, text);
  strikes.push(...undatedStrikes(infos, kept, unions, text, linkedWorkforce));
  const stances = extractStances(infos, text, t, articleUnions);
  return { relevant: strikes.length > 0 || stances.length > 0, strikes, stances };
}

// ---- sentences -----------------------------------------------------------------------

/** Cuts sentences longer than the window so no step ever sees an unbounded stretch. */
function bound(sentences: Sentence[], t: readonly Token[]): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sentences) {
    if (s.te - s.ts <= MAX_SENTENCE_TOKENS) {
      out.push({ ...s, index: out.length });
      continue;
    }
    for (let a = s.ts; a < s.te;) {
      let b = Math.min(s.te, a + MAX_SENTENCE_TOKENS);
      // Prefer to cut at a comma or semicolon in the last quarter of the window.
      for (let j = b - 1; j > a + (MAX_SENTENCE_TOKENS * 3) / 4 && b < s.te; j--) {
        if (t[j]!.w === "," || t[j]!.w === ";") {
          b = j + 1;
          break;
        }
      }
      out.push({ ...s, index: out.length, ts: a, te: b, s: t[a]!.s, e: t[b - 1]!.e });
      a = b;
    }
  }
  return out;
}

const F_DATE = 1;
const F_STRIKE = 2;
const F_STANCE = 4;
const F_OFF = 8;
/** What a word may signal: a date, a strike, a stance, a call-off. */
const FLAGS = new Map<string, number>();
for (const w of [
  "tomorrow",
  "tonight",
  "christmas",
  "easter",
  "weekend",
  "hogmanay",
  "halloween",
  "midnight",
  "midday",
  "noon",
  "week",
  "month",
  "fortnight",
  "hour",
  "hours",
  "weeks",
  "months",
])
  FLAGS.set(w, F_DATE);
for (const w of [
  "strike",
  "strikes",
  "struck",
  "striking",
  "walkout",
  "walkouts",
  "walk",
  "walked",
  "walking",
  "walks",
  "stoppage",
  "stoppages",
  "action",
  "picket",
  "picketing",
  "pickets",
  "picketed",
  "tools",
  "stop",
  "stopped",
  "stops",
  "stopping",
])
  FLAGS.set(w, (FLAGS.get(w) ?? 0) | F_STRIKE);
for (const w of [
  "reject",
  "rejected",
  "rejects",
  "rejecting",
  "rejection",
  "accept",
  "accepted",
  "accepts",
  "acceptance",
  "ballot",
  "balloted",
  "balloting",
  "ballots",
  "vote",
  "voted",
  "votes",
  "voting",
  "talks",
  "talking",
  "suspend",
  "suspended",
  "suspends",
  "pause",
  "paused",
  "pausing",
  "escalate",
  "escalated",
  "escalating",
  "escalation",
  "welcome",
  "welcomed",
  "welcomes",
  "consult",
  "consulting",
  "consulted",
  "consider",
  "considering",
  "mandate",
  "turnout",
  "threshold",
  "backed",
  "backing",
  "support",
  "supported",
  "step",
  "stepped",
  "intensify",
  "intensified",
  "down",
  "insulting",
  "unacceptable",
  "inadequate",
  "enough",
  "short",
  "halt",
  "halts",
  "recommend",
  "recommended",
  "put",
  "reception",
  "stopped",
  "table",
  "negotiations",
  "asked",
  "ramp",
  "ramped",
  "ramping",
  "boycott",
  "mandates",
  "withdrawn",
  "withdrew",
  "fall",
  "falls",
  "turn",
  "turned",
  "turns",
  "turning",
  "gave",
  "fail",
  "failed",
  "fails",
  "throw",
  "thrown",
  "refused",
  "refuses",
  "refusing",
  "fallen",
  "backing",
  "missed",
  "talk",
  "halted",
  "steps",
  "stepping",
  "escalates",
  "intensifies",
  "intensifying",
  "draws",
  "welcoming",
])
  FLAGS.set(w, (FLAGS.get(w) ?? 0) | F_STANCE);
for (const w of [
  "cancel",
  "cancelled",
  "canceled",
  "cancels",
  "call",
  "called",
  "calls",
  "off",
  "suspend",
  "suspended",
  "suspends",
  "suspending",
  "pause",
  "paused",
  "pauses",
  "postpone",
  "postponed",
  "postpones",
  "delay",
  "delayed",
  "rescheduled",
  "scrapped",
  "axed",
  "abandoned",
  "withdrawn",
  "deferred",
  "halted",
  "hold",
  "pushed",
])
  FLAGS.set(w, (FLAGS.get(w) ?? 0) | F_OFF);

function sentenceFlags(t: readonly Token[], ts: number, te: number): number {
  let f = 0;
  for (let i = ts; i < te; i++) {
    const tk = t[i]!;
    if (tk.kind === "num") f |= F_DATE;
    else if (tk.kind === "word") f |= FLAGS.get(tk.w) ?? 0;
  }
  return f;
}
// Month and weekday names, holidays' last words and "today" mark a sentence as dated.
for (const w of [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "mondays",
  "tuesdays",
  "wednesdays",
  "thursdays",
  "fridays",
  "saturdays",
  "sundays",
  "today",
  "yesterday",
  "day",
  "days",
  "holiday",
  "eve",
  "night",
])
  FLAGS.set(w, (FLAGS.get(w) ?? 0) | F_DATE);
const MONTH_WORDS = new Set([
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "mon",
  "tue",
  "tues",
  "wed",
  "thu",
  "thur",
  "thurs",
  "fri",
  "sat",
  "sun",
]);
for (const w of MONTH_WORDS) FLAGS.set(w, (FLAGS.get(w) ?? 0) | F_DATE);

function startsWithContrast(t: readonly Token[], ts: number): boolean {
  return CONTRAST.some((seq) => seq.every((w, k) => t[ts + k]?.w === w));
}

/** "on 03 February 2023", "Ella Kipling January 17, 2023": a date with barely a sentence around it. */
function isDateline(info: Info, t: readonly Token[]): boolean {
  let words = 0;
  for (let i = info.sent.ts; i < info.sent.te; i++) {
    if (info.dates.some((x) => i >= x.ts && i < x.te)) continue;
    if (t[i]!.kind === "word") words++;
  }
  return words <= 4;
}

// ---- dates of a frame -------------------------------------------------------------------

interface Resolved {
  days: IsoDay[];
  /** The days of each element (a range, a day), each held or planned by its own first day. */
  runs: IsoDay[][];
  lengthApplied: boolean;
}

const START_LEMMAS = new Set(["start", "begin", "commence", "launch"]);
const SPAN_VERBS = new Set(["run", "last", "continue", "go"]);
const END_LEMMAS = new Set(["end", "finish", "conclude"]);
const ROLE_SKIP = new Set([
  "on",
  "at",
  "from",
  "the",
  "will",
  "to",
  "be",
  "due",
  "is",
  "are",
  "set",
  "and",
  "then",
  "would",
  "shall",
  "should",
  "officially",
  "formally",
  // "begin a three-day walkout on D": the action named between the verb and its date
  "a",
  "an",
  "its",
  "their",
  "strike",
  "strikes",
  "walkout",
  "walkouts",
  "stoppage",
  "action",
  "industrial",
  "-",
  "day",
  "hour",
  "week",
]);

/** "due to start on D", "and finish on D", "ends at 8am on D": the verb makes the date one end of a span. */
function verbRole(t: readonly Token[], ss: number, x: DateExpr): "start" | "end" | undefined {
  if (x.elements.length !== 1 || x.elements[0]!.to) return undefined;
  for (let i = x.ts - 1; i >= ss && i >= x.ts - 9; i--) {
    const w = t[i]!.w;
    const lm = lemma(w);
    if (START_LEMMAS.has(lm)) return "start";
    if (END_LEMMAS.has(lm)) return "end";
    // "runs to 7am on Friday", "lasts to", "continues through"
    if (SPAN_VERBS.has(lm) && (t[i + 1]?.w === "to" || t[i + 1]?.w === "through")) return "end";
    if (!ROLE_SKIP.has(w) && t[i]!.kind !== "num" && !COUNT_WORDS_SMALL.has(w)) return undefined;
  }
  return undefined;
}

function resolveExpression(
  x: DateExpr,
  role: "point" | "start" | "end",
  info: Info,
  d: number,
  ctx: ResolveContext,
  prev: Info | undefined,
): Resolved | undefined {
  if (x.kind === "recurrence") {
    const days = resolveRecurrence(x, ctx);
    return { days, runs: days.map((d) => [d]), lengthApplied: false };
  }
  const r = resolveDates(x, ctx);
  if (r.days.length === 0) return undefined;
  // Weekday names beside explicit dates that fall on them are checks, not extra days.
  if (isWeekdayCheck(x, info)) return undefined;
  // A length ("a three-day strike", "for 72 hours") in the same sentence applies to a single start or end.
  // A lone start may take its length from the sentence before ("a 72-hour strike in the new
  // year. … a walkout from January 15").
  const length =
    lengthNear(info, d) ??
    (role === "start" && prev && !info.dates.some((y) => y.kind === "duration")
      ? onlyLength(prev)
      : undefined);
  if (length && x.elements.length === 1 && !x.elements[0]!.to && r.intervals.length === 1) {
    const el = x.elements[0]!.from;
    const iv = r.intervals[0]!;
    const at = el.minute !== undefined ? iv.start : iv.start;
    let span: Interval;
    if (role === "end") {
      const end = el.minute !== undefined ? iv.start + 0 : iv.end;
      span = spanUntil(end, length);
    } else span = spanFrom(at, length);
    const days = daysTouched(span);
    // Any stated length is kept ("a 999-day strike"): whether it is plausible is ingest's call (it holds such readings for review).
    return { days, runs: [days], lengthApplied: true };
  }
  return { days: r.days, runs: r.intervals.map(daysTouched), lengthApplied: false };
}

function isWeekdayCheck(x: DateExpr, info: Info): boolean {
  const weekdayOnly = x.elements.every(
    (e) =>
      e.from.weekday !== undefined &&
      e.from.day === undefined &&
      e.from.offset === undefined &&
      !e.to,
  );
  if (!weekdayOnly) return false;
  const explicit = info.dates.filter(
    (y) =>
      y !== x &&
      y.kind === "dates" &&
      y.elements.some(
        (e) => e.from.day !== undefined && (e.from.month !== undefined || e.from.ordinal),
      ),
  );
  if (explicit.length === 0) return false;
  // Explicit dates in the sentence; the weekday names describe them.
  return true;
}

/**
 * The length that goes with date d: written just before it ("for four days from 18 August"),
 * just after it ("from 7am on 9 October for 48 hours"), or the sentence's only length when the
 * sentence has only one single date ("a three-day strike … starting on Monday").
 */
function onlyLength(info: Info): Duration | undefined {
  const ls = info.dates.filter((y) => y.kind === "duration" && y.duration!.form === "length");
  const dated = info.dates.some((y) => y.kind === "dates");
  return ls.length === 1 && !dated ? ls[0]!.duration : undefined;
}

const CONTINUE_LEMMAS = new Set(["continue", "last", "run", "extend", "go"]);
/** "is due to continue until", "will last until", "runs until", "goes on until". */
function continuation(t: readonly Token[], ss: number, ds: number): boolean {
  for (let i = Math.max(ss, ds - 6); i < ds; i++)
    if (CONTINUE_LEMMAS.has(lemma(t[i]!.w))) return true;
  return false;
}

function recentStrike(infos: readonly Info[], k: number): boolean {
  for (let j = k - 1; j >= 0 && j >= k - 2; j--)
    if (infos[j]!.heads.some((h) => h.kind === "strike")) return true;
  return false;
}

const TIMING_LEMMAS = new Set([
  "begin",
  "start",
  "end",
  "finish",
  "run",
  "last",
  "continue",
  "commence",
]);
/** "begins at", "ends on", "runs until", "will take place", "goes ahead": a predicate of timing. */
function timingPredicate(t: readonly Token[], ss: number, ds: number): boolean {
  for (let i = ss; i < ds; i++) {
    const w = t[i]!.w;
    if (TIMING_LEMMAS.has(lemma(w))) return true;
    if ((w === "take" || w === "takes" || w === "took") && t[i + 1]?.w === "place") return true;
    if ((w === "go" || w === "goes" || w === "going") && t[i + 1]?.w === "ahead") return true;
  }
  return false;
}

function lengthNear(info: Info, d: number): Duration | undefined {
  const x = info.dates[d]!;
  const prev = info.dates[d - 1];
  const next = info.dates[d + 1];
  const isLength = (y: DateExpr | undefined) =>
    y?.kind === "duration" && y.duration!.form === "length";
  if (isLength(prev) && x.ts - prev!.te <= 3) return prev!.duration;
  if (isLength(next) && next!.ts - x.te <= 3) return next!.duration;
  const lengths = info.dates.filter((y) => isLength(y));
  const singles = info.dates.filter(
    (y) => y.kind === "dates" && y.elements.length === 1 && !y.elements[0]!.to,
  );
  return lengths.length === 1 && singles.length === 1 ? lengths[0]!.duration : undefined;
}

/**
 * How many days the sentence says its action lasts: a count ("20 further strike days") or a
 * length ("for 11 days"; "a 96-hour walkout" may touch five days).
 */
function statedCount(info: Info): number | undefined {
  for (const y of info.dates) {
    if (y.kind !== "duration" || y.duration!.months) continue;
    const n = y.duration!.minutes / 1440;
    if (y.duration!.form === "count") {
      if (Number.isInteger(n) && n >= 1) return n;
    } else if (n >= 1)
      return (
        Math.ceil(n) + (Number.isInteger(n) && y.duration!.minutes % 1440 === 0 && n >= 1 ? 1 : 0)
      );
  }
  return undefined;
}

function itemLine(info: Info, t: readonly Token[]): boolean {
  const s = info.sent;
  const first = info.dates[0];
  if (!first || first.kind !== "dates" || first.ts - s.ts > 2) return false;
  if (!(t[s.ts]!.nl || s.ts === 0)) return false;
  const after = t[first.te]?.w;
  return s.bullet || after === ":" || after === "–" || after === "-";
}

function negated(t: readonly Token[], ts: number, te: number): boolean {
  for (let i = ts; i < te; i++) {
    const w = t[i]!.w;
    if (w === "not" || w === "n't" || w === "nor" || w === "never") return true;
  }
  return false;
}

// ---- status ----------------------------------------------------------------------------

function articleOffStatus(infos: readonly Info[], t: readonly Token[]): StrikeStatus | undefined {
  const found = new Set<StrikeStatus>();
  for (const info of infos) {
    const s = info.sent;
    if ((info.flags & F_OFF) === 0) continue;
    const head = info.heads.find((h) => h.kind === "strike");
    if (!head) continue;
    const st = clauseStatus(t, s.ts, s.te, s.ts, s.te, head.i, false);
    if (st.off) found.add(st.off);
  }
  for (const s of ["suspended", "postponed", "cancelled"] as const) if (found.has(s)) return s;
  return undefined;
}

function statusOf(
  st: ClauseStatus,
  articleOff: StrikeStatus | undefined,
  firstDay: IsoDay,
  published: IsoDay,
): StrikeStatus {
  if (st.off) return st.off;
  if (st.formerPlan && articleOff && !st.threatened) return articleOff;
  if (st.abandonedPlan && !st.threatened) return "cancelled";
  if (st.threatened) return "threatened";
  return firstDay <= published ? "held" : "planned";
}

// ---- unions ----------------------------------------------------------------------------

interface Owners {
  unions: string[];
  via: Via;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** The unions of a strike frame, from its own clause outwards through the discourse. */
function ownersOf(
  info: Info,
  k: number,
  x: DateExpr,
  clause: [number, number],
  head: EventHead,
  infos: readonly Info[],
  t: readonly Token[],
  named: ReadonlySet<string>,
  articleUnions: ReadonlySet<string>,
  linked: ReadonlyMap<string, string>,
): Owners {
  const s = info.sent;
  const ms = info.mentions.filter((m) => !m.bracketed);
  // 1. Named in the clause before the date (after any reporting verb: "X said Y will strike").
  let from = clause[0];
  for (let i = clause[0]; i < x.ts; i++) {
    if (
      (t[i]!.w === "said" ||
        t[i]!.w === "says" ||
        t[i]!.w === "announced" ||
        t[i]!.w === "confirmed") &&
      ms.some((m) => m.ts > i && m.te <= x.ts)
    )
      from = i + 1;
  }
  let own = ms.filter((m) => m.ts >= from && m.te <= x.ts);
  // "GMB members held a strike … while Unite is planning": the clause's own union wins.
  if (own.length) {
    const extra = coAgents(info, t, x.te, clause[1]);
    return {
      unions: unique([...own.map((m) => m.union), ...extra, ...asides(info, t, x.te)]),
      via: "named",
    };
  }
  // 2. The agent after the date: "by the RCM", "by members of Unison".
  const agent = ms.find((m) => m.ts >= x.te && m.ts - x.te <= 6 && agentBefore(t, x.te, m.ts));
  if (agent)
    return { unions: unique([agent.union, ...coAgents(info, t, x.te, s.te)]), via: "agent" };
  // Named earlier in the sentence before the clause (a list under its header, "RCN nurses, who …").
  own = ms.filter((m) => m.te <= x.ts && m.ts >= s.ts && !blockedBy(t, m.te, x.ts));
  if (own.length)
    return {
      unions: unique([
        own.at(-1)!.union,
        ...coAgents(info, t, x.te, s.te),
        ...asides(info, t, x.te),
      ]),
      via: "named",
    };
  const co = coAgents(info, t, x.te, s.te);
  // 3. The source after the clause: "…, the GMB has confirmed", "according to Unite".
  const source = ms.find((m) => m.ts >= x.te && sourceAround(t, m.ts, m.te, s.te));
  if (source) return { unions: unique([source.union, ...co]), via: "source" };
  if (co.length) return { unions: co, via: "named" };
  // 4. Anaphora: "it", "they", "the union", "its members" → the union last named before.
  const hasAnaphor = anaphorBefore(t, clause[0], x.ts, head);
  if (hasAnaphor) {
    const u = lastUnionBefore(infos, k);
    if (u) return { unions: [u], via: "anaphor" };
  }
  const wf = info.workforce?.name;
  // 5. The workforce tied to a union elsewhere in the text ("radiographers" ↔ SoR).
  if (wf && linked.has(wf)) return { unions: [linked.get(wf)!], via: "workforce" };
  if (!info.contrast) {
    // 6. The previous sentence in the paragraph named its union; the heading over the section.
    const prev = infos[k - 1];
    // The sentence before (in the paragraph, or the line before when each line is one sentence).
    const prevLine = prev && (prev.sent.paragraph === s.paragraph || oneSentenceLine(infos, k - 1));
    if (prev && prevLine && !prev.heading && !info.isTitle && !prev.isTitle) {
      const pm = prev.mentions.filter((m) => !m.bracketed);
      if (
        pm.length &&
        !wfConflict(
          wf,
          pm.map((m) => m.union),
          linked,
        )
      )
        return { unions: unique(pm.map((m) => m.union)), via: "anaphor" };
    }
    const topic = headingTopic(infos, k);
    if (topic) return { unions: [topic], via: "topic" };
    // 7. Named in the next sentence as the one speaking of it: "The GMB said talks had collapsed."
    const next = infos[k + 1];
    if (next && next.sent.paragraph === s.paragraph) {
      const nm = next.mentions.filter((m) => !m.bracketed);
      if (nm.length === 1 && next.heads.some((h) => h.kind === "say"))
        return { unions: [nm[0]!.union], via: "next" };
    }
    // 8. The only union in the text.
    if (articleUnions.size === 1) {
      const [u] = articleUnions;
      if (!wfConflict(wf, [u!], linked) && !contrastBefore(infos, k))
        return { unions: [u!], via: "only" };
    }
  }
  void named;
  return { unions: [], via: "unknown" };
}

function oneSentenceLine(infos: readonly Info[], j: number): boolean {
  const p = infos[j]!.sent.paragraph;
  return infos[j - 1]?.sent.paragraph !== p && infos[j + 1]?.sent.paragraph !== p;
}

/**
 * The clause's workforce belongs to another union, or the union is tied to other workforces
 * ("Unite bus drivers … Junior doctors at the city hospital are also striking": not Unite's).
 */
function wfConflict(
  wf: string | undefined,
  unions: readonly string[],
  linked: ReadonlyMap<string, string>,
): boolean {
  if (!wf) return false;
  const tied = linked.get(wf);
  if (tied !== undefined) return !unions.includes(tied);
  for (const [w, u] of linked) if (unions.includes(u) && w !== wf) return true;
  return false;
}

function contrastBefore(infos: readonly Info[], k: number): boolean {
  for (let j = k; j >= 0 && j >= k - 12; j--) {
    if (infos[j]!.contrast) return true;
    if (infos[j]!.mentions.length) return false;
  }
  return false;
}

/** "by the RCM", "by members of Unison", "by RCN members". */
function agentBefore(t: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (t[i]!.w === "by") return true;
  return false;
}

/** "…, the GMB has confirmed", "…, Unison said", "according to Unite". */
function sourceAround(t: readonly Token[], ts: number, te: number, se: number): boolean {
  if (t[ts - 1]?.w === "to" && t[ts - 2]?.w === "according") return true;
  if (t[ts - 2]?.w === "to" && t[ts - 3]?.w === "according" && t[ts - 1]?.w === "the") return true;
  const before = t[ts - 1]?.w === "the" ? t[ts - 2] : t[ts - 1];
  if (before?.w !== ",") return false;
  for (let i = te; i < Math.min(se, te + 3); i++) if (SAY_VERBS.has(t[i]!.w)) return true;
  return false;
}

/** "joined by members of Unison", "alongside the NASUWT", "together with the GMB", "with Unite also striking". */
function coAgents(info: Info, t: readonly Token[], from: number, to: number): string[] {
  const out: string[] = [];
  for (const m of info.mentions) {
    if (m.ts < from || m.ts >= to || m.bracketed) continue;
    for (let i = Math.max(from, m.ts - 4); i < m.ts; i++) {
      const w = t[i]!.w;
      if (
        (w === "joined" && t[i + 1]?.w === "by") ||
        w === "alongside" ||
        (w === "together" && t[i + 1]?.w === "with") ||
        (w === "as" && t[i + 1]?.w === "well" && t[i + 2]?.w === "as")
      ) {
        out.push(m.union);
        break;
      }
      if (
        w === "with" &&
        (t[m.te]?.w === "joining" || t[m.te + 1]?.w === "joining" || t[m.te]?.w === "also")
      ) {
        out.push(m.union);
        break;
      }
    }
  }
  return out;
}

/** "(same day as the planned Aslef strike)" right after a date: that union strikes then too. */
function asides(info: Info, t: readonly Token[], end: number): string[] {
  if (t[end]?.w !== "(") return [];
  let close = end + 1;
  while (close < info.sent.te && t[close]!.w !== ")") close++;
  const inside = info.mentions.filter((m) => m.bracketed && m.ts > end && m.ts < close);
  if (!inside.length) return [];
  for (let i = end + 1; i < close; i++)
    if (t[i]!.w === "strike" || t[i]!.w === "walkout" || t[i]!.w === "action")
      return inside.map((m) => m.union);
  return [];
}

/** A reporting verb or a new subject between a union and the date cuts the tie ("RCN said … but"). */
function blockedBy(t: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const w = t[i]!.w;
    if (w === "while" || w === "whereas" || w === "but" || w === ";" || w === "meanwhile")
      return true;
  }
  return false;
}

const BE = new Set(["is", "was", "will", "would", "has", "had", "'s"]);
const AFTER_EXPLETIVE_BE = new Set([
  "the",
  "a",
  "an",
  "expected",
  "understood",
  "thought",
  "likely",
  "unclear",
  "clear",
  "possible",
  "hoped",
  "feared",
  "believed",
  "reported",
  "said",
  "time",
]);
function expletive(t: readonly Token[], i: number): boolean {
  const b = t[i + 1]?.w ?? "";
  if (!BE.has(b)) return false;
  let k = i + 2;
  if (t[k]?.w === "be" || t[k]?.w === "been") k++;
  return AFTER_EXPLETIVE_BE.has(t[k]?.w ?? "");
}

function anaphorBefore(t: readonly Token[], cs: number, ds: number, head: EventHead): boolean {
  const end = Math.max(ds, head.i);
  for (let i = cs; i < end; i++) {
    const w = t[i]!.w;
    // "it will be the turn of …", "it is expected that …": no one in particular.
    if (w === "it" && expletive(t, i)) continue;
    if (ANAPHORS.has(w)) return true;
    if (w === "union" && (t[i - 1]?.w === "the" || t[i - 1]?.w === "its")) return true;
    if (
      w === "members" &&
      (t[i - 1]?.w === "union" || t[i - 1]?.w === "its" || t[i - 1]?.w === "their")
    )
      return true;
    if (w === "college" && t[i - 1]?.w === "the") return true;
  }
  return false;
}

/** "the strike", "the walkouts", "this action", "these stoppages" before the date. */
function definiteStrikeBefore(
  t: readonly Token[],
  cs: number,
  ds: number,
  heads: readonly EventHead[],
): boolean {
  for (const h of heads) {
    if (h.kind !== "strike" || h.i >= ds || h.start < cs) continue;
    const det = t[h.start - 1]?.w;
    if (
      det === "the" ||
      det === "this" ||
      det === "these" ||
      det === "those" ||
      det === "their" ||
      det === "its"
    )
      return true;
  }
  return false;
}

function lastUnionBefore(infos: readonly Info[], k: number): string | undefined {
  for (let j = k - 1; j >= 0 && j >= k - 12; j--) {
    const ms = infos[j]!.mentions.filter((m) => !m.bracketed);
    if (ms.length) return ms.at(-1)!.union;
  }
  return undefined;
}

/** The union of the section heading over sentence k (headings are looked for 40 sentences back). */
function headingTopic(infos: readonly Info[], k: number): string | undefined {
  for (let j = k - 1; j >= 0 && j >= k - 40; j--) {
    const h = infos[j]!;
    if (!h.heading) continue;
    const us = unique(h.mentions.map((m) => m.union));
    return us.length === 1 ? us[0] : undefined;
  }
  return undefined;
}

// ---- workforces and regions --------------------------------------------------------------

function findWorkforces(
  t: readonly Token[],
  ts: number,
  te: number,
): { name: string; sector: Sector; i: number }[] {
  return WORKFORCE_TRIE.scan(t, ts, te).map((h) => ({
    name: h.value.name,
    sector: h.value.sector,
    i: h.ts,
  }));
}

const WORKFORCE_TRIE = new PhraseTrie<{ name: string; sector: Sector }>();
for (const key of workforceIndex.keys()) WORKFORCE_TRIE.add(key, workforceIndex.get(key)!);
const REGION_TRIE = new PhraseTrie<{ name: string; nation: string }>();
for (const key of regionIndex.keys()) REGION_TRIE.add(key, regionIndex.get(key)!);

/** A workforce the text ties to one union ("radiographers in the SoR", "RCN nurses"). */
function linkWorkforces(infos: readonly Info[], _t: readonly Token[]): Map<string, string> {
  const ties = new Map<string, Set<string>>();
  for (const info of infos) {
    for (const w of info.workforces) {
      const near = info.mentions.filter((m) => !m.bracketed && Math.abs(m.ts - w.i) <= 6);
      for (const m of near) {
        const set = ties.get(w.name) ?? new Set<string>();
        set.add(m.union);
        ties.set(w.name, set);
      }
    }
  }
  const out = new Map<string, string>();
  for (const [w, us] of ties) if (us.size === 1) out.set(w, [...us][0]!);
  return out;
}

function workforceFor(info: Info, clause: [number, number]): Fact["workforce"] {
  const inClause = info.workforces.find((w) => w.i >= clause[0] && w.i < clause[1]);
  const w = inClause ?? info.workforce;
  return w ? { name: w.name, sector: w.sector } : undefined;
}

const ORG_HEADS = new Set([
  "association",
  "union",
  "society",
  "college",
  "federation",
  "government",
  "hospital",
  "trust",
  "institute",
  "alliance",
]);

function findRegions(
  t: readonly Token[],
  ts: number,
  te: number,
  mentions: readonly UnionMention[],
): { name: string; nation: string; i: number }[] {
  const out: { name: string; nation: string; i: number }[] = [];
  for (const h of REGION_TRIE.scan(t, ts, te)) {
    const i = h.ts;
    const tk = t[i]!;
    if (!tk.cap) continue;
    // Never inside a union's name ("British Medical Association", "Northern Ireland Public Service Alliance").
    if (mentions.some((m) => i >= m.ts && i < m.te)) continue;
    // "UK government", "British Airways": the employer's name, not the place of the action.
    const after = t[h.te];
    if (after && after.cap && ORG_HEADS.has(after.w) && h.value.nation === "UK") continue;
    if (after && (after.w === "government" || after.w === "ministers") && h.value.nation === "UK")
      continue;
    out.push({ name: h.value.name, nation: h.value.nation, i });
  }
  return out;
}

/**
 * The places of one date: those of the clause's subject (before its first date), else those
 * nearest the date ("on 9 October in Scotland and on 16 October in Northern Ireland"), else the
 * sentence's, else the title's and first paragraph's when the text has paragraphs.
 */
function regionsFor(
  info: Info,
  clause: [number, number],
  x: DateExpr,
  fallback: readonly string[],
  t: readonly Token[],
): string[] {
  // A semicolon or "but"/"while" starts another action's clause; a dash only sets off an aside.
  const hardBreak = (c: number) => t[c - 1]?.w === ";" || HARD_BREAKS.has(t[c]?.w ?? "");
  const inClause = info.regions.filter((r) => r.i >= clause[0] && r.i < clause[1]);
  const dates = info.dates.filter(
    (y) => y.kind === "dates" && y.ts >= clause[0] && y.ts < clause[1],
  );
  const firstDate = dates[0]?.ts ?? x.ts;
  // The subject's places: before the sentence's first date, also across a dashed aside ("PCS
  // members at Welsh public bodies - including … - will strike on 1 February as part of wider
  // UK action" is a Welsh strike).
  const sentenceFirst = info.dates.find((y) => y.kind === "dates")?.ts ?? x.ts;
  const sameSentenceSubject = info.regions.filter(
    (r) => r.i < sentenceFirst && !info.starts.some((c) => c > r.i && c <= x.ts && hardBreak(c)),
  );
  const subject = inClause.filter((r) => r.i < firstDate);
  let chosen = subject.length ? subject : sameSentenceSubject;
  if (!chosen.length) {
    // Each place belongs to the date it follows (or, before any date, to the first).
    chosen = inClause.filter((r) => {
      let owner = dates[0];
      for (const y of dates) if (y.ts <= r.i) owner = y;
      return owner === x || (owner === undefined && dates.length === 0);
    });
  }
  if (!chosen.length && !dates.some((y) => y !== x)) chosen = inClause;
  if (!chosen.length) chosen = info.regions.filter((r) => r.i < clause[0]);
  if (!chosen.length) return [...fallback];
  return pickRegions(chosen.map((r) => ({ name: r.name, nation: r.nation })));
}

/** Places of the sentences next to a strike's, when they speak of it too (the line after: "The action covers crews in Wales"). */
function nearbyRegions(infos: readonly Info[], k: number): string[] | undefined {
  for (const j of [k + 1, k - 1]) {
    const n = infos[j];
    if (!n || !n.regions.length || n.sent.paragraph !== infos[k]!.sent.paragraph) continue;
    if (n.heads.some((h) => h.kind === "strike") && !n.dates.some((y) => y.kind === "dates"))
      return pickRegions(n.regions);
  }
  return undefined;
}

const HARD_BREAKS = new Set(["but", "while", "whereas", "although", "though", "whilst"]);

/** README rule 6: the nations the text gives, else the named areas. */
function pickRegions(rs: readonly { name: string; nation: string }[]): string[] {
  const nations = unique(rs.filter((r) => r.name === r.nation).map((r) => r.name));
  if (nations.length) return nations;
  return unique(rs.map((r) => r.name));
}

// ---- lists and days of action -----------------------------------------------------------

/** Unions listed (one a bullet, or after "are:") under a dated strike sentence. */
function addListedUnions(
  infos: readonly Info[],
  facts: Fact[],
  t: readonly Token[],
  text: string,
  unionsRegistry: Unions,
): void {
  for (let k = 0; k < infos.length; k++) {
    const h = infos[k]!;
    if (!h.sent.endsWithColon) continue;
    // The dated strike the header belongs to: its own, or the sentence before.
    const own = facts.filter((f) => f.info === h);
    const prevInfo = infos[k - 1];
    const before = own.length ? own : prevInfo ? facts.filter((f) => f.info === prevInfo) : [];
    const hasCue =
      h.heads.some((x) => x.kind === "strike") ||
      (prevInfo?.heads.some((x) => x.kind === "strike") ?? false);
    if (!before.length || !hasCue) continue;
    const days = unique(before.map((f) => f.day));
    const template = before[0]!;
    for (let j = k + 1; j < infos.length; j++) {
      const item = infos[j]!;
      if (!item.sent.bullet && item.sent.te - item.sent.ts > 8) break;
      if (item.dates.some((x) => x.kind === "dates")) break;
      let us = unique(item.mentions.map((m) => m.union));
      // A bullet that is only a name ("• Prospect") names that union, ordinary word or not.
      if (us.length === 0 && item.sent.bullet) {
        const name = unionsRegistry.resolve(text.slice(t[item.sent.ts + 1]!.s, item.sent.e).trim());
        if (name) us = [name.name];
      }
      if (us.length === 0) break;
      for (const union of us)
        for (const day of days)
          if (!facts.some((f) => f.union === union && f.day === day))
            facts.push({
              ...template,
              union,
              day,
              via: "list",
              info: item,
              workforce: item.workforce ?? template.workforce,
              regions: item.regions.length ? pickRegions(item.regions) : template.regions,
            });
    }
    // The header's own unknown record is now attributed.
    for (const f of before) if (f.union === "unknown") f.union = "__drop__";
  }
  for (let i = facts.length - 1; i >= 0; i--)
    if (facts[i]!.union === "__drop__") facts.splice(i, 1);
}

/** One date in the text, several unions named as striking without repeating it. */
function addDayOfAction(infos: readonly Info[], facts: Fact[]): void {
  const days = unique(facts.map((f) => f.day));
  if (days.length !== 1 || facts.length === 0) return;
  const template = facts[0]!;
  for (const info of infos) {
    if (!info.heads.some((h) => h.kind === "strike") || info.dates.some((x) => x.kind === "dates"))
      continue;
    for (const m of info.mentions) {
      if (m.bracketed || facts.some((f) => f.union === m.union)) continue;
      facts.push({ ...template, union: m.union, day: days[0]!, via: "day_of_action", info });
    }
  }
}

/** An unnamed mention of a day a named union strikes on, with no other workforce, is that union's strike. */
function dropShadowedUnknowns(facts: readonly Fact[]): Fact[] {
  const namedByDay = new Map<IsoDay, Fact[]>();
  for (const f of facts) {
    if (f.union === "unknown") continue;
    const list = namedByDay.get(f.day);
    if (list) list.push(f);
    else namedByDay.set(f.day, [f]);
  }
  return facts.filter((f) => {
    if (f.union !== "unknown") return true;
    const named = namedByDay.get(f.day);
    if (!named) return true;
    // A different workforce on the same day is a different strike.
    if (f.workforce && named.every((n) => n.workforce && n.workforce.name !== f.workforce!.name))
      return true;
    return false;
  });
}

// ---- output ----------------------------------------------------------------------------

function groupStrikes(
  facts: readonly Fact[],
  unions: Unions,
  linked: ReadonlyMap<string, string>,
  infos: readonly Info[],
  text: string,
): ExtractedStrike[] {
  // Regions merge across records for a union-day.
  const regionsByDay = new Map<string, Set<string>>();
  for (const f of facts) {
    const key = `${f.union}|${f.day}`;
    const set = regionsByDay.get(key) ?? new Set<string>();
    for (const r of f.regions) set.add(r);
    regionsByDay.set(key, set);
  }
  const workforceOf = new Map<string, string>();
  for (const [w, u] of linked) if (!workforceOf.has(u)) workforceOf.set(u, w);
  // A union no sentence ties a workforce to: the text's first workforce of its sector.
  const all = infos.flatMap((x) => x.workforces);
  const tried = new Set<string>();
  for (const f of facts) {
    if (workforceOf.has(f.union) || tried.has(f.union)) continue;
    tried.add(f.union);
    const sectors = unions.byCanonicalName(f.union)?.sectors ?? [];
    const w = all.find((x) => sectors.includes(x.sector));
    if (w) workforceOf.set(f.union, w.name);
  }
  const seen = new Set<string>();
  const groups = new Map<string, ExtractedStrike>();
  const groupSeen = new Map<ExtractedStrike, Set<string>>();
  for (const f of facts) {
    const dayKey = `${f.union}|${f.day}|${f.status}`;
    if (seen.has(dayKey)) continue;
    seen.add(dayKey);
    const info = unions.byCanonicalName(f.union);
    const workforceName = f.workforce?.name ?? workforceOf.get(f.union) ?? "";
    const sector: Sector = f.workforce?.sector ?? info?.sectors[0] ?? "other";
    const regions = pickRegions(
      [...(regionsByDay.get(`${f.union}|${f.day}`) ?? [])].map((name) => ({
        name,
        nation: nationOfName(name),
      })),
    );
    const key = [f.union, f.status, workforceName, regions.join(",")].join("|");
    const g = groups.get(key);
    if (g) {
      const seenHere = groupSeen.get(g)!;
      if (!seenHere.has(f.day)) {
        seenHere.add(f.day);
        g.dates.push(f.day);
      }
      if (!seenHere.has(f.whenText)) {
        seenHere.add(f.whenText);
        g.when_text += ` | ${f.whenText}`;
      }
      g.confidence = Math.min(g.confidence, CONFIDENCE[f.via]);
    } else {
      const made: ExtractedStrike = {
        union: f.union,
        workforce: workforceName,
        sector,
        regions,
        dates: [f.day],
        when_text: f.whenText,
        status: f.status,
        evidence: text.slice(f.info.sent.s, f.info.sent.e).slice(0, 300),
        confidence: CONFIDENCE[f.via],
      };
      groups.set(key, made);
      groupSeen.set(made, new Set([f.day, f.whenText]));
    }
  }
  const out = [...groups.values()];
  for (const g of out) g.dates.sort();
  return out;
}

const NATIONS = new Set(["England", "Wales", "Scotland", "Northern Ireland", "UK"]);
function nationOfName(name: string): string {
  return NATIONS.has(name) ? name : (regionIndex.get(name)?.nation ?? "");
}

const VAGUE_WORDS =
  /\b(?:later this (?:month|week|year)|next (?:month|week)|in the new year|imminently|in the coming (?:days|weeks|months)|(?:in|during|over) (?:January|February|March|April|May|June|July|August|September|October|November|December)|this (?:spring|summer|autumn|winter))\b/i;

/** Strikes announced or threatened without days ("walkouts later this month"). */
function undatedStrikes(
  infos: readonly Info[],
  dated: readonly Fact[],
  unions: Unions,
  text: string,
  linked: ReadonlyMap<string, string>,
): ExtractedStrike[] {
  const out = new Map<string, ExtractedStrike>();
  const workforceOf = new Map<string, string>();
  for (const [w, u] of linked) if (!workforceOf.has(u)) workforceOf.set(u, w);
  for (const info of infos) {
    if (!info.heads.some((h) => h.kind === "strike") || info.dates.some((x) => x.kind === "dates"))
      continue;
    const sentence = text.slice(info.sent.s, info.sent.e);
    const timing = VAGUE_WORDS.exec(sentence);
    if (!timing) continue;
    for (const m of info.mentions) {
      if (m.bracketed || dated.some((f) => f.union === m.union) || out.has(m.union)) continue;
      const u = unions.byCanonicalName(m.union);
      const threat = /\b(?:could|would|might|threat\w*|warn\w*|unless|possible|potential)\b/i.test(
        sentence,
      );
      out.set(m.union, {
        union: m.union,
        workforce: info.workforce?.name ?? workforceOf.get(m.union) ?? "",
        sector: info.workforce?.sector ?? u?.sectors[0] ?? "other",
        regions: pickRegions(info.regions),
        dates: [],
        when_text: timing[0],
        status: threat ? "threatened" : "planned",
        evidence: sentence.slice(0, 300),
        confidence: CONFIDENCE.named,
      });
    }
  }
  return [...out.values()];
}

// ---- stances ---------------------------------------------------------------------------

const ABOUT =
  /\b(?:(?:[A-Z][\w'’]*|one-off|lump[- ]sum|new|improved|latest|revised|fresh|final|below-inflation|non-consolidated|consolidated|pay|[\d.]+%|[\d.]+ per cent|£[\d,.]+|government['’]s)\s+){0,4}(?:offer|payment|deal|proposals?|award|rise|increase|settlement)\b/g;

function aboutOf(sentence: string): string {
  let best = "";
  for (const m of sentence.matchAll(ABOUT)) if (m[0].length > best.length) best = m[0];
  return best.replace(/^(?:The|A|An)\s+/, "");
}

function extractStances(
  infos: readonly Info[],
  text: string,
  t: readonly Token[],
  articleUnions: ReadonlySet<string>,
): ExtractedStance[] {
  const out = new Map<string, ExtractedStance>();
  infos.forEach((info, k) => {
    if ((info.flags & (F_STANCE | F_OFF)) === 0) return;
    const s = info.sent;
    const sentence = text.slice(s.s, s.e);
    const prev = k > 0 ? text.slice(infos[k - 1]!.sent.s, infos[k - 1]!.sent.e) : "";
    const cues = stanceCues(sentence, prev);
    if (cues.length === 0) return;
    for (const cue of cues) {
      const at = s.s + cue.start;
      const cueTok = tokenAt(t, s.ts, s.te, at);
      const owners = stanceOwners(info, cueTok, t);
      if (owners === undefined) continue; // the agent is the employer or a minister
      let unionsFor: string[] = owners;
      let via: Via = "named";
      if (unionsFor.length === 0) {
        // "The three unions have turned down …", "both unions": the unions named together last.
        const plural = pluralUnionsBefore(t, s.ts, cueTok);
        if (plural) {
          unionsFor = lastUnionGroup(infos, k, articleUnions);
          via = "anaphor";
        }
      }
      if (unionsFor.length === 0) {
        if (
          anaphorBefore(t, s.ts, cueTok, { i: cueTok, start: cueTok, kind: "other" }) ||
          definiteStrikeBefore(t, s.ts, cueTok, info.heads)
        ) {
          const u = lastUnionBefore(infos, k);
          unionsFor = u ? [u] : [];
          via = "anaphor";
        }
        if (unionsFor.length === 0) {
          const p = infos[k - 1];
          if (p && p.sent.paragraph === s.paragraph) {
            const pm = p.mentions.filter((m) => !m.bracketed);
            if (pm.length) {
              unionsFor = unique(pm.map((m) => m.union));
              via = "anaphor";
            }
          }
        }
        if (unionsFor.length === 0 && articleUnions.size === 1 && !contrastBefore(infos, k)) {
          unionsFor = [...articleUnions];
          via = "only";
        }
      }
      for (const union of unionsFor) {
        const key = `${union}|${cue.stance}`;
        if (out.has(key)) continue;
        out.set(key, {
          union,
          stance: cue.stance,
          about: aboutOf(sentence),
          evidence: sentence.slice(0, 300),
          confidence: CONFIDENCE[via],
        });
      }
    }
  });
  return [...out.values()];
}

/** "the unions", "the three unions", "both unions", "all four unions" before the cue. */
function pluralUnionsBefore(t: readonly Token[], ss: number, cue: number): boolean {
  for (let i = ss; i < cue; i++) {
    if (t[i]!.w !== "unions") continue;
    const p = t[i - 1]?.w ?? "";
    if (p === "the" || p === "both" || p === "all" || COUNT_WORDS_SMALL.has(p)) return true;
  }
  return false;
}
const COUNT_WORDS_SMALL = new Set(["two", "three", "four", "five", "six", "seven"]);

/** The unions of the last sentence naming more than one, else every union in the text. */
function lastUnionGroup(infos: readonly Info[], k: number, all: ReadonlySet<string>): string[] {
  for (let j = k; j >= 0 && j >= k - 12; j--) {
    const us = unique(infos[j]!.mentions.filter((m) => !m.bracketed).map((m) => m.union));
    if (us.length > 1) return us;
  }
  return all.size > 1 ? [...all] : [];
}

function tokenAt(t: readonly Token[], ts: number, te: number, at: number): number {
  for (let i = ts; i < te; i++) if (t[i]!.e > at) return i;
  return te - 1;
}

/**
 * The union taking a stance at token `cue`: the nearest named before it (with those listed
 * alongside), else the first after it ("rejected by Unison members"). Undefined when the
 * subject before the cue is an employer or a minister, not a union.
 */
const LIST_GLUE = new Set([",", "and", "&", "the", "(", ")", "in", "both"]);

function stanceOwners(info: Info, cue: number, t: readonly Token[]): string[] | undefined {
  const ms = info.mentions.filter((m) => !m.bracketed);
  const before = ms.filter((m) => m.te <= cue);
  const last = before.at(-1);
  // An employer or minister as the cue verb's subject ("the government rejected", "NHS
  // Employers said it had rejected") is the agent: the stance is not the union's.
  const from = Math.max(last ? last.te : info.sent.ts, cue - 4);
  for (let i = from; i < cue; i++) {
    const w = t[i]!.w;
    if (!EMPLOYER_WORDS.has(w) || w === "health" || w === "nhs") continue;
    const p = t[i - 1]?.w;
    if (p === "with" || p === "from" || p === "by" || p === "to" || p === "of" || p === "against")
      continue;
    return undefined;
  }
  if (last) {
    const group = [last.union];
    for (let j = before.length - 2; j >= 0; j--) {
      const a = before[j]!;
      const b = before[j + 1]!;
      // "Unite and the GMB", "the CSP in Wales and the RCM": a list of agents.
      const gap = t.slice(a.te, b.ts);
      if (gap.every((x) => LIST_GLUE.has(x.w) || x.cap)) group.push(a.union);
      else break;
    }
    return unique(group);
  }
  // After the cue: "rejected by Unison members", "declared at Unite and Unison".
  const k0 = ms.findIndex((m) => m.ts >= cue);
  if (k0 < 0) return [];
  const group = [ms[k0]!.union];
  for (let j = k0 + 1; j < ms.length; j++) {
    const gap = t.slice(ms[j - 1]!.te, ms[j]!.ts);
    if (gap.every((x) => LIST_GLUE.has(x.w))) group.push(ms[j]!.union);
    else break;
  }
  return unique(group);
}
