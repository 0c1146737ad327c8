import { createHash } from "node:crypto";
import type { Clock } from "../clock.ts";
import { dayInZone, formatDayList } from "../domain/calendar.ts";
import type { Source, StanceFact, StrikeFact } from "../domain/facts.ts";
import { cleanOutsideText } from "../domain/outside-text.ts";
import type { StanceKind } from "../domain/vocabulary.ts";
import { noMetrics, type Metrics } from "../metrics.ts";
import type { Logger } from "../logger.ts";
import { describeStance } from "../query/stance-words.ts";
import type { EventStore } from "../store/event-store.ts";
import type { ArticleInput, Extraction } from "./extract/types.ts";
import { implausibleDays, type PlausibilityLimits } from "./plausibility.ts";

export interface IngestDeps {
  store: EventStore;
  extract: (a: ArticleInput) => Extraction;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** Facts read with less confidence than this wait for staff review. */
  reviewBelow: number;
  /** Readings outside these (a 1,000-day strike, a date years away) wait for review too. */
  plausibility?: PlausibilityLimits;
  /** Counts facts found and held (unset: not counted). */
  metrics?: Metrics;
}

export interface ArticleToIngest {
  url: string;
  title: string;
  text: string;
  published: Date;
}

export interface IngestReport {
  relevant: boolean;
  /** One line per change, for `strikewatch ingest` and the logs. */
  lines: string[];
  changes: number;
  held: number;
}

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex").slice(0, 20);

/** A fact as stored in the review queue (dates as ISO strings) and back. */
export function strikeFactToJson(f: StrikeFact): Record<string, unknown> {
  return { ...f, source: sourceToJson(f.source) };
}
export function stanceFactToJson(f: StanceFact): Record<string, unknown> {
  return { ...f, source: sourceToJson(f.source) };
}
function sourceToJson(s: Source): Record<string, unknown> {
  return s.kind === "article"
    ? { ...s, published: s.published.toISOString() }
    : { ...s, posted: s.posted.toISOString() };
}
export function factFromJson<T extends StrikeFact | StanceFact>(
  stored: Record<string, unknown>,
): T {
  // Why it was held is for the reviewer, not part of the fact.
  const json = { ...stored };
  delete json.heldBecause;
  const source = json.source as Record<string, unknown>;
  const revived =
    source.kind === "article"
      ? { ...source, published: new Date(String(source.published)) }
      : { ...source, posted: new Date(String(source.posted)) };
  return { ...json, source: revived } as unknown as T;
}

function describeStrike(
  f: Pick<StrikeFact, "union" | "workforce" | "regions" | "days" | "status">,
): string {
  const who = [f.union, f.workforce].filter(Boolean).join(" ");
  const where = f.regions.length ? ` (${f.regions.join(", ")})` : "";
  const when = f.days.length ? ` on ${formatDayList(f.days)}` : ", no dates yet";
  return `${who}${where} ${f.status}${when}`;
}

/**
 * Reads one article and merges what it says into the store through the core's merge rules,
 * citing the article. Readings below the review threshold are queued for staff instead.
 */
export async function ingestArticle(
  deps: IngestDeps,
  input: ArticleToIngest,
): Promise<IngestReport> {
  // Feeds, fetched pages and article files all come in here: cleaned once, before extraction.
  const article = {
    ...input,
    url: cleanOutsideText(input.url),
    title: cleanOutsideText(input.title),
    text: cleanOutsideText(input.text),
  };
  const published = dayInZone(article.published, deps.timeZone);
  const found = deps.extract({ title: article.title, text: article.text, published });
  const report: IngestReport = { relevant: found.relevant, lines: [], changes: 0, held: 0 };
  if (!found.relevant) return report;
  const source: Source = {
    kind: "article",
    url: article.url,
    title: article.title || article.url,
    published: article.published,
  };
  const now = deps.clock.now();

  for (const s of found.strikes) {
    const fact: StrikeFact = {
      union: s.union,
      workforce: s.workforce,
      sector: s.sector,
      regions: s.regions,
      days: s.dates,
      status: s.status,
      source,
      confidence: s.confidence,
      whenText: s.when_text,
      evidence: s.evidence,
    };
    const implausible = implausibleDays(
      s.dates,
      { published, today: dayInZone(now, deps.timeZone) },
      deps.plausibility,
    );
    if (s.confidence < deps.reviewBelow || s.union === "unknown" || implausible) {
      const id = await deps.store.review.hold(
        {
          kind: "strike",
          union: s.union,
          fact: {
            ...strikeFactToJson(fact),
            ...(implausible ? { heldBecause: implausible } : {}),
          },
          // By what was read, not where: the same story under a new link is not queued again.
          factKey: sha1(
            `strike|${s.union}|${s.workforce}|${s.status}|${s.dates.join(",")}|${s.evidence}`,
          ),
          confidence: s.confidence,
        },
        now,
      );
      if (id !== null) {
        report.held++;
        report.lines.push(
          `Held for review (#${id}): ${describeStrike(fact)}${implausible ? ` (${implausible})` : ""}`,
        );
      }
      continue;
    }
    const change = await deps.store.recordStrike(fact);
    if (change.outcome === "created") report.lines.push(`Added: ${describeStrike(fact)}`);
    else if (change.outcome === "updated") {
      const parts = [
        ...(change.addedDays.length ? [`added ${formatDayList(change.addedDays)}`] : []),
        ...change.statusChanges.map((c) => `${formatDayList([c.day])} now ${c.to} (was ${c.from})`),
      ];
      report.lines.push(
        `Updated: ${s.union} ${s.workforce}`.trimEnd() +
          (parts.length ? `: ${parts.join("; ")}` : " (new source)"),
      );
    }
    if (change.outcome === "created" || change.outcome === "updated") report.changes++;
  }

  for (const s of found.stances) {
    const fact: StanceFact = {
      union: s.union,
      stance: s.stance as StanceKind,
      about: s.about,
      source,
      evidence: s.evidence,
    };
    if (s.confidence < deps.reviewBelow) {
      const id = await deps.store.review.hold(
        {
          kind: "stance",
          union: s.union,
          fact: stanceFactToJson(fact),
          factKey: sha1(`stance|${s.union}|${s.stance}|${s.about}|${s.evidence}`),
          confidence: s.confidence,
        },
        now,
      );
      if (id !== null) {
        report.held++;
        report.lines.push(
          `Held for review (#${id}): ${describeStance(s.union, fact.stance, s.about)}`,
        );
      }
      continue;
    }
    const change = await deps.store.recordStance(fact);
    if (change.outcome === "recorded") {
      report.changes++;
      report.lines.push(`Stance: ${describeStance(s.union, fact.stance, s.about)}`);
    }
  }
  const { extracted } = deps.metrics ?? noMetrics;
  extracted.inc({ kind: "strike", fate: "found" }, found.strikes.length);
  extracted.inc({ kind: "stance", fate: "found" }, found.stances.length);
  extracted.inc({ kind: "any", fate: "held_for_review" }, report.held);
  if (report.lines.length)
    deps.logger.info({ url: article.url, lines: report.lines }, "article ingested");
  return report;
}
