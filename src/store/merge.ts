import type { IsoDay } from "../domain/calendar.ts";
import type { StrikeFact } from "../domain/facts.ts";
import { nationOf } from "../domain/regions.ts";
import type { StrikeStatus } from "../domain/vocabulary.ts";

/**
 * Sources one action (or one union's current stance) cites at most: past this, another
 * article saying the same is not linked or logged. Answers cite a few sources; a feed whose
 * links change on every poll would otherwise add a link and a log entry per poll for ever.
 */
export const MAX_SOURCES_PER_FACT = 20;

/** An action as the merge sees it: enough to decide, nothing more. */
export interface ActionSnapshot {
  id: number;
  union: string;
  workforce: string;
  employer: string | null;
  regions: string[];
  status: StrikeStatus;
  statusAsOf: Date;
  days: Map<IsoDay, { status: StrikeStatus; asOf: Date }>;
  sourceIds: Set<number>;
}

export interface DayChange {
  day: IsoDay;
  from: StrikeStatus;
  to: StrikeStatus;
}

export type MergePlan =
  | { kind: "unchanged"; actionId: number }
  | { kind: "no_match" }
  | { kind: "create" }
  | {
      kind: "update";
      actionId: number;
      addDays: IsoDay[];
      changeDays: DayChange[];
      addRegions: string[];
      fillWorkforce: string | null;
      fillEmployer: string | null;
      status: StrikeStatus | null;
      addSource: boolean;
    };

export type MergeMode = "upsert" | "update_only";

/**
 * Decides what a new fact does to the actions already known for its union: nothing (already
 * known from this source, or older news), new days or a new status on an existing action, a
 * new action, or — for updates such as a cancellation — that nothing matches.
 *
 * Same action = same union, compatible workforce (equal, or one side unknown), compatible
 * regions (overlapping nations, or one side unknown or UK-wide), and overlapping days (or a
 * dated fact for an action known only as threatened/undated).
 */
export function planStrikeMerge(
  candidates: readonly ActionSnapshot[],
  fact: StrikeFact,
  sourceId: number,
  asOf: Date,
  mode: MergeMode,
): MergePlan {
  const target = pickTarget(candidates, fact);
  if (!target) return mode === "update_only" ? { kind: "no_match" } : { kind: "create" };

  const addDays: IsoDay[] = [];
  const changeDays: DayChange[] = [];
  for (const day of fact.days) {
    const known = target.days.get(day);
    if (!known) {
      if (mode === "upsert") addDays.push(day);
    } else if (shouldChangeStatus(known, fact.status, asOf)) {
      changeDays.push({ day, from: known.status, to: fact.status });
    }
  }
  const regionSet = new Set(target.regions);
  const addRegions = mode === "upsert" ? fact.regions.filter((r) => !regionSet.has(r)) : [];
  const fillWorkforce = !target.workforce && fact.workforce ? fact.workforce : null;
  const fillEmployer = !target.employer && fact.employer ? fact.employer : null;
  const statusChanges =
    fact.days.length === 0 || addDays.length > 0 || changeDays.length > 0
      ? shouldChangeStatus({ status: target.status, asOf: target.statusAsOf }, fact.status, asOf)
      : false;
  const status = statusChanges ? fact.status : null;
  // Past MAX_SOURCES_PER_FACT citations a repeat report only counts if it changes something.
  const addSource = !target.sourceIds.has(sourceId) && target.sourceIds.size < MAX_SOURCES_PER_FACT;

  const anything =
    addDays.length > 0 ||
    changeDays.length > 0 ||
    addRegions.length > 0 ||
    fillWorkforce !== null ||
    fillEmployer !== null ||
    status !== null ||
    addSource;
  if (!anything) return { kind: "unchanged", actionId: target.id };
  return {
    kind: "update",
    actionId: target.id,
    addDays,
    changeDays,
    addRegions,
    fillWorkforce,
    fillEmployer,
    status,
    addSource,
  };
}

/**
 * Later news wins; older news never undoes it. A strike that has been held is not turned back
 * into a plan or a threat by an article that was written before it happened.
 */
export function shouldChangeStatus(
  known: { status: StrikeStatus; asOf: Date },
  incoming: StrikeStatus,
  asOf: Date,
): boolean {
  if (known.status === incoming) return false;
  if (asOf.getTime() < known.asOf.getTime()) return false;
  if (known.status === "held" && (incoming === "planned" || incoming === "threatened"))
    return false;
  return true;
}

function pickTarget(
  candidates: readonly ActionSnapshot[],
  fact: StrikeFact,
): ActionSnapshot | undefined {
  let best: { a: ActionSnapshot; score: number } | undefined;
  for (const a of candidates) {
    if (a.union.toLowerCase() !== fact.union.toLowerCase()) continue;
    if (!workforceCompatible(a.workforce, fact.workforce)) continue;
    if (!regionsCompatible(a.regions, fact.regions)) continue;
    const overlap = fact.days.filter((d) => a.days.has(d)).length;
    let score: number;
    if (overlap > 0) score = 100 + overlap;
    else if (fact.days.length === 0 && a.days.size === 0) score = 50;
    else if (fact.days.length > 0 && a.days.size === 0) score = 10;
    else continue;
    if (a.workforce && a.workforce === fact.workforce) score += 5;
    if (!best || score > best.score) best = { a, score };
  }
  return best?.a;
}

function workforceCompatible(a: string, b: string): boolean {
  return a === "" || b === "" || a === b;
}

function regionsCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const nations = (rs: readonly string[]) => new Set(rs.map((r) => nationOf(r) ?? r));
  const na = nations(a);
  const nb = nations(b);
  if (na.has("UK") || nb.has("UK")) return true;
  for (const n of na) if (nb.has(n)) return true;
  return false;
}
