import type { IsoDay } from "../domain/calendar.ts";
import { sourceTime, type StrikeFact } from "../domain/facts.ts";
import type { StrikeStatus } from "../domain/vocabulary.ts";
import type { StrikeChange } from "./event-store.ts";
import { EventLog } from "./event-log.ts";
import { planStrikeMerge, type ActionSnapshot, type MergeMode, type MergePlan } from "./merge.ts";
import { indexedRegions } from "./region-index.ts";
import { placeholders, type SqlDriver } from "./sql-driver.ts";
import { iso, toDate } from "./sql-rows.ts";
import { findSource, upsertSource } from "./sources.ts";
import { actionIdsOnDays, actionRows, undatedActionIds } from "./strike-queries.ts";

// Recording one strike fact: read the candidate actions, ask the pure merge planner what
// changes, apply the plan to the current view and log each change. The caller runs this inside
// one transaction holding the union's lock.

/** What every step of one write shares. */
interface Write {
  tx: SqlDriver;
  fact: StrikeFact;
  sourceId: number;
  asOf: Date;
  now: Date;
  log: EventLog;
}

type UpdatePlan = Extract<MergePlan, { kind: "update" }>;

export async function recordStrike(
  tx: SqlDriver,
  now: Date,
  fact: StrikeFact,
  mode: MergeMode,
): Promise<StrikeChange> {
  const asOf = sourceTime(fact.source);
  // A source not yet recorded is cited by no action (-1 matches none).
  const known = await findSource(tx, fact.source);
  const plan = planStrikeMerge(await loadCandidates(tx, fact), fact, known ?? -1, asOf, mode);
  if (plan.kind === "no_match") return nothingChanged("no_match", null);
  if (plan.kind === "unchanged") return nothingChanged("unchanged", plan.actionId);
  const sourceId = await upsertSource(tx, fact.source);
  const w: Write = {
    tx,
    fact,
    sourceId,
    asOf,
    now,
    log: new EventLog(tx, now, asOf, fact.union, sourceId),
  };
  return plan.kind === "create" ? createAction(w) : updateAction(w, plan);
}

function nothingChanged(outcome: "no_match" | "unchanged", actionId: number | null): StrikeChange {
  return { outcome, actionId, addedDays: [], statusChanges: [], events: [] };
}

async function createAction(w: Write): Promise<StrikeChange> {
  const { tx, fact, asOf, now } = w;
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO actions (union_name, workforce, sector, employer, regions, status, status_as_of,
       confidence, created_at, updated_at, undated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      fact.union,
      fact.workforce,
      fact.sector,
      fact.employer ?? null,
      JSON.stringify(fact.regions),
      fact.status,
      iso(asOf),
      fact.confidence,
      iso(now),
      iso(now),
      fact.days.length === 0 ? 1 : 0,
    ],
  );
  const actionId = row!.id;
  await insertRegions(tx, actionId, fact.regions);
  await insertDays(w, actionId, fact.days);
  await linkSource(w, actionId);
  await w.log.append("strike.announced", actionId, {
    workforce: fact.workforce,
    sector: fact.sector,
    employer: fact.employer ?? null,
    regions: fact.regions,
    days: fact.days,
    status: fact.status,
    whenText: fact.whenText ?? null,
    evidence: fact.evidence ?? null,
  });
  return {
    outcome: "created",
    actionId,
    addedDays: [...fact.days],
    statusChanges: [],
    events: w.log.events,
  };
}

async function updateAction(w: Write, plan: UpdatePlan): Promise<StrikeChange> {
  const id = plan.actionId;
  await addDays(w, plan);
  await changeStatuses(w, plan);
  await fillDetails(w, plan);
  if (plan.addSource) {
    await linkSource(w, id);
    if (w.log.events.length === 0)
      await w.log.append("strike.source_added", id, { evidence: w.fact.evidence ?? null });
  }
  await touchAction(w, plan);
  return {
    outcome: "updated",
    actionId: id,
    addedDays: plan.addDays,
    statusChanges: plan.changeDays,
    events: w.log.events,
  };
}

async function addDays(w: Write, plan: UpdatePlan): Promise<void> {
  if (plan.addDays.length === 0) return;
  await insertDays(w, plan.actionId, plan.addDays);
  await w.log.append("strike.days_added", plan.actionId, {
    days: plan.addDays,
    status: w.fact.status,
  });
}

async function changeStatuses(w: Write, plan: UpdatePlan): Promise<void> {
  for (const c of plan.changeDays) {
    await w.tx.query(
      `UPDATE action_days SET status = ?, as_of = ?, source_id = ? WHERE action_id = ? AND day = ?`,
      [c.to, iso(w.asOf), w.sourceId, plan.actionId, c.day],
    );
  }
  // An undated fact ("the strike is off") changes the action's status without touching days.
  if (plan.changeDays.length > 0 || (plan.status && w.fact.days.length === 0)) {
    await w.log.append("strike.status_changed", plan.actionId, {
      changes: plan.changeDays,
      status: w.fact.status,
      evidence: w.fact.evidence ?? null,
    });
  }
}

/** New regions, and a workforce or employer the action did not know yet. */
async function fillDetails(w: Write, plan: UpdatePlan): Promise<void> {
  if (plan.addRegions.length === 0 && !plan.fillWorkforce && !plan.fillEmployer) return;
  const id = plan.actionId;
  const [current] = await w.tx.query<{ regions: string }>(
    `SELECT regions FROM actions WHERE id = ?`,
    [id],
  );
  const regions = [...(JSON.parse(current!.regions) as string[]), ...plan.addRegions];
  await w.tx.query(
    `UPDATE actions SET regions = ?, workforce = COALESCE(?, workforce), employer = COALESCE(?, employer)
     WHERE id = ?`,
    [JSON.stringify(regions), plan.fillWorkforce, plan.fillEmployer, id],
  );
  await insertRegions(w.tx, id, plan.addRegions);
  await w.log.append("strike.details_changed", id, {
    addedRegions: plan.addRegions,
    workforce: plan.fillWorkforce,
    employer: plan.fillEmployer,
  });
}

/** The action's time, its best confidence so far, and its overall status. */
async function touchAction(w: Write, plan: UpdatePlan): Promise<void> {
  await w.tx.query(
    `UPDATE actions SET updated_at = ?, confidence = CASE WHEN confidence > ? THEN confidence ELSE ? END
     WHERE id = ?`,
    [iso(w.now), w.fact.confidence, w.fact.confidence, plan.actionId],
  );
  if (plan.status) {
    await w.tx.query(`UPDATE actions SET status = ?, status_as_of = ? WHERE id = ?`, [
      plan.status,
      iso(w.asOf),
      plan.actionId,
    ]);
  }
}

async function linkSource(w: Write, actionId: number): Promise<void> {
  await w.tx.query(`INSERT INTO action_sources (action_id, source_id, added_at) VALUES (?, ?, ?)`, [
    actionId,
    w.sourceId,
    iso(w.now),
  ]);
}

/** Adds days to an action (which is then no longer undated, if it was). */
async function insertDays(w: Write, actionId: number, days: readonly IsoDay[]): Promise<void> {
  if (days.length === 0) return;
  await w.tx.query(`UPDATE actions SET undated = 0 WHERE id = ? AND undated = 1`, [actionId]);
  for (const day of days) {
    await w.tx.query(
      `INSERT INTO action_days (action_id, day, status, as_of, source_id, union_name) VALUES (?, ?, ?, ?, ?, ?)`,
      [actionId, day, w.fact.status, iso(w.asOf), w.sourceId, w.fact.union],
    );
  }
}

async function insertRegions(
  tx: SqlDriver,
  actionId: number,
  regions: readonly string[],
): Promise<void> {
  for (const region of indexedRegions(regions)) {
    await tx.query(
      `INSERT INTO action_regions (action_id, region) VALUES (?, ?) ON CONFLICT (action_id, region) DO NOTHING`,
      [actionId, region],
    );
  }
}

/**
 * The union's actions the fact could belong to: undated ones, and any sharing one of its days,
 * found through the union's day index (the days named), not by reading every action it has.
 */
async function loadCandidates(tx: SqlDriver, fact: StrikeFact): Promise<ActionSnapshot[]> {
  const dated = fact.days.length ? await actionIdsOnDays(tx, fact.union, fact.days) : [];
  const ids = [...new Set([...dated, ...(await undatedActionIds(tx, fact.union))])].sort(
    (x, y) => x - y,
  );
  if (ids.length === 0) return [];
  const rows = await actionRows(tx, ids);
  const days = new Map<number, Map<string, { status: StrikeStatus; asOf: Date }>>();
  const sources = new Map<number, Set<number>>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const dayRows = await tx.query<{
      action_id: number;
      day: string;
      status: StrikeStatus;
      as_of: string | Date;
    }>(
      `SELECT action_id, day, status, as_of FROM action_days WHERE action_id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const d of dayRows) {
      let m = days.get(d.action_id);
      if (!m) days.set(d.action_id, (m = new Map()));
      m.set(d.day, { status: d.status, asOf: toDate(d.as_of) });
    }
    const sourceRows = await tx.query<{ action_id: number; source_id: number }>(
      `SELECT action_id, source_id FROM action_sources WHERE action_id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const r of sourceRows) {
      let set = sources.get(r.action_id);
      if (!set) sources.set(r.action_id, (set = new Set()));
      set.add(r.source_id);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    union: r.union_name,
    workforce: r.workforce,
    employer: r.employer,
    regions: JSON.parse(r.regions) as string[],
    status: r.status,
    statusAsOf: toDate(r.status_as_of),
    days: days.get(r.id) ?? new Map(),
    sourceIds: sources.get(r.id) ?? new Set(),
  }));
}
