import { normalizePhrase, splitWords } from "../../domain/phrase-index.ts";
import { regionIndex } from "../../domain/regions.ts";
import type { Unions } from "../../domain/unions.ts";
import { workforces as workforceIndex } from "../../domain/workforces.ts";
import type { IsoDay } from "../../domain/calendar.ts";
import type { Sector, StanceKind, StrikeStatus } from "../../domain/vocabulary.ts";
import {
  findDayExpressions,
  findDuration,
  pairRanges,
  type DayExpression,
} from "./day-expressions.ts";
import { splitSentences, type Sentence } from "./sentences.ts";
import { stanceCues } from "./stance-cues.ts";
import {
  articleOffStatus,
  deniesStrike,
  isThreat,
  mentionsNonStrikeAction,
  offStatus,
  speaksOfFormerPlan,
  statedDayCount,
  otherEventBefore,
  strikeCues,
  strikeGoverns,
} from "./strike-cues.ts";
import { createArticleReader } from "./read-article.ts";
import type { ArticleInput, Extraction, ExtractedStance, ExtractedStrike } from "./types.ts";
import { UnionMatcher, type UnionMention } from "./union-mentions.ts";

/** How a strike day was tied to its union; the weaker the tie, the lower the confidence. */
type Attribution =
  "named" | "list" | "continued" | "anaphor" | "only_union" | "day_of_action" | "unknown";
const CONFIDENCE: Record<Attribution, number> = {
  named: 0.9,
  list: 0.85,
  continued: 0.8,
  day_of_action: 0.75,
  anaphor: 0.75,
  only_union: 0.7,
  unknown: 0.6,
};

interface Analysed extends Sentence {
  mentions: UnionMention[];
  workforce: { name: string; sector: Sector } | undefined;
  regions: string[];
  exprs: DayExpression[];
  hasCue: boolean;
}

interface DayFact {
  union: string;
  day: IsoDay;
  status: StrikeStatus;
  sentence: Analysed;
  via: Attribution;
  whenText: string;
}

const ANAPHOR = /\b(?:the union(?:'s|’s)?|its members|union members|the union has|the college)\b/i;
const CLAUSE_BREAK =
  /;|\bwhile\b|\bwhereas\b|\bbut\b|\bafter\b|\bbefore\b|\bthan\b|\bsame day as\b/gi;

/**
 * Reads one article the way a careful editor would: which unions strike on which calendar days
 * (with status), and which stances unions take. Pure: same input, same output. This is the
 * reader on `src/language/` (read-article.ts); the rule-list extractor below it is kept only
 * to be measured against (`npm run eval -- --old`) until it is removed.
 */
export function createExtractor(unions: Unions): (article: ArticleInput) => Extraction {
  return createArticleReader(unions);
}

export function createLegacyExtractor(unions: Unions): (article: ArticleInput) => Extraction {
  const matcher = new UnionMatcher(unions);
  return (article) => extractArticle(article, matcher, unions);
}

function extractArticle(article: ArticleInput, matcher: UnionMatcher, unions: Unions): Extraction {
  const raw = splitSentences(article.title, article.text);
  const named = new Set(raw.flatMap((s) => matcher.find(s.text).map((m) => m.union)));
  const sentences: Analysed[] = raw.map((s) => {
    const words = splitWords(s.text);
    const norm = words.map(normalizePhrase);
    return {
      ...s,
      mentions: matcher.find(s.text, named),
      workforce: workforceIndex.scanNormalized(norm)[0]?.value,
      regions: regionsIn(words, norm),
      exprs: /\d|day\b|today|tomorrow|yesterday|tonight/i.test(s.text)
        ? findDayExpressions(s.text, article.published)
        : [],
      hasCue: strikeCues(s.text).length > 0,
    };
  });
  const articleUnions = new Set(sentences.flatMap((s) => s.mentions.map((m) => m.union)));
  const linkedWorkforces = new Map<string, Set<string>>();
  for (const s of sentences) {
    if (!s.workforce) continue;
    for (const m of s.mentions) {
      const set = linkedWorkforces.get(m.union) ?? new Set<string>();
      set.add(s.workforce.name);
      linkedWorkforces.set(m.union, set);
    }
  }
  const articleOff = articleOffStatus(sentences.map((s) => s.text));
  const titleRegions = sentences
    .filter((s) => s.isTitle || s.paragraph <= 1)
    .flatMap((s) => s.regions);

  const lastUnionBefore = (i: number): string | undefined => {
    for (let k = i - 1; k >= 0; k--) {
      const ms = sentences[k]!.mentions.filter((m) => !m.parenthetical);
      if (ms.length) return ms.at(-1)!.union;
    }
    return undefined;
  };
  const onlyUnion = (s: Analysed): string | undefined => {
    if (articleUnions.size !== 1) return undefined;
    const [u] = articleUnions;
    const linked = linkedWorkforces.get(u!);
    if (s.workforce && linked && linked.size > 0 && !linked.has(s.workforce.name)) return undefined;
    return u;
  };
  const fallbackOwners = (i: number): { unions: string[]; via: Attribution } => {
    const s = sentences[i]!;
    const prev = sentences[i - 1];
    if (prev && prev.paragraph === s.paragraph && !s.isTitle) {
      const ms = prev.mentions.filter((m) => !m.parenthetical);
      if (ms.length) return { unions: unique(ms.map((m) => m.union)), via: "continued" };
    }
    if (ANAPHOR.test(s.text)) {
      const u = lastUnionBefore(i);
      if (u) return { unions: [u], via: "anaphor" };
    }
    const only = onlyUnion(s);
    if (only) return { unions: [only], via: "only_union" };
    return { unions: [], via: "unknown" };
  };

  // ---- strike days ----
  const facts: DayFact[] = [];
  let listHeader: number | undefined;
  sentences.forEach((s, i) => {
    if (s.introducesList) {
      const prev = sentences[i - 1];
      listHeader = s.hasCue || prev?.hasCue ? i : undefined;
      return;
    }
    const inList =
      listHeader !== undefined &&
      s.listItemCandidate &&
      s.exprs.length > 0 &&
      s.exprs[0]!.start < 30;
    if (!s.listItemCandidate) listHeader = undefined;
    if (s.exprs.length === 0 || deniesStrike(s.text)) return;

    const prev = sentences[i - 1];
    // A sentence that gives the dates of the strike the one before it spoke of ("Schools in
    // those areas are expected to shut on 22, 23, 24 February"), but not a dateline.
    const elaborates =
      !s.hasCue &&
      prev !== undefined &&
      prev.hasCue &&
      !prev.isTitle &&
      (prev.exprs.length === 0 || prev.paragraph === s.paragraph) &&
      !isDateline(s) &&
      !mentionsNonStrikeAction(s.text);
    if (!s.hasCue && !inList && !elaborates) return;

    const strikeExprs = inList
      ? [s.exprs[0]!]
      : elaborates
        ? s.exprs.filter((x) => !otherEventBefore(s.text, x.start))
        : s.exprs.filter((x) => strikeGoverns(s.text, x.start));
    if (strikeExprs.length === 0) return;
    const duration =
      findDuration(s.text) ??
      (prev ? findDuration(prev.text) : undefined) ??
      findDuration(sentences[0]!.text);
    const count = statedDayCount(s.text);
    const spans = pairRanges(strikeExprs, duration?.hours).filter(
      (sp) =>
        !(count !== undefined && sp.days.length > count) &&
        !(/\brolling\b/i.test(s.text) && sp.days.length > 7),
    );
    if (spans.length === 0) return;

    // Held: under way by publication, so a run that began on or before it is held throughout.
    const status = (firstDay: IsoDay): StrikeStatus => {
      const off = offStatus(s.text) ?? (speaksOfFormerPlan(s.text) ? articleOff : undefined);
      if (off) return off;
      if (isThreat(s.text)) return "threatened";
      return firstDay <= article.published ? "held" : "planned";
    };

    for (const span of spans) {
      let owners: { unions: string[]; via: Attribution };
      if (inList) {
        const header = sentences[listHeader!]!;
        const hm = header.mentions.filter((m) => !m.parenthetical).map((m) => m.union);
        const u = hm.length
          ? hm
          : [lastUnionBefore(listHeader!)].filter((x): x is string => Boolean(x));
        owners = u.length ? { unions: unique(u), via: "list" } : { unions: [], via: "unknown" };
      } else {
        owners = ownersOf(s, span.start) ?? fallbackOwners(i);
      }
      const asides = parentheticalAfter(s, span.end);
      const unionsForSpan = unique([...owners.unions, ...asides]);
      const via = unionsForSpan.length ? owners.via : "unknown";
      for (const union of unionsForSpan.length ? unionsForSpan : ["unknown"]) {
        const spanStatus = status(span.days[0]!);
        for (const day of span.days)
          facts.push({ union, day, status: spanStatus, sentence: s, via, whenText: span.text });
      }
    }
  });

  const kept = [...facts];

  // A day of action: one date, several unions named as striking without repeating it.
  const days = new Set(kept.map((f) => f.day));
  if (days.size === 1) {
    const [day] = days;
    const template = kept[0]!;
    for (const s of sentences) {
      if (!s.hasCue || s.exprs.length > 0 || deniesStrike(s.text)) continue;
      for (const m of s.mentions) {
        if (kept.some((f) => f.union === m.union)) continue;
        kept.push({
          union: m.union,
          day: day!,
          status: template.status,
          sentence: s,
          via: "day_of_action",
          whenText: template.whenText,
        });
      }
    }
  }
  // An unnamed mention of a day some named union strikes on is that union's strike, not another.
  const namedDays = new Set(kept.filter((f) => f.union !== "unknown").map((f) => f.day));
  const attributed = dedupeFacts(
    kept.filter((f) => f.union !== "unknown" || !namedDays.has(f.day)),
  );

  // A union's workforce, when no sentence ties one to it: the article's first of its sector.
  const workforceOf = new Map(linkedWorkforces);
  for (const u of articleUnions) {
    if (workforceOf.has(u)) continue;
    const sectors = unions.byCanonicalName(u)?.sectors ?? [];
    const w = sentences.find((s) => s.workforce && sectors.includes(s.workforce.sector))?.workforce;
    if (w) workforceOf.set(u, new Set([w.name]));
  }
  const strikes = [
    ...groupStrikes(attributed, unions, workforceOf, titleRegions),
    ...undatedStrikes(sentences, attributed, unions, workforceOf, titleRegions),
  ];
  const stances = extractStances(sentences, lastUnionBefore, fallbackOwners);
  return { relevant: strikes.length > 0 || stances.length > 0, strikes, stances };
}

/** "on 03 February 2023", "Ella Kipling January 17, 2023": a date with barely a sentence around it. */
function isDateline(s: Analysed): boolean {
  const rest = s.exprs.reduce((t, x) => t.replace(x.text, " "), s.text);
  return splitWords(rest).length <= 4;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function regionsIn(words: readonly string[], norm: readonly string[]): string[] {
  const out: string[] = [];
  for (const hit of regionIndex.scanNormalized(norm)) {
    if (/^[A-Z]/.test(words[hit.start]!) && !out.includes(hit.value.name)) out.push(hit.value.name);
  }
  return out;
}

/** Unions named before the date in its own clause, or as the agent after it ("set for 7 February by the RCM"). */
function ownersOf(s: Analysed, at: number): { unions: string[]; via: Attribution } | undefined {
  let clauseStart = 0;
  for (const m of s.text.slice(0, at).matchAll(CLAUSE_BREAK)) clauseStart = m.index + m[0].length;
  const before = s.mentions.filter(
    (m) => !m.parenthetical && m.end <= at && m.start >= clauseStart,
  );
  if (before.length) return { unions: unique(before.map((m) => m.union)), via: "named" };
  const agent = s.mentions.find(
    (m) =>
      m.start > at &&
      m.start - at < 60 &&
      /\bby\s+(?:the\s+)?(?:[A-Z][\w()]*\s+){0,1}$/.test(s.text.slice(at, m.start)),
  );
  if (agent) return { unions: [agent.union], via: "named" };
  return undefined;
}

/** "(same day as the planned Aslef train strike)" right after a date: that union strikes then too. */
function parentheticalAfter(s: Analysed, end: number): string[] {
  const open = s.text.indexOf("(", end);
  if (open < 0 || open - end > 3) return [];
  const close = s.text.indexOf(")", open);
  return s.mentions
    .filter((m) => m.parenthetical && m.start > open && (close < 0 || m.start < close))
    .map((m) => m.union);
}

function dedupeFacts(facts: readonly DayFact[]): DayFact[] {
  const seen = new Map<string, DayFact>();
  for (const f of facts) {
    const key = `${f.union}|${f.day}`;
    const had = seen.get(key);
    if (!had || CONFIDENCE[f.via] > CONFIDENCE[had.via]) seen.set(key, f);
  }
  return [...seen.values()];
}

function groupStrikes(
  facts: readonly DayFact[],
  unions: Unions,
  linkedWorkforces: Map<string, Set<string>>,
  titleRegions: readonly string[],
): ExtractedStrike[] {
  const groups = new Map<string, ExtractedStrike>();
  for (const f of facts) {
    const info = unions.byCanonicalName(f.union);
    const workforce = f.sentence.workforce ?? undefined;
    const linked = [...(linkedWorkforces.get(f.union) ?? [])][0];
    const workforceName = workforce?.name ?? linked ?? "";
    const sector: Sector = workforce?.sector ?? info?.sectors[0] ?? "other";
    const regions = f.sentence.regions.length ? f.sentence.regions : [...new Set(titleRegions)];
    const key = [f.union, f.status, workforceName, regions.join(",")].join("|");
    const g = groups.get(key);
    if (g) {
      if (!g.dates.includes(f.day)) g.dates.push(f.day);
      if (!g.when_text.split(" | ").includes(f.whenText)) g.when_text += ` | ${f.whenText}`;
      g.confidence = Math.min(g.confidence, CONFIDENCE[f.via]);
    } else {
      groups.set(key, {
        union: f.union,
        workforce: workforceName,
        sector,
        regions,
        dates: [f.day],
        when_text: f.whenText,
        status: f.status,
        evidence: f.sentence.text.slice(0, 300),
        confidence: CONFIDENCE[f.via],
      });
    }
  }
  for (const g of groups.values()) g.dates.sort();
  return [...groups.values()];
}

const ABOUT = new RegExp(
  String.raw`\b(?:(?:[A-Z][\w'’]*|one-off|lump[- ]sum|new|improved|latest|revised|fresh|final|below-inflation|non-consolidated|consolidated|pay|[\d.]+%|[\d.]+ per cent|£[\d,.]+|government['’]s)\s+){0,4}(?:offer|payment|deal|proposals?|award|rise|increase|settlement)\b`,
  "g",
);

/** What a stance is about: the longest offer-like noun phrase in the sentence ("one-off payment"). */
function aboutOf(sentence: string): string {
  let best = "";
  for (const m of sentence.matchAll(ABOUT)) if (m[0].length > best.length) best = m[0];
  return best.replace(/^(?:The|A|An)\s+/, "");
}

const VAGUE_TIMING =
  /\b(?:later this (?:month|week|year)|next (?:month|week)|in the new year|imminently|in the coming (?:days|weeks|months)|(?:in|during|over) (?:January|February|March|April|May|June|July|August|September|October|November|December)|this (?:spring|summer|autumn|winter))\b/i;

/**
 * Strikes announced or threatened without days ("walkouts later this month", "we will be
 * announcing further strike days imminently"): kept without dates so /disputes can show them.
 */
function undatedStrikes(
  sentences: readonly Analysed[],
  dated: readonly DayFact[],
  unions: Unions,
  linkedWorkforces: Map<string, Set<string>>,
  titleRegions: readonly string[],
): ExtractedStrike[] {
  const out = new Map<string, ExtractedStrike>();
  for (const s of sentences) {
    if (!s.hasCue || s.exprs.length > 0 || deniesStrike(s.text) || mentionsNonStrikeAction(s.text))
      continue;
    const timing = VAGUE_TIMING.exec(s.text);
    if (!timing) continue;
    for (const m of s.mentions) {
      if (m.parenthetical || dated.some((f) => f.union === m.union) || out.has(m.union)) continue;
      const info = unions.byCanonicalName(m.union);
      const status: StrikeStatus =
        offStatus(s.text) ??
        (isThreat(s.text) || /\bunless\b/i.test(s.text) ? "threatened" : "planned");
      out.set(m.union, {
        union: m.union,
        workforce: s.workforce?.name ?? [...(linkedWorkforces.get(m.union) ?? [])][0] ?? "",
        sector: s.workforce?.sector ?? info?.sectors[0] ?? "other",
        regions: s.regions.length ? s.regions : [...new Set(titleRegions)],
        dates: [],
        when_text: timing[0],
        status,
        evidence: s.text.slice(0, 300),
        confidence: CONFIDENCE.named,
      });
    }
  }
  return [...out.values()];
}

function extractStances(
  sentences: readonly Analysed[],
  lastUnionBefore: (i: number) => string | undefined,
  fallbackOwners: (i: number) => { unions: string[]; via: Attribution },
): ExtractedStance[] {
  const out = new Map<string, ExtractedStance>();
  sentences.forEach((s, i) => {
    const prev = sentences[i - 1]?.text ?? "";
    for (const cue of stanceCues(s.text, prev)) {
      let owners = stanceOwners(s, cue.start);
      let via: Attribution = "named";
      if (owners.length === 0) {
        if (/\b(?:it|its|the union)\b/i.test(s.text.slice(0, cue.start))) {
          const u = lastUnionBefore(i);
          owners = u ? [u] : [];
          via = "anaphor";
        }
        if (owners.length === 0) ({ unions: owners, via } = fallbackOwners(i));
      }
      for (const union of owners) {
        const key = `${union}|${cue.stance}`;
        if (out.has(key)) continue;
        out.set(key, {
          union,
          stance: cue.stance as StanceKind,
          about: aboutOf(s.text),
          evidence: s.text.slice(0, 300),
          confidence: CONFIDENCE[via],
        });
      }
    }
  });
  return [...out.values()];
}

/** The union doing the deciding: the nearest named before the cue (with those listed alongside it), else the first after. */
function stanceOwners(s: Analysed, at: number): string[] {
  const ms = s.mentions;
  const before = ms.filter((m) => m.end <= at && !m.parenthetical);
  const pick = (anchorIndex: number, direction: -1 | 1): string[] => {
    const chosen = [ms[anchorIndex]!];
    for (let k = anchorIndex + direction; k >= 0 && k < ms.length; k += direction) {
      const a = direction === -1 ? ms[k]! : chosen.at(-1)!;
      const b = direction === -1 ? chosen.at(-1)! : ms[k]!;
      const gap = s.text.slice(a.end, b.start);
      if (
        !/^(?:\s+in\s+[A-Z]\w+)?\s*(?:,|and|&|, and|;)\s+(?:the\s+)?$/.test(gap) &&
        !/^\s*\(\s*$/.test(gap)
      )
        break;
      chosen.push(ms[k]!);
    }
    return unique(chosen.map((m) => m.union));
  };
  if (before.length) return pick(ms.indexOf(before.at(-1)!), -1);
  const after = ms.findIndex((m) => m.start >= at && !m.parenthetical);
  return after >= 0 ? pick(after, 1) : [];
}
